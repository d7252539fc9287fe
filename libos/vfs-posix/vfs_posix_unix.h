/* Shared by the unix wraps of vfs-posix (unix.c, unix_stdio.c). */
#ifndef UNIK_VFS_POSIX_UNIX_H
#define UNIK_VFS_POSIX_UNIX_H

#include <stdbool.h>

/* VFS files' fds: below net/lwip's sockets (512..767), above the few the
 * host opens at start-up (stdio, disk images, the TAP device). */
#define VP_UNIX_FD_LO 256
#define VP_UNIX_FD_COUNT 256

/* Does this path go to the VFS (absolute, below a mount point)? */
bool vp_unix_routes(const char *path);
/* errno = -neg; returns -1. */
int vp_unix_fail(int neg);

#endif
