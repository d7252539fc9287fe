/*
 * xen target: the libc glue's door into lwIP for socket fds.
 *
 * Sockets are fds UNIK_SOCKFD_BASE .. +UNIK_SOCKFD_COUNT-1. socket(),
 * bind(), poll(), ... are lwIP's own functions, but read(), write(),
 * close(), fstat() and fcntl() are the libc's: sockfd_xen.c claims the
 * range in the libc's fd table (<unik/fd.h>) with these as its ops. They
 * return a count or 0, or a negative errno.
 */
#ifndef UNIK_SOCKFD_H
#define UNIK_SOCKFD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define UNIK_SOCKFD_BASE 512  /* = LWIP_SOCKET_OFFSET */
#define UNIK_SOCKFD_COUNT 256 /* = MEMP_NUM_NETCONN */

static inline bool unik_sockfd_is(int fd)
{
	return fd >= UNIK_SOCKFD_BASE && fd < UNIK_SOCKFD_BASE + UNIK_SOCKFD_COUNT;
}

ssize_t unik_sockfd_read(int fd, void *buf, size_t len);
ssize_t unik_sockfd_write(int fd, const void *buf, size_t len);
int unik_sockfd_close(int fd);
/* F_GETFL / F_SETFL (O_NONBLOCK); F_GETFD / F_SETFD accepted, no effect. */
int unik_sockfd_fcntl(int fd, int cmd, int arg);

#endif
