/*
 * Three archives of the same tree (GNU, pax, ustar) mounted with fs-tar;
 * every file found by walking the directories is read through the VFS
 * in odd-sized pieces and its cksum printed for the runner's check.
 */
#include <unik/unik.h>
#include <unik/vfs.h>

#include <errno.h>
#include <stdlib.h>

#include "disk_test.h"
#include "unik_test.h"

#define T "fs_tar"

static unsigned files;

static void read_file(const char *path, const struct unik_stat *st)
{
	static unsigned char buf[777];
	struct unik_file *f;
	struct cksum ck = {0};
	ssize_t n;

	CHECK(T, unik_vfs_open(path, UNIK_O_RDONLY, 0, &f) == 0, "open %s", path);
	while ((n = unik_vfs_read(f, buf, sizeof(buf))) > 0)
		cksum_bytes(&ck, buf, (size_t)n);
	CHECK(T, n == 0 && ck.len == st->size, "%s: read %zd, %llu of %llu bytes",
	      path, n, (unsigned long long)ck.len, (unsigned long long)st->size);
	CHECK(T, unik_vfs_close(f) == 0, "close");
	printf("fs_tar: file %u %llu %s\n", cksum_final(&ck),
	       (unsigned long long)ck.len, path);
	files++;
}

static void walk(const char *dir)
{
	struct unik_dir *d;
	struct unik_dirent e;
	struct unik_stat st;
	char path[UNIK_VFS_PATH_MAX + UNIK_VFS_NAME_MAX];
	int rc;

	CHECK(T, unik_vfs_opendir(dir, &d) == 0, "opendir %s", dir);
	while ((rc = unik_vfs_readdir(d, &e)) == 1) {
		snprintf(path, sizeof(path), "%s/%s", dir, e.name);
		CHECK(T, unik_vfs_stat(path, &st) == 0, "stat %s", path);
		if (e.type == UNIK_DT_DIR)
			walk(path);
		else
			read_file(path, &st);
	}
	CHECK(T, rc == 0, "readdir %s: %d", dir, rc);
	unik_vfs_closedir(d);
}

static void read_only_checks(void)
{
	struct unik_file *f;
	struct unik_stat st;
	char a[100], b[100];

	CHECK(T, unik_vfs_open("/gnu/www/index.html", UNIK_O_RDWR, 0, &f) == -EROFS, "rw open");
	CHECK(T, unik_vfs_mkdir("/gnu/x", 0755) == -EROFS, "mkdir");
	CHECK(T, unik_vfs_unlink("/pax/www/index.html") == -EROFS, "unlink");
	CHECK(T, unik_vfs_stat("/gnu/www/link", &st) == -ENOENT, "symlink shown");
	CHECK(T, unik_vfs_stat("/ustar/empty", &st) == 0 &&
	         (st.mode & UNIK_S_IFMT) == UNIK_S_IFDIR, "empty dir");
	CHECK(T, unik_vfs_stat("/gnu/../etc", &st) == -EACCES, "escaped a mount");
	CHECK(T, unik_vfs_open("/pax/www/img/f100001", UNIK_O_RDONLY, 0, &f) == 0, "open");
	CHECK(T, unik_vfs_lseek(f, 0, 2) == 100001, "SEEK_END");
	CHECK(T, unik_vfs_lseek(f, 4000, 0) == 4000, "SEEK_SET");
	CHECK(T, unik_vfs_read(f, a, sizeof(a)) == 100, "read");
	CHECK(T, unik_vfs_pread(f, b, sizeof(b), 4000) == 100, "pread");
	CHECK(T, memcmp(a, b, 100) == 0, "pread and read differ");
	unik_vfs_close(f);
}

int main(void)
{
	static const char *mounts[] = {"/gnu", "/pax", "/ustar"};

	for (unsigned i = 0; i < 3; i++) {
		struct unik_blkdev *dev;

		CHECK(T, unik_blk_open(i, &dev) == 0, "no disk %u", i);
		CHECK(T, unik_vfs_mount(mounts[i], "tar", dev, 0) == 0, "mount %s",
		      mounts[i]);
	}
	for (unsigned i = 0; i < 3; i++)
		walk(mounts[i]);
	read_only_checks();
	for (unsigned i = 0; i < 3; i++)
		CHECK(T, unik_vfs_umount(mounts[i]) == 0, "umount");
	printf("fs_tar: %u files read\n", files);
	TEST_PASS(T);
	return 0;
}
