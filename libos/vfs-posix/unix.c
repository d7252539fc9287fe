/*
 * unix target: the binding's wraps of the path calls. lib.mk links the
 * image with -Wl,--wrap=NAME for each (the fd calls are libos/libc's,
 * fdwrap_unix.c). A path goes to the VFS when it is absolute and a mount
 * owns it (unik_vfs_owns), anything else to the host, so that the host's
 * files and relative paths keep working. VFS files get fds in
 * VP_UNIX_FD_LO.. (claimed in <unik/fd.h>'s table), kept open on
 * /dev/null placeholders so the host never hands out one of their numbers.
 *
 * Not routed (documented in docs/STORAGE.md): the *at() calls, dup(),
 * mmap(), chdir() into the VFS, scandir()/ftw()/glob() (the host libc
 * calls its internal opendir), and poll/select on VFS fds.
 */
#define _GNU_SOURCE
#include "vfs_posix.h"
#include "vfs_posix_unix.h"

#include <unik/init.h>
#include <unik/unik.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <unistd.h>

static bool ready; /* fds reserved and claimed */

bool vp_unix_routes(const char *path) { return ready && vp_routes(path); }

int vp_unix_fail(int neg)
{
	errno = -neg;
	return -1;
}

int __real_open(const char *path, int flags, ...);
int __real_fcntl(int fd, int cmd, ...);

/* The fd range, as net/lwip reserves its own (sock_unix.c). */
static int reserve(void)
{
	int top = VP_UNIX_FD_LO + VP_UNIX_FD_COUNT, null;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)top) {
		rl.rlim_cur = rl.rlim_max < (rlim_t)top ? rl.rlim_max : (rlim_t)top;
		setrlimit(RLIMIT_NOFILE, &rl);
		if (rl.rlim_cur < (rlim_t)top)
			return -EMFILE;
	}
	null = __real_open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null < 0)
		return -errno;
	for (int fd = VP_UNIX_FD_LO; fd < top; fd++) {
		if (__real_fcntl(fd, F_GETFD) != -1) {
			unik_printk("vfs: fd %d is already open (inherited?): "
			            "no VFS files\n", fd);
			close(null);
			return -EBUSY;
		}
		if (dup3(null, fd, O_CLOEXEC) < 0) {
			int e = errno;

			close(null);
			return -e;
		}
	}
	close(null);
	return 0;
}

static int vp_unix_init(void)
{
	int rc = reserve();

	vp_fd_init(&vp_fds, VP_UNIX_FD_LO, VP_UNIX_FD_COUNT);
	if (rc == 0)
		rc = unik_fd_claim(VP_UNIX_FD_LO, VP_UNIX_FD_COUNT, &vp_fd_ops);
	ready = rc == 0;
	return rc;
}
/* The same level as the mounts (mounts.c), in either order: no path is
 * routed to the VFS before both have run. */
UNIK_INIT(UNIK_INIT_STACK, vp_unix_init);

/* ---- the path calls ------------------------------------------------------ */

static int ret(int rc) { return rc < 0 ? vp_unix_fail(rc) : rc; }

/* The mode argument is there only with O_CREAT or O_TMPFILE. */
#define HAS_MODE(flags) (((flags) & O_CREAT) || ((flags) & O_TMPFILE) == O_TMPFILE)
#define OPEN_WRAP(name)                                                        \
	int __real_##name(const char *path, int flags, ...);                   \
	int __wrap_##name(const char *path, int flags, ...)                    \
	{                                                                      \
		va_list ap;                                                    \
		int mode;                                                      \
		va_start(ap, flags);                                           \
		mode = HAS_MODE(flags) ? va_arg(ap, int) : 0;                  \
		va_end(ap);                                                    \
		if (!vp_unix_routes(path))                                     \
			return __real_##name(path, flags, mode);               \
		return ret(vp_open(path, flags, mode));                        \
	}
OPEN_WRAP(open)
OPEN_WRAP(open64)

/* _FORTIFY_SOURCE's forms, for an open() without a mode. */
int __real___open_2(const char *path, int flags);
int __wrap___open_2(const char *path, int flags)
{
	return vp_unix_routes(path) ? ret(vp_open(path, flags, 0))
	                            : __real___open_2(path, flags);
}

int __real___open64_2(const char *path, int flags);
int __wrap___open64_2(const char *path, int flags)
{
	return vp_unix_routes(path) ? ret(vp_open(path, flags, 0))
	                            : __real___open64_2(path, flags);
}

int __real_creat(const char *path, mode_t mode);
int __wrap_creat(const char *path, mode_t mode)
{
	return vp_unix_routes(path)
	           ? ret(vp_open(path, O_WRONLY | O_CREAT | O_TRUNC, (int)mode))
	           : __real_creat(path, mode);
}

/* stat and lstat are one here: the VFS has no symbolic links. */
#define STAT_WRAP(name)                                                        \
	int __real_##name(const char *path, struct stat *st);                  \
	int __wrap_##name(const char *path, struct stat *st)                   \
	{                                                                      \
		if (!vp_unix_routes(path))                                     \
			return __real_##name(path, st);                        \
		return ret(vp_stat_path(path, st));                            \
	}
STAT_WRAP(stat)
STAT_WRAP(stat64)
STAT_WRAP(lstat)
STAT_WRAP(lstat64)

#define PATH_WRAP(name, call)                                                  \
	int __real_##name(const char *path);                                   \
	int __wrap_##name(const char *path)                                    \
	{                                                                      \
		return vp_unix_routes(path) ? ret(call(path))                  \
		                            : __real_##name(path);             \
	}
PATH_WRAP(unlink, unik_vfs_unlink)
PATH_WRAP(rmdir, unik_vfs_rmdir)

int __real_mkdir(const char *path, mode_t mode);
int __wrap_mkdir(const char *path, mode_t mode)
{
	if (!vp_unix_routes(path))
		return __real_mkdir(path, mode);
	return ret(unik_vfs_mkdir(path, (uint32_t)mode & 07777));
}

int __real_access(const char *path, int amode);
int __wrap_access(const char *path, int amode)
{
	return vp_unix_routes(path) ? ret(vp_access(path, amode))
	                            : __real_access(path, amode);
}

/* Both in the VFS, or both on the host; across the two: EXDEV. */
int __real_rename(const char *from, const char *to);
int __wrap_rename(const char *from, const char *to)
{
	bool a = vp_unix_routes(from), b = vp_unix_routes(to);

	if (!a && !b)
		return __real_rename(from, to);
	return ret(a && b ? unik_vfs_rename(from, to) : -EXDEV);
}

void __real_sync(void);
void __wrap_sync(void)
{
	if (ready)
		vp_sync();
	__real_sync();
}
