/*
 * From request target to file path. The decoding and the checks happen in
 * one pass over the raw target, so that no later step can see an encoded
 * form the checks missed (%2e%2e, %2f, %5c): what leaves this file is the
 * only path a backend ever sees.
 *
 * Refusals (docs/HTTPD.md): 400 for what no valid URL of a file contains
 * (bad escape, %00, an encoded '/', a backslash, a control character);
 * 403 for a ".." segment, however encoded; 404 for a hidden name (".git").
 */
#include "http_impl.h"

#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool iprefix(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(end - p) < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return false;
	}
	return true;
}

/* Skip "http://authority" of an absolute-form target (RFC 9112 3.2.2). */
static const char *skip_authority(const char *p, const char *end)
{
	if (iprefix(p, end, "http://"))
		p += 7;
	else if (iprefix(p, end, "https://"))
		p += 8;
	else
		return p;
	while (p < end && *p != '/' && *p != '?' && *p != '#')
		p++;
	return p;
}

int http_path_normalize(struct http_str target, char *out, size_t outsz,
			bool *dir)
{
	const char *p = target.p, *end = target.p + target.n, *cut;
	bool absolute = false, hidden = false, last_empty = true;
	size_t o = 0;

	if (outsz < 2)
		return 414;
	cut = skip_authority(p, end);
	absolute = cut != p;
	p = cut;
	for (cut = p; cut < end && *cut != '?' && *cut != '#'; cut++)
		;
	end = cut;
	if (p == end && !absolute)
		return 400;
	if (p < end && *p != '/')
		return 400; /* not origin-form ("*", "x/y") */
	while (p < end) {
		char *seg = out + o + 1;
		size_t sn = 0;

		p++; /* the '/' */
		while (p < end && *p != '/') {
			unsigned char c = (unsigned char)*p++;
			if (c == '%') {
				int hi, lo;
				if (end - p < 2 || (hi = hexval(p[0])) < 0 ||
				    (lo = hexval(p[1])) < 0)
					return 400;
				c = (unsigned char)(hi << 4 | lo);
				p += 2;
				if (c == 0 || c == '/')
					return 400;
			}
			if (c == '\\' || c < 0x20 || c == 0x7f)
				return 400;
			if (o + 1 + sn + 1 >= outsz)
				return 414;
			seg[sn++] = (char)c;
		}
		last_empty = sn == 0 || (sn == 1 && seg[0] == '.');
		if (last_empty)
			continue; /* "//" and "/./" */
		if (sn == 2 && seg[0] == '.' && seg[1] == '.')
			return 403;
		if (seg[0] == '.')
			hidden =
			    true; /* keep scanning: a later ".." is a 403 */
		out[o] = '/';
		o += 1 + sn;
	}
	if (hidden)
		return 404;
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	*dir = last_empty;
	return 0;
}
