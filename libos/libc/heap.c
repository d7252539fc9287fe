/* sbrk over one region (portable: unit-tested on the host). */
#include "heap.h"

#include <errno.h>

void heap_init(struct heap *h, uintptr_t start, size_t size)
{
	h->start = h->brk = start;
	/* A region reaching the top of the address space is clipped rather
	 * than wrapped. */
	h->end = size > UINTPTR_MAX - start ? UINTPTR_MAX : start + size;
}

int heap_sbrk(struct heap *h, intptr_t incr, void **old)
{
	uintptr_t brk = h->brk;

	/* Compare against the room left, never compute brk + incr first:
	 * that could wrap around for a huge request. */
	if (incr > 0 && (uintptr_t)incr > h->end - brk)
		return -ENOMEM;
	if (incr < 0 && (uintptr_t)0 - (uintptr_t)incr > brk - h->start)
		return -ENOMEM;
	h->brk = brk + (uintptr_t)incr;
	*old = (void *)brk;
	return 0;
}
