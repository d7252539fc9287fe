/* <sys/ioctl.h> for apps on the xen target (newlib has none): FIONBIO and
 * FIONREAD on sockets, see docs/NETWORK.md. ioctl() is sockfd_xen.c's. */
#ifndef UNIK_LWIP_SYS_IOCTL_H
#define UNIK_LWIP_SYS_IOCTL_H

#include <lwip/sockets.h>

int ioctl(int fd, unsigned long request, ...);

#endif
