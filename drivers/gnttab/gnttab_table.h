/*
 * The grant table proper: entries shared with Xen, and the free list of
 * references, which is ours alone. Portable (host-tested on a table in
 * host memory); gnttab.c maps the real frames and keeps the one instance.
 */
#ifndef UNIK_GNTTAB_TABLE_H
#define UNIK_GNTTAB_TABLE_H

#include "gnttab.h"

#include <stdint.h>

#define GT_END	 0xffffffffu /* end of the free list */
#define GT_INUSE 0xfffffffeu /* next[] of a granted reference */

struct gnttab_table {
	grant_entry_v1_t *entries; /* nr entries, shared with Xen */
	uint32_t nr;
	/* Free-list links, one per reference, never in the shared page:
	 * Xen (and the grantee, through Xen) may write the entries' flags,
	 * and a link stored there could be corrupted. */
	uint32_t *next;
	uint32_t head, tail, nfree;
};

/* Put references GNTTAB_NR_RESERVED_ENTRIES..nr-1 on the free list. */
void gt_init(struct gnttab_table *t, grant_entry_v1_t *entries, uint32_t nr,
	     uint32_t *next);
int gt_grant(struct gnttab_table *t, domid_t domid, uint64_t gfn, bool readonly,
	     grant_ref_t *ref);
int gt_end(struct gnttab_table *t, grant_ref_t ref);

#endif
