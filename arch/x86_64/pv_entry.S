/*
 * PV entry: the same image as pvh_entry.S, entered the other way.
 *
 * Xen's domain builder finds XEN_ELFNOTE_ENTRY (PV) or
 * XEN_ELFNOTE_PHYS32_ENTRY (PVH) depending on the xl `type`, so each
 * mode has its own first instruction and knows what it is from there.
 *
 * Layout. VIRT_BASE = PADDR_OFFSET = 0 with the image linked at 1 MiB:
 * the PV builder then places the image at pseudo-physical frame 256 (it
 * pads frames 0-255 as RAM) and maps virtual 0.. onto pseudo-physical
 * 0.., which is exactly the identity layout PVH uses. A pointer is its
 * own pseudo-physical address in both modes; only the frame number Xen
 * wants differs (PV: the machine frame, from the p2m, virt_to_gfn()).
 * For PVH, Xen ignores both notes (it loads at the physical addresses).
 *
 * What Xen hands over at pv_start64 (xen/include/public/xen.h, "start of
 * day" for PV, and the builder, libxenguest xg_dom_x86.c):
 *  - 64-bit mode, but ring 3 (the kernel of a 64-bit PV guest shares ring
 *    3 with its user space): cli/sti/hlt, CR and MSR access, lgdt/lidt,
 *    in/out all fault. Selectors are Xen's flat ones, FS/GS base 0.
 *  - %rsi = virtual address of start_info; %rsp = top of a one-page
 *    bootstrap stack, the last element Xen placed after the image (image,
 *    p2m list, start_info, xenstore ring, console ring, page tables,
 *    stack), all mapped RW+X from virtual 0 up to a 4 MiB boundary at
 *    least 512 KiB past that stack; the page tables themselves RO.
 *  - event delivery masked (vcpu_info.evtchn_upcall_mask = 1), no trap
 *    table, no callbacks: a fault now kills the domain.
 *  - the hypercall page already filled (XEN_ELFNOTE_HYPERCALL_PAGE).
 */
#include "vectors.h"
#include "xen_elfnote.h"

	xen_elfnote XEN_ELFNOTE_LOADER, .asciz "generic"
	xen_elfnote XEN_ELFNOTE_ENTRY, .quad pv_start64
	xen_elfnote XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page
	xen_elfnote XEN_ELFNOTE_VIRT_BASE, .quad 0
	xen_elfnote XEN_ELFNOTE_PADDR_OFFSET, .quad 0

	.section .text.boot, "ax"
	.code64
	.globl pv_start64
	.type pv_start64, @function
pv_start64:
	cld
	movq %rsi, %r12             /* start_info */
	movq %rsp, %r13             /* end of Xen's bootstrap elements */
	/* Zero .bss (the builder does too; a crt0 must not rely on it).
	 * Nothing Xen placed lies in it: they all follow the image. */
	movq $__bss_start, %rdi
	movq $__bss_end, %rcx
	subq %rdi, %rcx
	xorl %eax, %eax
	rep stosb
	/* Our boot stack (with its guard page), not Xen's one page: that
	 * page is free memory as soon as we are off it. */
	movq $boot_stack_top, %rsp
	/* Xen keeps CR4.OSFXSR set for PV guests: SSE works; put x87 and
	 * MXCSR in the SysV state, as the PVH entry does. */
	fninit
	ldmxcsr pv_mxcsr(%rip)
	xorl %ebp, %ebp             /* ends frame-pointer backtraces */
	movq %r12, %rdi
	movq %r13, %rsi
	call pv_start
	ud2
	.size pv_start64, . - pv_start64

/*
 * Trap entry. For a trap in (our) kernel mode Xen writes, on the
 * interrupted stack: rcx, r11 (which its own return path clobbers), then
 * the hardware frame [error code,] rip, cs, rflags, rsp, ss. Each stub
 * pops the two and joins the native stub of the same vector, which
 * pushes a dummy error code where the CPU would not: Xen pushes one
 * exactly where the CPU does. Events stay masked (trap table TI_SET_IF)
 * until the iret hypercall at the end of traps_entry.S.
 *
 * Hazard: Xen needs the frame's ~64 bytes below the interrupted %rsp. A
 * fault with %rsp in or just above an unmapped guard page cannot be
 * delivered at all: Xen crashes the domain ("domain_crash_sync called
 * from entry.S", its own register dump). So a PV stack overflow ends the
 * domain as crashed, like on PVH, but the report is Xen's (docs/XEN.md).
 */
	.section .text.traps, "ax"
	.altmacro
	.macro pv_stub vec
	.p2align 4
	popq %rcx
	popq %r11
	jmp x86_trap_stubs + \vec * 16
	.endm

	.p2align 4
	.globl x86_pv_trap_stubs
x86_pv_trap_stubs:
	.set vec, 0
	.rept 32
	pv_stub %vec
	.set vec, vec + 1
	.endr

/* Event callback (HYPERVISOR_set_callbacks): the upcall. Same frame, no
 * error code, events masked on entry. */
	.p2align 4
	.globl x86_pv_event_entry
x86_pv_event_entry:
	popq %rcx
	popq %r11
	jmp x86_trap_stubs + X86_EVENT_VECTOR * 16

/* Failsafe callback: Xen could not load a segment register on the way
 * back to us; ds, es, fs, gs follow rcx and r11. Fatal. */
	.p2align 4
	.globl x86_pv_failsafe_entry
x86_pv_failsafe_entry:
	popq %rcx
	popq %r11
	addq $32, %rsp
	jmp x86_trap_stubs + X86_PV_FAILSAFE_VECTOR * 16

	.section .rodata.boot, "a"
	.p2align 2
pv_mxcsr:
	.long 0x1f80

	.section .note.GNU-stack, "", @progbits
