/* Network information for applications (library `netdev`). Sockets are the
 * BSD API: <sys/socket.h>, <netinet/in.h>, <arpa/inet.h>, <poll.h>. */
#ifndef UNIK_NET_H
#define UNIK_NET_H

#include <unik/netdev.h>

/* Copy the counters of network device i; 0 or -ENODEV. */
int unik_net_stats(unsigned i, struct unik_netdev_stats *out);

#endif
