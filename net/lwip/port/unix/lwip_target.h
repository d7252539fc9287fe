/*
 * lwIP on the unix target. Apps compile against glibc's socket headers and
 * reach lwIP through the --wrap layer (sock_unix.c), so lwIP must define no
 * socket()/close()/poll() of its own (LWIP_COMPAT_SOCKETS 0). The types
 * whose layouts agree are taken from glibc here, so that they pass through
 * the wrappers unconverted: struct timeval and fd_set (sys/time.h), struct
 * pollfd and POLL* (poll.h), O_NONBLOCK and F_GETFL (fcntl.h), FIONBIO and
 * FIONREAD (sys/ioctl.h), errno values (errno.h). Everything with another
 * layout or value (sockaddr, SOL_SOCKET, MSG_*, ...) is converted in
 * sock_xlate.c. No glibc header defining sockaddr may be included here.
 */
#ifndef UNIK_LWIP_TARGET_H
#define UNIK_LWIP_TARGET_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/time.h>

#define LWIP_TIMEVAL_PRIVATE 0
#define LWIP_COMPAT_SOCKETS 0

#endif
