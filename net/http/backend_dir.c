/*
 * A POSIX directory as content: useful on unix now, and on Xen once a
 * filesystem is mounted (libos/vfs through the libc). Only regular files
 * and directories under the root are served, and only with open, fstat,
 * lseek, read, close and stat. Symbolic links are not followed: each
 * directory on the way is opened with O_DIRECTORY | O_NOFOLLOW and the file
 * itself with O_NOFOLLOW, so a link inside the folder cannot lead outside
 * it. (A link swapped in between the check of a directory and the open of
 * the file can: the folder's writers are trusted. unik's VFS has no links.)
 */
#include "http_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int dir_open(void *ctx, const char *path, struct http_file *f)
{
	const struct http_dir *d = ctx;
	char full[sizeof(d->root) + HTTP_PATH_MAX + 16];
	size_t n = strlen(path);
	struct stat st;
	int fd;

	if (path[0] != '/' || d->root_len + n >= sizeof(full))
		return -ENOENT;
	memcpy(full, d->root, d->root_len);
	memcpy(full + d->root_len, path, n + 1);
	for (char *q = full + d->root_len + 1; (q = strchr(q, '/')); q++) {
		*q = '\0';
		fd = open(full, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		*q = '/';
		if (fd < 0)
			return errno == ELOOP ? -ENOENT : -errno;
		close(fd);
	}
	/* O_NONBLOCK: opening a FIFO must not block the server. */
	fd = open(full, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
	if (fd < 0)
		return errno == ELOOP ? -ENOENT : -errno;
	if (fstat(fd, &st) < 0) {
		int rc = -errno;
		close(fd);
		return rc;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? -EISDIR : -ENOENT;
	}
	memset(f, 0, sizeof(*f));
	f->size = (uint64_t)st.st_size;
	f->mtime = (int64_t)st.st_mtim.tv_sec;
	/* Strong: a new inode, a new mtime (ns) or a new size changes it. */
	snprintf(f->etag, sizeof(f->etag), "\"%llx-%llx-%llx\"",
		 (unsigned long long)st.st_ino,
		 (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
		     (unsigned long long)st.st_mtim.tv_nsec,
		 (unsigned long long)st.st_size);
	f->handle = fd;
	return 0;
}

static long dir_read(void *ctx, struct http_file *f, uint64_t off, void *buf,
		     size_t len)
{
	ssize_t r;

	(void)ctx;
	if (f->pos != off && lseek((int)f->handle, (off_t)off, SEEK_SET) < 0)
		return -errno;
	do
		r = read((int)f->handle, buf, len);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		f->pos = UINT64_MAX; /* unknown: seek next time */
		return -errno;
	}
	f->pos = off + (uint64_t)r;
	return (long)r;
}

static void dir_close(void *ctx, struct http_file *f)
{
	(void)ctx;
	close((int)f->handle);
}

static const struct http_backend_ops dir_ops = {
    .open = dir_open,
    .read = dir_read,
    .close = dir_close,
    .name = "dir",
};

int http_dir_backend(struct http_backend *b, struct http_dir *d,
		     const char *root)
{
	size_t n = strlen(root);
	struct stat st;

	while (n > 1 && root[n - 1] == '/')
		n--;
	if (n >= sizeof(d->root))
		return -ENAMETOOLONG;
	memcpy(d->root, root, n);
	d->root[n] = '\0';
	if (stat(d->root, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (n == 1 && root[0] == '/')
		n = 0; /* "/" + "/a" must be "/a" */
	d->root_len = n;
	b->ops = &dir_ops;
	b->ctx = d;
	return 0;
}
