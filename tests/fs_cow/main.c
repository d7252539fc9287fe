/*
 * Boot 1 (a blank disk): format, write a small tree, fsync, write one
 * more file without fsync, and end without unmounting: the power cut.
 * Boot 2: everything fsync'ed reads back byte-exact; the file written
 * after the last fsync is absent (cowfs commits only on fsync, sync and
 * umount: docs/STORAGE.md); then a clean unmount for the host's check.
 */
#include <unik/unik.h>
#include <unik/vfs.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unik_test.h"

#define T "fs_cow"
#define BIG (1024 * 1024 + 7)

static unsigned char *buf;

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 131 + seed * 7 + (i >> 9));
}

static void put(const char *path, size_t n, unsigned seed, int flags)
{
	struct unik_file *f;

	fill(buf, n, seed);
	CHECK(T, unik_vfs_open(path, UNIK_O_WRONLY | UNIK_O_CREAT | flags, 0644,
	                       &f) == 0, "create %s", path);
	CHECK(T, unik_vfs_write(f, buf, n) == (ssize_t)n, "write %s", path);
	CHECK(T, unik_vfs_close(f) == 0, "close %s", path);
}

static void expect(const char *path, size_t n, unsigned seed)
{
	unsigned char *want = malloc(n + 1);
	struct unik_file *f;
	ssize_t got;

	fill(want, n, seed);
	CHECK(T, unik_vfs_open(path, UNIK_O_RDONLY, 0, &f) == 0, "open %s", path);
	got = unik_vfs_pread(f, buf, BIG + 100, 0);
	CHECK(T, got == (ssize_t)n && memcmp(buf, want, n) == 0,
	      "%s: %zd bytes, want %zu, %s", path, got, n,
	      got == (ssize_t)n ? "contents differ" : "size differs");
	unik_vfs_close(f);
	free(want);
}

static void boot1(void)
{
	struct unik_file *f;
	char line[64];

	CHECK(T, unik_vfs_mkdir("/data/etc", 0755) == 0, "mkdir");
	CHECK(T, unik_vfs_mkdir("/data/www", 0755) == 0, "mkdir");
	CHECK(T, unik_vfs_mkdir("/data/www/img", 0755) == 0, "mkdir");
	put("/data/etc/config", 100, 1, 0);
	put("/data/www/index.html", 5000, 2, 0);
	put("/data/www/img/big", BIG, 3, 0);
	put("/data/etc/tmp", 10, 4, 0);
	CHECK(T, unik_vfs_rename("/data/www/index.html", "/data/www/home.html") == 0, "rename");
	put("/data/www/index.html", 3000, 5, 0);
	CHECK(T, unik_vfs_unlink("/data/etc/tmp") == 0, "unlink");
	CHECK(T, unik_vfs_open("/data/log", UNIK_O_WRONLY | UNIK_O_CREAT |
	                       UNIK_O_APPEND, 0644, &f) == 0, "log");
	for (int i = 0; i < 100; i++) {
		snprintf(line, sizeof(line), "line %03d\n", i);
		CHECK(T, unik_vfs_write(f, line, 9) == 9, "append");
	}
	unik_vfs_close(f);
	put("/data/boot", 1, 0, 0);
	CHECK(T, unik_vfs_open("/data/boot", UNIK_O_RDWR, 0, &f) == 0, "open");
	CHECK(T, unik_vfs_fsync(f) == 0, "fsync");
	unik_vfs_close(f);
	put("/data/unsynced", 50, 6, 0);
	printf("fs_cow: boot 1: written and fsync'ed; ending without umount\n");
}

static void boot2(void)
{
	struct unik_stat st;
	char want[64];

	expect("/data/etc/config", 100, 1);
	expect("/data/www/home.html", 5000, 2);
	expect("/data/www/img/big", BIG, 3);
	expect("/data/www/index.html", 3000, 5);
	CHECK(T, unik_vfs_stat("/data/etc/tmp", &st) == -ENOENT, "tmp is back");
	CHECK(T, unik_vfs_stat("/data/unsynced", &st) == -ENOENT,
	      "a file written after the last fsync survived the cut");
	CHECK(T, unik_vfs_stat("/data/log", &st) == 0 && st.size == 900, "log");
	struct unik_file *f;
	CHECK(T, unik_vfs_open("/data/log", UNIK_O_RDONLY, 0, &f) == 0, "log");
	CHECK(T, unik_vfs_read(f, buf, 900) == 900, "log read");
	for (int i = 0; i < 100; i++) {
		snprintf(want, sizeof(want), "line %03d\n", i);
		CHECK(T, memcmp(buf + 9 * i, want, 9) == 0, "log line %d", i);
	}
	unik_vfs_close(f);
	fill(buf, 1, 0);
	buf[0] = '2';
	CHECK(T, unik_vfs_open("/data/boot", UNIK_O_WRONLY | UNIK_O_TRUNC, 0, &f) == 0, "boot");
	CHECK(T, unik_vfs_write(f, buf, 1) == 1, "boot");
	unik_vfs_close(f);
	CHECK(T, unik_vfs_umount("/data") == 0, "umount");
	printf("fs_cow: boot 2: everything fsync'ed is back\n");
	TEST_PASS(T);
}

int main(void)
{
	struct unik_blkdev *dev;
	struct unik_stat st;

	buf = malloc(BIG + 100);
	CHECK(T, unik_blk_open(0, &dev) == 0, "no disk");
	CHECK(T, unik_vfs_mount("/data", "cow", dev, UNIK_MOUNT_FORMAT) == 0, "mount");
	if (unik_vfs_stat("/data/boot", &st) == -ENOENT)
		boot1();
	else
		boot2();
	return 0;
}
