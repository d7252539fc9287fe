/* unix target: glibc's socket values to lwIP's and back (sock_xlate.h). */
#define _GNU_SOURCE /* SOCK_NONBLOCK, MSG_MORE */
#include "sock_xlate.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>

int xl_socktype(int type, int *lw_type, int *nonblock)
{
	*nonblock = (type & SOCK_NONBLOCK) != 0;
	type &= ~(SOCK_NONBLOCK | SOCK_CLOEXEC); /* close-on-exec: no exec here */
	switch (type) {
	case SOCK_STREAM: *lw_type = LW_SOCK_STREAM; return 0;
	case SOCK_DGRAM: *lw_type = LW_SOCK_DGRAM; return 0;
	case SOCK_RAW: *lw_type = LW_SOCK_RAW; return 0;
	default: return -EINVAL;
	}
}

static const struct {
	int level, name, lw_level, lw_name;
} opts[] = {
	{SOL_SOCKET, SO_ACCEPTCONN, LW_SOL_SOCKET, LW_SO_ACCEPTCONN},
	{SOL_SOCKET, SO_REUSEADDR, LW_SOL_SOCKET, LW_SO_REUSEADDR},
	{SOL_SOCKET, SO_KEEPALIVE, LW_SOL_SOCKET, LW_SO_KEEPALIVE},
	{SOL_SOCKET, SO_BROADCAST, LW_SOL_SOCKET, LW_SO_BROADCAST},
	{SOL_SOCKET, SO_LINGER, LW_SOL_SOCKET, LW_SO_LINGER},
	{SOL_SOCKET, SO_SNDBUF, LW_SOL_SOCKET, LW_SO_SNDBUF},
	{SOL_SOCKET, SO_RCVBUF, LW_SOL_SOCKET, LW_SO_RCVBUF},
	{SOL_SOCKET, SO_SNDTIMEO, LW_SOL_SOCKET, LW_SO_SNDTIMEO},
	{SOL_SOCKET, SO_RCVTIMEO, LW_SOL_SOCKET, LW_SO_RCVTIMEO},
	{SOL_SOCKET, SO_ERROR, LW_SOL_SOCKET, LW_SO_ERROR},
	{SOL_SOCKET, SO_TYPE, LW_SOL_SOCKET, LW_SO_TYPE},
	{SOL_SOCKET, SO_NO_CHECK, LW_SOL_SOCKET, LW_SO_NO_CHECK},
	{IPPROTO_IP, IP_TOS, LW_IPPROTO_IP, LW_IP_TOS},
	{IPPROTO_IP, IP_TTL, LW_IPPROTO_IP, LW_IP_TTL},
	{IPPROTO_IP, IP_ADD_MEMBERSHIP, LW_IPPROTO_IP, LW_IP_ADD_MEMBERSHIP},
	{IPPROTO_IP, IP_DROP_MEMBERSHIP, LW_IPPROTO_IP, LW_IP_DROP_MEMBERSHIP},
	{IPPROTO_IP, IP_MULTICAST_TTL, LW_IPPROTO_IP, LW_IP_MULTICAST_TTL},
	{IPPROTO_IP, IP_MULTICAST_IF, LW_IPPROTO_IP, LW_IP_MULTICAST_IF},
	{IPPROTO_IP, IP_MULTICAST_LOOP, LW_IPPROTO_IP, LW_IP_MULTICAST_LOOP},
	{IPPROTO_TCP, TCP_NODELAY, LW_IPPROTO_TCP, LW_TCP_NODELAY},
	{IPPROTO_TCP, TCP_KEEPIDLE, LW_IPPROTO_TCP, LW_TCP_KEEPIDLE},
	{IPPROTO_TCP, TCP_KEEPINTVL, LW_IPPROTO_TCP, LW_TCP_KEEPINTVL},
	{IPPROTO_TCP, TCP_KEEPCNT, LW_IPPROTO_TCP, LW_TCP_KEEPCNT},
	{IPPROTO_IPV6, IPV6_V6ONLY, LW_IPPROTO_IPV6, LW_IPV6_V6ONLY},
};

int xl_sockopt(int level, int name, int *lw_level, int *lw_name)
{
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		if (opts[i].level == level && opts[i].name == name) {
			*lw_level = opts[i].lw_level;
			*lw_name = opts[i].lw_name;
			return 0;
		}
	}
	return -ENOPROTOOPT;
}

static const struct {
	int flag, lw_flag;
} msg_flags[] = {
	{MSG_PEEK, LW_MSG_PEEK},         {MSG_WAITALL, LW_MSG_WAITALL},
	{MSG_OOB, LW_MSG_OOB},           {MSG_DONTWAIT, LW_MSG_DONTWAIT},
	{MSG_MORE, LW_MSG_MORE},         {MSG_NOSIGNAL, LW_MSG_NOSIGNAL},
};

int xl_msg_flags(int flags, int *lw_flags)
{
	int out = 0;

	for (size_t i = 0; i < sizeof(msg_flags) / sizeof(msg_flags[0]); i++) {
		if (flags & msg_flags[i].flag) {
			out |= msg_flags[i].lw_flag;
			flags &= ~msg_flags[i].flag;
		}
	}
	if (flags)
		return -EOPNOTSUPP;
	*lw_flags = out;
	return 0;
}

int xl_addr_to_lw(const struct sockaddr *a, socklen_t len, union lw_sockaddr *lw,
                  uint32_t *lw_len)
{
	memset(lw, 0, sizeof(*lw));
	if (!a || len < sizeof(sa_family_t))
		return -EINVAL;
	switch (a->sa_family) {
	case AF_INET: {
		const struct sockaddr_in *in = (const void *)a;

		if (len < sizeof(*in))
			return -EINVAL;
		lw->in.sin_len = sizeof(lw->in);
		lw->in.sin_family = LW_AF_INET;
		lw->in.sin_port = in->sin_port;
		lw->in.sin_addr = in->sin_addr.s_addr;
		*lw_len = sizeof(lw->in);
		return 0;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *in6 = (const void *)a;

		if (len < sizeof(*in6))
			return -EINVAL;
		lw->in6.sin6_len = sizeof(lw->in6);
		lw->in6.sin6_family = LW_AF_INET6;
		lw->in6.sin6_port = in6->sin6_port;
		lw->in6.sin6_flowinfo = in6->sin6_flowinfo;
		memcpy(lw->in6.sin6_addr, &in6->sin6_addr, 16);
		lw->in6.sin6_scope_id = in6->sin6_scope_id;
		*lw_len = sizeof(lw->in6);
		return 0;
	}
	case AF_UNSPEC:
		lw->sa.len = 2;
		lw->sa.family = LW_AF_UNSPEC;
		*lw_len = sizeof(lw->in);
		return 0;
	default:
		return -EAFNOSUPPORT;
	}
}

void xl_addr_from_lw(const union lw_sockaddr *lw, struct sockaddr *a, socklen_t *len)
{
	struct sockaddr_storage ss;
	socklen_t full;

	memset(&ss, 0, sizeof(ss));
	if (lw->sa.family == LW_AF_INET6) {
		struct sockaddr_in6 *in6 = (void *)&ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = lw->in6.sin6_port;
		in6->sin6_flowinfo = lw->in6.sin6_flowinfo;
		memcpy(&in6->sin6_addr, lw->in6.sin6_addr, 16);
		in6->sin6_scope_id = lw->in6.sin6_scope_id;
		full = sizeof(*in6);
	} else if (lw->sa.family == LW_AF_INET) {
		struct sockaddr_in *in = (void *)&ss;

		in->sin_family = AF_INET;
		in->sin_port = lw->in.sin_port;
		in->sin_addr.s_addr = lw->in.sin_addr;
		full = sizeof(*in);
	} else {
		ss.ss_family = AF_UNSPEC;
		full = sizeof(sa_family_t);
	}
	if (a && len)
		memcpy(a, &ss, *len < full ? *len : full);
	if (len)
		*len = full;
}

int xl_ai_flags(int flags)
{
	return (flags & AI_PASSIVE ? LW_AI_PASSIVE : 0) |
	       (flags & AI_CANONNAME ? LW_AI_CANONNAME : 0) |
	       (flags & AI_NUMERICHOST ? LW_AI_NUMERICHOST : 0) |
	       (flags & AI_NUMERICSERV ? LW_AI_NUMERICSERV : 0) |
	       (flags & AI_V4MAPPED ? LW_AI_V4MAPPED : 0) |
	       (flags & AI_ALL ? LW_AI_ALL : 0) |
	       (flags & AI_ADDRCONFIG ? LW_AI_ADDRCONFIG : 0);
}

int xl_eai(int lw_eai)
{
	switch (lw_eai) {
	case 0: return 0;
	case LW_EAI_SERVICE: return EAI_SERVICE;
	case LW_EAI_MEMORY: return EAI_MEMORY;
	case LW_EAI_FAMILY: return EAI_FAMILY;
	case LW_EAI_FAIL: return EAI_FAIL;
	default: return EAI_NONAME;
	}
}

struct ai_node {
	struct addrinfo ai;
	struct sockaddr_storage addr;
};

int xl_addrinfo_from_lw(const struct lw_addrinfo *lw, struct addrinfo **out)
{
	struct addrinfo *head = NULL, **tail = &head;

	for (; lw; lw = lw->ai_next) {
		struct ai_node *n = calloc(1, sizeof(*n));
		socklen_t len = sizeof(n->addr);

		if (!n)
			goto nomem;
		*tail = &n->ai;
		tail = &n->ai.ai_next;
		n->ai.ai_flags = 0;
		n->ai.ai_family = lw->ai_family; /* AF_INET/AF_INET6: same values */
		n->ai.ai_socktype = lw->ai_socktype;
		n->ai.ai_protocol = lw->ai_protocol;
		xl_addr_from_lw(lw->ai_addr, (struct sockaddr *)&n->addr, &len);
		n->ai.ai_addr = (struct sockaddr *)&n->addr;
		n->ai.ai_addrlen = len;
		if (lw->ai_canonname && !(n->ai.ai_canonname = strdup(lw->ai_canonname)))
			goto nomem;
	}
	*out = head;
	return 0;
nomem:
	freeaddrinfo(head);
	return -ENOMEM;
}
