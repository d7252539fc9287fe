/*
 * The system calls newlib's libc.a expects (plain POSIX names: built with
 * --disable-newlib-supplied-syscalls). fds 0-2 are the console; other fds
 * belong to whichever subsystem claimed their range (<unik/fd.h>: sockets,
 * files), and path calls go to the filesystem layer when one is linked.
 *
 * Convention: each sys_* helper returns a value >= 0 or -errno; the POSIX
 * entry point converts with ret(), so errno is set in one place.
 */
#include "heap.h"
#include "libc_glue_internal.h"

#include <unik/fd.h>
#include <unik/plat.h>
#include <unik/unik.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#undef errno
extern int errno;

uint64_t libc_start_ns;

/*
 * Both errnos: newlib's reentrant wrappers (_open_r, used by fopen...)
 * copy the global one into the caller's reent, but an app calling open()
 * or read() directly reads its thread's (errno is *__errno()).
 */
static long ret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		*__errno() = (int)-r;
		return -1;
	}
	return r;
}

static int is_console(int fd)
{
	return fd >= 0 && fd <= 2;
}

/* The owner of a non-console fd, or NULL (EBADF). */
#define OWNER(fd) unik_fd_owner(fd)

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t n)
{
	const struct unik_fd_ops *o;

	if (fd == 1 || fd == 2) {
		plat_console_write(buf, n);
		return (_READ_WRITE_RETURN_TYPE)n;
	}
	o = OWNER(fd);
	return ret(o && o->write ? o->write(fd, buf, n) : -EBADF);
}

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t n)
{
	const struct unik_fd_ops *o;

	if (fd == 0)
		return 0; /* end of file: no console input */
	o = OWNER(fd);
	return ret(o && o->read ? o->read(fd, buf, n) : -EBADF);
}

int close(int fd)
{
	const struct unik_fd_ops *o;

	if (is_console(fd))
		return 0;
	o = OWNER(fd);
	return (int)ret(o && o->close ? o->close(fd) : -EBADF);
}

int fstat(int fd, struct stat *st)
{
	const struct unik_fd_ops *o;

	if (is_console(fd)) {
		*st = (struct stat){.st_mode = S_IFCHR | 0620, .st_blksize = 0};
		return 0;
	}
	o = OWNER(fd);
	return (int)ret(o && o->fstat ? o->fstat(fd, st) : -EBADF);
}

/* A console is a terminal: newlib then line-buffers stdout. */
int isatty(int fd)
{
	if (is_console(fd))
		return 1;
	errno = OWNER(fd) ? ENOTTY : EBADF;
	return 0;
}

off_t lseek(int fd, off_t off, int whence)
{
	const struct unik_fd_ops *o;

	if (is_console(fd))
		return ret(-ESPIPE);
	o = OWNER(fd);
	if (!o)
		return ret(-EBADF);
	return ret(o->lseek ? o->lseek(fd, off, whence) : -ESPIPE);
}

int fcntl(int fd, int cmd, ...)
{
	const struct unik_fd_ops *o;
	va_list ap;
	int arg;

	va_start(ap, cmd);
	arg = va_arg(ap, int);
	va_end(ap);
	if (is_console(fd))
		return (int)ret(cmd == F_GETFL ? O_RDWR : cmd == F_GETFD ? 0 : -EINVAL);
	o = OWNER(fd);
	if (!o)
		return (int)ret(-EBADF);
	return (int)ret(o->fcntl ? o->fcntl(fd, cmd, arg) : -EINVAL);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	const struct unik_fd_ops *o = is_console(fd) ? NULL : OWNER(fd);

	if (!o)
		return ret(is_console(fd) ? -ESPIPE : -EBADF);
	return ret(o->pread ? o->pread(fd, buf, n, off) : -ESPIPE);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	const struct unik_fd_ops *o = is_console(fd) ? NULL : OWNER(fd);

	if (!o)
		return ret(is_console(fd) ? -ESPIPE : -EBADF);
	return ret(o->pwrite ? o->pwrite(fd, buf, n, off) : -ESPIPE);
}

int fsync(int fd)
{
	const struct unik_fd_ops *o = is_console(fd) ? NULL : OWNER(fd);

	if (!o)
		return (int)ret(is_console(fd) ? -EINVAL : -EBADF);
	return (int)ret(o->fsync ? o->fsync(fd) : -EINVAL);
}

/* The filesystems have no separate metadata to skip. */
int fdatasync(int fd) { return fsync(fd); }

int ftruncate(int fd, off_t size)
{
	const struct unik_fd_ops *o = is_console(fd) ? NULL : OWNER(fd);

	if (!o)
		return (int)ret(is_console(fd) ? -EINVAL : -EBADF);
	return (int)ret(o->ftruncate ? o->ftruncate(fd, size) : -EINVAL);
}

/* ---- paths: the filesystem layer, when one is linked -------------------- */

int open(const char *path, int flags, ...)
{
	const struct unik_path_ops *p = unik_path_owner();
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = (flags & O_CREAT) ? va_arg(ap, int) : 0;
	va_end(ap);
	return (int)ret(p && p->open ? p->open(path, flags, mode) : -ENOENT);
}

int stat(const char *path, struct stat *st)
{
	const struct unik_path_ops *p = unik_path_owner();

	return (int)ret(p && p->stat ? p->stat(path, st) : -ENOENT);
}

int unlink(const char *path)
{
	const struct unik_path_ops *p = unik_path_owner();

	return (int)ret(p && p->unlink ? p->unlink(path) : -ENOENT);
}

int mkdir(const char *path, mode_t mode)
{
	const struct unik_path_ops *p = unik_path_owner();

	return (int)ret(p && p->mkdir ? p->mkdir(path, (int)mode) : -EROFS);
}

int rename(const char *from, const char *to)
{
	const struct unik_path_ops *p = unik_path_owner();

	return (int)ret(p && p->rename ? p->rename(from, to) : -ENOENT);
}

int rmdir(const char *path)
{
	const struct unik_path_ops *p = unik_path_owner();

	return (int)ret(p && p->rmdir ? p->rmdir(path) : -ENOENT);
}

int access(const char *path, int amode)
{
	const struct unik_path_ops *p = unik_path_owner();

	return (int)ret(p && p->access ? p->access(path, amode) : -ENOENT);
}

/* No symbolic links in the path layer (<unik/fd.h>). */
int lstat(const char *path, struct stat *st) { return stat(path, st); }

void sync(void)
{
	const struct unik_path_ops *p = unik_path_owner();

	if (p && p->sync)
		p->sync(); /* POSIX: sync() reports nothing */
}

/* ---- memory -------------------------------------------------------------- */

void *sbrk(ptrdiff_t incr)
{
	static struct heap heap;
	static int ready;
	void *old;
	int rc;

	if (!ready) {
		uintptr_t start;
		size_t size;

		plat_heap_region(&start, &size);
		heap_init(&heap, start, size);
		ready = 1;
	}
	rc = heap_sbrk(&heap, incr, &old);
	if (rc < 0) {
		errno = -rc; /* malloc then returns NULL */
		return (void *)-1;
	}
	return old;
}

/* ---- process ------------------------------------------------------------- */

void _exit(int status)
{
	plat_exit(status);
}

int getpid(void)
{
	return 1;
}

/* Only ever used by raise()/abort() on ourselves: the image ends, as a
 * failure. */
int kill(int pid, int sig)
{
	if (pid != 1)
		return (int)ret(-ESRCH);
	if (sig == 0)
		return 0;
	unik_printk("unik: killed by signal %d%s\n", sig,
		    sig == SIGABRT ? " (abort)" : "");
	plat_exit(128 + sig);
}

/* ---- time ---------------------------------------------------------------- */

int gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns = plat_wallclock_ns();

	(void)tz;
	if (tv) {
		tv->tv_sec = (time_t)(ns / 1000000000u);
		tv->tv_usec = (suseconds_t)(ns % 1000000000u / 1000u);
	}
	return 0;
}

/* clock() sums these; newlib counts in CLOCKS_PER_SEC ticks. The image
 * has the CPU to itself, so elapsed time is its CPU time. */
clock_t times(struct tms *buf)
{
	clock_t t = (clock_t)((plat_monotonic_ns() - libc_start_ns) /
			      (1000000000u / CLOCKS_PER_SEC));

	if (buf)
		*buf = (struct tms){.tms_utime = t};
	return t;
}
