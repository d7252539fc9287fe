/* <arpa/inet.h> for apps on the xen target (newlib has none): lwIP's socket API,
 * see docs/NETWORK.md. On unix the host's header is used instead. */
#ifndef UNIK_LWIP_ARPA_INET_H
#define UNIK_LWIP_ARPA_INET_H

#include <lwip/inet.h>
#include <lwip/sockets.h>

#endif
