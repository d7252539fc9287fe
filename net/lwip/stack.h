/* Internal to net/lwip: the pieces of the stack's start-up. */
#ifndef UNIK_LWIP_STACK_H
#define UNIK_LWIP_STACK_H

#include <unik/netdev.h>

struct netif;

/*
 * Add an lwIP Ethernet netif for dev and start receiving from it (sets
 * dev->receive). Call with the core lock held. 0 or -ENOMEM / -ENOSPC.
 */
int ethif_add(struct unik_netdev *dev, struct netif **out);

/*
 * The target's part of socket start-up, before the first socket exists:
 * unix reserves the socket fd range in the host process (sock_unix.c),
 * xen has nothing to do (sockfd_xen.c). 0 or -errno (sockets then fail).
 */
int net_port_init(void);

#endif
