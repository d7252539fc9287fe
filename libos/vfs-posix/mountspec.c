/*
 * The run-time mount list, "PATH:TYPE:DISK[:OPTION]..." entries separated
 * by blanks or commas (unik-configure's MOUNTS, or unik.mount=...).
 * Portable: unit-tested on the host. The configure tool checks the
 * manifest's entries more strictly; this only refuses what cannot work.
 */
#include "vfs_posix.h"

#include <errno.h>
#include <string.h>

static bool sep(char c) { return c == ' ' || c == '\t' || c == ','; }

/* Field i (0-based, ':'-separated) of entry s[0..n) as [*f, *f + *len). */
static bool field(const char *s, size_t n, unsigned i, const char **f,
                  size_t *len)
{
	const char *end = s + n, *p = s;

	for (; i > 0; i--) {
		p = memchr(p, ':', (size_t)(end - p));
		if (!p)
			return false;
		p++;
	}
	*f = p;
	p = memchr(p, ':', (size_t)(end - p));
	*len = (size_t)((p ? p : end) - *f);
	return true;
}

static bool is(const char *f, size_t len, const char *word)
{
	return len == strlen(word) && memcmp(f, word, len) == 0;
}

static int parse(const char *s, size_t n, struct vp_mount_ent *e)
{
	const char *f;
	size_t len;

	*e = (struct vp_mount_ent){0};
	if (!field(s, n, 0, &f, &len) || len == 0 || f[0] != '/' ||
	    len >= sizeof(e->path))
		return -EINVAL;
	memcpy(e->path, f, len);
	if (!field(s, n, 1, &f, &len) || len == 0 || len >= sizeof(e->type))
		return -EINVAL;
	memcpy(e->type, f, len);
	if (!field(s, n, 2, &f, &len) || len == 0 || len > 2)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (f[i] < '0' || f[i] > '9')
			return -EINVAL;
		e->disk = e->disk * 10 + (unsigned)(f[i] - '0');
	}
	for (unsigned i = 3; field(s, n, i, &f, &len); i++) {
		if (is(f, len, "ro"))
			e->opts |= VP_MOUNT_RO;
		else if (is(f, len, "format"))
			e->opts |= VP_MOUNT_FORMAT;
		else
			return -EINVAL;
	}
	return 0;
}

int vp_mount_next(const char **cursor, struct vp_mount_ent *e, char *bad,
                  size_t cap)
{
	const char *s = *cursor;
	size_t n;
	int rc;

	while (sep(*s))
		s++;
	if (!*s) {
		*cursor = s;
		return 0;
	}
	for (n = 0; s[n] && !sep(s[n]); n++)
		;
	*cursor = s + n;
	rc = parse(s, n, e);
	if (rc < 0 && cap) {
		n = n < cap - 1 ? n : cap - 1;
		memcpy(bad, s, n);
		bad[n] = '\0';
	}
	return rc < 0 ? rc : 1;
}
