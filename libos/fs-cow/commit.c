/*
 * Commits and mkfs: the only code that writes metadata.
 *
 * The order is the whole crash-safety argument (docs/STORAGE.md):
 *  1. file data is already on the device: writes went to blocks the last
 *     commit does not refer to (data.c), and have completed;
 *  2. the new blob goes to free blocks, which the last commit does not
 *     refer to either;
 *  3. FLUSH: data and blob are durable before anything points at them
 *     (the block API only orders what has completed before a flush);
 *  4. the superblock goes to the slot NOT holding the last commit, so the
 *     last commit stays readable if this write is torn;
 *  5. FLUSH: only now may blocks the old commit used be reused, because
 *     only now can mount no longer pick the old commit.
 * A crash before 4 lands leaves the old commit; after 5, the new one;
 * between 4 and 5, either, and both are whole.
 */
#include "cow.h"

#include <unik/thread.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Free blocks for a blob of `need` blocks, in at most COW_META_RUNS runs,
 * marked used. 0 or -ENOSPC (nothing left marked). */
static int alloc_runs(struct cowfs *fs, uint32_t need, struct cow_run *runs,
                      uint32_t *nruns)
{
	*nruns = 0;
	while (need > 0) {
		struct cow_run *r = &runs[*nruns];
		uint32_t b = *nruns < COW_META_RUNS ? cow_alloc(fs, 0) : 0;

		if (b == 0) {
			for (uint32_t i = 0; i < *nruns; i++)
				for (uint32_t k = 0; k < runs[i].count; k++)
					cow_release(fs, runs[i].start + k);
			return -ENOSPC;
		}
		*r = (struct cow_run){b, 1};
		while (r->count < need && b + r->count < fs->total &&
		       !cow_bit(fs->used, b + r->count) &&
		       !cow_bit(fs->committed, b + r->count))
			cow_take(fs, b + r->count++);
		fs->hand = b + r->count;
		need -= r->count;
		(*nruns)++;
	}
	return 0;
}

static int write_runs(struct cowfs *fs, const unsigned char *blob,
                      const struct cow_run *runs, uint32_t nruns)
{
	for (uint32_t i = 0; i < nruns; i++) {
		int rc = unik_blk_write(fs->dev, (uint64_t)runs[i].start * COW_SPB,
		                        blob, (uint64_t)runs[i].count * COW_SPB);

		if (rc < 0)
			return rc;
		blob += (size_t)runs[i].count * COW_BS;
	}
	return 0;
}

/* Steps 4 and 5. Any error here leaves it unknown which slot is newest:
 * the filesystem then refuses further changes (fs->failed). */
static int write_super(struct cowfs *fs, struct cow_super *s)
{
	unsigned slot = 1 - fs->slot;
	int rc;

	cow_super_encode(s, fs->bounce);
	rc = unik_blk_write(fs->dev, (uint64_t)slot * COW_SPB, fs->bounce, 1);
	if (rc == 0)
		rc = unik_blk_flush(fs->dev);
	if (rc < 0) {
		fs->failed = true;
		return rc;
	}
	fs->slot = slot;
	fs->seq = s->seq;
	memcpy(fs->runs, s->runs, sizeof(fs->runs));
	fs->nruns = s->nruns;
	/* The new commit owns what the tree uses plus its blob; the old
	 * blob and the pending blocks become free. */
	memcpy(fs->committed, fs->used, fs->total / 8 + 1);
	for (uint32_t i = 0; i < s->nruns; i++)
		for (uint32_t k = 0; k < s->runs[i].count; k++)
			cow_set(fs->used, s->runs[i].start + k, false);
	cow_recount(fs);
	fs->dirty = false;
	return 0;
}

int cow_commit(struct cowfs *fs)
{
	struct cow_super s = {.seq = fs->seq + 1, .fs_id = fs->fs_id,
	                      .total = fs->total};
	unsigned char *blob;
	int rc;

	if (fs->failed)
		return -EIO;
	if (!fs->dirty || fs->rdonly)
		return 0;
	rc = cow_meta_encode(fs, &blob, &s.meta_len);
	if (rc < 0)
		return rc;
	s.meta_crc = cow_crc32c(0, blob, s.meta_len);
	rc = alloc_runs(fs, (s.meta_len + COW_BS - 1) / COW_BS, s.runs, &s.nruns);
	if (rc == 0) {
		rc = write_runs(fs, blob, s.runs, s.nruns);
		if (rc == 0)
			rc = unik_blk_flush(fs->dev);
		if (rc == 0)
			rc = write_super(fs, &s);
		else /* the blob is not needed: its blocks are free again */
			for (uint32_t i = 0; i < s.nruns; i++)
				for (uint32_t k = 0; k < s.runs[i].count; k++)
					cow_release(fs, s.runs[i].start + k);
	}
	free(blob);
	return rc;
}

static uint64_t new_fs_id(void)
{
	uint64_t z = unik_wallclock_ns() ^ (uint64_t)(uintptr_t)&z;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull; /* splitmix64 finish */
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/*
 * A new, empty filesystem: both slots wiped first (an old superblock with
 * a higher sequence number must not outlive mkfs), then the root's blob,
 * then the first superblock, with flushes between.
 */
int cow_mkfs(struct unik_blkdev *dev)
{
	struct unik_blk_info info;
	struct cowfs fs = {.dev = dev, .slot = 1, .next_ino = COW_ROOT_INO + 1};
	int rc = -ENOMEM;

	unik_blk_info(dev, &info);
	if (info.read_only)
		return -EROFS;
	fs.total = info.sectors / COW_SPB > UINT32_MAX ? UINT32_MAX
	                                               : (uint32_t)(info.sectors / COW_SPB);
	if (fs.total < COW_MIN_BLOCKS)
		return -ENOSPC;
	fs.fs_id = new_fs_id();
	fs.bounce = aligned_alloc(COW_BS, COW_BS);
	fs.root = cow_inode_new(&fs, COW_ROOT_INO, UNIK_S_IFDIR | 0755);
	if (fs.bounce && fs.root && cow_bitmaps_init(&fs) == 0) {
		memset(fs.bounce, 0, COW_BS);
		rc = unik_blk_write(dev, 0, fs.bounce, 1);
		if (rc == 0)
			rc = unik_blk_write(dev, COW_SPB, fs.bounce, 1);
		if (rc == 0)
			rc = unik_blk_flush(dev);
		fs.dirty = true;
		if (rc == 0) /* slot 1 "holds" nothing: the commit goes to 0 */
			rc = cow_commit(&fs);
	}
	free(fs.root);
	free(fs.bounce);
	free(fs.used);
	free(fs.committed);
	return rc;
}
