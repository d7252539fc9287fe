/* util.c: helpers shared by the parts of unik-configure (see util.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>

static const char *const target_names[TARGET_COUNT] = {
    [TARGET_UNIX] = "unix",
    [TARGET_XEN] = "xen",
};

const char *target_name(enum target t)
{
	return (unsigned)t < TARGET_COUNT ? target_names[t] : "?";
}

int target_parse(const char *s, enum target *t)
{
	for (unsigned i = 0; i < TARGET_COUNT; i++) {
		if (strcmp(s, target_names[i]) == 0) {
			*t = (enum target)i;
			return 0;
		}
	}
	return -EINVAL;
}

void targets_format(unsigned mask, char *buf, size_t len)
{
	buf[0] = '\0';
	for (unsigned i = 0; i < TARGET_COUNT; i++) {
		if (mask & (1u << i)) {
			if (buf[0])
				append(buf, len, " ");
			append(buf, len, target_names[i]);
		}
	}
}

int err_vat(struct err *e, int rc, const char *file, unsigned line,
	    const char *fmt, va_list ap)
{
	int off;

	if (!file)
		off = snprintf(e->msg, sizeof(e->msg), "unik-configure: ");
	else if (line)
		off = snprintf(e->msg, sizeof(e->msg), "%s:%u: ", file, line);
	else
		off = snprintf(e->msg, sizeof(e->msg), "%s: ", file);
	if (off >= 0 && (size_t)off < sizeof(e->msg))
		vsnprintf(e->msg + off, sizeof(e->msg) - (size_t)off, fmt, ap);
	return rc;
}

int err_at(struct err *e, int rc, const char *file, unsigned line,
	   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vat(e, rc, file, line, fmt, ap);
	va_end(ap);
	return rc;
}

int err_tool(struct err *e, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vat(e, rc, NULL, 0, fmt, ap);
	va_end(ap);
	return rc;
}

bool name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > NAME_LEN || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			  c == '_' || c == '-';
		if (!ok)
			return false;
	}
	return true;
}

bool names_has(const struct names *l, const char *s)
{
	for (unsigned i = 0; i < l->n; i++) {
		if (strcmp(l->v[i], s) == 0)
			return true;
	}
	return false;
}

int split_words(const char *value, char *base, size_t stride, unsigned max,
		unsigned *n)
{
	const char *p = value;

	*n = 0;
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			return 0;
		size_t len = 0;
		while (p[len] && !isspace((unsigned char)p[len]))
			len++;
		if (*n == max)
			return -E2BIG;
		if (len >= stride)
			return -ENAMETOOLONG;
		memcpy(base + *n * stride, p, len);
		base[*n * stride + len] = '\0';
		(*n)++;
		p += len;
	}
}

void names_join(const struct names *l, const char *sep, const char *none,
		char *buf, size_t len)
{
	buf[0] = '\0';
	if (l->n == 0)
		append(buf, len, none);
	for (unsigned i = 0; i < l->n; i++) {
		if (i)
			append(buf, len, sep);
		append(buf, len, l->v[i]);
	}
}

int read_line(FILE *f, char *buf, size_t len)
{
	if (!fgets(buf, (int)len, f))
		return ferror(f) ? -EIO : 0;
	size_t n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n') {
		buf[n - 1] = '\0';
		return 1;
	}
	if (feof(f) || n + 1 < len)
		return 1; /* last line without a newline */
	int c = fgetc(f);
	if (c == EOF || c == '\n')
		return 1; /* the line exactly filled buf */
	while ((c = fgetc(f)) != EOF && c != '\n')
		;
	return -E2BIG;
}

char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

char *strip_line(char *s)
{
	char *hash = strchr(s, '#');

	if (hash)
		*hash = '\0';
	return trim(s);
}

void append(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	if (n + 1 >= len)
		return;
	size_t room = len - n - 1;
	size_t m = strlen(s);
	if (m > room)
		m = room;
	memcpy(buf + n, s, m);
	buf[n + m] = '\0';
}
