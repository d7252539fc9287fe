/*
 * Mount: read both superblock slots, try the valid ones newest first,
 * and load the first whose blob passes every check (meta_read.c). A
 * device whose slots both lack the magic holds no cowfs: it is formatted
 * only when the caller asked (UNIK_MOUNT_FORMAT). A damaged one is never
 * formatted over.
 */
#include "cow.h"

#include <unik/unik.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void free_state(struct cowfs *fs)
{
	cow_tree_free(fs);
	free(fs->used);
	free(fs->committed);
	fs->used = fs->committed = NULL;
}

static int read_blob(struct cowfs *fs, const struct cow_super *s,
                     unsigned char **out)
{
	size_t bytes = (s->meta_len + COW_BS - 1) / COW_BS * COW_BS, at = 0;
	unsigned char *blob = aligned_alloc(COW_BS, bytes);
	int rc = 0;

	if (!blob)
		return -ENOMEM;
	for (uint32_t i = 0; i < s->nruns && rc == 0; i++) {
		rc = unik_blk_read(fs->dev, (uint64_t)s->runs[i].start * COW_SPB,
		                   blob + at, (uint64_t)s->runs[i].count * COW_SPB);
		at += (size_t)s->runs[i].count * COW_BS;
	}
	if (rc < 0) {
		free(blob);
		return rc;
	}
	*out = blob;
	return 0;
}

/* Load the commit s describes; 0 or -errno with *why set. */
static int load(struct cowfs *fs, const struct cow_super *s, const char **why)
{
	unsigned char *blob;
	uint32_t bad;
	int rc;

	fs->total = s->total;
	fs->seq = s->seq;
	fs->fs_id = s->fs_id;
	fs->nruns = s->nruns;
	memcpy(fs->runs, s->runs, sizeof(fs->runs));
	*why = "out of memory";
	if ((rc = cow_bitmaps_init(fs)) < 0)
		return rc;
	/* The blob's blocks first: no file may claim them. */
	for (uint32_t i = 0; i < s->nruns; i++)
		for (uint32_t k = 0; k < s->runs[i].count; k++)
			cow_set(fs->used, s->runs[i].start + k, true);
	*why = "read error";
	if ((rc = read_blob(fs, s, &blob)) < 0)
		return rc;
	*why = "metadata checksum mismatch";
	rc = cow_crc32c(0, blob, s->meta_len) == s->meta_crc ? 0 : -EINVAL;
	if (rc == 0)
		rc = cow_meta_load(fs, blob, s->meta_len, why, &bad);
	free(blob);
	if (rc < 0)
		return rc;
	memcpy(fs->committed, fs->used, fs->total / 8 + 1);
	for (uint32_t i = 0; i < s->nruns; i++)
		for (uint32_t k = 0; k < s->runs[i].count; k++)
			cow_set(fs->used, s->runs[i].start + k, false);
	cow_recount(fs);
	return 0;
}

/* 0, -ENOENT (no cowfs at all), -EINVAL or -EIO (said on the console). */
static int try_mount(struct cowfs *fs, uint64_t dev_blocks)
{
	const char *name = unik_blk_name(fs->dev), *why[2] = {0}, *lwhy;
	struct cow_super s[2];
	int rc[2] = {-ENOENT, -ENOENT}, order[2] = {0, 1}, r;

	r = unik_blk_read(fs->dev, 0, fs->bounce, 1);
	if (r == 0)
		rc[0] = cow_super_decode(fs->bounce, &s[0], dev_blocks, &why[0]);
	if (r == 0 && (r = unik_blk_read(fs->dev, COW_SPB, fs->bounce, 1)) == 0)
		rc[1] = cow_super_decode(fs->bounce, &s[1], dev_blocks, &why[1]);
	if (r < 0) {
		unik_printk("cowfs: %s: cannot read the superblocks\n", name);
		return r;
	}
	if (rc[0] == -ENOENT && rc[1] == -ENOENT)
		return -ENOENT;
	for (int i = 0; i < 2; i++) /* e.g. torn by a crash during a commit */
		if (rc[i] != 0 && rc[i] != -ENOENT)
			unik_printk("cowfs: %s: slot %d: %s\n", name, i, why[i]);
	if (rc[1] == 0 && (rc[0] != 0 || s[1].seq > s[0].seq))
		order[0] = 1, order[1] = 0;
	for (int k = 0; k < 2; k++) {
		int i = order[k];

		if (rc[i] != 0)
			continue;
		r = load(fs, &s[i], &lwhy);
		if (r == 0) {
			fs->slot = (unsigned)i;
			/* past every sequence number on the device */
			if (rc[1 - i] == 0 && s[1 - i].seq > fs->seq)
				fs->seq = s[1 - i].seq;
			return 0;
		}
		unik_printk("cowfs: %s: commit %llu (slot %d): %s\n", name,
		            (unsigned long long)s[i].seq, i, lwhy);
		free_state(fs);
	}
	unik_printk("cowfs: %s: no valid commit\n", name);
	return r < 0 && r != -EINVAL ? r : -EINVAL;
}

int cow_mount(struct unik_blkdev *dev, unsigned flags, struct cowfs **out)
{
	struct cowfs *fs = calloc(1, sizeof(*fs));
	struct unik_blk_info info;
	int rc;

	if (!fs || !(fs->bounce = aligned_alloc(COW_BS, COW_BOUNCE))) {
		free(fs);
		return -ENOMEM;
	}
	unik_blk_info(dev, &info);
	fs->dev = dev;
	fs->rdonly = (flags & UNIK_MOUNT_RDONLY) || info.read_only;
	rc = try_mount(fs, info.sectors / COW_SPB);
	if (rc == -ENOENT && (flags & UNIK_MOUNT_FORMAT) && !fs->rdonly) {
		unik_printk("cowfs: %s: no filesystem, formatting\n",
		            unik_blk_name(dev));
		rc = cow_mkfs(dev);
		if (rc == 0)
			rc = try_mount(fs, info.sectors / COW_SPB);
	}
	if (rc == -ENOENT) {
		unik_printk("cowfs: %s: no cowfs here (format it with "
		            "UNIK_MOUNT_FORMAT or unik-mkfs)\n", unik_blk_name(dev));
		rc = -EINVAL;
	}
	if (rc < 0) {
		free(fs->bounce);
		free(fs);
		return rc;
	}
	*out = fs;
	return 0;
}

int cow_umount(struct cowfs *fs)
{
	int rc = cow_commit(fs);

	free_state(fs);
	free(fs->bounce);
	free(fs);
	return rc;
}
