/*
 * Byte-granular reads over the device: a few 4 KiB clusters kept in a
 * round-robin cache (headers and small files), and large reads sent to
 * the device in big requests, into the caller's buffer when it is aligned
 * and through a bounce buffer otherwise (the block API wants
 * UNIK_BLK_ALIGN-aligned buffers).
 *
 * The archive never changes under a mounted tarfs, so nothing here is
 * ever invalidated.
 */
#include "tar.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int tcache_init(struct tar_cache *c, struct unik_blkdev *dev)
{
	struct unik_blk_info info;

	unik_blk_info(dev, &info);
	memset(c, 0, sizeof(*c));
	c->dev = dev;
	c->bytes = info.sectors * UNIK_BLK_SECTOR;
	c->mem = aligned_alloc(4096, TCACHE_SLOTS * TCACHE_CLUSTER);
	c->bounce = aligned_alloc(4096, TCACHE_BOUNCE);
	if (!c->mem || !c->bounce) {
		tcache_free(c);
		return -ENOMEM;
	}
	for (int i = 0; i < TCACHE_SLOTS; i++)
		c->tag[i] = UINT64_MAX;
	return 0;
}

void tcache_free(struct tar_cache *c)
{
	free(c->mem);
	free(c->bounce);
	c->mem = c->bounce = NULL;
}

/* The slot holding cluster k, reading it in on a miss. */
static int cluster(struct tar_cache *c, uint64_t k, unsigned char **out)
{
	uint64_t start = k * TCACHE_CLUSTER, len = TCACHE_CLUSTER;
	unsigned s;
	int rc;

	for (s = 0; s < TCACHE_SLOTS; s++) {
		if (c->tag[s] == k) {
			*out = c->mem + s * TCACHE_CLUSTER;
			return 0;
		}
	}
	s = c->hand++ % TCACHE_SLOTS;
	if (len > c->bytes - start) /* the device's last, short cluster */
		len = c->bytes - start;
	c->tag[s] = UINT64_MAX; /* invalid until the read succeeds */
	rc = unik_blk_read(c->dev, start / UNIK_BLK_SECTOR,
	                   c->mem + s * TCACHE_CLUSTER, len / UNIK_BLK_SECTOR);
	if (rc < 0)
		return rc;
	c->tag[s] = k;
	*out = c->mem + s * TCACHE_CLUSTER;
	return 0;
}

/* Whole sectors [off, off + len), both multiples of the sector size. */
static int direct(struct tar_cache *c, uint64_t off, unsigned char *buf,
                  size_t len)
{
	if ((uintptr_t)buf % UNIK_BLK_ALIGN == 0)
		return unik_blk_read(c->dev, off / UNIK_BLK_SECTOR, buf,
		                     len / UNIK_BLK_SECTOR);
	while (len > 0) {
		size_t n = len < TCACHE_BOUNCE ? len : TCACHE_BOUNCE;
		int rc = unik_blk_read(c->dev, off / UNIK_BLK_SECTOR, c->bounce,
		                       n / UNIK_BLK_SECTOR);

		if (rc < 0)
			return rc;
		memcpy(buf, c->bounce, n);
		buf += n;
		off += n;
		len -= n;
	}
	return 0;
}

int tcache_read(struct tar_cache *c, uint64_t off, void *buf, size_t len)
{
	unsigned char *p = buf;

	if (len > c->bytes || off > c->bytes - len)
		return -EINVAL;
	while (len > 0) {
		uint64_t in = off % TCACHE_CLUSTER;
		unsigned char *slot;
		size_t n;
		int rc;

		/* A run of whole clusters: straight from the device. */
		if (in == 0 && len >= 2 * TCACHE_CLUSTER) {
			n = len - len % TCACHE_CLUSTER;
			rc = direct(c, off, p, n);
		} else {
			n = TCACHE_CLUSTER - in < len ? TCACHE_CLUSTER - in : len;
			rc = cluster(c, off / TCACHE_CLUSTER, &slot);
			if (rc == 0)
				memcpy(p, slot + in, n);
		}
		if (rc < 0)
			return rc;
		p += n;
		off += n;
		len -= n;
	}
	return 0;
}
