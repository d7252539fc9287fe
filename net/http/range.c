/*
 * Range: bytes=... (RFC 9110 14.1-14.2), single ranges only. A server may
 * ignore Range, so every form it does not serve (multiple ranges, other
 * units, bad syntax) sends the whole file with 200, which every client
 * handles; only a well-formed range outside the file is a 416.
 */
#include "http_impl.h"

#define NUM_HUGE UINT64_MAX /* a number too large to be an offset */

/* Digits at *i; false when there are none. Overflow saturates. */
static bool number(struct http_str s, size_t *i, uint64_t *out)
{
	uint64_t v = 0;
	size_t start = *i;

	while (*i < s.n && s.p[*i] >= '0' && s.p[*i] <= '9') {
		unsigned d = (unsigned)(s.p[*i] - '0');
		v = v > (NUM_HUGE - d) / 10 ? NUM_HUGE : v * 10 + d;
		(*i)++;
	}
	*out = v;
	return *i > start;
}

static void ows(struct http_str s, size_t *i)
{
	while (*i < s.n && (s.p[*i] == ' ' || s.p[*i] == '\t'))
		(*i)++;
}

enum http_range_result http_range_parse(struct http_str s, uint64_t size,
					uint64_t *first, uint64_t *last)
{
	static const char unit[] = "bytes=";
	size_t i = 0;
	uint64_t a, b;
	bool has_a, has_b;

	if (!s.p || s.n < sizeof(unit) - 1)
		return HTTP_RANGE_NONE;
	for (; i < sizeof(unit) - 1; i++) {
		char c = s.p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != unit[i])
			return HTTP_RANGE_NONE;
	}
	ows(s, &i);
	has_a = number(s, &i, &a);
	if (i >= s.n || s.p[i] != '-')
		return HTTP_RANGE_NONE;
	i++;
	has_b = number(s, &i, &b);
	ows(s, &i);
	if (i != s.n || (!has_a && !has_b))
		return HTTP_RANGE_NONE; /* trailing bytes, a list, or "-" */
	if (!has_a) {
		/* "-n": the last n bytes */
		if (b == 0 || size == 0)
			return HTTP_RANGE_UNSATISFIABLE;
		*first = b >= size ? 0 : size - b;
		*last = size - 1;
		return HTTP_RANGE_OK;
	}
	if (has_b && b < a)
		return HTTP_RANGE_NONE; /* invalid: ignored, RFC 9110 14.1.1 */
	if (a >= size)
		return HTTP_RANGE_UNSATISFIABLE;
	*first = a;
	*last = (!has_b || b >= size) ? size - 1 : b;
	return HTTP_RANGE_OK;
}
