/*
 * unix target: lwIP's side of the socket seam (see sock_bridge.h). Every
 * LW_* value and lw_* layout is checked against lwIP's here, so that a
 * change of lwipopts.h or of lwIP cannot silently break the conversions.
 */
#include "sock_bridge.h"

#include "lwip/netdb.h"
#include "lwip/sockets.h"

#include <stddef.h>

#define SAME(a, b) _Static_assert((a) == (b), #a " != " #b)
#define SAME_FIELD(t1, f1, t2, f2)                                              \
	_Static_assert(offsetof(t1, f1) == offsetof(t2, f2) &&                  \
	               sizeof(((t1 *)0)->f1) == sizeof(((t2 *)0)->f2), #t1 "." #f1)

SAME(LW_FD_BASE, LWIP_SOCKET_OFFSET);
SAME(LW_FD_COUNT, MEMP_NUM_NETCONN);
SAME(LW_AF_UNSPEC, AF_UNSPEC); SAME(LW_AF_INET, AF_INET); SAME(LW_AF_INET6, AF_INET6);
SAME(LW_SOCK_STREAM, SOCK_STREAM); SAME(LW_SOCK_DGRAM, SOCK_DGRAM); SAME(LW_SOCK_RAW, SOCK_RAW);
SAME(LW_SOL_SOCKET, SOL_SOCKET); SAME(LW_SO_ACCEPTCONN, SO_ACCEPTCONN);
SAME(LW_SO_REUSEADDR, SO_REUSEADDR); SAME(LW_SO_KEEPALIVE, SO_KEEPALIVE);
SAME(LW_SO_BROADCAST, SO_BROADCAST); SAME(LW_SO_LINGER, SO_LINGER);
SAME(LW_SO_SNDBUF, SO_SNDBUF); SAME(LW_SO_RCVBUF, SO_RCVBUF);
SAME(LW_SO_SNDTIMEO, SO_SNDTIMEO); SAME(LW_SO_RCVTIMEO, SO_RCVTIMEO);
SAME(LW_SO_ERROR, SO_ERROR); SAME(LW_SO_TYPE, SO_TYPE); SAME(LW_SO_NO_CHECK, SO_NO_CHECK);
SAME(LW_IPPROTO_IP, IPPROTO_IP); SAME(LW_IPPROTO_TCP, IPPROTO_TCP);
SAME(LW_IPPROTO_UDP, IPPROTO_UDP); SAME(LW_IPPROTO_IPV6, IPPROTO_IPV6);
SAME(LW_IP_TOS, IP_TOS); SAME(LW_IP_TTL, IP_TTL);
SAME(LW_IP_ADD_MEMBERSHIP, IP_ADD_MEMBERSHIP); SAME(LW_IP_DROP_MEMBERSHIP, IP_DROP_MEMBERSHIP);
SAME(LW_IP_MULTICAST_TTL, IP_MULTICAST_TTL); SAME(LW_IP_MULTICAST_IF, IP_MULTICAST_IF);
SAME(LW_IP_MULTICAST_LOOP, IP_MULTICAST_LOOP);
SAME(LW_TCP_NODELAY, TCP_NODELAY); SAME(LW_TCP_KEEPIDLE, TCP_KEEPIDLE);
SAME(LW_TCP_KEEPINTVL, TCP_KEEPINTVL); SAME(LW_TCP_KEEPCNT, TCP_KEEPCNT);
SAME(LW_IPV6_V6ONLY, IPV6_V6ONLY);
SAME(LW_MSG_PEEK, MSG_PEEK); SAME(LW_MSG_WAITALL, MSG_WAITALL); SAME(LW_MSG_OOB, MSG_OOB);
SAME(LW_MSG_DONTWAIT, MSG_DONTWAIT); SAME(LW_MSG_MORE, MSG_MORE); SAME(LW_MSG_NOSIGNAL, MSG_NOSIGNAL);
SAME(LW_AI_PASSIVE, AI_PASSIVE); SAME(LW_AI_CANONNAME, AI_CANONNAME);
SAME(LW_AI_NUMERICHOST, AI_NUMERICHOST); SAME(LW_AI_NUMERICSERV, AI_NUMERICSERV);
SAME(LW_AI_V4MAPPED, AI_V4MAPPED); SAME(LW_AI_ALL, AI_ALL); SAME(LW_AI_ADDRCONFIG, AI_ADDRCONFIG);
SAME(LW_EAI_NONAME, EAI_NONAME); SAME(LW_EAI_SERVICE, EAI_SERVICE); SAME(LW_EAI_FAIL, EAI_FAIL);
SAME(LW_EAI_MEMORY, EAI_MEMORY); SAME(LW_EAI_FAMILY, EAI_FAMILY);

SAME(sizeof(struct lw_sockaddr_in), sizeof(struct sockaddr_in));
SAME_FIELD(struct lw_sockaddr_in, sin_len, struct sockaddr_in, sin_len);
SAME_FIELD(struct lw_sockaddr_in, sin_family, struct sockaddr_in, sin_family);
SAME_FIELD(struct lw_sockaddr_in, sin_port, struct sockaddr_in, sin_port);
SAME_FIELD(struct lw_sockaddr_in, sin_addr, struct sockaddr_in, sin_addr);
SAME(sizeof(struct lw_sockaddr_in6), sizeof(struct sockaddr_in6));
SAME_FIELD(struct lw_sockaddr_in6, sin6_family, struct sockaddr_in6, sin6_family);
SAME_FIELD(struct lw_sockaddr_in6, sin6_port, struct sockaddr_in6, sin6_port);
SAME_FIELD(struct lw_sockaddr_in6, sin6_flowinfo, struct sockaddr_in6, sin6_flowinfo);
SAME_FIELD(struct lw_sockaddr_in6, sin6_addr, struct sockaddr_in6, sin6_addr);
SAME_FIELD(struct lw_sockaddr_in6, sin6_scope_id, struct sockaddr_in6, sin6_scope_id);
SAME(sizeof(struct lw_addrinfo), sizeof(struct addrinfo));
SAME_FIELD(struct lw_addrinfo, ai_flags, struct addrinfo, ai_flags);
SAME_FIELD(struct lw_addrinfo, ai_family, struct addrinfo, ai_family);
SAME_FIELD(struct lw_addrinfo, ai_socktype, struct addrinfo, ai_socktype);
SAME_FIELD(struct lw_addrinfo, ai_protocol, struct addrinfo, ai_protocol);
SAME_FIELD(struct lw_addrinfo, ai_addrlen, struct addrinfo, ai_addrlen);
SAME_FIELD(struct lw_addrinfo, ai_addr, struct addrinfo, ai_addr);
SAME_FIELD(struct lw_addrinfo, ai_canonname, struct addrinfo, ai_canonname);
SAME_FIELD(struct lw_addrinfo, ai_next, struct addrinfo, ai_next);
/* lwIP's struct iovec has glibc's layout: {void *iov_base; size_t iov_len;} */
SAME(sizeof(struct iovec), 2 * sizeof(void *));
SAME(offsetof(struct iovec, iov_len), sizeof(void *));

#define SA(a) ((struct sockaddr *)(void *)(a))
#define CSA(a) ((const struct sockaddr *)(const void *)(a))

int lwb_socket(int d, int t, int p) { return lwip_socket(d, t, p); }
int lwb_bind(int s, const union lw_sockaddr *a, uint32_t l) { return lwip_bind(s, CSA(a), l); }
int lwb_connect(int s, const union lw_sockaddr *a, uint32_t l) { return lwip_connect(s, CSA(a), l); }
int lwb_listen(int s, int backlog) { return lwip_listen(s, backlog); }
int lwb_accept(int s, union lw_sockaddr *a, uint32_t *l) { return lwip_accept(s, SA(a), l); }
int lwb_shutdown(int s, int how) { return lwip_shutdown(s, how); }
int lwb_close(int s) { return lwip_close(s); }
int lwb_getsockname(int s, union lw_sockaddr *a, uint32_t *l) { return lwip_getsockname(s, SA(a), l); }
int lwb_getpeername(int s, union lw_sockaddr *a, uint32_t *l) { return lwip_getpeername(s, SA(a), l); }
int lwb_setsockopt(int s, int lv, int n, const void *v, uint32_t l) { return lwip_setsockopt(s, lv, n, v, l); }
int lwb_getsockopt(int s, int lv, int n, void *v, uint32_t *l) { return lwip_getsockopt(s, lv, n, v, l); }
ssize_t lwb_read(int s, void *b, size_t l) { return lwip_read(s, b, l); }
ssize_t lwb_write(int s, const void *b, size_t l) { return lwip_write(s, b, l); }
ssize_t lwb_readv(int s, const void *iov, int n) { return lwip_readv(s, iov, n); }
ssize_t lwb_writev(int s, const void *iov, int n) { return lwip_writev(s, iov, n); }
int lwb_fcntl(int s, int cmd, int val) { return lwip_fcntl(s, cmd, val); }
int lwb_ioctl(int s, long cmd, void *argp) { return lwip_ioctl(s, cmd, argp); }
int lwb_poll(void *fds, unsigned long n, int timeout) { return lwip_poll(fds, n, timeout); }
int lwb_select(int n, void *r, void *w, void *e, void *tv) { return lwip_select(n, r, w, e, tv); }

ssize_t lwb_sendto(int s, const void *b, size_t l, int f, const union lw_sockaddr *to, uint32_t tl)
{
	return lwip_sendto(s, b, l, f, to ? CSA(to) : NULL, tl);
}

ssize_t lwb_recvfrom(int s, void *b, size_t l, int f, union lw_sockaddr *from, uint32_t *fl)
{
	return lwip_recvfrom(s, b, l, f, from ? SA(from) : NULL, fl);
}

int lwb_getaddrinfo(const char *node, const char *service,
                    const struct lw_addrinfo *hints, struct lw_addrinfo **res)
{
	return lwip_getaddrinfo(node, service, (const struct addrinfo *)(const void *)hints,
	                        (struct addrinfo **)(void *)res);
}

void lwb_freeaddrinfo(struct lw_addrinfo *ai) { lwip_freeaddrinfo((struct addrinfo *)(void *)ai); }
