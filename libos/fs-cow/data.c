/*
 * File contents. The rule that makes commits safe: a block the last
 * commit refers to is never written. A write to such a block goes to a
 * newly allocated one (copy-on-write) and the old block is released,
 * to be reused only after the next commit is durable. A block allocated
 * since the last commit ("fresh") is nobody's but this tree's, so it is
 * rewritten in place: a crash that tears it harms nothing committed.
 *
 * Invariant: the bytes of a file's last block past its size are zero on
 * the device, so growing a file never exposes old contents.
 */
#include "cow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int grow_map(struct cow_inode *ip)
{
	uint32_t cap = ip->cap ? ip->cap * 2 : 4;
	uint32_t *m;

	if (ip->nblocks < ip->cap)
		return 0;
	m = realloc(ip->map, cap * sizeof(*m));
	if (!m)
		return -ENOMEM;
	ip->map = m;
	ip->cap = cap;
	return 0;
}

/* Where block b of ip goes: itself if fresh, else a new block. */
static uint32_t target(struct cowfs *fs, struct cow_inode *ip, uint32_t b)
{
	uint32_t hint = b > 0 && b <= ip->nblocks ? ip->map[b - 1] + 1 : 0;
	uint32_t t;

	if (b < ip->nblocks && cow_fresh(fs, ip->map[b]))
		return ip->map[b];
	if (!cow_room(fs, 1) && fs->pending > 0)
		cow_commit(fs); /* frees the blocks replaced since the last */
	if (!cow_room(fs, 1))
		return 0;
	t = cow_alloc(fs, hint);
	return t;
}

/*
 * Write bytes [in, in + len) of logical block b from src (NULL: zeros),
 * keeping the rest of the block. The inode is consistent after every
 * block, because a commit may happen inside target().
 */
static int write_block(struct cowfs *fs, struct cow_inode *ip, uint32_t b,
                       const char *src, uint32_t in, uint32_t len,
                       uint64_t new_end)
{
	unsigned char *buf = fs->bounce;
	uint32_t old = b < ip->nblocks ? ip->map[b] : 0, t;
	int rc = 0;

	if (b >= ip->nblocks && (rc = grow_map(ip)) < 0)
		return rc;
	/* The target first: it may commit, and a commit uses the bounce
	 * buffer this block is about to be assembled in. */
	t = target(fs, ip, b);
	if (t == 0)
		return -ENOSPC;
	if (len < COW_BS && old)
		rc = unik_blk_read(fs->dev, (uint64_t)old * COW_SPB, buf, COW_SPB);
	else if (len < COW_BS)
		memset(buf, 0, COW_BS);
	if (rc == 0 && src)
		memcpy(buf + in, src, len);
	else if (rc == 0)
		memset(buf + in, 0, len);
	if (rc == 0)
		rc = unik_blk_write(fs->dev, (uint64_t)t * COW_SPB, buf, COW_SPB);
	if (rc < 0) {
		if (t != old)
			cow_release(fs, t); /* fresh: free at once */
		return rc;
	}
	if (t != old && old)
		cow_release(fs, old);
	ip->map[b] = t;
	if (b == ip->nblocks)
		ip->nblocks++;
	if (ip->size < new_end)
		ip->size = new_end;
	fs->dirty = true;
	return 0;
}

ssize_t cow_write(struct cowfs *fs, struct cow_inode *ip, const void *buf,
                  size_t n, uint64_t off)
{
	const char *src = buf;
	size_t done = 0;
	int rc = 0;

	if (n > UNIK_VFS_IO_MAX || off > (uint64_t)UINT32_MAX * COW_BS - n)
		return -EFBIG;
	/* A gap past the end reads as zeros: fill it with zero blocks (the
	 * last block's tail is zero already, by the invariant). */
	while (rc == 0 && (uint64_t)ip->nblocks * COW_BS < off)
		rc = write_block(fs, ip, ip->nblocks, NULL, 0, COW_BS,
		                 off < (uint64_t)(ip->nblocks + 1) * COW_BS
		                         ? off : (uint64_t)(ip->nblocks + 1) * COW_BS);
	while (rc == 0 && done < n) {
		uint64_t at = off + done;
		uint32_t in = (uint32_t)(at % COW_BS);
		uint32_t len = COW_BS - in < n - done ? COW_BS - in : (uint32_t)(n - done);

		rc = write_block(fs, ip, (uint32_t)(at / COW_BS), src + done, in,
		                 len, at + len);
		if (rc == 0)
			done += len;
	}
	if (done > 0 || n == 0)
		return (ssize_t)done; /* a short write, like POSIX */
	return rc;
}

ssize_t cow_read(struct cowfs *fs, struct cow_inode *ip, void *buf, size_t n,
                 uint64_t off)
{
	char *dst = buf;
	size_t done = 0;

	if (off >= ip->size)
		return 0;
	if (n > ip->size - off)
		n = (size_t)(ip->size - off);
	if (n > UNIK_VFS_IO_MAX)
		n = UNIK_VFS_IO_MAX;
	while (done < n) {
		uint64_t at = off + done;
		uint32_t b = (uint32_t)(at / COW_BS), in = (uint32_t)(at % COW_BS);
		uint32_t run = 1;
		size_t len;
		int rc;

		/* Physically consecutive blocks go in one request. */
		while (run < COW_BOUNCE / COW_BS && b + run < ip->nblocks &&
		       ip->map[b + run] == ip->map[b] + run &&
		       (size_t)run * COW_BS - in < n - done)
			run++;
		rc = unik_blk_read(fs->dev, (uint64_t)ip->map[b] * COW_SPB,
		                   fs->bounce, (uint64_t)run * COW_SPB);
		if (rc < 0)
			return done ? (ssize_t)done : rc;
		len = (size_t)run * COW_BS - in;
		if (len > n - done)
			len = n - done;
		memcpy(dst + done, fs->bounce + in, len);
		done += len;
	}
	return (ssize_t)done;
}

int cow_truncate(struct cowfs *fs, struct cow_inode *ip, uint64_t size)
{
	uint32_t keep = (uint32_t)((size + COW_BS - 1) / COW_BS);
	int rc = 0;

	if (size > (uint64_t)UINT32_MAX * COW_BS)
		return -EFBIG;
	/* Growing: zero blocks, the size following each one, since a
	 * commit may happen between two of them. */
	while (rc == 0 && ip->nblocks < keep) {
		uint64_t end = (uint64_t)(ip->nblocks + 1) * COW_BS;

		rc = write_block(fs, ip, ip->nblocks, NULL, 0, COW_BS,
		                 end < size ? end : size);
	}
	if (rc < 0)
		return rc;
	/* Shrinking into a block: zero its tail first (the invariant). */
	if (size < ip->size && size % COW_BS)
		rc = write_block(fs, ip, keep - 1, NULL, (uint32_t)(size % COW_BS),
		                 COW_BS - (uint32_t)(size % COW_BS), 0);
	if (rc < 0)
		return rc;
	while (ip->nblocks > keep)
		cow_release(fs, ip->map[--ip->nblocks]);
	ip->size = size;
	fs->dirty = true;
	return 0;
}
