/*
 * lwIP on the xen target, with newlib. Apps include lwIP's socket API
 * through net/lwip/include/ (sys/socket.h, ...), so lwIP provides the real
 * socket(), bind(), select(), poll(), ... (LWIP_COMPAT_SOCKETS 2), while
 * read/write/close/fcntl stay newlib's and reach lwIP for socket fds
 * through the libc glue's hook (sockfd.h). fd_set is newlib's, sized by
 * -DFD_SETSIZE=1024 in every file (lib.mk and the app's flags): sockets
 * are fds 512..767.
 */
#ifndef UNIK_LWIP_TARGET_H
#define UNIK_LWIP_TARGET_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/time.h>

#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX /* newlib lacks it */
#endif
#if FD_SETSIZE < 768
#error "FD_SETSIZE must cover the socket fds 512..767: build with -DFD_SETSIZE=1024"
#endif

#define LWIP_TIMEVAL_PRIVATE 0
#define LWIP_COMPAT_SOCKETS 2

#endif
