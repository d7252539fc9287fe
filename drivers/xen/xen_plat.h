/*
 * Internals shared by the files of the xen platform (library plat-xen).
 * Future Xen frontends (xenstore, netfront, blkfront) use this header and
 * evtchn.h; applications never do.
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

/*
 * THE translation from a pointer in our address space to the guest frame
 * number Xen expects (console ring, shared_info, grants...). Every frame
 * number handed to Xen goes through these two. On PVH the guest's
 * "physical" address space is what Xen calls the gfn space and we map it
 * 1:1, so this is a shift; a PV port replaces these (pfn -> mfn via the
 * p2m) and the entry code, and nothing else.
 */
static inline uint64_t virt_to_gfn(const void *va)
{
	return (uint64_t)(uintptr_t)va >> XEN_PAGE_SHIFT;
}

static inline void *gfn_to_virt(uint64_t gfn)
{
	return (void *)(uintptr_t)(gfn << XEN_PAGE_SHIFT);
}

/* Make a frame Xen gave us by number, outside guest RAM (console and
 * xenstore rings sit in a reserved hole below 4 GiB), addressable: maps it
 * RW+NX and returns its address, or NULL. */
void *xen_map_frame(uint64_t gfn);

/* shared_info, mapped by xen_shared_info_init() (start.c). */
extern struct shared_info *xen_shared_info;

static inline struct vcpu_info *xen_vcpu0(void)
{
	return &xen_shared_info->vcpu_info[0];
}

/* True once hypercalls work (shutdown.c falls back to halting before). */
extern bool xen_hypercalls_ready;

/* Early boot output on I/O port 0xe9 ("(dN) ..." lines in `xl dmesg`). */
void xen_e9_write(const char *s, size_t len);
void xen_e9_puts(const char *s);

/* Boot steps, in the order start.c calls them. Each panics on failure
 * (through xen_boot_fail: nothing else works that early). */
uint32_t hypercall_init(void); /* returns Xen version major<<16|minor */
void time_init(void);
void evtchn_init(void);
void idle_init(void); /* binds VIRQ_TIMER for plat_wait */
void console_init(void);
_Noreturn void xen_boot_fail(const char *what, long rc);

/* Time (time.c): Xen system time, the clock of every deadline. */
uint64_t xen_system_time_ns(void);

/* Memory (memory.c): the heap is the largest free stretch of RAM at or
 * above first_free (everything below is image and boot tables). */
#define XEN_MAX_RAM_REGIONS 32
void memory_init(const struct x86_mem_region *ram, unsigned n,
		 uintptr_t first_free);

/* Wall clock and monotonic time, heap and stacks, console: see plat.h. */

#endif
