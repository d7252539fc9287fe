/*
 * Grant tables, version 1 (library `gnttab`, xen only): let another domain
 * (the backend of one of our frontends) map or copy one of our pages.
 *
 * A grant reference names one entry of our grant table; the other domain
 * gets the number through XenStore or a ring and asks Xen for access.
 * References 0..7 are reserved (the toolstack's console and XenStore
 * grants) and never handed out.
 *
 * Thread or scheduler context; nothing here blocks.
 */
#ifndef UNIK_GNTTAB_H
#define UNIK_GNTTAB_H

#include <stdbool.h>
#include <stdint.h>

#include <xen/grant_table.h> /* grant_ref_t, domid_t */

/*
 * Grant domid access to the page at `page` (page-aligned), read-only or
 * read-write. Returns 0 and the reference in *ref; -ENOSPC when every
 * reference is in use (end some and retry), -EINVAL for an unaligned
 * page, -ENODEV before the table is set up (UNIK_INIT_BUS).
 */
int gnttab_grant_access(domid_t domid, const void *page, bool readonly,
			grant_ref_t *ref);

/*
 * Revoke a grant and give its reference back. -EBUSY when the other
 * domain still has the page mapped: nothing changed, the reference is
 * still the caller's and so is the duty to try again later (the page must
 * not be reused or freed meanwhile). -EINVAL for a reference that is not
 * granted (reserved, out of range, or already ended).
 */
int gnttab_end_access(grant_ref_t ref);

/* References free now / that can be granted at most. */
unsigned gnttab_free_count(void);
unsigned gnttab_capacity(void);

#endif
