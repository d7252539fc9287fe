/*
 * The in-image site: a sorted table written by tools/unik-crunch, whose
 * bytes the linker placed in the image's read-only data. Lookups are a
 * binary search; bodies are sent straight from the image, never copied.
 */
#include "http_impl.h"

#include <errno.h>
#include <string.h>

/* Compare entry with key[0..n) followed by `end` (a virtual terminator). */
static int cmp(const char *entry, const char *key, size_t n, char end)
{
	int r = strncmp(entry, key, n);

	/* r == 0: entry has at least n bytes (key holds no NUL). */
	return r ? r : (int)(unsigned char)entry[n] - (int)(unsigned char)end;
}

/* First entry not below key+end. */
static size_t lower_bound(const struct http_site *s, const char *key, size_t n,
			  char end)
{
	size_t lo = 0, hi = s->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp(s->files[mid].path, key, n, end) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int site_open(void *ctx, const char *path, struct http_file *f)
{
	const struct http_site *s = ctx;
	size_t n = strlen(path), i = lower_bound(s, path, n, '\0');
	const struct http_site_file *e;

	if (i < s->count && strcmp(s->files[i].path, path) == 0) {
		e = &s->files[i];
		memset(f, 0, sizeof(*f));
		f->size = e->size;
		f->mtime = e->mtime;
		f->data = e->data;
		strncpy(f->etag, e->etag, sizeof(f->etag) - 1);
		return 0;
	}
	/* A directory is a prefix "path/" of some file; "/" always is one. */
	if (n == 1)
		return -EISDIR;
	i = lower_bound(s, path, n, '/');
	if (i < s->count && strncmp(s->files[i].path, path, n) == 0 &&
	    s->files[i].path[n] == '/')
		return -EISDIR;
	return -ENOENT;
}

static long site_read(void *ctx, struct http_file *f, uint64_t off, void *buf,
		      size_t len)
{
	(void)ctx;
	if (off >= f->size)
		return 0;
	if (len > f->size - off)
		len = (size_t)(f->size - off);
	memcpy(buf, (const char *)f->data + off, len);
	return (long)len;
}

static const struct http_backend_ops site_ops = {
    .open = site_open,
    .read = site_read,
    .close = NULL,
    .name = "site",
};

void http_site_backend(struct http_backend *b, const struct http_site *site)
{
	b->ops = &site_ops;
	b->ctx = (void *)site;
}
