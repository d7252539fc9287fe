/*
 * File descriptors (libos/libc): the fd calls (read, write, close, lseek,
 * fstat, fcntl, pread, pwrite, fsync, ftruncate) find the owner of an fd
 * here. A subsystem claims a range of fd numbers at start-up with its ops:
 *
 *   xen                          unix
 *   0-2        the console       0-2 and the rest: the host's
 *   3 .. 511   files (vfs-posix) 256 .. 511 files (vfs-posix)
 *   512 .. 767 sockets (lwip)    512 .. 767 sockets (lwip)
 *
 * xen: newlib's calls are the libc glue's (syscalls.c), which asks this
 * table. unix: the libc library wraps the fd calls (-Wl,--wrap=read, ...;
 * fdwrap_unix.c): an fd in a claimed range goes to its owner, any other to
 * the host libc. The claimed range is kept open on /dev/null placeholders
 * by its owner, so the host kernel never hands out one of its numbers.
 *
 * Every op returns a count or 0, or a negative errno; the glue sets errno.
 * An op left NULL answers as POSIX does for an fd that cannot do it.
 */
#ifndef UNIK_FD_H
#define UNIK_FD_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

struct iovec;

struct unik_fd_ops {
	const char *name; /* "socket", "vfs": for messages */
	ssize_t (*read)(int fd, void *buf, size_t n);
	ssize_t (*write)(int fd, const void *buf, size_t n);
	int (*close)(int fd);
	off_t (*lseek)(int fd, off_t off, int whence); /* NULL: -ESPIPE */
	int (*fstat)(int fd, struct stat *st);         /* NULL: -EBADF */
	int (*fcntl)(int fd, int cmd, int arg);        /* NULL: -EINVAL */
	/* At an offset, the file position unchanged. NULL: -ESPIPE */
	ssize_t (*pread)(int fd, void *buf, size_t n, off_t off);
	ssize_t (*pwrite)(int fd, const void *buf, size_t n, off_t off);
	int (*fsync)(int fd);                          /* NULL: -EINVAL */
	int (*ftruncate)(int fd, off_t size);          /* NULL: -EINVAL */
	/* unix only (newlib has no readv). NULL: one read()/write() per
	 * buffer, stopping at the first short one. */
	ssize_t (*readv)(int fd, const struct iovec *iov, int n);
	ssize_t (*writev)(int fd, const struct iovec *iov, int n);
};

/* Path operations of the filesystem layer, for open(), stat(), ... (xen) */
struct unik_path_ops {
	int (*open)(const char *path, int flags, int mode); /* fd or -errno */
	int (*stat)(const char *path, struct stat *st);
	int (*unlink)(const char *path);
	int (*mkdir)(const char *path, int mode);
	int (*rename)(const char *from, const char *to);
	int (*rmdir)(const char *path);
	int (*access)(const char *path, int amode);  /* F_OK, R_OK|W_OK|X_OK */
	int (*sync)(void);                           /* sync(): commit all */
};
/* lstat() is stat(): the path layer has no symbolic links. Directory
 * listing (opendir, readdir, closedir) is the filesystem binding's own
 * (libos/vfs-posix): DIR is its type, and newlib has no <dirent.h>. */

#define UNIK_FD_RANGES 4

/*
 * Route fds lo .. lo+count-1 to ops. Returns 0, -EBUSY when the range
 * overlaps one already claimed or the console's, -ENOSPC when the table
 * of ranges is full.
 */
int unik_fd_claim(int lo, int count, const struct unik_fd_ops *ops);

/* The ops owning fd, or NULL. */
const struct unik_fd_ops *unik_fd_owner(int fd);

/* Install the filesystem's path operations (one filesystem layer). xen
 * only: on unix the path calls are wrapped by vfs-posix itself, which
 * tells the VFS's paths from the host's. */
int unik_path_claim(const struct unik_path_ops *ops);
const struct unik_path_ops *unik_path_owner(void);

#endif
