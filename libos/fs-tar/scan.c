/*
 * Reading the archive at mount: header after header from sector 0 until
 * the end-of-archive block, each member checked and added to the index.
 * The device is untrusted: a size is checked against the device before it
 * moves the scan, a long name or pax header is bounded before it is read,
 * and the first problem ends the mount with -EINVAL (or -EIO) and one
 * console line saying what and at which sector.
 */
#include "tar.h"

#include <unik/unik.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct scan {
	struct tarfs *fs;
	const char *dev;
	uint64_t sectors;       /* device size */
	uint64_t at;            /* sector of the current header */
	char *long_name;        /* GNU 'L' for the next member */
	char *long_link;        /* GNU 'K' */
	struct tar_pax pax;     /* pax 'x' for the next member */
};

static int bad(struct scan *s, int rc, const char *what, const char *name)
{
	unik_printk("tarfs: %s: sector %llu%s%s%s: %s\n", s->dev,
	            (unsigned long long)s->at, name ? " ('" : "",
	            name ? name : "", name ? "')" : "", what);
	return rc;
}

static void clear_pending(struct scan *s)
{
	free(s->long_name);
	free(s->long_link);
	s->long_name = s->long_link = NULL;
	tar_pax_clear(&s->pax);
}

/* The member's data, size bytes after the header, into a new buffer. */
static int read_data(struct scan *s, uint64_t size, char **out)
{
	char *d = malloc(size + 1);
	int rc;

	if (!d)
		return -ENOMEM;
	rc = tcache_read(&s->fs->cache, (s->at + 1) * TAR_BLOCK, d, size);
	if (rc < 0) {
		free(d);
		return rc;
	}
	d[size] = '\0';
	*out = d;
	return 0;
}

/* GNU 'L'/'K': the name is the data, NUL-terminated within its size. */
static int long_name(struct scan *s, uint64_t size, char **dst)
{
	char *d;
	int rc;

	if (size == 0 || size > TAR_MAX_LONGNAME + 1)
		return bad(s, -EINVAL, "GNU long name of absurd length", NULL);
	rc = read_data(s, size, &d);
	if (rc < 0)
		return bad(s, rc, "cannot read a GNU long name", NULL);
	if (!memchr(d, '\0', size)) {
		free(d);
		return bad(s, -EINVAL, "GNU long name without a NUL", NULL);
	}
	free(*dst);
	*dst = d;
	return 0;
}

static int pax_header(struct scan *s, uint64_t size)
{
	const char *why = NULL;
	char *d;
	int rc;

	if (size > TAR_MAX_PAX)
		return bad(s, -EINVAL, "pax header too large", NULL);
	rc = read_data(s, size, &d);
	if (rc < 0)
		return bad(s, rc, "cannot read a pax header", NULL);
	rc = tar_parse_pax(d, size, &s->pax, &why);
	free(d);
	return rc < 0 ? bad(s, rc, why, NULL) : 0;
}

/* A member: name from pax, GNU long name or the header, in that order. */
static int member(struct scan *s, struct tar_hdr *h)
{
	const char *src = s->pax.path ? s->pax.path
	                  : s->long_name ? s->long_name : h->name;
	const char *link = s->pax.link ? s->pax.link
	                   : s->long_link ? s->long_link : h->link;
	bool slash = src[0] && src[strlen(src) - 1] == '/';
	char *name = strdup(src);
	int len, rc;

	if (!name)
		return -ENOMEM;
	if (h->type == '7' || (h->type == '0' && slash))
		h->type = slash ? '5' : '0'; /* v7 dirs are files named "d/" */
	if (h->type == 'D')
		h->type = '5'; /* GNU dumpdir: a directory with a listing */
	len = tar_normalize_name(name);
	if (len == 0 && h->type == '5') {
		free(name); /* "./": the root, implied anyway */
		return 0;
	}
	if (len <= 0 || !strchr("015", h->type)) {
		/* ".." (a member must stay inside the archive), symlinks,
		 * devices, fifos, sparse files: not shown (docs/STORAGE.md) */
		unik_printk("tarfs: %s: sector %llu: '%s' (type '%c') skipped\n",
		            s->dev, (unsigned long long)s->at, src, h->type);
		s->fs->skipped++;
		free(name);
		return 0;
	}
	rc = tar_index_add(s->fs, name, h, (s->at + 1) * TAR_BLOCK,
	                   h->type == '1' ? link : NULL);
	if (rc < 0)
		return bad(s, rc, rc == -ENOMEM ? "out of memory"
		                  : "too many members or names", src);
	return 0;
}

static int one_header(struct scan *s, const unsigned char *blk,
                      uint64_t *next)
{
	struct tar_hdr h;
	const char *why;
	uint64_t size, data_sectors;
	int rc = tar_parse_header(blk, &h, &why);

	if (rc < 0)
		return bad(s, rc, why, NULL);
	size = s->pax.has_size ? s->pax.size : h.size;
	if (s->pax.has_mtime)
		h.mtime = s->pax.mtime;
	h.size = size;
	data_sectors = size / TAR_BLOCK + (size % TAR_BLOCK != 0);
	/* ustar: directories, devices and fifos store no data whatever
	 * their size field says (links do when pax gives them a size). */
	if (strchr("3456", h.type))
		data_sectors = 0, h.size = 0;
	if (data_sectors > s->sectors - s->at - 1)
		return bad(s, -EINVAL, "member size runs past the end of the "
		           "device (truncated archive?)", h.name);
	*next = s->at + 1 + data_sectors;
	if (h.type == 'L')
		return long_name(s, size, &s->long_name);
	if (h.type == 'K')
		return long_name(s, size, &s->long_link);
	if (h.type == 'x')
		return pax_header(s, size);
	if (h.type == 'g')
		return 0; /* global pax: nothing we use */
	rc = member(s, &h);
	clear_pending(s);
	return rc;
}

int tar_scan(struct tarfs *fs)
{
	struct scan s = {.fs = fs, .dev = unik_blk_name(fs->cache.dev),
	                 .sectors = fs->cache.bytes / TAR_BLOCK};
	unsigned char blk[TAR_BLOCK];
	int rc = 0;

	for (;;) {
		uint64_t next;

		if (s.at >= s.sectors) {
			rc = bad(&s, -EINVAL, "device ends without an "
			         "end-of-archive block (truncated archive?)", NULL);
			break;
		}
		rc = tcache_read(&fs->cache, s.at * TAR_BLOCK, blk, TAR_BLOCK);
		if (rc < 0) {
			bad(&s, rc, "read error", NULL);
			break;
		}
		if (tar_is_zero(blk))
			break; /* end of archive (GNU tar, too, stops at one) */
		rc = one_header(&s, blk, &next);
		if (rc < 0)
			break;
		s.at = next;
	}
	clear_pending(&s);
	return rc;
}
