/* Unit tests of the VFS with a fake filesystem, on the real scheduler
 * (the per-mount lock sleeps on a wait queue). */
#include "../../core/core.h"
#include "../../core/tests/plat_fake.h"
#include "fake_fs.h"

#include <unik/vfs.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

static struct unik_blkdev devs[UNIK_VFS_MOUNTS + 1]; /* only compared */
static struct fakefs *rootfs, *datafs;

static void run(void (*fn)(void *))
{
	struct unik_thread *t;

	fake_reset();
	assert_int_equal(unik_thread_create(&t, "root", fn, NULL, 0), 0);
	sched_run_until_done(t);
	assert_int_equal(unik_thread_join(t), 0);
}

static void mounts_body(void *arg)
{
	struct unik_stat st;
	struct unik_file *f;

	(void)arg;
	assert_int_equal(unik_vfs_mount("/", "fake", &devs[0], 0), 0);
	rootfs = fake_last_mounted;
	assert_int_equal(unik_vfs_mount("/data/", "fake", &devs[1], 0), 0);
	datafs = fake_last_mounted;
	assert_int_equal(unik_vfs_mount("/data", "fake", &devs[2], 0), -EBUSY);
	assert_int_equal(unik_vfs_mount("/other", "fake", &devs[1], 0), -EBUSY);
	assert_int_equal(unik_vfs_mount("/x", "nosuch", &devs[2], 0), -ENODEV);
	/* routing: longest prefix on a '/' boundary */
	assert_int_equal(unik_vfs_stat("/data/hello", &st), 0);
	assert_string_equal(datafs->last, "hello");
	assert_int_equal(st.dev, 1);
	assert_int_equal(unik_vfs_stat("/datax", &st), -ENOENT);
	assert_string_equal(rootfs->last, "datax");
	assert_int_equal(unik_vfs_stat("/data", &st), 0);
	assert_string_equal(datafs->last, "");
	assert_true(st.mode & UNIK_S_IFDIR);
	assert_int_equal(unik_vfs_stat("//data/./sub/../hello", &st), 0);
	assert_string_equal(datafs->last, "hello");
	assert_int_equal(st.size, 5);
	assert_true(unik_vfs_owns("/data/x"));
	assert_true(unik_vfs_owns("/anything")); /* "/" is mounted */
	assert_true(unik_vfs_owns("/data/../etc")); /* refused by the VFS */
	/* ".." may not leave a mount through its mount point */
	assert_int_equal(unik_vfs_stat("/data/../hello", &st), -EACCES);
	assert_int_equal(unik_vfs_stat("/../hello", &st), -EACCES);
	/* umount with a file open */
	assert_int_equal(unik_vfs_open("/data/hello", UNIK_O_RDONLY, 0, &f), 0);
	assert_int_equal(unik_vfs_umount("/data"), -EBUSY);
	assert_int_equal(unik_vfs_close(f), 0);
	assert_int_equal(unik_vfs_umount("/data/x"), -EINVAL);
	assert_int_equal(unik_vfs_umount("/data"), 0);
	assert_int_equal(datafs->umounts, 1);
	assert_int_equal(unik_vfs_stat("/data/hello", &st), -ENOENT);
	assert_string_equal(rootfs->last, "data/hello");
	assert_int_equal(unik_vfs_mount("/data", "fake", &devs[1], 0), 0);
	datafs = fake_last_mounted;
	for (int i = 2; i < UNIK_VFS_MOUNTS; i++) {
		char p[8] = "/m0";

		p[2] = (char)('0' + i);
		assert_int_equal(unik_vfs_mount(p, "fake", &devs[i], 0), 0);
	}
	assert_int_equal(unik_vfs_mount("/full", "fake", &devs[UNIK_VFS_MOUNTS], 0),
	                 -ENOSPC);
	assert_int_equal(unik_vfs_umount("/m7"), 0);
	assert_false(unik_vfs_owns(""));
	assert_int_equal(unik_vfs_sync(), 0);
	assert_int_equal(rootfs->syncs, 1);
	assert_int_equal(datafs->syncs, 1);
}

static void test_mounts(void **state)
{
	(void)state;
	run(mounts_body);
}

static void io_body(void *arg)
{
	struct unik_file *f;
	char buf[64];

	(void)arg;
	assert_int_equal(unik_vfs_open("/data/new", UNIK_O_WRONLY | UNIK_O_CREAT,
	                               0644, &f), 0);
	assert_int_equal(unik_vfs_write(f, "abcdef", 6), 6);
	assert_int_equal(unik_vfs_read(f, buf, 1), -EBADF);
	assert_int_equal(unik_vfs_lseek(f, 2, 0), 2);
	assert_int_equal(unik_vfs_write(f, "XY", 2), 2);
	assert_int_equal(unik_vfs_lseek(f, 0, 1), 4);
	assert_int_equal(unik_vfs_lseek(f, -1, 2), 5);
	assert_int_equal(unik_vfs_lseek(f, -7, 2), -EINVAL);
	assert_int_equal(unik_vfs_lseek(f, 0, 3), -EINVAL);
	assert_int_equal(unik_vfs_lseek(f, INT64_MAX, 1), -EOVERFLOW);
	assert_int_equal(unik_vfs_pwrite(f, "z", 1, 0), 1);
	assert_int_equal(unik_vfs_lseek(f, 0, 1), 5); /* pwrite kept it */
	assert_int_equal(unik_vfs_close(f), 0);
	assert_int_equal(unik_vfs_open("/data/new", UNIK_O_RDWR | UNIK_O_APPEND,
	                               0, &f), 0);
	assert_int_equal(unik_vfs_write(f, "!", 1), 1);
	assert_int_equal(unik_vfs_lseek(f, 0, 1), 7);
	assert_int_equal(unik_vfs_pread(f, buf, sizeof(buf), 0), 7);
	assert_memory_equal(buf, "zbXYef!", 7);
	assert_int_equal(unik_vfs_read(f, buf, sizeof(buf)), 0); /* at end */
	assert_int_equal(unik_vfs_lseek(f, 1, 0), 1);
	assert_int_equal(unik_vfs_read(f, buf, 3), 3);
	assert_memory_equal(buf, "bXY", 3);
	assert_int_equal(unik_vfs_ftruncate(f, 0), -EROFS); /* no such op */
	assert_int_equal(unik_vfs_close(f), 0);
	assert_int_equal(unik_vfs_open("/data/new", UNIK_O_ACCMODE, 0, &f),
	                 -EINVAL);
	assert_int_equal(unik_vfs_open("/data/none", UNIK_O_RDONLY, 0, &f),
	                 -ENOENT);
}

static void test_io(void **state)
{
	(void)state;
	run(io_body);
}

static void names_body(void *arg)
{
	struct unik_dir *d;
	struct unik_dirent e;
	struct unik_file *f;
	struct unik_stat st;
	int n = 0;

	(void)arg;
	assert_int_equal(unik_vfs_mkdir("/data/d", 0755), 0);
	assert_int_equal(unik_vfs_mkdir("/data", 0755), -EEXIST);
	assert_int_equal(unik_vfs_rmdir("/data"), -EBUSY);
	assert_int_equal(unik_vfs_unlink("/data"), -EISDIR);
	assert_int_equal(unik_vfs_rename("/data/hello", "/hello2"), -EXDEV);
	assert_int_equal(unik_vfs_rename("/data/hello", "/data"), -EBUSY);
	assert_int_equal(unik_vfs_rename("/data/hello", "/data/hi"), 0);
	assert_int_equal(unik_vfs_stat("/data/hi", &st), 0);
	assert_int_equal(unik_vfs_unlink("/data/hi"), 0);
	assert_int_equal(unik_vfs_stat("/data/hi", &st), -ENOENT);
	assert_int_equal(unik_vfs_opendir("/data", &d), 0);
	while (unik_vfs_readdir(d, &e) == 1)
		n++;
	assert_int_equal(n, 4); /* slow sub new d */
	assert_int_equal(unik_vfs_closedir(d), 0);
	assert_int_equal(unik_vfs_opendir("/data/slow", &d), -ENOTDIR);
	/* a read-only filesystem type and a read-only mount */
	assert_int_equal(unik_vfs_mount("/ro", "fakero", &devs[7], 0), 0);
	assert_int_equal(unik_vfs_open("/ro/hello", UNIK_O_RDWR, 0, &f), -EROFS);
	assert_int_equal(unik_vfs_open("/ro/hello", UNIK_O_RDONLY | UNIK_O_CREAT,
	                               0, &f), -EROFS);
	assert_int_equal(unik_vfs_mkdir("/ro/x", 0), -EROFS);
	assert_int_equal(unik_vfs_opendir("/ro", &d), -ENOSYS);
	assert_int_equal(unik_vfs_open("/ro/hello", UNIK_O_RDONLY, 0, &f), 0);
	assert_int_equal(unik_vfs_write(f, "x", 1), -EBADF);
	assert_int_equal(unik_vfs_fsync(f), 0);
	assert_int_equal(unik_vfs_close(f), 0);
	assert_int_equal(unik_vfs_umount("/ro"), 0);
	assert_int_equal(unik_vfs_mount("/ro", "fake", &devs[7], UNIK_MOUNT_RDONLY), 0);
	assert_int_equal(unik_vfs_open("/ro/hello", UNIK_O_WRONLY, 0, &f), -EROFS);
	assert_int_equal(unik_vfs_unlink("/ro/hello"), -EROFS);
	assert_int_equal(unik_vfs_rename("/ro/hello", "/ro/x"), -EROFS);
	assert_int_equal(unik_vfs_umount("/ro"), 0);
}

static void test_names(void **state)
{
	(void)state;
	run(names_body);
}

/* Two threads reading a file whose read sleeps inside the filesystem. */
static void reader(void *arg)
{
	struct unik_file *f;
	char buf[8];

	(void)arg;
	assert_int_equal(unik_vfs_open("/data/slow", UNIK_O_RDONLY, 0, &f), 0);
	assert_int_equal(unik_vfs_read(f, buf, sizeof(buf)), 4);
	assert_int_equal(unik_vfs_close(f), 0);
}

static void serial_body(void *arg)
{
	struct unik_thread *t[3];

	(void)arg;
	for (int i = 0; i < 3; i++)
		assert_int_equal(unik_thread_create(&t[i], "r", reader, NULL, 0), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(unik_thread_join(t[i]), 0);
	assert_int_equal(datafs->max_inside, 1);
	assert_true(fake_now >= 1000000 + 30 * 1000000ull); /* 3 x 10 ms */
	assert_int_equal(unik_vfs_umount("/data"), 0);
}

static void test_serialised(void **state)
{
	(void)state;
	run(serial_body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mounts),
		cmocka_unit_test(test_io),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_serialised),
	};
	return cmocka_run_group_tests_name("libos/vfs", tests, NULL, NULL);
}
