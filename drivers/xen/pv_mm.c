/*
 * PV page tables. A PV guest cannot load its own CR3 contents: it runs on
 * the tables the domain builder made, which Xen validates and owns the
 * types of. We keep them and change them through hypercalls:
 *
 *  - reading is plain: table pages are mapped (read-only) in our address
 *    space; an entry names a machine frame, the machine-to-physical table
 *    (M2P, read-only at MACH2PHYS_VIRT_START) gives its pseudo-physical
 *    frame, and that is its address (identity layout, pv_entry.S);
 *  - writing is HYPERVISOR_mmu_update (batched, entry by machine address)
 *    at boot and update_va_mapping (one leaf, TLB entry flushed) later.
 *
 * Xen's initial map covers [0, a 4 MiB boundary past its bootstrap
 * elements) with 4 KiB pages, all RW and executable. pv_mm_init makes it
 * what PVH has (arch/x86_64/pagetable.c): page 0 unmapped, text RX,
 * rodata R+NX, data RW+NX, the boot stack's guard page unmapped, and maps
 * every other RAM page RW+NX, up front. No 2 MiB pages: Xen 4.17 offers
 * PV guests none.
 *
 * Hazards Xen enforces (a violation fails the hypercall, and the boot):
 *  - a page that is a page table must have no writable mapping: each new
 *    table page is zeroed and filled while writable, then remapped
 *    read-only, then installed, in that order within one batch;
 *  - a not-present entry must not name RAM (L1TF: Xen would crash or
 *    shadow us), so guard entries carry only the tag bit, and
 *    clear_guard takes the frame back from the p2m.
 */
#include "hypercall.h"
#include "xen_plat.h"

#include <errno.h>
#include <string.h>

#define P     X86_PTE_P
#define L1_RX (X86_PTE_P | X86_PTE_A)
#define L1_RO (X86_PTE_P | X86_PTE_A | X86_PTE_NX)
#define L1_RW (X86_PTE_P | X86_PTE_RW | X86_PTE_A | X86_PTE_D | X86_PTE_NX)
#define TABLE (X86_PTE_P | X86_PTE_RW | X86_PTE_A | X86_PTE_D | X86_PTE_USER)
/* The bits we decide; Xen adds its own (USER, its software bits). */
#define DECIDED                                                                \
	(X86_PTE_P | X86_PTE_RW | X86_PTE_NX | X86_PTE_GUARD | X86_PTE_ADDR)
#define PAGE_4K 0x1000ul
#define PAGE_2M 0x200000ul
#define BATCH	128

const xen_pfn_t *xen_p2m;
unsigned long xen_p2m_size;

static const xen_pfn_t *m2p;
static unsigned long m2p_frames; /* MFNs the M2P covers */
static uint64_t *l4;		 /* Xen's, mapped read-only */
static uintptr_t xen_tables_lo, xen_tables_hi;
static uintptr_t p2m_lo, p2m_hi;
static uintptr_t our_tables_lo, our_tables_next; /* bump allocated */
static mmu_update_t batch[BATCH];
static unsigned nbatch;

void pv_m2p_init(void)
{
	struct xen_machphys_mapping m;
	int rc = hyp_machphys_mapping(&m);

	if (rc < 0)
		xen_boot_fail("XENMEM_machphys_mapping", rc);
	m2p = (const xen_pfn_t *)(uintptr_t)m.v_start;
	m2p_frames = m.max_mfn + 1;
}

void *pv_mfn_to_virt(uint64_t mfn)
{
	xen_pfn_t pfn;

	if (!m2p || mfn >= m2p_frames)
		return NULL;
	pfn = m2p[mfn];
	if (pfn >= xen_p2m_size || xen_p2m[pfn] != mfn)
		return NULL; /* not ours (Xen's, another domain's, stale) */
	return (void *)(uintptr_t)(pfn << XEN_PAGE_SHIFT);
}

static unsigned idx(uintptr_t va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

/* The table an upper-level entry points to, or NULL. */
static uint64_t *next_table(uint64_t e)
{
	if (!(e & P) || (e & X86_PTE_PS))
		return NULL;
	return pv_mfn_to_virt((e & X86_PTE_ADDR) >> XEN_PAGE_SHIFT);
}

/* The entry for va at `level` (1: leaf), or NULL if a table on the way is
 * missing. Read-only; safe from the fault handler. */
static uint64_t *walk(uintptr_t va, int level)
{
	uint64_t *t = l4;

	if (!t || va >= (1ul << 47))
		return NULL;
	for (int l = 4; l > level && t; l--)
		t = next_table(t[idx(va, l)]);
	return t ? &t[idx(va, level)] : NULL;
}

static uint64_t mfn_of(uintptr_t va)
{
	return xen_p2m[va >> XEN_PAGE_SHIFT];
}

/* ---- boot: batched updates ---------------------------------------------- */

static void flush(void)
{
	unsigned done = 0;
	int rc = nbatch ? hyp_mmu_update(batch, nbatch, &done) : 0;

	if (rc < 0)
		xen_boot_fail("mmu_update refused a page-table change", rc);
	nbatch = 0;
}

/* Queue "*entry = val"; entry lies in a (read-only) table page. */
static void queue(const uint64_t *entry, uint64_t val)
{
	uintptr_t va = (uintptr_t)entry;

	batch[nbatch++] = (mmu_update_t){
	    .ptr = ((uint64_t)mfn_of(va) << XEN_PAGE_SHIFT |
		    (va & (PAGE_4K - 1))) |
		   MMU_NORMAL_PT_UPDATE,
	    .val = val,
	};
	if (nbatch == BATCH)
		flush();
}

static bool in(uintptr_t va, const char *lo, const char *hi)
{
	return va >= (uintptr_t)lo && va < (uintptr_t)hi;
}

/* What the leaf for RAM page va must be: the W^X policy of pagetable.c,
 * plus read-only for page tables (Xen's rule) and the p2m (ours). */
static uint64_t leaf(uintptr_t va)
{
	uint64_t m = (uint64_t)mfn_of(va) << XEN_PAGE_SHIFT;

	if (va < PAGE_4K)
		return 0; /* null pointers fault */
	if (va == (uintptr_t)boot_stack_guard)
		return X86_PTE_GUARD;
	if (in(va, __text_start, __text_end))
		return m | L1_RX;
	if (in(va, __rodata_start, __rodata_end) ||
	    (va >= xen_tables_lo && va < xen_tables_hi) ||
	    (va >= our_tables_lo && va < our_tables_next) ||
	    (va >= p2m_lo && va < p2m_hi))
		return m | L1_RO;
	return m | L1_RW;
}

/* A zeroed page for a new table, from the free RAM after Xen's bootstrap
 * elements (mapped: Xen's padding at first, then RAM mapped by the L1s
 * made here, which stay far ahead: one table page per 2 MiB). */
static uint64_t *table_alloc(void)
{
	uint64_t *t = (uint64_t *)our_tables_next;
	const uint64_t *e = walk(our_tables_next, 1);

	if (!e || !(*e & P)) {
		flush(); /* its mapping may still sit in the batch */
		e = walk(our_tables_next, 1);
		if (!e || !(*e & P))
			xen_boot_fail("no mapped page left for page tables", 0);
	}
	our_tables_next += PAGE_4K;
	memset(t, 0, PAGE_4K);
	return t;
}

/* Queue: t read-only, then entry -> t. In this order, Xen sees no
 * writable mapping of t when it validates it as a table. */
static void table_install(uint64_t *entry, uint64_t *t)
{
	queue(walk((uintptr_t)t, 1), leaf((uintptr_t)t));
	queue(entry, (uint64_t)mfn_of((uintptr_t)t) << XEN_PAGE_SHIFT | TABLE);
}

/* An L1 Xen made: queue the entries that differ from the policy. */
static void fix_l1(uint64_t *pt, uintptr_t chunk, uintptr_t ram_end)
{
	for (unsigned i = 0; i < 512; i++) {
		uintptr_t va = chunk + i * PAGE_4K;
		uint64_t cur = pt[i], want = va < ram_end ? leaf(va) : 0;

		/* A page we already pointed at a frame not in the p2m
		 * (shared_info): keep it. */
		if ((cur & P) && va < ram_end &&
		    (cur & X86_PTE_ADDR) >> XEN_PAGE_SHIFT != mfn_of(va))
			continue;
		if ((cur & DECIDED) != (want & DECIDED))
			queue(&pt[i], want);
	}
}

/* A 2 MiB chunk Xen did not map: a new L1 (and L2 if need be). */
static void new_l1(uintptr_t chunk, uintptr_t ram_end)
{
	uint64_t *pde = walk(chunk, 2), *pt;

	if (!pde) {
		uint64_t *pdpe = walk(chunk, 3), *l2;

		if (!pdpe)
			xen_boot_fail("RAM beyond 512 GiB", 0);
		l2 = table_alloc();
		table_install(pdpe, l2);
		flush(); /* the next walk must see it */
		pde = &l2[idx(chunk, 2)];
	}
	pt = table_alloc();
	for (unsigned i = 0; i < 512; i++) {
		uintptr_t va = chunk + i * PAGE_4K;

		pt[i] = va < ram_end ? leaf(va) : 0;
	}
	table_install(pde, pt);
}

static const struct x86_pt_ops pv_pt_ops;

uintptr_t pv_mm_init(const struct pv_mm_layout *lay)
{
	uintptr_t ram_end = xen_p2m_size << XEN_PAGE_SHIFT;
	struct mmuext_op flush_tlb = {.cmd = MMUEXT_TLB_FLUSH_LOCAL};

	l4 = (uint64_t *)lay->pt_base;
	xen_tables_lo = lay->pt_base;
	xen_tables_hi = lay->pt_base + lay->nr_pt_frames * PAGE_4K;
	p2m_lo = (uintptr_t)xen_p2m & ~(PAGE_4K - 1);
	p2m_hi = ((uintptr_t)(xen_p2m + xen_p2m_size) + PAGE_4K - 1) &
		 ~(PAGE_4K - 1);
	our_tables_lo = our_tables_next = lay->first_free;

	/* Chunks in address order: Xen's L1s (the low ones) are fixed
	 * before the allocator, which starts in them, hands out a page. */
	for (uintptr_t c = 0; c < ram_end; c += PAGE_2M) {
		uint64_t *pde = walk(c, 2), *pt;

		if (pde && (*pde & P)) {
			pt = next_table(*pde);
			if (!pt)
				xen_boot_fail("unexpected 2 MiB page", 0);
			fix_l1(pt, c, ram_end);
		} else {
			new_l1(c, ram_end);
		}
	}
	flush();
	if (hyp_mmuext_op(&flush_tlb, 1) < 0)
		xen_boot_fail("TLB flush", 0);
	pt_set_ops(&pv_pt_ops);
	return our_tables_next;
}

/* ---- after boot: guard pages, lookups (x86_pt_ops) ---------------------- */

static bool pv_is_mapped(uintptr_t va)
{
	const uint64_t *e = walk(va, 1);

	return e && (*e & P);
}

static bool pv_is_guard(uintptr_t va)
{
	const uint64_t *e = walk(va, 1);

	return e && !(*e & P) && (*e & X86_PTE_GUARD);
}

/* va: a page of RAM mapped RW (a heap page under a new stack). */
static int pv_set_guard(uintptr_t va)
{
	const uint64_t *e = walk(va, 1);

	if (!e || (*e & (P | X86_PTE_RW)) != (P | X86_PTE_RW) ||
	    (va >> XEN_PAGE_SHIFT) >= xen_p2m_size)
		return -EINVAL;
	return hyp_update_va_mapping(va, X86_PTE_GUARD, UVMF_INVLPG) < 0
		   ? -ENOMEM
		   : 0;
}

static int pv_clear_guard(uintptr_t va)
{
	if (!pv_is_guard(va) || (va >> XEN_PAGE_SHIFT) >= xen_p2m_size)
		return -EINVAL;
	return hyp_update_va_mapping(
		   va, (uint64_t)mfn_of(va) << XEN_PAGE_SHIFT | L1_RW,
		   UVMF_INVLPG) < 0
		   ? -EINVAL
		   : 0;
}

static const struct x86_pt_ops pv_pt_ops = {
    .set_guard = pv_set_guard,
    .clear_guard = pv_clear_guard,
    .is_mapped = pv_is_mapped,
    .is_guard = pv_is_guard,
};
