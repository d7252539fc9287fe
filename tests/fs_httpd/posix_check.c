/*
 * The POSIX binding as an app sees it, the same source on every target:
 * on root (the tar served) reads, seeks, stat, directory listing, stdio
 * and the read-only refusals; on /data (cowfs) every change, and files
 * that must survive the reboot between the runner's two boots.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unik_test.h"

#define T "fs_httpd"
#define OK(cond, ...) CHECK(T, cond, __VA_ARGS__)
#define FAILS(call, err) OK((call) == -1 && errno == (err), #call ": errno %d (%s), expected " #err, errno, strerror(errno))

static char path[600];

static const char *at(const char *dir, const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void listing(const char *root)
{
	unsigned seen = 0, n = 0;
	struct dirent *e;
	DIR *d = opendir(root);

	OK(d, "opendir %s: %s", root, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		n++;
		if (!strcmp(e->d_name, ".") && e->d_type == DT_DIR)
			seen |= 1;
		if (!strcmp(e->d_name, "..") && e->d_type == DT_DIR)
			seen |= 2;
		if (!strcmp(e->d_name, "sub") && e->d_type == DT_DIR)
			seen |= 4;
		if (!strcmp(e->d_name, "hello world.txt") && e->d_type == DT_REG)
			seen |= 8;
	}
	OK(seen == 15, "readdir %s: entries seen %#x of %u", root, seen, n);
	rewinddir(d);
	OK((e = readdir(d)) && !strcmp(e->d_name, "."), "rewinddir");
	OK(closedir(d) == 0, "closedir");
	FAILS(opendir(at(root, "index.html")) ? 0 : -1, ENOTDIR);
}

static void reads(const char *root)
{
	char a[17] = {0}, b[17] = {0}, line[128];
	struct stat st;
	FILE *f;
	int fd = open(at(root, "big.bin"), O_RDONLY);

	OK(fd >= 3, "open big.bin: %s", strerror(errno));
	OK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 1048576,
	   "fstat big.bin: size %lld", (long long)st.st_size);
	OK(pread(fd, a, 16, 16 * 1000) == 16, "pread");
	OK(lseek(fd, 16 * 1000, SEEK_SET) == 16 * 1000 && read(fd, b, 16) == 16,
	   "lseek + read");
	OK(!memcmp(a, b, 16) && lseek(fd, 0, SEEK_CUR) == 16 * 1001, "pread %s, read %s", a, b);
	OK(lseek(fd, 0, SEEK_END) == 1048576 && read(fd, b, 1) == 0, "end");
	FAILS(write(fd, "x", 1), EBADF);
	OK(close(fd) == 0, "close");
	FAILS(close(fd), EBADF);
	OK(stat(at(root, "sub"), &st) == 0 && S_ISDIR(st.st_mode), "stat sub");
	OK(access(at(root, "index.html"), R_OK) == 0, "access R_OK");
	FAILS(access(at(root, "index.html"), W_OK), EROFS);
	FAILS(open(at(root, "nope"), O_RDONLY), ENOENT);
	FAILS(open(at(root, "index.html"), O_WRONLY), EROFS);
	FAILS(open(at(root, "index.html"), O_RDONLY | O_DIRECTORY), ENOTDIR);
	FAILS(mkdir(at(root, "x"), 0755), EROFS);
	FAILS(unlink(at(root, "index.html")), EROFS);
	FAILS(stat(at(root, "../etc/passwd"), &st), EACCES);
	f = fopen(at(root, "sub/index.html"), "r");
	OK(f && fgets(line, sizeof(line), f) && !strcmp(line, "<!DOCTYPE html>\n"),
	   "fopen + fgets sub/index.html");
	OK(fclose(f) == 0, "fclose");
}

/* /data: created on the first boot, found again (and counted) after. */
static int boots(void)
{
	char buf[16] = "0";
	int n, fd = open("/data/boots", O_RDWR | O_CREAT, 0644);

	OK(fd >= 0, "open /data/boots: %s", strerror(errno));
	OK(read(fd, buf, sizeof(buf) - 1) >= 0, "read boots");
	n = atoi(buf) + 1;
	snprintf(buf, sizeof(buf), "%d\n", n);
	OK(ftruncate(fd, 0) == 0 && pwrite(fd, buf, strlen(buf), 0) == (ssize_t)strlen(buf),
	   "rewrite boots");
	OK(fsync(fd) == 0 && close(fd) == 0, "fsync boots");
	return n;
}

static void changes(const char *root, int boot)
{
	char line[64];
	struct stat st;
	FILE *f;
	int fd;

	if (boot == 1) {
		OK(mkdir("/data/logs", 0755) == 0, "mkdir: %s", strerror(errno));
		FAILS(mkdir("/data/logs", 0755), EEXIST);
	}
	f = fopen("/data/logs/app.log", "a");
	OK(f && fprintf(f, "boot %d\n", boot) > 0 && fclose(f) == 0, "append log");
	fd = open("/data/tmp", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	OK(fd >= 0 && write(fd, "temporary", 9) == 9 && ftruncate(fd, 4) == 0,
	   "write + ftruncate");
	OK(fstat(fd, &st) == 0 && st.st_size == 4 && close(fd) == 0, "size 4");
	OK(rename("/data/tmp", "/data/logs/renamed") == 0, "rename: %s", strerror(errno));
	FAILS(rmdir("/data/logs"), ENOTEMPTY);
	OK(unlink("/data/logs/renamed") == 0, "unlink");
	FAILS(unlink("/data/logs/renamed"), ENOENT);
	OK(mkdir("/data/empty", 0755) == 0 && rmdir("/data/empty") == 0, "rmdir");
	OK(access("/data/logs", W_OK) == 0, "access W_OK /data/logs");
	FAILS(rename("/data/logs/app.log", at(root, "app.log")), EXDEV);
	f = fopen("/data/logs/app.log", "r");
	for (int b = 1; b <= boot; b++) {
		snprintf(path, sizeof(path), "boot %d\n", b);
		OK(f && fgets(line, sizeof(line), f) && !strcmp(line, path),
		   "app.log line %d after %d boots", b, boot);
	}
	OK(fclose(f) == 0, "fclose");
	sync();
}

void posix_check(const char *root)
{
	int boot;

	listing(root);
	reads(root);
	boot = boots();
	changes(root, boot);
	printf("fs_httpd: POSIX binding checks passed (boot %d of /data)\n", boot);
}
