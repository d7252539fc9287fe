/*
 * The bounded FIFO of pointers under lwIP's mailboxes (sys_arch.c adds the
 * blocking). Pure: unit-tested on the host (tests/test_mbox_ring.c).
 */
#ifndef UNIK_LWIP_MBOX_RING_H
#define UNIK_LWIP_MBOX_RING_H

#include <stdbool.h>

struct mbox_ring {
	void **slot;
	unsigned size, head, count; /* head: oldest message */
};

/* Allocate room for size messages (size >= 1); 0 or -ENOMEM. */
int mbox_ring_init(struct mbox_ring *r, unsigned size);
void mbox_ring_destroy(struct mbox_ring *r);

static inline bool mbox_ring_empty(const struct mbox_ring *r) { return r->count == 0; }
static inline bool mbox_ring_full(const struct mbox_ring *r) { return r->count == r->size; }

/* Append msg; the ring must not be full. */
void mbox_ring_push(struct mbox_ring *r, void *msg);
/* Remove and return the oldest message; the ring must not be empty. */
void *mbox_ring_pop(struct mbox_ring *r);

#endif
