/* Shared between the files of the libc glue. */
#ifndef UNIK_LIBC_GLUE_INTERNAL_H
#define UNIK_LIBC_GLUE_INTERNAL_H

#include <stdint.h>

/* Monotonic time at libc start-up: clock() counts from here. */
extern uint64_t libc_start_ns;

#endif
