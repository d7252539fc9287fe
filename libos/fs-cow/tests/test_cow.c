/* cowfs behaviour on a RAM device: files, directories, persistence,
 * space, read-only devices, choosing between the superblock slots. */
#include "cow_util.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

static struct rdev dev;
static unsigned char big[1 << 20], back[1 << 20];

static int setup(void **state)
{
	(void)state;
	rdev_init(&dev, 1024); /* 4 MiB */
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 2654435761u >> 13);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rdev_free(&dev);
	return 0;
}

static void test_format(void **state)
{
	void *fs;

	(void)state;
	assert_int_equal(cowfs_type.mount(&dev.m.dev, 0, &fs), -EINVAL);
	assert_non_null(strstr(host_console, "no cowfs here"));
	fs = cmount(&dev, UNIK_MOUNT_FORMAT);
	assert_non_null(strstr(host_console, "formatting"));
	assert_int_equal(cowfs_type.umount(fs), 0);
	fs = cmount(&dev, UNIK_MOUNT_FORMAT); /* formatted: not again */
	assert_null(strstr(host_console, "formatting"));
	assert_int_equal(cowfs_type.umount(fs), 0);
}

static void test_files(void **state)
{
	void *fs = cmount(&dev, 0), *f;
	struct unik_stat st;
	uint64_t off = 0;

	(void)state;
	assert_int_equal(cput(fs, "a", "hello", 5, 0, UNIK_O_CREAT), 0);
	assert_int_equal(cget(fs, "a", back, sizeof(back)), 5);
	assert_memory_equal(back, "hello", 5);
	assert_int_equal(cput(fs, "a", " world", 6, 0, UNIK_O_APPEND), 0);
	assert_int_equal(cput(fs, "a", "J", 1, 0, 0), 0);
	assert_int_equal(cget(fs, "a", back, sizeof(back)), 11);
	assert_memory_equal(back, "Jello world", 11);
	/* a write past the end leaves zeros in the gap */
	assert_int_equal(cput(fs, "a", "Z", 1, 10000, 0), 0);
	assert_int_equal(cget(fs, "a", back, sizeof(back)), 10001);
	for (int i = 11; i < 10000; i++)
		assert_int_equal(back[i], 0);
	/* shrink into a block, then grow: the old tail reads as zeros */
	assert_int_equal(cops->open(fs, "a", UNIK_O_RDWR, 0, &f), 0);
	assert_int_equal(cops->ftruncate(fs, f, 3), 0);
	assert_int_equal(cops->ftruncate(fs, f, 9000), 0);
	assert_int_equal(cops->read(fs, f, back, sizeof(back), 0), 9000);
	assert_memory_equal(back, "Jel\0\0\0", 6);
	assert_int_equal(cops->fstat(fs, f, &st), 0);
	assert_int_equal(st.size, 9000);
	assert_int_equal(st.blocks, 3 * 8);
	cops->close(fs, f);
	/* 1 MiB, then reads at awkward offsets */
	assert_int_equal(cput(fs, "big", big, sizeof(big), 0, UNIK_O_CREAT), 0);
	assert_int_equal(cops->open(fs, "big", UNIK_O_RDONLY, 0, &f), 0);
	for (uint64_t o = 1; o < sizeof(big); o = o * 3 + 7) {
		ssize_t n = cops->read(fs, f, back, 70000, o);

		assert_true(n > 0);
		assert_memory_equal(back, big + o, (size_t)n);
	}
	cops->close(fs, f);
	assert_int_equal(cops->open(fs, "big", UNIK_O_RDWR | UNIK_O_TRUNC, 0, &f), 0);
	assert_int_equal(cops->write(fs, f, "x", 1, &off, false), 1);
	cops->close(fs, f);
	assert_int_equal(cops->stat(fs, "big", &st), 0);
	assert_int_equal(st.size, 1);
	assert_int_equal(cops->open(fs, "a", UNIK_O_CREAT | UNIK_O_EXCL, 0, &f), -EEXIST);
	assert_int_equal(cops->open(fs, "nope/a", UNIK_O_CREAT, 0, &f), -ENOENT);
	assert_int_equal(cops->open(fs, "a/b", UNIK_O_CREAT, 0, &f), -ENOTDIR);
	assert_int_equal(cowfs_type.umount(fs), 0);
}

static void test_dirs(void **state)
{
	void *fs = cmount(&dev, 0), *d;
	struct unik_dirent e;
	struct unik_stat st;
	int n = 0;

	(void)state;
	assert_int_equal(cops->mkdir(fs, "d", 0755), 0);
	assert_int_equal(cops->mkdir(fs, "d/e", 0755), 0);
	assert_int_equal(cops->mkdir(fs, "d", 0755), -EEXIST);
	assert_int_equal(cput(fs, "d/e/f", "f", 1, 0, UNIK_O_CREAT), 0);
	assert_int_equal(cops->rmdir(fs, "d"), -ENOTEMPTY);
	assert_int_equal(cops->unlink(fs, "d"), -EISDIR);
	assert_int_equal(cops->rmdir(fs, "a"), -ENOTDIR);
	assert_int_equal(cops->rename(fs, "d", "d/e/x"), -EINVAL);
	assert_int_equal(cops->rename(fs, "a", "d/e/f"), 0); /* replaces f */
	assert_int_equal(cget(fs, "d/e/f", back, sizeof(back)), 9000);
	assert_int_equal(cops->rename(fs, "d/e", "e2"), 0);
	assert_int_equal(cops->stat(fs, "e2/f", &st), 0);
	assert_int_equal(cops->rename(fs, "e2", "big"), -ENOTDIR);
	assert_int_equal(cops->rename(fs, "big", "d"), -EISDIR);
	assert_int_equal(cops->rename(fs, "nope", "x"), -ENOENT);
	assert_int_equal(cops->opendir(fs, "", &d), 0);
	while (cops->readdir(fs, d, &e) == 1)
		n++;
	cops->closedir(fs, d);
	assert_int_equal(n, 3); /* big d e2 */
	assert_int_equal(cops->rmdir(fs, "d"), 0);
	assert_int_equal(cowfs_type.umount(fs), 0);
}

static void test_persistence(void **state)
{
	void *fs = cmount(&dev, 0);
	unsigned char *copy = aligned_alloc(4096, dev.blocks * COW_BS);
	uint64_t before = cow_tree_digest(fs), committed;
	struct rdev crash = dev;

	(void)state;
	assert_int_equal(cput(fs, "p", "durable", 7, 0, UNIK_O_CREAT), 0);
	assert_int_equal(cops->sync(fs), 0);
	committed = cow_tree_digest(fs);
	assert_int_not_equal(before, committed);
	assert_int_equal(cput(fs, "q", "lost", 4, 0, UNIK_O_CREAT), 0);
	assert_int_equal(cput(fs, "p", "CHANGED", 7, 0, 0), 0);
	/* pull the plug: mount a copy of the device as it is now */
	memcpy(copy, dev.mem, dev.blocks * COW_BS);
	crash.mem = copy;
	blk_mem_init(&crash.m, copy, dev.blocks * COW_SPB, true);
	void *after = cmount(&crash, 0);
	assert_int_equal(cow_tree_digest(after), committed);
	cowfs_type.umount(after);
	free(copy);
	assert_int_equal(cowfs_type.umount(fs), 0);
	fs = cmount(&dev, 0); /* umount committed q */
	assert_int_equal(cget(fs, "q", back, 10), 4);
	assert_int_equal(cget(fs, "p", back, 10), 7);
	assert_memory_equal(back, "CHANGED", 7);
	assert_int_equal(cowfs_type.umount(fs), 0);
}

static void test_open_unlinked(void **state)
{
	void *fs = cmount(&dev, 0), *f;
	struct cowfs *c = fs;
	uint32_t inodes = c->ninodes;

	(void)state;
	assert_int_equal(cput(fs, "tmp", big, 50000, 0, UNIK_O_CREAT), 0);
	assert_int_equal(cops->open(fs, "tmp", UNIK_O_RDONLY, 0, &f), 0);
	assert_int_equal(cops->unlink(fs, "tmp"), 0);
	assert_int_equal(cops->open(fs, "tmp", UNIK_O_RDONLY, 0, &f), -ENOENT);
	assert_int_equal(cops->read(fs, f, back, 50000, 0), 50000);
	assert_memory_equal(back, big, 50000);
	assert_int_equal(cops->sync(fs), 0); /* not in the blob */
	assert_int_equal(c->ninodes, inodes + 1);
	cops->close(fs, f);
	assert_int_equal(c->ninodes, inodes);
	assert_int_equal(cowfs_type.umount(fs), 0);
}

static void test_space(void **state)
{
	void *fs = cmount(&dev, 0), *f;
	uint64_t seq;

	(void)state;
	assert_int_equal(cput(fs, "fill", big, sizeof(big), 0, UNIK_O_CREAT), 0);
	for (int i = 1; i < 3; i++)
		assert_int_equal(cput(fs, "fill", big, sizeof(big), i << 20, 0), 0);
	assert_int_equal(cops->sync(fs), 0);
	/* the 4th MiB does not fit: a short write, then -ENOSPC */
	assert_int_not_equal(cput(fs, "fill", big, sizeof(big), 3 << 20, 0), 0);
	assert_int_equal(cput(fs, "fill", big, 4096, 4 << 20, 0), -ENOSPC);
	assert_int_equal(cops->open(fs, "fill", UNIK_O_RDWR, 0, &f), 0);
	assert_int_equal(cops->ftruncate(fs, f, 3 << 20), 0); /* fresh: free now */
	cops->close(fs, f);
	/* Rewriting 2.4 MB of committed blocks needs more than the free
	 * space: it works only because commits free the blocks it replaced. */
	seq = ((struct cowfs *)fs)->seq;
	for (int i = 0; i < 12; i++)
		assert_int_equal(cput(fs, "fill", big + i, 200000, i * 200000, 0), 0);
	assert_true(((struct cowfs *)fs)->seq > seq); /* commits did happen */
	assert_int_equal(cops->open(fs, "fill", UNIK_O_RDONLY, 0, &f), 0);
	for (int i = 0; i < 12; i++) { /* data written around the commits */
		assert_int_equal(cops->read(fs, f, back, 200000, i * 200000), 200000);
		assert_memory_equal(back, big + i, 200000);
	}
	cops->close(fs, f);
	assert_int_equal(cops->unlink(fs, "fill"), 0);
	assert_int_equal(cops->sync(fs), 0);
	assert_int_equal(cput(fs, "again", big, sizeof(big), 0, UNIK_O_CREAT), 0);
	assert_int_equal(cowfs_type.umount(fs), 0);
}

static void test_read_only(void **state)
{
	void *fs, *f;

	(void)state;
	dev.m.dev.info.read_only = true;
	fs = cmount(&dev, 0);
	assert_int_equal(cget(fs, "again", back, sizeof(back)), sizeof(big));
	assert_int_equal(cops->open(fs, "again", UNIK_O_RDWR, 0, &f), -EROFS);
	assert_int_equal(cops->mkdir(fs, "x", 0), -EROFS);
	assert_int_equal(cowfs_type.umount(fs), 0);
	dev.m.dev.info.read_only = false;
}

static void test_slots(void **state)
{
	void *fs = cmount(&dev, 0);
	struct cowfs *c = fs;
	unsigned newest;

	(void)state;
	assert_int_equal(cput(fs, "s", "1", 1, 0, UNIK_O_CREAT), 0);
	assert_int_equal(cops->sync(fs), 0);
	assert_int_equal(cput(fs, "s", "2", 1, 0, 0), 0);
	assert_int_equal(cops->sync(fs), 0);
	newest = c->slot;
	assert_int_equal(cowfs_type.umount(fs), 0); /* nothing new: no commit */
	dev.mem[newest * COW_BS + 100] ^= 1; /* the newest slot torn */
	fs = cmount(&dev, UNIK_MOUNT_FORMAT);
	assert_non_null(strstr(host_console, "checksum mismatch"));
	assert_int_equal(cget(fs, "s", back, 4), 1);
	assert_int_equal(back[0], '1'); /* the commit before */
	assert_int_equal(cowfs_type.umount(fs), 0);
	/* both slots damaged: refused, and FORMAT does not format over it */
	dev.mem[(1 - newest) * COW_BS + 100] ^= 1;
	assert_int_equal(cowfs_type.mount(&dev.m.dev, UNIK_MOUNT_FORMAT, &fs),
	                 -EINVAL);
	assert_non_null(strstr(host_console, "no valid commit"));
	dev.mem[(1 - newest) * COW_BS + 100] ^= 1;
	dev.mem[newest * COW_BS + 100] ^= 1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_dirs),
		cmocka_unit_test(test_persistence),
		cmocka_unit_test(test_open_unlinked),
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_slots),
	};
	return cmocka_run_group_tests_name("libos/fs-cow", tests, setup, teardown);
}
