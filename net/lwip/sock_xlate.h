/*
 * unix target: glibc's socket values and layouts to lwIP's and back
 * (sock_bridge.h). Pure: unit-tested on the host (tests/test_xlate.c).
 * Functions return 0 or a negative errno unless said otherwise.
 */
#ifndef UNIK_LWIP_SOCK_XLATE_H
#define UNIK_LWIP_SOCK_XLATE_H

#include "sock_bridge.h"

#include <netdb.h>
#include <sys/socket.h>

/* Socket type without SOCK_NONBLOCK/SOCK_CLOEXEC; *nonblock says if set. */
int xl_socktype(int type, int *lw_type, int *nonblock);

/* Socket option level and name; -ENOPROTOOPT when lwIP has no such option. */
int xl_sockopt(int level, int name, int *lw_level, int *lw_name);

/* MSG_* flags; -EOPNOTSUPP for a flag lwIP does not know. */
int xl_msg_flags(int flags, int *lw_flags);

/*
 * An app's address to lwIP's: AF_INET, AF_INET6 and AF_UNSPEC (connect()
 * to dissolve an association). -EINVAL when len is too short,
 * -EAFNOSUPPORT for other families. Stores lwIP's length in *lw_len.
 */
int xl_addr_to_lw(const struct sockaddr *a, socklen_t len, union lw_sockaddr *lw,
                  uint32_t *lw_len);

/*
 * lwIP's address to the app's buffer a of *len bytes: copies what fits and
 * sets *len to the full size, like accept() and getsockname().
 */
void xl_addr_from_lw(const union lw_sockaddr *lw, struct sockaddr *a, socklen_t *len);

/* getaddrinfo: AI_* flags to lwIP's, lwIP's EAI_* result to glibc's. */
int xl_ai_flags(int flags);
int xl_eai(int lw_eai);

/*
 * Copy lwIP's addrinfo list into one that glibc's freeaddrinfo() frees
 * (each node one malloc holding its address, ai_canonname a strdup).
 * 0 or -ENOMEM (nothing allocated then).
 */
int xl_addrinfo_from_lw(const struct lw_addrinfo *lw, struct addrinfo **out);

#endif
