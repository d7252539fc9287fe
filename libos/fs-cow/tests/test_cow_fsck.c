/*
 * The mount-time checks (meta_read.c): a blob with a valid checksum but
 * impossible contents must be refused with a message naming the problem;
 * mount then falls back to the previous commit in the other slot, and
 * fails with -EINVAL when there is none.
 */
#include "cow_util.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct rdev dev;
static unsigned char *clean;
static uint64_t older; /* digest of the commit before the newest */

/* Offset of record i in a blob. */
static size_t rec(const unsigned char *b, uint32_t i)
{
	size_t off = COW_HDR;

	while (i--)
		off += COW_REC_FIXED + (b[off + 12] | b[off + 13] << 8) +
		       8 * cow_get32(b + off + 32);
	return off;
}

/* Records in preorder: 0 root, then the newest child first. */
enum { R_ROOT, R_G, R_D, R_DF };

static int setup(void **state)
{
	void *fs;

	(void)state;
	rdev_init(&dev, 256);
	fs = cmount(&dev, UNIK_MOUNT_FORMAT);
	assert_int_equal(cops->mkdir(fs, "d", 0755), 0);
	assert_int_equal(cput(fs, "d/f", dev.mem, 5000, 0, UNIK_O_CREAT), 0);
	assert_int_equal(cops->sync(fs), 0);
	older = cow_tree_digest(fs);
	assert_int_equal(cput(fs, "g", "gg", 2, 0, UNIK_O_CREAT), 0);
	assert_int_equal(cowfs_type.umount(fs), 0);
	clean = malloc(256 * COW_BS);
	memcpy(clean, dev.mem, 256 * COW_BS);
	return 0;
}

/* Rewrite the newest commit's blob through fn, with a valid checksum. */
static void tamper(void (*fn)(unsigned char *b, uint32_t *len))
{
	struct cow_super s[2];
	const char *why;
	unsigned char *b = aligned_alloc(COW_BS, 64 * COW_BS);
	int n;

	memcpy(dev.mem, clean, 256 * COW_BS);
	assert_int_equal(cow_super_decode(dev.mem, &s[0], 256, &why), 0);
	assert_int_equal(cow_super_decode(dev.mem + COW_BS, &s[1], 256, &why), 0);
	n = s[1].seq > s[0].seq;
	assert_int_equal(s[n].nruns, 1);
	memcpy(b, dev.mem + s[n].runs[0].start * COW_BS, s[n].meta_len);
	fn(b, &s[n].meta_len);
	s[n].runs[0].count = (s[n].meta_len + COW_BS - 1) / COW_BS;
	s[n].meta_crc = cow_crc32c(0, b, s[n].meta_len);
	memcpy(dev.mem + s[n].runs[0].start * COW_BS, b, s[n].meta_len);
	cow_super_encode(&s[n], dev.mem + n * COW_BS);
	free(b);
}

static void parent_fwd(unsigned char *b, uint32_t *l) { (void)l; cow_put32(b + rec(b, R_G) + 4, 3); }
static void parent_file(unsigned char *b, uint32_t *l) { (void)l; cow_put32(b + rec(b, R_DF) + 4, R_G); }
static void dup_name(unsigned char *b, uint32_t *l) { (void)l; b[rec(b, R_G) + COW_REC_FIXED] = 'd'; }
static void dup_ino(unsigned char *b, uint32_t *l) { (void)l; memcpy(b + rec(b, R_G), b + rec(b, R_D), 4); }
static void dot_name(unsigned char *b, uint32_t *l) { (void)l; b[rec(b, R_G) + COW_REC_FIXED] = '.'; }
static void slash_name(unsigned char *b, uint32_t *l) { (void)l; b[rec(b, R_G) + COW_REC_FIXED] = '/'; }
static void not_root(unsigned char *b, uint32_t *l) { (void)l; cow_put32(b + rec(b, R_ROOT), 7); }
static void bad_mode(unsigned char *b, uint32_t *l) { (void)l; cow_put32(b + rec(b, R_G) + 8, 0xffff); }
static void dir_data(unsigned char *b, uint32_t *l) { (void)l; cow_put64(b + rec(b, R_D) + 16, 10); }
static void trailing(unsigned char *b, uint32_t *l) { memset(b + *l, 0, 4); *l += 4; }
static void seq(unsigned char *b, uint32_t *l) { (void)l; b[8]++; }
static void many(unsigned char *b, uint32_t *l) { (void)l; cow_put32(b + 24, 0xffffffff); }
static void short_runs(unsigned char *b, uint32_t *l)
{
	(void)l;
	cow_put64(b + rec(b, R_DF) + 16, 9000); /* 3 blocks, runs hold 2 */
}
static void huge(unsigned char *b, uint32_t *l) /* found by fuzz_cow */
{
	(void)l;
	cow_put64(b + rec(b, R_G) + 16, 0xcffffffffffffb00ull);
}
static void twice(unsigned char *b, uint32_t *l)
{
	size_t g = rec(b, R_G), f = rec(b, R_DF);

	(void)l;
	memcpy(b + g + COW_REC_FIXED + 1, b + f + COW_REC_FIXED + 1, 4);
}
static void outside(unsigned char *b, uint32_t *l)
{
	(void)l;
	cow_put32(b + rec(b, R_G) + COW_REC_FIXED + 1, 0x7fffffff);
}

static void expect(void (*fn)(unsigned char *, uint32_t *), const char *msg)
{
	void *fs;

	tamper(fn);
	fs = cmount(&dev, 0); /* falls back to the commit before */
	if (!strstr(host_console, msg))
		fail_msg("console lacks '%s':\n%s", msg, host_console);
	assert_int_equal(cow_tree_digest(fs), older);
	cowfs_type.umount(fs);
}

static void test_fallback(void **state)
{
	(void)state;
	expect(parent_fwd, "parent missing or not a directory");
	expect(parent_file, "parent missing or not a directory");
	expect(dup_name, "name used twice");
	expect(dup_ino, "inode number used twice");
	expect(dot_name, "bad name");
	expect(slash_name, "bad name");
	expect(not_root, "record 0 is not the root");
	expect(bad_mode, "bad mode");
	expect(dir_data, "directory with data");
	expect(trailing, "bytes after the last record");
	expect(seq, "bad blob header");
	expect(many, "bad blob header");
	expect(short_runs, "runs shorter than the file");
	expect(twice, "block used twice");
	expect(huge, "file larger than the filesystem");
	expect(outside, "run outside the filesystem");
}

static void test_no_fallback(void **state)
{
	void *fs;
	int older_slot;

	(void)state;
	tamper(twice);
	older_slot = cow_get64(dev.mem + 16) < cow_get64(dev.mem + COW_BS + 16) ? 0 : 1;
	dev.mem[older_slot * COW_BS + 200] ^= 0x40; /* and the other slot torn */
	host_console_reset();
	assert_int_equal(cowfs_type.mount(&dev.m.dev, UNIK_MOUNT_FORMAT, &fs), -EINVAL);
	assert_non_null(strstr(host_console, "superblock checksum mismatch"));
	assert_non_null(strstr(host_console, "block used twice"));
	assert_non_null(strstr(host_console, "no valid commit"));
	/* superblocks that claim more blocks than the device has */
	memcpy(dev.mem, clean, 256 * COW_BS);
	dev.m.dev.info.sectors = 128 * COW_SPB;
	host_console_reset();
	assert_int_equal(cowfs_type.mount(&dev.m.dev, 0, &fs), -EINVAL);
	assert_non_null(strstr(host_console, "larger than the device"));
	dev.m.dev.info.sectors = 256 * COW_SPB;
}

/* A blob whose bytes changed under its checksum. */
static void test_blob_checksum(void **state)
{
	struct cow_super s[2];
	const char *why;
	void *fs;
	int n;

	(void)state;
	memcpy(dev.mem, clean, 256 * COW_BS);
	cow_super_decode(dev.mem, &s[0], 256, &why);
	cow_super_decode(dev.mem + COW_BS, &s[1], 256, &why);
	n = s[1].seq > s[0].seq;
	dev.mem[s[n].runs[0].start * COW_BS + 40] ^= 1;
	fs = cmount(&dev, 0);
	assert_non_null(strstr(host_console, "metadata checksum mismatch"));
	assert_int_equal(cow_tree_digest(fs), older);
	cowfs_type.umount(fs);
}

static uint64_t rng = 88172645463325252ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void scramble(unsigned char *b, uint32_t *l)
{
	int n = 1 + (int)(rnd() % 3);

	for (int i = 0; i < n; i++) {
		uint32_t at = (uint32_t)(rnd() % *l);

		if (rnd() % 4 == 0)
			b[at] = (unsigned char)rnd();
		else
			b[at] ^= (unsigned char)(1u << (rnd() % 8));
	}
	if (rnd() % 8 == 0)
		*l -= (uint32_t)(rnd() % (*l - COW_HDR + 1));
}

/* Random damage under a valid checksum: refused or harmless, never a
 * crash, and a filesystem that mounts takes writes and mounts again. */
static void test_random(void **state)
{
	unsigned mounted = 0, refused = 0;

	(void)state;
	for (int it = 0; it < 4000; it++) {
		void *fs;
		int rc;

		tamper(scramble);
		if (it % 2) { /* no older commit to fall back to */
			int newer = cow_get64(dev.mem + COW_BS + 16) > cow_get64(dev.mem + 16);

			memset(dev.mem + (1 - newer) * COW_BS, 0, 512);
		}
		host_console_reset();
		rc = cowfs_type.mount(&dev.m.dev, 0, &fs);
		if (rc != 0) {
			assert_int_equal(rc, -EINVAL);
			refused++;
			continue;
		}
		cow_tree_digest(fs);
		assert_int_equal(cput(fs, "new", "x", 1, 0, UNIK_O_CREAT), 0);
		assert_int_equal(cowfs_type.umount(fs), 0);
		cowfs_type.umount(cmount(&dev, 0));
		mounted++;
	}
	printf("cowfs fsck: 4000 damaged blobs: %u mounted, %u refused\n",
	       mounted, refused);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_no_fallback),
		cmocka_unit_test(test_blob_checksum),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests_name("libos/fs-cow fsck", tests, setup, NULL);
}
