/*
 * unix target: the seam between the two header worlds of the socket layer.
 *
 * sock_unix.c and sock_xlate.c compile against glibc's <sys/socket.h>,
 * which is what the app sees; sock_bridge.c compiles against lwIP's
 * sockets.h. Both define struct sockaddr, AF_INET, SOL_SOCKET..., with other
 * layouts and values, so no file can include both. This header includes
 * neither: lwIP's values and layouts are restated here as LW_*, and
 * sock_bridge.c checks each one against lwIP's own at compile time.
 * Types with the same layout on both sides (struct timeval, fd_set, struct
 * pollfd, struct iovec) are passed unchanged (port/unix/lwip_target.h).
 */
#ifndef UNIK_LWIP_SOCK_BRIDGE_H
#define UNIK_LWIP_SOCK_BRIDGE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Socket fds: [LW_FD_BASE, LW_FD_BASE + LW_FD_COUNT). */
#define LW_FD_BASE 512
#define LW_FD_COUNT 256
static inline int lw_is_fd(int fd) { return fd >= LW_FD_BASE && fd < LW_FD_BASE + LW_FD_COUNT; }

#define LW_AF_UNSPEC 0
#define LW_AF_INET 2
#define LW_AF_INET6 10
#define LW_SOCK_STREAM 1
#define LW_SOCK_DGRAM 2
#define LW_SOCK_RAW 3

#define LW_SOL_SOCKET 0xfff
#define LW_SO_ACCEPTCONN 0x0002
#define LW_SO_REUSEADDR 0x0004
#define LW_SO_KEEPALIVE 0x0008
#define LW_SO_BROADCAST 0x0020
#define LW_SO_LINGER 0x0080
#define LW_SO_SNDBUF 0x1001
#define LW_SO_RCVBUF 0x1002
#define LW_SO_SNDTIMEO 0x1005
#define LW_SO_RCVTIMEO 0x1006
#define LW_SO_ERROR 0x1007
#define LW_SO_TYPE 0x1008
#define LW_SO_NO_CHECK 0x100a

#define LW_IPPROTO_IP 0
#define LW_IPPROTO_TCP 6
#define LW_IPPROTO_UDP 17
#define LW_IPPROTO_IPV6 41
#define LW_IP_TOS 1
#define LW_IP_TTL 2
#define LW_IP_ADD_MEMBERSHIP 3
#define LW_IP_DROP_MEMBERSHIP 4
#define LW_IP_MULTICAST_TTL 5
#define LW_IP_MULTICAST_IF 6
#define LW_IP_MULTICAST_LOOP 7
#define LW_TCP_NODELAY 0x01
#define LW_TCP_KEEPIDLE 0x03
#define LW_TCP_KEEPINTVL 0x04
#define LW_TCP_KEEPCNT 0x05
#define LW_IPV6_V6ONLY 27

#define LW_MSG_PEEK 0x01
#define LW_MSG_WAITALL 0x02
#define LW_MSG_OOB 0x04
#define LW_MSG_DONTWAIT 0x08
#define LW_MSG_MORE 0x10
#define LW_MSG_NOSIGNAL 0x20

#define LW_AI_PASSIVE 0x01
#define LW_AI_CANONNAME 0x02
#define LW_AI_NUMERICHOST 0x04
#define LW_AI_NUMERICSERV 0x08
#define LW_AI_V4MAPPED 0x10
#define LW_AI_ALL 0x20
#define LW_AI_ADDRCONFIG 0x40
#define LW_EAI_NONAME 200
#define LW_EAI_SERVICE 201
#define LW_EAI_FAIL 202
#define LW_EAI_MEMORY 203
#define LW_EAI_FAMILY 204

/* lwIP's BSD-style addresses: a length byte, then a one-byte family. */
struct lw_sockaddr_in {
	uint8_t sin_len, sin_family;
	uint16_t sin_port;
	uint32_t sin_addr;
	uint8_t sin_zero[8];
};

struct lw_sockaddr_in6 {
	uint8_t sin6_len, sin6_family;
	uint16_t sin6_port;
	uint32_t sin6_flowinfo;
	uint8_t sin6_addr[16];
	uint32_t sin6_scope_id;
};

union lw_sockaddr {
	struct {
		uint8_t len, family;
	} sa;
	struct lw_sockaddr_in in;
	struct lw_sockaddr_in6 in6;
};

struct lw_addrinfo {
	int ai_flags, ai_family, ai_socktype, ai_protocol;
	uint32_t ai_addrlen;
	union lw_sockaddr *ai_addr;
	char *ai_canonname;
	struct lw_addrinfo *ai_next;
};

/*
 * lwIP's socket calls (sock_bridge.c), POSIX conventions: -1 and errno.
 * The iovec, pollfd, fd_set and timeval arguments are glibc's types.
 */
int lwb_socket(int domain, int type, int protocol);
int lwb_bind(int s, const union lw_sockaddr *a, uint32_t len);
int lwb_connect(int s, const union lw_sockaddr *a, uint32_t len);
int lwb_listen(int s, int backlog);
int lwb_accept(int s, union lw_sockaddr *a, uint32_t *len);
int lwb_shutdown(int s, int how);
int lwb_close(int s);
int lwb_getsockname(int s, union lw_sockaddr *a, uint32_t *len);
int lwb_getpeername(int s, union lw_sockaddr *a, uint32_t *len);
int lwb_setsockopt(int s, int level, int name, const void *val, uint32_t len);
int lwb_getsockopt(int s, int level, int name, void *val, uint32_t *len);
ssize_t lwb_sendto(int s, const void *buf, size_t len, int flags,
                   const union lw_sockaddr *to, uint32_t tolen);
ssize_t lwb_recvfrom(int s, void *buf, size_t len, int flags,
                     union lw_sockaddr *from, uint32_t *fromlen);
ssize_t lwb_read(int s, void *buf, size_t len);
ssize_t lwb_write(int s, const void *buf, size_t len);
ssize_t lwb_readv(int s, const void *iov, int iovcnt);
ssize_t lwb_writev(int s, const void *iov, int iovcnt);
int lwb_fcntl(int s, int cmd, int val);
int lwb_ioctl(int s, long cmd, void *argp);
int lwb_poll(void *fds, unsigned long nfds, int timeout);
int lwb_select(int nfds, void *r, void *w, void *e, void *timeout);
int lwb_getaddrinfo(const char *node, const char *service,
                    const struct lw_addrinfo *hints, struct lw_addrinfo **res);
void lwb_freeaddrinfo(struct lw_addrinfo *ai);

#endif
