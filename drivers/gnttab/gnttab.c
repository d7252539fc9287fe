/*
 * The grant table of this domain, mapped at boot (UNIK_INIT_BUS).
 *
 * A PVH guest is auto-translated: it cannot be handed the table's machine
 * frames, it asks Xen to place table frame i at a guest frame of its
 * choosing with XENMEM_add_to_physmap(XENMAPSPACE_grant_table, idx = i).
 * We choose page-aligned pages from the heap, as start.c does for
 * shared_info: Xen takes the RAM behind them back and maps the table
 * frame there, so the memory must never be freed or reused (it is not
 * ours any more). Asking for frame i beyond the current size grows the
 * table, up to the domain's max_grant_frames.
 */
#include "gnttab_table.h"

#include "../xen/hypercall.h"
#include "../xen/xen_plat.h"

#include <unik/init.h>
#include <unik/unik.h>

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>

/* Frames we map: 16 x 512 = 8192 references (minus 8 reserved), enough
 * for ~15 netfronts with full rings; the table costs 64 KiB of RAM plus
 * 32 KiB of free-list links. */
#define GNTTAB_FRAMES	  16
#define ENTRIES_PER_FRAME (XEN_PAGE_SIZE / sizeof(grant_entry_v1_t))

static struct gnttab_table table;
static bool ready;

/* A typed helper in the style of hypercall.h (which has none for
 * grant_table_op yet). */
static inline int hyp_grant_table_op(unsigned cmd, void *arg, unsigned count)
{
	return (int)hypercall3(__HYPERVISOR_grant_table_op, cmd, arg, count);
}

int gnttab_grant_access(domid_t domid, const void *page, bool readonly,
			grant_ref_t *ref)
{
	if (!ready)
		return -ENODEV;
	if ((uintptr_t)page & (XEN_PAGE_SIZE - 1))
		return -EINVAL;
	return gt_grant(&table, domid, virt_to_gfn(page), readonly, ref);
}

int gnttab_end_access(grant_ref_t ref)
{
	return ready ? gt_end(&table, ref) : -ENODEV;
}

unsigned gnttab_free_count(void)
{
	return table.nfree;
}

unsigned gnttab_capacity(void)
{
	return table.nr > GNTTAB_NR_RESERVED_ENTRIES
		   ? table.nr - GNTTAB_NR_RESERVED_ENTRIES
		   : 0;
}

static int gnttab_init(void)
{
	struct gnttab_query_size q = {.dom = DOMID_SELF};
	unsigned want, n;
	uint32_t *next;
	char *frames;
	int rc;

	rc = hyp_grant_table_op(GNTTABOP_query_size, &q, 1);
	if (rc < 0 || q.status != GNTST_okay)
		return rc < 0 ? rc : -ENODEV;
	want =
	    q.max_nr_frames < GNTTAB_FRAMES ? q.max_nr_frames : GNTTAB_FRAMES;
	if (want == 0)
		return -ENODEV;
	frames = memalign(XEN_PAGE_SIZE, (size_t)want * XEN_PAGE_SIZE);
	next = malloc(want * ENTRIES_PER_FRAME * sizeof(*next));
	if (!frames || !next) {
		free(frames);
		free(next);
		return -ENOMEM;
	}
	for (n = 0; n < want; n++) {
		struct xen_add_to_physmap x = {
		    .domid = DOMID_SELF,
		    .space = XENMAPSPACE_grant_table,
		    .idx = n,
		    .gpfn = virt_to_gfn(frames + (size_t)n * XEN_PAGE_SIZE),
		};

		rc = hyp_memory_op(XENMEM_add_to_physmap, &x);
		if (rc < 0)
			break;
	}
	/* From the first mapped frame on, `frames` is not heap memory any
	 * more: it is never freed, even on failure. */
	if (n == 0) {
		unik_printk("gnttab: cannot map the grant table (rc %d)\n", rc);
		return rc;
	}
	if (n < want)
		unik_printk("gnttab: mapped %u of %u frames (rc %d)\n", n, want,
			    rc);
	gt_init(&table, (grant_entry_v1_t *)frames,
		(uint32_t)(n * ENTRIES_PER_FRAME), next);
	ready = true;
	return 0;
}
UNIK_INIT(UNIK_INIT_BUS, gnttab_init);
