/* Internals of drivers/blkfile. spec.c is portable (unit-tested on the
 * host); blkfile.c is the driver. */
#ifndef BLKFILE_H
#define BLKFILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Split a disk spec "PATH", "PATH:ro" or "PATH:rw" into path (NUL-ended,
 * cap bytes) and *ro. Only a trailing ":ro"/":rw" is a mode, so paths may
 * hold ':' elsewhere. 0, -EINVAL (empty path) or -ENAMETOOLONG.
 */
int blkfile_parse_spec(const char *spec, char *path, size_t cap, bool *ro);

#endif
