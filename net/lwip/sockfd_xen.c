/*
 * xen target: the socket fds' range in the libc's fd table (<unik/fd.h>),
 * claimed at start-up, and ioctl(), which newlib lacks. Apps reach the rest of the socket API
 * directly: with LWIP_COMPAT_SOCKETS 2, lwIP's sockets.c defines socket(),
 * bind(), poll(), select(), ... under their POSIX names.
 */
#include "sockfd.h"
#include "stack.h"

#include "lwip/sockets.h"

#include <unik/fd.h>

#include <errno.h>
#include <stdarg.h>
#include <string.h>

_Static_assert(UNIK_SOCKFD_BASE == LWIP_SOCKET_OFFSET, "sockfd.h: LWIP_SOCKET_OFFSET");
_Static_assert(UNIK_SOCKFD_COUNT == MEMP_NUM_NETCONN, "sockfd.h: MEMP_NUM_NETCONN");

/* lwIP reports -1 and errno; the glue wants -errno. */
static ssize_t neg(ssize_t rc) { return rc < 0 ? -errno : rc; }

static int sockfd_fstat(int fd, struct stat *st)
{
	(void)fd;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFSOCK | 0777;
	return 0;
}

static const struct unik_fd_ops sock_fd_ops = {
	.name = "socket",
	.read = unik_sockfd_read,
	.write = unik_sockfd_write,
	.close = unik_sockfd_close,
	.fstat = sockfd_fstat,
	.fcntl = unik_sockfd_fcntl,
};

/* Files (the VFS) stay below UNIK_SOCKFD_BASE. */
int net_port_init(void)
{
	return unik_fd_claim(UNIK_SOCKFD_BASE, UNIK_SOCKFD_COUNT, &sock_fd_ops);
}

ssize_t unik_sockfd_read(int fd, void *buf, size_t len) { return neg(lwip_read(fd, buf, len)); }

ssize_t unik_sockfd_write(int fd, const void *buf, size_t len)
{
	return neg(lwip_write(fd, buf, len));
}

int unik_sockfd_close(int fd) { return (int)neg(lwip_close(fd)); }

int unik_sockfd_fcntl(int fd, int cmd, int arg)
{
	if (cmd == F_GETFD || cmd == F_SETFD)
		return 0; /* close-on-exec: nothing is exec'd */
	return (int)neg(lwip_fcntl(fd, cmd, arg)); /* O_NONBLOCK: newlib's value */
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!unik_sockfd_is(fd)) {
		errno = fd >= 0 && fd <= 2 ? ENOTTY : EBADF;
		return -1;
	}
	return lwip_ioctl(fd, (long)request, arg);
}
