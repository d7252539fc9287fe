/*
 * The system calls newlib's libc.a expects (plain POSIX names: built with
 * --disable-newlib-supplied-syscalls), for an image with a console and
 * no filesystem: fds 0-2 are the console, everything else is EBADF.
 *
 * Convention: each sys_* helper returns a value >= 0 or -errno; the POSIX
 * entry point converts with ret(), so errno is set in one place.
 */
#include "heap.h"
#include "libc_glue_internal.h"

#include <unik/plat.h>
#include <unik/unik.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#undef errno
extern int errno;

uint64_t libc_start_ns;

static long ret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

static int is_console(int fd)
{
	return fd >= 0 && fd <= 2;
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t n)
{
	if (fd != 1 && fd != 2)
		return ret(-EBADF);
	plat_console_write(buf, n);
	return (_READ_WRITE_RETURN_TYPE)n;
}

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t n)
{
	(void)buf;
	(void)n;
	return fd == 0 ? 0 /* end of file: no console input */ : ret(-EBADF);
}

int close(int fd)
{
	return is_console(fd) ? 0 : (int)ret(-EBADF);
}

int fstat(int fd, struct stat *st)
{
	if (!is_console(fd))
		return (int)ret(-EBADF);
	*st = (struct stat){.st_mode = S_IFCHR | 0620, .st_blksize = 0};
	return 0;
}

/* A console is a terminal: newlib then line-buffers stdout. */
int isatty(int fd)
{
	return is_console(fd) ? 1 : (int)(ret(-ENOTTY) + 1);
}

off_t lseek(int fd, off_t off, int whence)
{
	(void)off;
	(void)whence;
	return ret(is_console(fd) ? -ESPIPE : -EBADF);
}

int open(const char *path, int flags, ...)
{
	(void)path;
	(void)flags;
	return (int)ret(-ENOENT); /* no filesystem */
}

int unlink(const char *path)
{
	(void)path;
	return (int)ret(-ENOENT);
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
