/*
 * unix target: directory streams and stdio on VFS paths. glibc's
 * opendir() and fopen() open through internal calls that --wrap=open
 * does not see, so they are wrapped themselves: a VFS directory is a
 * struct unik_dirstream (dir.c) passed around as a DIR *, told apart
 * from the host's by the list of open streams; a VFS FILE is a glibc
 * stream over the binding's fd, built with fopencookie().
 */
#define _GNU_SOURCE
#include "vfs_posix.h"
#include "vfs_posix_unix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ---- directories ------------------------------------------------------ */

DIR *__real_opendir(const char *path);
DIR *__wrap_opendir(const char *path)
{
	struct unik_dirstream *d;
	int rc;

	if (!vp_unix_routes(path))
		return __real_opendir(path);
	rc = vp_opendir(path, &d);
	return rc < 0 ? (vp_unix_fail(rc), NULL) : (DIR *)d;
}

static struct dirent *next(DIR *d)
{
	struct dirent *e;
	int rc = vp_readdir((struct unik_dirstream *)d, &e);

	return rc > 0 ? e : rc < 0 ? (vp_unix_fail(rc), NULL) : NULL;
}

struct dirent *__real_readdir(DIR *d);
struct dirent *__wrap_readdir(DIR *d)
{
	return vp_dir_is(d) ? next(d) : __real_readdir(d);
}

/* struct dirent64 is struct dirent on x86_64. */
struct dirent *__real_readdir64(DIR *d);
struct dirent *__wrap_readdir64(DIR *d)
{
	return vp_dir_is(d) ? next(d) : __real_readdir64(d);
}

int __real_closedir(DIR *d);
int __wrap_closedir(DIR *d)
{
	int rc;

	if (!vp_dir_is(d))
		return __real_closedir(d);
	rc = vp_closedir((struct unik_dirstream *)d);
	return rc < 0 ? vp_unix_fail(rc) : 0;
}

void __real_rewinddir(DIR *d);
void __wrap_rewinddir(DIR *d)
{
	if (vp_dir_is(d))
		vp_rewinddir((struct unik_dirstream *)d);
	else
		__real_rewinddir(d);
}

int __real_dirfd(DIR *d);
int __wrap_dirfd(DIR *d)
{
	return vp_dir_is(d) ? vp_unix_fail(-ENOTSUP) : __real_dirfd(d);
}

/* ---- stdio ---------------------------------------------------------------- */

/* The cookie is the fd; the calls go through the fd table's wraps. */
static ssize_t c_read(void *c, char *buf, size_t n)
{
	return read((int)(intptr_t)c, buf, n);
}

static ssize_t c_write(void *c, const char *buf, size_t n)
{
	return write((int)(intptr_t)c, buf, n);
}

static int c_seek(void *c, off64_t *off, int whence)
{
	off_t r = lseek((int)(intptr_t)c, *off, whence);

	if (r < 0)
		return -1;
	*off = r;
	return 0;
}

static int c_close(void *c) { return close((int)(intptr_t)c); }

static const cookie_io_functions_t fd_io = {
	.read = c_read, .write = c_write, .seek = c_seek, .close = c_close};

/* fopen()'s mode as open() flags; -EINVAL for a bad one. */
static int mode_flags(const char *mode)
{
	int f;

	switch (mode[0]) {
	case 'r': f = 0; break;
	case 'w': f = O_CREAT | O_TRUNC; break;
	case 'a': f = O_CREAT | O_APPEND; break;
	default: return -EINVAL;
	}
	bool plus = strchr(mode + 1, '+') != NULL;
	f |= plus ? O_RDWR : mode[0] == 'r' ? O_RDONLY : O_WRONLY;
	if (strchr(mode + 1, 'x') && mode[0] == 'w')
		f |= O_EXCL;
	return f;
}

static FILE *stream(int fd, const char *mode)
{
	FILE *f = fopencookie((void *)(intptr_t)fd, mode, fd_io);

	if (!f) {
		int e = errno;

		close(fd);
		errno = e;
	}
	return f;
}

static FILE *vfs_fopen(const char *path, const char *mode)
{
	int flags = mode_flags(mode), fd;

	if (flags < 0)
		return vp_unix_fail(flags), NULL;
	fd = vp_open(path, flags, 0666);
	if (fd < 0)
		return vp_unix_fail(fd), NULL;
	return stream(fd, mode);
}

FILE *__real_fopen(const char *path, const char *mode);
FILE *__wrap_fopen(const char *path, const char *mode)
{
	return vp_unix_routes(path) ? vfs_fopen(path, mode)
	                            : __real_fopen(path, mode);
}

FILE *__real_fopen64(const char *path, const char *mode);
FILE *__wrap_fopen64(const char *path, const char *mode)
{
	return vp_unix_routes(path) ? vfs_fopen(path, mode)
	                            : __real_fopen64(path, mode);
}

/* A FILE over a VFS fd already open: the stream owns the fd from now on. */
FILE *__real_fdopen(int fd, const char *mode);
FILE *__wrap_fdopen(int fd, const char *mode)
{
	if (!vp_fd_open(fd))
		return __real_fdopen(fd, mode);
	if (mode_flags(mode) < 0)
		return vp_unix_fail(-EINVAL), NULL;
	return fopencookie((void *)(intptr_t)fd, mode, fd_io);
}
