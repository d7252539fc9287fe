/*
 * unik-mkfs: cowfs images on the host, with the very C the images run
 * (libos/fs-cow) over a memory-mapped file (libos/blk/host). Built and run
 * by tools/unik-mkfs.
 *
 *   unik-mkfs format IMAGE [SIZE_MB]   (create and) format
 *   unik-mkfs check IMAGE              run the mount-time checks, read
 *                                      every file, print a summary
 *   unik-mkfs ls IMAGE                 list every file and directory
 *   unik-mkfs cat IMAGE PATH           a file to stdout
 *   unik-mkfs put IMAGE PATH <DATA     a file from stdin (parents made)
 * Exit status 0, or 1 with the filesystem's own messages on stderr.
 */
#include "../../blk/host/host_shim.h"
#include "../cow.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct unik_fs_ops *ops;
static struct blk_mem dev;
static size_t map_len;
static unsigned nfiles, ndirs;
static uint64_t nbytes;

static int die(const char *what, int rc)
{
	fputs(host_console, stderr);
	fprintf(stderr, "unik-mkfs: %s: %s\n", what, strerror(-rc));
	exit(1);
}

static int sync_map(struct blk_mem *m)
{
	return msync(m->mem, map_len, MS_SYNC) == 0 ? 0 : -EIO;
}

static void open_image(const char *path, bool rw, long size_mb)
{
	int fd = open(path, rw ? O_RDWR | O_CREAT : O_RDONLY, 0644);
	struct stat st;
	void *p;

	if (fd < 0)
		die(path, -errno);
	if (size_mb > 0 && ftruncate(fd, (off_t)size_mb << 20) < 0)
		die(path, -errno);
	if (fstat(fd, &st) < 0 || st.st_size < 512)
		die(path, -EINVAL);
	map_len = (size_t)st.st_size;
	p = mmap(NULL, map_len, PROT_READ | (rw ? PROT_WRITE : 0), MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die(path, -errno);
	close(fd);
	blk_mem_init(&dev, p, map_len / 512, !rw);
	snprintf(dev.dev.name, sizeof(dev.dev.name), "image");
	dev.on_flush = sync_map;
}

/* Every entry below path, depth first; print them when ls. */
static void walk(void *fs, const char *path, bool ls, char *buf, size_t cap)
{
	struct unik_dirent e;
	struct unik_stat st;
	void *d, *f;
	int rc = ops->opendir(fs, path, &d);

	if (rc < 0)
		die(path, rc);
	while ((rc = ops->readdir(fs, d, &e)) == 1) {
		char sub[UNIK_VFS_PATH_MAX + UNIK_VFS_NAME_MAX + 2];

		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "/" : "", e.name);
		if ((rc = ops->stat(fs, sub, &st)) < 0)
			die(sub, rc);
		if (ls)
			printf("%c %10llu /%s\n", e.type == UNIK_DT_DIR ? 'd' : '-',
			       (unsigned long long)st.size, sub);
		if (e.type == UNIK_DT_DIR) {
			ndirs++;
			walk(fs, sub, ls, buf, cap);
			continue;
		}
		if ((rc = ops->open(fs, sub, UNIK_O_RDONLY, 0, &f)) < 0)
			die(sub, rc);
		for (uint64_t off = 0; off < st.size;) {
			ssize_t n = ops->read(fs, f, buf, cap, off);

			if (n <= 0)
				die(sub, n < 0 ? (int)n : -EIO);
			off += (uint64_t)n;
		}
		ops->close(fs, f);
		nfiles++;
		nbytes += st.size;
	}
	ops->closedir(fs, d);
}

static void *mount_image(unsigned flags)
{
	void *fs;
	int rc = cowfs_type.mount(&dev.dev, flags, &fs);

	if (rc < 0)
		die("mount", rc);
	return fs;
}

static void put(void *fs, const char *path)
{
	char dir[UNIK_VFS_PATH_MAX];
	size_t len = 0, cap = 1 << 20;
	char *data = malloc(cap);
	uint64_t off = 0;
	ssize_t n;
	void *f;
	int rc;

	while ((n = read(0, data + len, cap - len)) > 0)
		if ((len += (size_t)n) == cap)
			data = realloc(data, cap *= 2);
	for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(s - path), path);
		rc = ops->mkdir(fs, dir, 0755);
		if (rc < 0 && rc != -EEXIST)
			die(dir, rc);
	}
	rc = ops->open(fs, path, UNIK_O_WRONLY | UNIK_O_CREAT | UNIK_O_TRUNC, 0644, &f);
	if (rc < 0)
		die(path, rc);
	if (len && (n = ops->write(fs, f, data, len, &off, false)) != (ssize_t)len)
		die(path, n < 0 ? (int)n : -ENOSPC);
	ops->close(fs, f);
	free(data);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 2 ? argv[1] : "", *path = argc > 3 ? argv[3] : "";
	bool rw = !strcmp(cmd, "format") || !strcmp(cmd, "put");
	static char buf[1 << 16];
	struct cowfs *c;
	void *fs, *f;
	ssize_t n;
	int rc;

	ops = cowfs_type.ops;
	if (!*cmd || (strcmp(cmd, "check") && strcmp(cmd, "ls") && !rw &&
	              strcmp(cmd, "cat"))) {
		fprintf(stderr, "usage: unik-mkfs format|check|ls|cat|put IMAGE "
		        "[SIZE_MB|PATH]\n");
		return 2;
	}
	while (*path == '/')
		path++; /* the filesystem's paths are relative to its root */
	open_image(argv[2], rw, !strcmp(cmd, "format") && argc > 3 ? atol(argv[3]) : 0);
	if (!strcmp(cmd, "format") && (rc = cow_mkfs(&dev.dev)) < 0)
		die("format", rc);
	fs = mount_image(rw ? 0 : UNIK_MOUNT_RDONLY);
	if (!strcmp(cmd, "put"))
		put(fs, path);
	if (!strcmp(cmd, "cat")) {
		if ((rc = ops->open(fs, path, UNIK_O_RDONLY, 0, &f)) < 0)
			die(path, rc);
		for (uint64_t off = 0; (n = ops->read(fs, f, buf, sizeof(buf), off)) > 0;
		     off += (uint64_t)n)
			fwrite(buf, 1, (size_t)n, stdout);
		ops->close(fs, f);
	}
	if (!strcmp(cmd, "check") || !strcmp(cmd, "ls") || !strcmp(cmd, "format")) {
		walk(fs, "", !strcmp(cmd, "ls"), buf, sizeof(buf));
		c = fs;
		fprintf(!strcmp(cmd, "ls") ? stderr : stdout,
		        "cowfs %s: commit %llu, %u files, %u directories, %llu bytes; "
		        "%u of %u blocks free\n", argv[2], (unsigned long long)c->seq,
		        nfiles, ndirs, (unsigned long long)nbytes, c->nfree, c->total);
	}
	rc = cowfs_type.umount(fs);
	if (rc < 0)
		die("commit", rc);
	return 0;
}
