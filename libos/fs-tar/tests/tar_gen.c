#include "tar_gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tgen_init(struct tgen *g)
{
	g->cap = 1 << 16;
	g->buf = aligned_alloc(4096, g->cap);
	g->len = 0;
}

void tgen_free(struct tgen *g) { free(g->buf); }

static unsigned char *room(struct tgen *g, size_t n)
{
	unsigned char *p;

	while (g->len + n > g->cap) {
		unsigned char *b = aligned_alloc(4096, g->cap * 2);

		memcpy(b, g->buf, g->len);
		free(g->buf);
		g->buf = b;
		g->cap *= 2;
	}
	p = g->buf + g->len;
	memset(p, 0, n);
	g->len += n;
	return p;
}

void tgen_fix_checksum(struct tgen *g, size_t hdr)
{
	unsigned char *h = g->buf + hdr;
	unsigned sum = 0;

	memset(h + 148, ' ', 8);
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum); /* 6 digits, NUL, ' ' */
	h[155] = ' ';
}

void tgen_set_octal(struct tgen *g, size_t hdr, size_t field, size_t width,
                    uint64_t v)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%0*llo", (int)width - 1,
	         (unsigned long long)v);
	memcpy(g->buf + hdr + field, tmp, width - 1);
	g->buf[hdr + field + width - 1] = '\0';
	tgen_fix_checksum(g, hdr);
}

static void put_name(unsigned char *h, enum tgen_fmt fmt, const char *name)
{
	size_t n = strlen(name);
	const char *split = NULL;

	if (fmt == TGEN_USTAR && n > 100) /* prefix: up to a '/' */
		for (const char *s = name; (s = strchr(s, '/')); s++)
			if ((size_t)(s - name) <= 155 && n - (size_t)(s - name) - 1 <= 100)
				split = s;
	if (split) {
		memcpy(h + 345, name, (size_t)(split - name));
		name = split + 1;
		n = strlen(name);
	}
	memcpy(h, name, n < 100 ? n : 100); /* exactly 100: no NUL */
}

size_t tgen_member(struct tgen *g, enum tgen_fmt fmt, char type,
                   const char *name, const void *data, uint64_t size,
                   const char *link)
{
	size_t off = g->len;
	unsigned char *h = room(g, 512);

	put_name(h, fmt, name);
	snprintf((char *)h + 100, 8, "%07o", 0644);
	snprintf((char *)h + 108, 8, "%07o", 1000);
	snprintf((char *)h + 116, 8, "%07o", 1000);
	snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)size);
	snprintf((char *)h + 136, 12, "%011o", 1700000000);
	h[156] = (unsigned char)type;
	if (link)
		memcpy(h + 157, link, strlen(link) < 100 ? strlen(link) : 100);
	if (fmt == TGEN_USTAR)
		memcpy(h + 257, "ustar\0" "00", 8);
	else if (fmt == TGEN_GNU)
		memcpy(h + 257, "ustar  \0", 8);
	tgen_fix_checksum(g, off);
	if (data && size) {
		unsigned char *d = room(g, (size + 511) / 512 * 512);

		memcpy(d, data, size);
	}
	return off;
}

size_t tgen_longname(struct tgen *g, char type, const char *name)
{
	return tgen_member(g, TGEN_GNU, type, "././@LongLink", name,
	                   strlen(name) + 1, NULL);
}

size_t tgen_pax(struct tgen *g, const char *key, const char *value)
{
	char rec[2048];
	size_t body = strlen(key) + strlen(value) + 3, len = body + 1;

	/* The length counts its own digits. */
	while (snprintf(NULL, 0, "%zu", len) + body != len)
		len = snprintf(NULL, 0, "%zu", len) + body;
	snprintf(rec, sizeof(rec), "%zu %s=%s\n", len, key, value);
	return tgen_member(g, TGEN_USTAR, 'x', "PaxHeaders/x", rec, len, NULL);
}

void tgen_end(struct tgen *g) { room(g, 1024); }
