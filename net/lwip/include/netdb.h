/* <netdb.h> for apps on the xen target (newlib has none): lwIP's socket API,
 * see docs/NETWORK.md. On unix the host's header is used instead. */
#ifndef UNIK_LWIP_NETDB_H
#define UNIK_LWIP_NETDB_H

#include <lwip/sockets.h>
#include <lwip/netdb.h>

#endif
