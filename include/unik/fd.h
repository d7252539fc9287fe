/*
 * File descriptors on the xen target (libos/libc): newlib's read(),
 * write(), close(), lseek(), fstat(), fcntl() find the owner of an fd here.
 * A subsystem claims a range of fd numbers at start-up with its ops:
 *
 *   0-2                      the console (the libc glue itself)
 *   3 .. 511                 files (the VFS, when linked)
 *   UNIK_SOCKFD_BASE (512).. sockets (net/lwip, when linked)
 *
 * Every op returns a count or 0, or a negative errno; the glue sets errno.
 * An op left NULL answers as POSIX does for an fd that cannot do it.
 * On unix the host libc owns fds; network sockets are routed by --wrap.
 */
#ifndef UNIK_FD_H
#define UNIK_FD_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

struct unik_fd_ops {
	const char *name; /* "socket", "vfs": for messages */
	ssize_t (*read)(int fd, void *buf, size_t n);
	ssize_t (*write)(int fd, const void *buf, size_t n);
	int (*close)(int fd);
	off_t (*lseek)(int fd, off_t off, int whence); /* NULL: -ESPIPE */
	int (*fstat)(int fd, struct stat *st);         /* NULL: -EBADF */
	int (*fcntl)(int fd, int cmd, int arg);        /* NULL: -EINVAL */
};

/* Path operations of the filesystem layer, for open(), stat(), ... */
struct unik_path_ops {
	int (*open)(const char *path, int flags, int mode); /* fd or -errno */
	int (*stat)(const char *path, struct stat *st);
	int (*unlink)(const char *path);
	int (*mkdir)(const char *path, int mode);
	int (*rename)(const char *from, const char *to);
};

#define UNIK_FD_RANGES 4

/*
 * Route fds lo .. lo+count-1 to ops. Returns 0, -EBUSY when the range
 * overlaps one already claimed or the console's, -ENOSPC when the table
 * of ranges is full.
 */
int unik_fd_claim(int lo, int count, const struct unik_fd_ops *ops);

/* The ops owning fd, or NULL. */
const struct unik_fd_ops *unik_fd_owner(int fd);

/* Install the filesystem's path operations (one filesystem layer). */
int unik_path_claim(const struct unik_path_ops *ops);
const struct unik_path_ops *unik_path_owner(void);

#endif
