/*
 * unix target: data transfer, readiness and name lookup for the app's
 * sockets (see sock_unix.c for how the wrapping works).
 *
 * poll() and select() take either only lwIP sockets (lwIP waits, other
 * unik threads run meanwhile) or only host fds (the host waits, blocking
 * the whole image as any host call does). A mix cannot be waited for
 * together and fails with ENOTSUP, reported once on the console.
 */
#define _GNU_SOURCE
#include "sock_xlate.h"

#include <unik/fd.h>
#include <unik/unik.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static int fail(int neg_errno)
{
	errno = -neg_errno;
	return -1;
}

/* ---- send and receive ----------------------------------------------- */

ssize_t __real_sendto(int fd, const void *buf, size_t len, int flags,
                      const struct sockaddr *to, socklen_t tolen);
ssize_t __wrap_sendto(int fd, const void *buf, size_t len, int flags,
                      const struct sockaddr *to, socklen_t tolen)
{
	union lw_sockaddr lw;
	uint32_t lwlen = 0;
	int f, rc;

	if (!lw_is_fd(fd))
		return __real_sendto(fd, buf, len, flags, to, tolen);
	rc = xl_msg_flags(flags, &f);
	if (rc == 0 && to)
		rc = xl_addr_to_lw(to, tolen, &lw, &lwlen);
	if (rc < 0)
		return fail(rc);
	return lwb_sendto(fd, buf, len, f, to ? &lw : NULL, lwlen);
}

ssize_t __real_send(int fd, const void *buf, size_t len, int flags);
ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags)
{
	return lw_is_fd(fd) ? __wrap_sendto(fd, buf, len, flags, NULL, 0)
	                    : __real_send(fd, buf, len, flags);
}

ssize_t __real_recvfrom(int fd, void *buf, size_t len, int flags,
                        struct sockaddr *from, socklen_t *fromlen);
ssize_t __wrap_recvfrom(int fd, void *buf, size_t len, int flags,
                        struct sockaddr *from, socklen_t *fromlen)
{
	union lw_sockaddr lw = {.sa = {0, LW_AF_UNSPEC}};
	uint32_t lwlen = sizeof(lw);
	ssize_t n;
	int f, rc;

	if (!lw_is_fd(fd))
		return __real_recvfrom(fd, buf, len, flags, from, fromlen);
	rc = xl_msg_flags(flags, &f);
	if (rc < 0)
		return fail(rc);
	n = lwb_recvfrom(fd, buf, len, f, from ? &lw : NULL, from ? &lwlen : NULL);
	if (n >= 0 && from && fromlen)
		xl_addr_from_lw(&lw, from, fromlen);
	return n;
}

ssize_t __real_recv(int fd, void *buf, size_t len, int flags);
ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags)
{
	return lw_is_fd(fd) ? __wrap_recvfrom(fd, buf, len, flags, NULL, NULL)
	                    : __real_recv(fd, buf, len, flags);
}

ssize_t __real_sendmsg(int fd, const struct msghdr *m, int flags);
ssize_t __wrap_sendmsg(int fd, const struct msghdr *m, int flags)
{
	/* Not converted yet: msghdr differs (iovlen/controllen widths). */
	return lw_is_fd(fd) ? fail(-EOPNOTSUPP) : __real_sendmsg(fd, m, flags);
}

ssize_t __real_recvmsg(int fd, struct msghdr *m, int flags);
ssize_t __wrap_recvmsg(int fd, struct msghdr *m, int flags)
{
	return lw_is_fd(fd) ? fail(-EOPNOTSUPP) : __real_recvmsg(fd, m, flags);
}

/* ---- the socket range's fd ops (<unik/fd.h>, libos/libc/fdwrap_unix.c) -- */

/* lwIP's calls report -1 and errno; fd ops return -errno. */
static ssize_t neg(ssize_t rc) { return rc < 0 ? -errno : rc; }

static ssize_t sock_read(int fd, void *buf, size_t n) { return neg(lwb_read(fd, buf, n)); }
static ssize_t sock_write(int fd, const void *buf, size_t n) { return neg(lwb_write(fd, buf, n)); }
/* lwIP's close leaves the placeholder in place: the number stays ours. */
static int sock_close(int fd) { return (int)neg(lwb_close(fd)); }

static ssize_t sock_readv(int fd, const struct iovec *iov, int n)
{
	return neg(lwb_readv(fd, iov, n));
}

static ssize_t sock_writev(int fd, const struct iovec *iov, int n)
{
	return neg(lwb_writev(fd, iov, n));
}

static int sock_fstat(int fd, struct stat *st)
{
	(void)fd;
	*st = (struct stat){.st_mode = S_IFSOCK | 0777};
	return 0;
}

static int sock_fcntl(int fd, int cmd, int arg)
{
	switch (cmd) {
	case F_GETFL:
	case F_SETFL: /* O_NONBLOCK: glibc's on both sides */
		return (int)neg(lwb_fcntl(fd, cmd, arg));
	case F_GETFD:
		return FD_CLOEXEC; /* nothing is ever exec'd with it */
	case F_SETFD:
		return 0;
	default:
		return -EINVAL;
	}
}

const struct unik_fd_ops sock_fd_ops = {
	.name = "socket",
	.read = sock_read,
	.write = sock_write,
	.close = sock_close,
	.fstat = sock_fstat,
	.fcntl = sock_fcntl,
	.readv = sock_readv,
	.writev = sock_writev,
};

/* _FORTIFY_SOURCE builds call this instead when the size is unknown. */
ssize_t __real___recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags);
ssize_t __wrap___recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags)
{
	if (!lw_is_fd(fd))
		return __real___recv_chk(fd, buf, len, buflen, flags);
	if (len > buflen)
		UNIK_PANIC("recv of %zu bytes into a %zu-byte buffer", len, buflen);
	return __wrap_recvfrom(fd, buf, len, flags, NULL, NULL);
}

/* ---- readiness ------------------------------------------------------ */

static void mixed_once(const char *call)
{
	static bool told;

	if (!told)
		unik_printk("net: %s() on sockets and host fds together is not supported (ENOTSUP)\n", call);
	told = true;
}

int __real_poll(struct pollfd *fds, nfds_t n, int timeout);
int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout)
{
	unsigned lw = 0, host = 0;

	for (nfds_t i = 0; i < n; i++) {
		if (fds[i].fd < 0)
			continue; /* ignored, as POSIX says */
		if (lw_is_fd(fds[i].fd))
			lw++;
		else
			host++;
	}
	if (lw == 0)
		return __real_poll(fds, n, timeout);
	if (host) {
		mixed_once("poll");
		return fail(-ENOTSUP);
	}
	return lwb_poll(fds, n, timeout); /* struct pollfd, POLL*: glibc's both sides */
}

int __real___poll_chk(struct pollfd *fds, nfds_t n, int timeout, size_t fdslen);
int __wrap___poll_chk(struct pollfd *fds, nfds_t n, int timeout, size_t fdslen)
{
	if (fdslen / sizeof(*fds) < n)
		UNIK_PANIC("poll of %lu fds in a %zu-byte array", (unsigned long)n, fdslen);
	return __wrap_poll(fds, n, timeout);
}

static void count_set(const fd_set *s, int nfds, unsigned *lw, unsigned *host)
{
	if (!s)
		return;
	for (int fd = 0; fd < nfds && fd < FD_SETSIZE; fd++)
		if (FD_ISSET(fd, s))
			(*(lw_is_fd(fd) ? lw : host))++;
}

int __real_select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv);
int __wrap_select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv)
{
	unsigned lw = 0, host = 0;

	count_set(r, nfds, &lw, &host);
	count_set(w, nfds, &lw, &host);
	count_set(e, nfds, &lw, &host);
	if (lw == 0)
		return __real_select(nfds, r, w, e, tv);
	if (host) {
		mixed_once("select");
		return fail(-ENOTSUP);
	}
	return lwb_select(nfds, r, w, e, tv); /* fd_set, timeval: glibc's both sides */
}

/* ---- names ---------------------------------------------------------- */

int __wrap_getaddrinfo(const char *node, const char *service,
                       const struct addrinfo *hints, struct addrinfo **res)
{
	struct lw_addrinfo lwh = {0}, *lwres = NULL;
	int rc;

	if (hints) {
		if (hints->ai_family != AF_UNSPEC && hints->ai_family != AF_INET &&
		    hints->ai_family != AF_INET6)
			return EAI_FAMILY;
		lwh.ai_flags = xl_ai_flags(hints->ai_flags);
		lwh.ai_family = hints->ai_family;
		lwh.ai_socktype = hints->ai_socktype;
		lwh.ai_protocol = hints->ai_protocol;
	}
	rc = lwb_getaddrinfo(node, service, hints ? &lwh : NULL, &lwres);
	if (rc != 0)
		return xl_eai(rc);
	rc = xl_addrinfo_from_lw(lwres, res);
	lwb_freeaddrinfo(lwres);
	return rc < 0 ? EAI_MEMORY : 0;
}
