/*
 * Internals shared by the files of the xen platform (library plat-xen).
 * Xen frontends (xenstore, grant tables, netfront, blkfront) use this
 * header and evtchn.h; applications never do.
 *
 * One image boots as a PVH or as a PV guest (docs/XEN.md, "PV and PVH").
 * Frontends need not care which: frame numbers go through virt_to_gfn(),
 * rings come from xen_store_ring() and friends, grant-table frames from
 * xen_map_grant_frames(). Only those helpers look at xen_pv().
 */
#ifndef UNIK_XEN_PLAT_H
#define UNIK_XEN_PLAT_H

#include "xen_headers.h"

#include "../../arch/x86_64/x86.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XEN_PAGE_SHIFT 12
#define XEN_PAGE_SIZE  4096u

/* Booted as a PV guest (else PVH). Fixed before any C code ran. */
static inline bool xen_pv(void)
{
	return x86_pv;
}

/*
 * PV: the physical-to-machine list Xen built for us (start_info.mfn_list,
 * kept where Xen put it, below the heap): the machine frame behind each
 * pseudo-physical frame. Unused on PVH.
 */
extern const xen_pfn_t *xen_p2m;
extern unsigned long xen_p2m_size;

/*
 * THE translation from a pointer in our address space to the frame number
 * Xen expects (console ring, shared_info, grants...). Every frame number
 * handed to Xen goes through it. Our address space is the identity map of
 * our pseudo-physical memory in both modes (pv_entry.S, "Layout"). PVH:
 * that space is what Xen calls the gfn space, so this is a shift. PV: Xen
 * wants machine frames, so it is a p2m lookup (~0, which Xen refuses, for
 * a pointer outside our RAM).
 */
static inline uint64_t virt_to_gfn(const void *va)
{
	uint64_t pfn = (uint64_t)(uintptr_t)va >> XEN_PAGE_SHIFT;

	if (!xen_pv())
		return pfn;
	return pfn < xen_p2m_size ? xen_p2m[pfn] : ~0ull;
}

/* The inverse, for frames of our own RAM: where frame gfn is mapped, or
 * NULL (PV: not one of our frames; the machine-to-physical table says
 * which pseudo-physical frame it backs, and the p2m must agree). */
void *gfn_to_virt(uint64_t gfn);

/* Make a frame Xen named addressable (console and xenstore rings): PVH
 * maps it RW+NX (it sits in a reserved hole below 4 GiB); PV finds it in
 * our RAM, already mapped. Returns its address, or NULL. */
void *xen_map_frame(uint64_t gfn);

/*
 * The XenStore ring Xen set up for this domain: its frame, for
 * xen_map_frame(), and its event channel. 0, or -ENODEV if the domain has
 * none. PVH reads them from HVM_PARAM_STORE_PFN/EVTCHN, PV from
 * start_info: use this, not the HVM params, which a PV guest lacks.
 */
int xen_store_ring(uint64_t *gfn, evtchn_port_t *port);

/*
 * Map frames 0..n-1 of this domain's grant table at va (n page-aligned
 * pages, e.g. from memalign). From the first frame mapped on, those pages
 * are not RAM of ours any more: never free or reuse them. PVH:
 * XENMEM_add_to_physmap(XENMAPSPACE_grant_table) per frame (Xen takes the
 * RAM behind va back); PV: GNTTABOP_setup_table names the machine frames,
 * mapped over va RW+NX. Returns how many frames are mapped (the first
 * ones; fewer than n if Xen refused the rest), or a negative errno when
 * none is.
 */
int xen_map_grant_frames(void *va, unsigned n);

/* shared_info, mapped at boot (start.c, start_pv.c). */
extern struct shared_info *xen_shared_info;

static inline struct vcpu_info *xen_vcpu0(void)
{
	return &xen_shared_info->vcpu_info[0];
}

/*
 * Event delivery off/on: what IF is to interrupts. PVH: the upcall is an
 * IDT vector, so cli/sti. PV: cli/sti are privileged; the "virtual IF" is
 * vcpu_info.evtchn_upcall_mask, and turning it off does not make Xen
 * deliver what became pending meanwhile: xen_events_on() then asks for
 * the upcall with a hypercall (Xen checks on every return to us).
 */
void xen_events_off(void);
void xen_events_on(void);

/* True once hypercalls work (shutdown.c falls back to halting before). */
extern bool xen_hypercalls_ready;

/* Early boot output on I/O port 0xe9 ("(dN) ..." lines in `xl dmesg`).
 * PVH only: a PV guest has no port access (it writes nothing). */
void xen_e9_write(const char *s, size_t len);
void xen_e9_puts(const char *s);

/* The rings the domain builder set up, as each entry found them. */
struct xen_rings {
	uint64_t console_gfn, store_gfn; /* 0: none */
	evtchn_port_t console_port, store_port;
};
extern struct xen_rings xen_rings;

/* What an entry (pvh_start, pv_start) learnt, for the rest of the boot. */
struct xen_boot {
	const char *mode; /* "PVH" or "PV" */
	uint32_t version; /* major << 16 | minor */
	char *cmdline;	  /* split into argv in place */
	const struct x86_mem_region *ram;
	unsigned nram;
	uint64_t ram_total;
	uintptr_t first_free; /* the heap starts at or above */
	size_t pt_bytes;      /* page tables built (PVH) or kept (PV) */
	bool cr2_ok;
};

/* Boot steps, in the order start.c calls them. Each panics on failure
 * (through xen_boot_fail: nothing else works that early). */
uint32_t hypercall_init(void); /* PVH; returns Xen version major<<16|minor */
void time_init(void);
void evtchn_init(void);
void idle_init(void);	 /* binds VIRQ_TIMER for plat_wait */
void console_init(void); /* from xen_rings; once */
_Noreturn void xen_boot_finish(const struct xen_boot *b);
_Noreturn void xen_boot_fail(const char *what, long rc);

/* Time (time.c): Xen system time, the clock of every deadline. */
uint64_t xen_system_time_ns(void);

/* Memory (memory.c): the heap is the largest free stretch of RAM at or
 * above first_free (everything below is image and boot tables). */
#define XEN_MAX_RAM_REGIONS 32
void memory_init(const struct x86_mem_region *ram, unsigned n,
		 uintptr_t first_free);

/* PV page tables (pv_mm.c): see there. */
struct pv_mm_layout {
	uintptr_t pt_base; /* Xen's L4, bootstrap tables follow */
	unsigned long nr_pt_frames;
	uintptr_t first_free; /* after every bootstrap element */
};
void pv_m2p_init(void);
void *pv_mfn_to_virt(uint64_t mfn);
uintptr_t pv_mm_init(const struct pv_mm_layout *l); /* returns first_free */

/* Wall clock and monotonic time, heap and stacks, console: see plat.h. */

#endif
