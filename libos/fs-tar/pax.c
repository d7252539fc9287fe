/*
 * pax extended headers (records "LEN key=value\n", LEN counting the whole
 * record) and member names. Pure functions, fuzzed with the header parser.
 */
#include "tar.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void tar_pax_clear(struct tar_pax *pax)
{
	free(pax->path);
	free(pax->link);
	*pax = (struct tar_pax){0};
}

/* A decimal number in s[0..n); 0 or -EINVAL (empty, junk, overflow). */
static int decimal(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

static int set_str(char **dst, const char *v, size_t n)
{
	char *s;

	if (n == 0 || n > TAR_MAX_LONGNAME || memchr(v, '\0', n))
		return -EINVAL;
	s = malloc(n + 1);
	if (!s)
		return -ENOMEM;
	memcpy(s, v, n);
	s[n] = '\0';
	free(*dst);
	*dst = s;
	return 0;
}

static int record(struct tar_pax *pax, const char *k, size_t kn,
                  const char *v, size_t vn)
{
	uint64_t num;
	size_t dot;

	if (kn == 4 && memcmp(k, "path", 4) == 0)
		return set_str(&pax->path, v, vn);
	if (kn == 8 && memcmp(k, "linkpath", 8) == 0)
		return set_str(&pax->link, v, vn);
	if (kn == 4 && memcmp(k, "size", 4) == 0) {
		if (decimal(v, vn, &num) < 0 || num > INT64_MAX)
			return -EINVAL;
		pax->size = num;
		pax->has_size = true;
	} else if (kn == 5 && memcmp(k, "mtime", 5) == 0) {
		/* seconds, with an optional fraction we do not keep */
		for (dot = 0; dot < vn && v[dot] != '.'; dot++)
			;
		if (decimal(v, dot, &num) == 0 && num < INT64_MAX / 1000000000) {
			pax->mtime = (int64_t)num;
			pax->has_mtime = true;
		}
	}
	return 0;
}

int tar_parse_pax(const char *data, size_t len, struct tar_pax *pax,
                  const char **why)
{
	size_t pos = 0;

	while (pos < len && data[pos] != '\0') {
		size_t digits = 0, eq;
		uint64_t rlen;
		const char *r = data + pos;
		int rc;

		while (pos + digits < len && r[digits] >= '0' && r[digits] <= '9')
			digits++;
		if (decimal(r, digits, &rlen) < 0 || rlen > len - pos ||
		    rlen < digits + 4 || r[digits] != ' ' || r[rlen - 1] != '\n') {
			*why = "malformed pax record";
			return -EINVAL;
		}
		for (eq = digits + 1; eq < rlen - 1 && r[eq] != '='; eq++)
			;
		if (eq == rlen - 1 || eq == digits + 1) {
			*why = "pax record without key=value";
			return -EINVAL;
		}
		rc = record(pax, r + digits + 1, eq - digits - 1, r + eq + 1,
		            rlen - eq - 2);
		if (rc < 0) {
			*why = rc == -ENOMEM ? "out of memory" : "bad pax value";
			return rc;
		}
		pos += rlen;
	}
	return 0;
}

int tar_normalize_name(char *name)
{
	char *r = name, *w = name;

	while (*r) {
		char *end;
		size_t n;

		while (*r == '/')
			r++;
		for (end = r; *end && *end != '/'; end++)
			;
		n = (size_t)(end - r);
		if (n == 2 && r[0] == '.' && r[1] == '.')
			return -EINVAL;
		if (n > UNIK_VFS_NAME_MAX)
			return -EINVAL;
		if (n > 0 && !(n == 1 && r[0] == '.')) {
			if (w != name)
				*w++ = '/';
			memmove(w, r, n);
			w += n;
		}
		r = end;
	}
	*w = '\0';
	return (int)(w - name);
}
