/*
 * Memory for the xen target: the heap region handed to the libc glue,
 * thread stacks with guard pages, and mapping frames Xen names.
 */
#include "hypercall.h"
#include "xen_plat.h"

#include <unik/plat.h>

#include <xen/grant_table.h>

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>

static uintptr_t heap_start;
static size_t heap_size;

/* Table pages the page-table code needs after boot (to split a 2 MiB
 * page under a new guard page). Never freed: a split stays split. */
static void *pt_page_alloc(void)
{
	return memalign(XEN_PAGE_SIZE, XEN_PAGE_SIZE);
}

/* Called once every boot-time mapping is made: the pages the page tables
 * took end at first_free, and later table pages come from the heap. */
void memory_init(const struct x86_mem_region *ram, unsigned n,
		 uintptr_t first_free)
{
	/* The region with the most room at or above first_free. On PVH with
	 * less than ~3.5 GiB that is the one RAM region starting at 0; above
	 * that, RAM is split around the PCI hole and the heap takes the
	 * larger side (the other stays mapped but unused). */
	for (unsigned i = 0; i < n; i++) {
		uint64_t lo =
		    ram[i].start > first_free ? ram[i].start : first_free;

		if (lo < ram[i].end && ram[i].end - lo > heap_size) {
			heap_start = (uintptr_t)lo;
			heap_size = (size_t)(ram[i].end - lo);
		}
	}
	if (heap_size == 0)
		xen_boot_fail("no RAM left for the heap", 0);
	pt_set_page_allocator(pt_page_alloc);
}

void plat_heap_region(uintptr_t *start, size_t *size)
{
	*start = heap_start;
	*size = heap_size;
}

/*
 * A stack is [guard page][size bytes], page-aligned, from the heap. The
 * guard's PTE is made not-present (and tagged, see pagetable.c) for as
 * long as the stack lives; it must be mapped again before free(), which
 * writes malloc's bookkeeping into the chunk.
 */
void *plat_stack_alloc(size_t size)
{
	char *p;

	if (size == 0 || (size & (XEN_PAGE_SIZE - 1)))
		return NULL;
	p = memalign(XEN_PAGE_SIZE, size + XEN_PAGE_SIZE);
	if (!p)
		return NULL;
	if (pt_set_guard((uintptr_t)p) < 0) {
		free(p);
		return NULL;
	}
	return p + XEN_PAGE_SIZE;
}

void plat_stack_free(void *base, size_t size)
{
	char *p = (char *)base - XEN_PAGE_SIZE;

	(void)size;
	if (!base)
		return;
	if (pt_clear_guard((uintptr_t)p) < 0) {
		static const char msg[] =
		    "unik: plat_stack_free: not a stack\n";

		plat_console_write(msg, sizeof(msg) - 1);
		plat_crash();
	}
	free(p);
}

void *gfn_to_virt(uint64_t gfn)
{
	if (xen_pv())
		return pv_mfn_to_virt(gfn);
	return (void *)(uintptr_t)(gfn << XEN_PAGE_SHIFT);
}

void *xen_map_frame(uint64_t gfn)
{
	void *va;

	/* The number comes from Xen (an HVM param, start_info): keep it
	 * inside the identity map's reach, and never let it remap our own
	 * image (that would make text writable). */
	if (gfn == 0 || gfn >= (1ull << (46 - XEN_PAGE_SHIFT)))
		return NULL;
	va = gfn_to_virt(gfn);
	if (!va ||
	    ((char *)va + XEN_PAGE_SIZE > __image_start && (char *)va < _end))
		return NULL;
	/* PV: a RAM page of ours, mapped RW+NX since boot. */
	if (xen_pv())
		return va;
	if (pt_map_data_page((uintptr_t)va, gfn << XEN_PAGE_SHIFT) < 0)
		return NULL;
	return va;
}

static int pv_map_grant_frames(char *va, unsigned n)
{
	static xen_pfn_t frames[64];
	struct gnttab_setup_table st = {
	    .dom = DOMID_SELF,
	    .nr_frames = n < 64 ? n : 64,
	};
	unsigned i;
	int rc;

	set_xen_guest_handle(st.frame_list, frames);
	rc = (int)hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table,
			     &st, 1);
	if (rc < 0 || st.status != GNTST_okay)
		return rc < 0 ? rc : -ENODEV;
	for (i = 0; i < st.nr_frames; i++) {
		rc = hyp_update_va_mapping(
		    (uintptr_t)va + i * XEN_PAGE_SIZE,
		    (uint64_t)frames[i] << XEN_PAGE_SHIFT | X86_PTE_P |
			X86_PTE_RW | X86_PTE_A | X86_PTE_D | X86_PTE_NX,
		    UVMF_INVLPG);
		if (rc < 0)
			break;
	}
	return i ? (int)i : rc;
}

int xen_map_grant_frames(void *va, unsigned n)
{
	unsigned i;
	int rc = 0;

	if (((uintptr_t)va & (XEN_PAGE_SIZE - 1)) || n == 0)
		return -EINVAL;
	if (xen_pv())
		return pv_map_grant_frames(va, n);
	for (i = 0; i < n; i++) {
		struct xen_add_to_physmap x = {
		    .domid = DOMID_SELF,
		    .space = XENMAPSPACE_grant_table,
		    .idx = i,
		    .gpfn = virt_to_gfn((char *)va + (size_t)i * XEN_PAGE_SIZE),
		};

		rc = hyp_memory_op(XENMEM_add_to_physmap, &x);
		if (rc < 0)
			break;
	}
	return i ? (int)i : rc;
}
