/*
 * A program break over a fixed region: what sbrk() means on a target
 * whose memory is one region handed over at boot. Portable (unit-tested
 * on the host); syscalls.c wires it to plat_heap_region().
 */
#ifndef UNIK_LIBC_HEAP_H
#define UNIK_LIBC_HEAP_H

#include <stddef.h>
#include <stdint.h>

struct heap {
	uintptr_t start, end; /* the region */
	uintptr_t brk;	      /* current break, start <= brk <= end */
};

void heap_init(struct heap *h, uintptr_t start, size_t size);

/*
 * Move the break by incr bytes (negative: give memory back). On success
 * store the old break in *old and return 0; return -ENOMEM, break
 * unchanged, if it would leave the region either way.
 */
int heap_sbrk(struct heap *h, intptr_t incr, void **old);

#endif
