/*
 * What arch/x86_64 offers the xen platform (drivers/xen): descriptor
 * tables and traps, the boot page tables' replacement, guard pages.
 * Internal to the libOS; only built for the xen target.
 *
 * One image boots as a PVH guest (pvh_entry.S: the CPU is ours, ring 0)
 * or as a PV guest (pv_entry.S: ring 3 under Xen, every privileged
 * operation through a hypercall). Which one is known at the first
 * instruction and never changes: x86_pv below. Where the two differ in
 * C, the PV side registers its own implementation (x86_pt_ops, the CR2
 * source) instead of testing the mode in every function.
 */
#ifndef UNIK_X86_H
#define UNIK_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * True when Xen entered us at the PV entry point. Set by pv_start before
 * anything else runs and never changed: a boot-time constant (the same
 * image must boot both ways, so it cannot be a compile-time one). Read by
 * traps_entry.S (how to return from a trap) and by drivers/xen.
 */
extern bool x86_pv;

/* ---- descriptor tables and traps (gdt.c, traps.c) --------------------- */

/* Registers saved by traps_entry.S, lowest address first. */
struct x86_trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Load our GDT (with a TSS whose IST stacks serve #DF, #NMI and #PF) and
 * an IDT where every vector has an entry. Interrupts stay disabled. */
void x86_cpu_init(void);

/*
 * Route interrupt `vector` (32..255) to fn, called with interrupts
 * disabled on the interrupted stack. The entry code saves every GPR and
 * the FPU/SSE state (fxsave) around it, so fn may be any C.
 */
void x86_set_irq_handler(uint8_t vector, void (*fn)(void));

/* Called from traps_entry.S. */
void x86_trap_dispatch(struct x86_trap_frame *f);

/*
 * PV: CR2 is privileged. Xen writes the faulting address of a #PF to
 * vcpu_info.arch.cr2 before it delivers the fault: name that word here and
 * the fault handler reads it instead of the register.
 */
void x86_set_cr2_source(const volatile unsigned long *cr2);

/*
 * PV entry stubs (pv_entry.S). Xen enters a PV trap handler with %rcx and
 * %r11 pushed above the hardware frame; each stub pops them and joins the
 * common path of traps_entry.S, so C sees the same frame in both modes.
 * Exception v's stub is at x86_pv_trap_stubs + v * X86_PV_STUB_SIZE.
 */
#define X86_PV_STUB_SIZE 16
extern char x86_pv_trap_stubs[], x86_pv_event_entry[], x86_pv_failsafe_entry[];

/*
 * Fault once on purpose at a known unmapped address and report whether
 * CR2 named it. On this lab's nested virtualisation PVH page faults report
 * CR2 = 0; the fault printer then says so instead of claiming "null
 * pointer". Needs x86_cpu_init() and pt_init().
 */
bool x86_cr2_probe(void);

/* ---- page tables (pagetable.c) ----------------------------------------- */

/* Page table entry bits, as the CPU defines them. */
#define X86_PTE_P     (1ull << 0)
#define X86_PTE_RW    (1ull << 1)
#define X86_PTE_USER  (1ull << 2)
#define X86_PTE_A     (1ull << 5)
#define X86_PTE_D     (1ull << 6)
#define X86_PTE_PS    (1ull << 7)
#define X86_PTE_GUARD (1ull << 9) /* AVL bit: our guard tag, with P=0 */
#define X86_PTE_NX    (1ull << 63)
#define X86_PTE_ADDR  0x000ffffffffff000ull

struct x86_mem_region {
	uint64_t start, end; /* [start, end), page-aligned */
};

/*
 * Build the final page tables and switch to them: every RAM region mapped
 * (2 MiB pages where aligned), page 0 unmapped, the image W^X (text RX,
 * rodata R+NX, data/bss RW+NX), the boot stack's guard page unmapped.
 * Table pages come from *alloc upwards (bumped past what was used), and
 * keep coming from there for later pt_* calls until
 * pt_set_page_allocator() names the allocator to use instead.
 */
void pt_init(const struct x86_mem_region *ram, unsigned n, uintptr_t *alloc);

/* After boot, where new table pages come from (one 4 KiB-aligned page). */
void pt_set_page_allocator(void *(*alloc_page)(void));

/* Map one 4 KiB page va -> pa, RW+NX (device/shared pages). 0 or -ENOMEM. */
int pt_map_data_page(uintptr_t va, uint64_t pa);

/* Make the 4 KiB page at va a guard page (not present, tagged so the fault
 * handler can tell it from any other hole), or a normal RW+NX page again.
 * va must be mapped RAM (it may sit inside a 2 MiB page: split here).
 * 0 or -ENOMEM / -EINVAL. */
int pt_set_guard(uintptr_t va);
int pt_clear_guard(uintptr_t va);

/* Is the byte at va mapped (readable) / a guard page? Fault-path safe. */
bool pt_is_mapped(uintptr_t va);
bool pt_is_guard(uintptr_t va);

/*
 * The guard and lookup operations above, for page tables that are not
 * ours to write (PV: Xen validates every change, drivers/xen/pv_mm.c).
 * pt_set_ops() replaces the native implementation; pt_init and
 * pt_map_data_page stay native (PVH) only.
 */
struct x86_pt_ops {
	int (*set_guard)(uintptr_t va);
	int (*clear_guard)(uintptr_t va);
	bool (*is_mapped)(uintptr_t va);
	bool (*is_guard)(uintptr_t va);
};
void pt_set_ops(const struct x86_pt_ops *ops);

/* Image bounds from xen.lds. */
extern char __image_start[], __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_start[], __bss_end[], _end[];
extern char boot_stack_guard[], boot_stack_bottom[], boot_stack_top[];

#endif
