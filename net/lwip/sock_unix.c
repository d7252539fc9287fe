/*
 * unix target: the app's socket calls go to lwIP, not to the host kernel.
 *
 * The lwip library links the image with -Wl,--wrap=NAME for each call
 * below (lib.mk LDFLAGS_unix): every reference to NAME in the image's own
 * objects becomes __wrap_NAME, while __real_NAME is the host libc's. A
 * wrapper sends lwIP's fds (LW_FD_BASE..) to lwIP, converting glibc's
 * values and layouts (sock_xlate.c), and everything else to the host, so
 * stdio, the TAP fd and any file keep working. The libc's own internal
 * calls are not wrapped, nor needed. The calls any fd answers (read,
 * write, close, fcntl, readv, writev, fstat...) are wrapped once for the
 * whole image by libos/libc (fdwrap_unix.c), which asks <unik/fd.h>'s
 * table: the socket range is claimed there with sock_fd_ops below.
 *
 * The host kernel must never hand out an fd number in lwIP's range, or a
 * file and a socket would share it: net_port_init() fills the range with
 * placeholders (/dev/null, close-on-exec) before the first socket exists.
 */
#define _GNU_SOURCE
#include "sock_xlate.h"
#include "stack.h"

#include <unik/fd.h>
#include <unik/unik.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <unistd.h>

static bool ready; /* the fd range is reserved: sockets may be created */

int __wrap_socket(int domain, int type, int protocol);
extern const struct unik_fd_ops sock_fd_ops; /* sock_unix_io.c */

int net_port_init(void)
{
	int __real_fcntl(int fd, int cmd, ...);
	/* volatile: the compiler would fold the comparison of two distinct
	 * functions' addresses to "different". */
	int (*volatile sock_fn)(int, int, int) = socket;
	struct rlimit rl;
	int null;

	/* --wrap applies to this file too: unless the image was linked with
	 * lib.mk's LDFLAGS_unix, `socket` here is the host's, and so would be
	 * the app's sockets. Refuse rather than talk to the wrong stack. */
	if (sock_fn != __wrap_socket) {
		unik_printk("net: image linked without net/lwip's -Wl,--wrap flags: no sockets\n");
		return -ENOSYS;
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < LW_FD_BASE + LW_FD_COUNT) {
		rl.rlim_cur = rl.rlim_max < LW_FD_BASE + LW_FD_COUNT ? rl.rlim_max : LW_FD_BASE + LW_FD_COUNT;
		setrlimit(RLIMIT_NOFILE, &rl);
		if (rl.rlim_cur < LW_FD_BASE + LW_FD_COUNT) {
			unik_printk("net: the fd limit (ulimit -n %lu) is below %d: no sockets\n",
			            (unsigned long)rl.rlim_cur, LW_FD_BASE + LW_FD_COUNT);
			return -EMFILE;
		}
	}
	null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null < 0)
		return -errno;
	for (int fd = LW_FD_BASE; fd < LW_FD_BASE + LW_FD_COUNT; fd++) {
		if (__real_fcntl(fd, F_GETFD) != -1) {
			unik_printk("net: fd %d is already open (inherited?): no sockets\n", fd);
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
	ready = unik_fd_claim(LW_FD_BASE, LW_FD_COUNT, &sock_fd_ops) == 0;
	return ready ? 0 : -EBUSY;
}

static int fail(int neg_errno)
{
	errno = -neg_errno;
	return -1;
}

/* ---- creating and naming sockets ------------------------------------ */

int __real_socket(int domain, int type, int protocol);
int __wrap_socket(int domain, int type, int protocol)
{
	int lw_type, nonblock, rc, s;

	/* Only the Internet families are lwIP's; AF_UNIX etc. stay the host's. */
	if (domain != AF_INET && domain != AF_INET6)
		return __real_socket(domain, type, protocol);
	if (!ready)
		return fail(-ENETDOWN);
	rc = xl_socktype(type, &lw_type, &nonblock);
	if (rc < 0)
		return fail(rc);
	s = lwb_socket(domain, lw_type, protocol); /* AF_INET*: same values */
	if (s >= 0 && nonblock)
		lwb_fcntl(s, F_SETFL, O_NONBLOCK);
	return s;
}

/* Run an lwIP call taking an address in. */
#define ADDR_IN(call, fd, a, len, ...)                                         \
	do {                                                                   \
		union lw_sockaddr lw;                                          \
		uint32_t lwlen;                                                \
		int rc = xl_addr_to_lw(a, len, &lw, &lwlen);                   \
		if (rc < 0)                                                    \
			return fail(rc);                                       \
		return call(fd, &lw, lwlen, ##__VA_ARGS__);                    \
	} while (0)

int __real_bind(int fd, const struct sockaddr *a, socklen_t len);
int __wrap_bind(int fd, const struct sockaddr *a, socklen_t len)
{
	if (!lw_is_fd(fd))
		return __real_bind(fd, a, len);
	ADDR_IN(lwb_bind, fd, a, len);
}

int __real_connect(int fd, const struct sockaddr *a, socklen_t len);
int __wrap_connect(int fd, const struct sockaddr *a, socklen_t len)
{
	if (!lw_is_fd(fd))
		return __real_connect(fd, a, len);
	ADDR_IN(lwb_connect, fd, a, len);
}

int __real_listen(int fd, int backlog);
int __wrap_listen(int fd, int backlog)
{
	return lw_is_fd(fd) ? lwb_listen(fd, backlog) : __real_listen(fd, backlog);
}

int __real_accept4(int fd, struct sockaddr *a, socklen_t *len, int flags);
int __wrap_accept4(int fd, struct sockaddr *a, socklen_t *len, int flags)
{
	union lw_sockaddr lw;
	uint32_t lwlen = sizeof(lw);
	int s;

	if (!lw_is_fd(fd))
		return __real_accept4(fd, a, len, flags);
	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return fail(-EINVAL);
	s = lwb_accept(fd, &lw, &lwlen);
	if (s < 0)
		return s;
	if (flags & SOCK_NONBLOCK)
		lwb_fcntl(s, F_SETFL, O_NONBLOCK);
	if (a && len)
		xl_addr_from_lw(&lw, a, len);
	return s;
}

int __real_accept(int fd, struct sockaddr *a, socklen_t *len);
int __wrap_accept(int fd, struct sockaddr *a, socklen_t *len)
{
	return lw_is_fd(fd) ? __wrap_accept4(fd, a, len, 0) : __real_accept(fd, a, len);
}

typedef int (*name_fn)(int, union lw_sockaddr *, uint32_t *);
static int get_name(name_fn fn, int fd, struct sockaddr *a, socklen_t *len)
{
	union lw_sockaddr lw;
	uint32_t lwlen = sizeof(lw);

	if (!len)
		return fail(-EFAULT);
	if (fn(fd, &lw, &lwlen) < 0)
		return -1;
	xl_addr_from_lw(&lw, a, len);
	return 0;
}

int __real_getsockname(int fd, struct sockaddr *a, socklen_t *len);
int __wrap_getsockname(int fd, struct sockaddr *a, socklen_t *len)
{
	return lw_is_fd(fd) ? get_name(lwb_getsockname, fd, a, len) : __real_getsockname(fd, a, len);
}

int __real_getpeername(int fd, struct sockaddr *a, socklen_t *len);
int __wrap_getpeername(int fd, struct sockaddr *a, socklen_t *len)
{
	return lw_is_fd(fd) ? get_name(lwb_getpeername, fd, a, len) : __real_getpeername(fd, a, len);
}

int __real_shutdown(int fd, int how);
int __wrap_shutdown(int fd, int how)
{
	return lw_is_fd(fd) ? lwb_shutdown(fd, how) : __real_shutdown(fd, how); /* SHUT_*: same */
}

int __real_setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int __wrap_setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	int lv, nm, rc;

	if (!lw_is_fd(fd))
		return __real_setsockopt(fd, level, name, val, len);
	rc = xl_sockopt(level, name, &lv, &nm);
	/* Values (int, timeval, linger, ip_mreq) have the same layouts. */
	return rc < 0 ? fail(rc) : lwb_setsockopt(fd, lv, nm, val, len);
}

int __real_getsockopt(int fd, int level, int name, void *val, socklen_t *len);
int __wrap_getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	int lv, nm, rc;

	if (!lw_is_fd(fd))
		return __real_getsockopt(fd, level, name, val, len);
	rc = xl_sockopt(level, name, &lv, &nm);
	return rc < 0 ? fail(rc) : lwb_getsockopt(fd, lv, nm, val, len);
}

/* ---- control ------------------------------------------------------- */

int __real_ioctl(int fd, unsigned long req, ...);
int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!lw_is_fd(fd))
		return __real_ioctl(fd, req, arg);
	if (req != FIONBIO && req != FIONREAD) /* glibc's values on both sides */
		return fail(-ENOTTY);
	return lwb_ioctl(fd, (long)req, arg);
}
