/*
 * Grant entries (v1) and the free list of references.
 *
 * Entry protocol (xen/grant_table.h): the guest owns frame and domid and
 * the GTF_permit_access/GTF_readonly bits; Xen sets GTF_reading and
 * GTF_writing while the grantee has the page mapped, with a cmpxchg that
 * also checks domid and GTF_permit_access.
 *
 * Free-list reuse hazard: a reference must not go back on the free list
 * while the grantee may still use it, or the next gt_grant() would point
 * the grantee's still-live mapping/copy at a different page. So gt_end()
 * only frees a reference after atomically clearing its flags while
 * neither GTF_reading nor GTF_writing is set; from then on Xen refuses
 * new mappings of it. The list is FIFO: a freed reference is reused as
 * late as possible, so a grantee that kept a stale reference number (a
 * buggy backend) hits an invalid entry rather than someone else's page.
 */
#include "gnttab_table.h"

#include <errno.h>
#include <stddef.h>

void gt_init(struct gnttab_table *t, grant_entry_v1_t *entries, uint32_t nr,
	     uint32_t *next)
{
	t->entries = entries;
	t->nr = nr;
	t->next = next;
	t->head = t->tail = GT_END;
	t->nfree = 0;
	for (uint32_t r = 0; r < nr; r++) {
		if (r < GNTTAB_NR_RESERVED_ENTRIES) {
			next[r] = GT_INUSE; /* never ours to hand out */
			continue;
		}
		next[r] = GT_END;
		if (t->tail == GT_END)
			t->head = r;
		else
			next[t->tail] = r;
		t->tail = r;
		t->nfree++;
	}
}

int gt_grant(struct gnttab_table *t, domid_t domid, uint64_t gfn, bool readonly,
	     grant_ref_t *ref)
{
	grant_entry_v1_t *e;
	uint32_t r = t->head;

	if (gfn > UINT32_MAX) /* v1 frames are 32 bits: 16 TiB */
		return -EINVAL;
	if (r == GT_END)
		return -ENOSPC;
	t->head = t->next[r];
	if (t->head == GT_END)
		t->tail = GT_END;
	t->next[r] = GT_INUSE;
	t->nfree--;

	e = &t->entries[r];
	e->domid = domid;
	e->frame = (uint32_t)gfn;
	/* frame and domid must be visible before the flags that make the
	 * entry valid: Xen reads the flags, then (seeing them valid) the
	 * rest. x86 keeps stores in order; the fence keeps the compiler
	 * from reordering them. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(
	    &e->flags,
	    (uint16_t)(GTF_permit_access | (readonly ? GTF_readonly : 0)),
	    __ATOMIC_RELAXED);
	*ref = r;
	return 0;
}

int gt_end(struct gnttab_table *t, grant_ref_t ref)
{
	grant_entry_v1_t *e;
	uint16_t flags;

	if (ref < GNTTAB_NR_RESERVED_ENTRIES || ref >= t->nr ||
	    t->next[ref] != GT_INUSE)
		return -EINVAL;
	e = &t->entries[ref];
	flags = __atomic_load_n(&e->flags, __ATOMIC_SEQ_CST);
	/* Clear the entry only if Xen has not marked it in use meanwhile:
	 * a failed cmpxchg reloads flags and we look again. */
	do {
		if (flags & (GTF_reading | GTF_writing))
			return -EBUSY;
	} while (!__atomic_compare_exchange_n(
	    &e->flags, &flags, 0, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	t->next[ref] = GT_END;
	if (t->tail == GT_END)
		t->head = ref;
	else
		t->next[t->tail] = ref;
	t->tail = ref;
	t->nfree++;
	return 0;
}
