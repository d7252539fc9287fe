/*
 * Serialising the tree into a metadata blob (the format: meta_read.c).
 * Records go out in preorder, so a record's parent always comes before it
 * and is named by its record number: the loader can check "parent <
 * self" and no cycle can be expressed at all.
 */
#include "cow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "CWMT"

/* Number of runs of consecutive physical blocks in ip's map. */
static uint32_t count_runs(const struct cow_inode *ip)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < ip->nblocks; i++)
		if (i == 0 || ip->map[i] != ip->map[i - 1] + 1)
			n++;
	return n;
}

static unsigned char *put_record(unsigned char *p, const struct cow_inode *ip)
{
	size_t name = ip->name ? strlen(ip->name) : 0;
	uint32_t runs = count_runs(ip), start = 0;
	unsigned char *r;

	cow_put32(p, ip->ino);
	cow_put32(p + 4, ip->parent ? ip->parent->idx : 0);
	cow_put32(p + 8, ip->mode);
	p[12] = (unsigned char)name;
	p[13] = (unsigned char)(name >> 8);
	p[14] = p[15] = 0;
	cow_put64(p + 16, ip->size);
	cow_put64(p + 24, (uint64_t)ip->mtime_ns);
	cow_put32(p + 32, runs);
	if (name) /* the root has none */
		memcpy(p + COW_REC_FIXED, ip->name, name);
	r = p + COW_REC_FIXED + name;
	for (uint32_t i = 1; i <= ip->nblocks; i++) {
		if (i < ip->nblocks && ip->map[i] == ip->map[i - 1] + 1)
			continue;
		cow_put32(r, ip->map[start]);
		cow_put32(r + 4, i - start);
		r += 8;
		start = i;
	}
	return r;
}

/* The blob's size; numbers the records on the way. */
uint64_t cow_meta_bytes(struct cowfs *fs, uint32_t *records)
{
	uint64_t bytes = COW_HDR;
	uint32_t n = 0;

	for (struct cow_inode *ip = fs->root; ip; ip = cow_next(ip)) {
		ip->idx = n++;
		bytes += COW_REC_FIXED + (ip->name ? strlen(ip->name) : 0) +
		         8ull * count_runs(ip);
	}
	if (records)
		*records = n;
	return bytes;
}

int cow_meta_encode(struct cowfs *fs, unsigned char **blob, uint32_t *len)
{
	uint32_t n; /* orphans (unlinked, still open) are not records */
	uint64_t bytes = cow_meta_bytes(fs, &n);
	unsigned char *p;

	if (bytes > COW_MAX_META)
		return -ENOSPC;
	p = aligned_alloc(COW_BS, (bytes + COW_BS - 1) / COW_BS * COW_BS);
	if (!p)
		return -ENOMEM;
	memset(p, 0, (bytes + COW_BS - 1) / COW_BS * COW_BS);
	*blob = p;
	*len = (uint32_t)bytes;
	memcpy(p, MAGIC, 4);
	cow_put32(p + 4, 1);
	cow_put64(p + 8, fs->seq + 1);
	cow_put64(p + 16, fs->fs_id);
	cow_put32(p + 24, n);
	cow_put32(p + 28, fs->next_ino);
	p += COW_HDR;
	for (struct cow_inode *ip = fs->root; ip; ip = cow_next(ip))
		p = put_record(p, ip);
	return 0;
}
