/* The bounded FIFO under lwIP's mailboxes (see port/mbox_ring.h). */
#include "mbox_ring.h"

#include <errno.h>
#include <stdlib.h>

int mbox_ring_init(struct mbox_ring *r, unsigned size)
{
	r->slot = calloc(size ? size : 1, sizeof(*r->slot));
	if (!r->slot)
		return -ENOMEM;
	r->size = size ? size : 1;
	r->head = r->count = 0;
	return 0;
}

void mbox_ring_destroy(struct mbox_ring *r)
{
	free(r->slot);
	r->slot = NULL;
	r->size = r->count = 0;
}

void mbox_ring_push(struct mbox_ring *r, void *msg)
{
	unsigned tail = r->head + r->count;

	if (tail >= r->size)
		tail -= r->size;
	r->slot[tail] = msg;
	r->count++;
}

void *mbox_ring_pop(struct mbox_ring *r)
{
	void *msg = r->slot[r->head];

	r->slot[r->head] = NULL;
	if (++r->head == r->size)
		r->head = 0;
	r->count--;
	return msg;
}
