/*
 * What arch/x86_64 offers the xen platform (drivers/xen): descriptor
 * tables and traps, the boot page tables' replacement, guard pages.
 * Internal to the libOS; only built for the xen target.
 */
#ifndef UNIK_X86_H
#define UNIK_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
 * Fault once on purpose at a known unmapped address and report whether
 * CR2 named it. On this lab's nested virtualisation PVH page faults report
 * CR2 = 0; the fault printer then says so instead of claiming "null
 * pointer". Needs x86_cpu_init() and pt_init().
 */
bool x86_cr2_probe(void);

/* ---- page tables (pagetable.c) ----------------------------------------- */

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

/* Image bounds from xen.lds. */
extern char __image_start[], __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_start[], __bss_end[], _end[];
extern char boot_stack_guard[], boot_stack_bottom[], boot_stack_top[];

#endif
