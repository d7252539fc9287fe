/*
 * unix target: the one dispatch of the fd calls, as syscalls.c is on xen.
 *
 * lib.mk links every image with -Wl,--wrap=read,... for the calls below:
 * each reference to NAME in the image's own objects becomes __wrap_NAME,
 * and __real_NAME is the host libc's. An fd in a range a subsystem claimed
 * (<unik/fd.h>: files of vfs-posix, sockets of lwip) goes to that owner's
 * ops; every other fd to the host, so stdio, the TAP device and the disk
 * images keep working. The host libc's internal calls are not wrapped: a
 * FILE opened by the host's fopen() on a claimed fd would read the
 * placeholder, which is why vfs-posix wraps fopen() and fdopen() too.
 *
 * Sockets and files wrap their other calls themselves (socket(), bind()...
 * in net/lwip; open(), stat()... in libos/vfs-posix), one wrap per call.
 */
#define _GNU_SOURCE
#include <unik/fd.h>
#include <unik/unik.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static long ret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	const struct unik_fd_ops *o = unik_fd_owner(fd);

	if (!o)
		return __real_read(fd, buf, n);
	return ret(o->read ? o->read(fd, buf, n) : -EBADF);
}

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	const struct unik_fd_ops *o = unik_fd_owner(fd);

	if (!o)
		return __real_write(fd, buf, n);
	return ret(o->write ? o->write(fd, buf, n) : -EBADF);
}

int __real_close(int fd);
int __wrap_close(int fd)
{
	const struct unik_fd_ops *o = unik_fd_owner(fd);

	/* The owner keeps its placeholder: the number stays in its range. */
	if (!o)
		return __real_close(fd);
	return (int)ret(o->close ? o->close(fd) : -EBADF);
}

/* _FORTIFY_SOURCE builds call this instead of read when the size is known. */
ssize_t __real___read_chk(int fd, void *buf, size_t n, size_t buflen);
ssize_t __wrap___read_chk(int fd, void *buf, size_t n, size_t buflen)
{
	if (!unik_fd_owner(fd))
		return __real___read_chk(fd, buf, n, buflen);
	if (n > buflen)
		UNIK_PANIC("read of %zu bytes into a %zu-byte buffer", n, buflen);
	return __wrap_read(fd, buf, n);
}

/* One call per buffer, stopping at a short or failed one. */
static ssize_t each_iov(const struct unik_fd_ops *o, int fd,
                        const struct iovec *iov, int n, bool wr)
{
	ssize_t done = 0;

	if (n < 0 || n > IOV_MAX)
		return -EINVAL;
	if (wr ? !o->write : !o->read)
		return -EBADF;
	for (int i = 0; i < n; i++) {
		ssize_t r = wr ? o->write(fd, iov[i].iov_base, iov[i].iov_len)
		               : o->read(fd, iov[i].iov_base, iov[i].iov_len);

		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return done;
}

ssize_t __real_readv(int fd, const struct iovec *iov, int n);
ssize_t __wrap_readv(int fd, const struct iovec *iov, int n)
{
	const struct unik_fd_ops *o = unik_fd_owner(fd);

	if (!o)
		return __real_readv(fd, iov, n);
	return ret(o->readv ? o->readv(fd, iov, n) : each_iov(o, fd, iov, n, false));
}

ssize_t __real_writev(int fd, const struct iovec *iov, int n);
ssize_t __wrap_writev(int fd, const struct iovec *iov, int n)
{
	const struct unik_fd_ops *o = unik_fd_owner(fd);

	if (!o)
		return __real_writev(fd, iov, n);
	return ret(o->writev ? o->writev(fd, iov, n) : each_iov(o, fd, iov, n, true));
}

/* Every int or pointer argument travels in a register: read it as long. */
static long owned_fcntl(const struct unik_fd_ops *o, int fd, int cmd, long arg)
{
	return ret(o->fcntl ? o->fcntl(fd, cmd, (int)arg) : -EINVAL);
}

int __real_fcntl(int fd, int cmd, ...);
int __wrap_fcntl(int fd, int cmd, ...)
{
	const struct unik_fd_ops *o = unik_fd_owner(fd);
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return o ? (int)owned_fcntl(o, fd, cmd, arg) : __real_fcntl(fd, cmd, arg);
}

int __real_fcntl64(int fd, int cmd, ...);
int __wrap_fcntl64(int fd, int cmd, ...)
{
	const struct unik_fd_ops *o = unik_fd_owner(fd);
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return o ? (int)owned_fcntl(o, fd, cmd, arg) : __real_fcntl64(fd, cmd, arg);
}

/*
 * The calls that only files answer. On x86_64 off_t is 64 bits, so NAME64
 * is the same function under a second name (either may be referenced).
 */
#define FD_CALL(rtype, name, params, args, owned)                              \
	rtype __real_##name params;                                            \
	rtype __wrap_##name params                                             \
	{                                                                      \
		const struct unik_fd_ops *o = unik_fd_owner(fd);               \
		if (!o)                                                        \
			return __real_##name args;                             \
		return (rtype)ret(owned);                                      \
	}

#define LSEEK(o) ((o)->lseek ? (o)->lseek(fd, off, whence) : -ESPIPE)
FD_CALL(off_t, lseek, (int fd, off_t off, int whence), (fd, off, whence), LSEEK(o))
FD_CALL(off_t, lseek64, (int fd, off_t off, int whence), (fd, off, whence), LSEEK(o))

#define PREAD(o) ((o)->pread ? (o)->pread(fd, buf, n, off) : -ESPIPE)
FD_CALL(ssize_t, pread, (int fd, void *buf, size_t n, off_t off), (fd, buf, n, off), PREAD(o))
FD_CALL(ssize_t, pread64, (int fd, void *buf, size_t n, off_t off), (fd, buf, n, off), PREAD(o))

#define PWRITE(o) ((o)->pwrite ? (o)->pwrite(fd, buf, n, off) : -ESPIPE)
FD_CALL(ssize_t, pwrite, (int fd, const void *buf, size_t n, off_t off), (fd, buf, n, off), PWRITE(o))
FD_CALL(ssize_t, pwrite64, (int fd, const void *buf, size_t n, off_t off), (fd, buf, n, off), PWRITE(o))

#define FSTAT(o) ((o)->fstat ? (o)->fstat(fd, st) : -EBADF)
FD_CALL(int, fstat, (int fd, struct stat *st), (fd, st), FSTAT(o))
FD_CALL(int, fstat64, (int fd, struct stat *st), (fd, st), FSTAT(o))

#define FSYNC(o) ((o)->fsync ? (o)->fsync(fd) : -EINVAL)
FD_CALL(int, fsync, (int fd), (fd), FSYNC(o))
FD_CALL(int, fdatasync, (int fd), (fd), FSYNC(o))

#define FTRUNC(o) ((o)->ftruncate ? (o)->ftruncate(fd, size) : -EINVAL)
FD_CALL(int, ftruncate, (int fd, off_t size), (fd, size), FTRUNC(o))
FD_CALL(int, ftruncate64, (int fd, off_t size), (fd, size), FTRUNC(o))
