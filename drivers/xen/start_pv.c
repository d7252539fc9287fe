/*
 * Boot of a PV guest, from pv_entry.S (ring 3 on Xen's page tables, our
 * boot stack, events masked, no trap table) to xen_boot_finish(), which
 * both modes share (start.c).
 *
 * The order is forced by what each step needs:
 *  1. shared_info: the event mask and the #PF address live in vcpu_info;
 *  2. trap table and callbacks: from here a fault is reported (before,
 *     Xen kills the domain without a word from us);
 *  3. start_info copied: the p2m, the rings, the command line;
 *  4. console: its ring is one of our RAM pages, already mapped, so PV
 *     has output this early (and no port 0xe9 before it);
 *  5. page tables (pv_mm.c), then the CR2 probe, as on PVH.
 */
#include "hypercall.h"
#include "xen_plat.h"

#include <string.h>

#define PV_MAGIC "xen-3.0-x86_64"

extern char xen_shared_info_page[]; /* start.c */

static char cmdline[MAX_GUEST_CMDLINE];
static struct x86_mem_region ram[1];

_Noreturn void pv_start(const start_info_t *si, uintptr_t boot_sp);

/*
 * The virtual IDT. Every exception masks events on entry (flag bit 2, an
 * interrupt gate) and runs the fault printer of traps.c. Not listed: NMI
 * and #MC (callbacks we do not register), #DF (Xen never delivers one to
 * a PV guest: it crashes the domain), 15 (reserved). int3 and into get
 * DPL 3: our kernel code runs in ring 3, and would get #GP instead.
 */
static void traps_init(void)
{
	static struct trap_info t[23]; /* zero entry ends the table */
	unsigned n = 0;
	int rc;

	for (unsigned v = 0; v < 22; v++) {
		if (v == 2 || v == 8 || v == 15 || v == 18)
			continue;
		t[n++] = (struct trap_info){
		    .vector = (uint8_t)v,
		    .flags = (uint8_t)(4 | (v == 3 || v == 4 ? 3 : 0)),
		    .cs = FLAT_KERNEL_CS,
		    .address =
			(uintptr_t)x86_pv_trap_stubs + v * X86_PV_STUB_SIZE,
		};
	}
	rc = hyp_set_trap_table(t);
	if (rc == 0)
		rc = hyp_set_callbacks((uintptr_t)x86_pv_event_entry,
				       (uintptr_t)x86_pv_failsafe_entry);
	if (rc < 0)
		xen_boot_fail("cannot install the trap table", rc);
	/* Our virtual CR0.TS: clear, so SSE never raises #NM. */
	hyp_fpu_taskswitch(0);
}

static uintptr_t page_end(uintptr_t a, uintptr_t len)
{
	return (a + len + XEN_PAGE_SIZE - 1) & ~(uintptr_t)(XEN_PAGE_SIZE - 1);
}

static uintptr_t max_ptr(uintptr_t a, uintptr_t b)
{
	return a > b ? a : b;
}

_Noreturn void pv_start(const start_info_t *si, uintptr_t boot_sp)
{
	struct xen_boot b = {.mode = "PV", .cmdline = cmdline};
	struct pv_mm_layout lay;
	int rc;

	x86_pv = true;
	xen_hypercalls_ready = true; /* the builder filled the page */

	/* 1. Xen's shared_info frame over our page (its RAM frame stays
	 * allocated, unused). */
	rc = hyp_update_va_mapping((uintptr_t)xen_shared_info_page,
				   si->shared_info | X86_PTE_P | X86_PTE_RW |
				       X86_PTE_A | X86_PTE_D | X86_PTE_NX,
				   UVMF_INVLPG);
	if (rc < 0)
		xen_boot_fail("cannot map shared_info", rc);
	xen_shared_info = (struct shared_info *)xen_shared_info_page;
	xen_events_off(); /* it is, by the builder; do not rely on it */
	x86_set_cr2_source(&xen_vcpu0()->arch.cr2);

	/* 2. */
	traps_init();

	/* 3. What we need from start_info (it stays mapped, below the
	 * heap, but is not ours to trust: check what we use). */
	if (strncmp(si->magic, PV_MAGIC, sizeof(PV_MAGIC) - 1) != 0 ||
	    si->nr_pages == 0 || si->mfn_list == 0 || si->pt_base == 0)
		xen_boot_fail("no valid start_info in %rsi", 0);
	memcpy(cmdline, si->cmd_line, sizeof(cmdline) - 1);
	xen_p2m = (const xen_pfn_t *)si->mfn_list;
	xen_p2m_size = si->nr_pages;
	xen_rings = (struct xen_rings){
	    .console_gfn = si->console.domU.mfn,
	    .console_port = si->console.domU.evtchn,
	    .store_gfn = si->store_mfn,
	    .store_port = si->store_evtchn,
	};
	pv_m2p_init();

	/* 4. */
	evtchn_init();
	console_init();

	/* 5. The heap starts after every bootstrap element (the stack
	 * page is the last, but do not count on the order). */
	lay.pt_base = si->pt_base;
	lay.nr_pt_frames = si->nr_pt_frames;
	lay.first_free = page_end(boot_sp, 0);
	lay.first_free = max_ptr(lay.first_free, page_end((uintptr_t)si, 4096));
	lay.first_free =
	    max_ptr(lay.first_free,
		    page_end(si->mfn_list, si->nr_pages * sizeof(xen_pfn_t)));
	lay.first_free = max_ptr(
	    lay.first_free, page_end(si->pt_base, si->nr_pt_frames * 4096));
	lay.first_free =
	    max_ptr(lay.first_free,
		    page_end((uintptr_t)pv_mfn_to_virt(si->store_mfn), 4096));
	lay.first_free = max_ptr(
	    lay.first_free,
	    page_end((uintptr_t)pv_mfn_to_virt(si->console.domU.mfn), 4096));
	b.first_free = pv_mm_init(&lay);
	b.cr2_ok = x86_cr2_probe();

	rc = hyp_xen_version();
	b.version = rc < 0 ? 0 : (uint32_t)rc;
	ram[0] = (struct x86_mem_region){0, (uint64_t)si->nr_pages
						<< XEN_PAGE_SHIFT};
	b.ram = ram;
	b.nram = 1;
	b.ram_total = ram[0].end;
	b.pt_bytes =
	    si->nr_pt_frames * XEN_PAGE_SIZE + (b.first_free - lay.first_free);
	xen_boot_finish(&b);
}
