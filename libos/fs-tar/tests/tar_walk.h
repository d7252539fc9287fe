#ifndef TAR_WALK_H
#define TAR_WALK_H

#include <stdint.h>

/* Visit every directory and read every file of a mounted tarfs through
 * its ops, checking what each call returns. 0 or the first -errno. */
int tar_walk(void *fs, unsigned *files, uint64_t *bytes);

#endif
