/*
 * PVH entry: from the state Xen hands over to 64-bit C (pvh_start()).
 *
 * What Xen guarantees at XEN_ELFNOTE_PHYS32_ENTRY (docs/misc/pvh.pandoc):
 *  - 32-bit flat protected mode: CR0.PE=1 and every other writable CR0 bit
 *    clear (so paging is OFF and the FPU is in an unknown state), CR4=0;
 *  - CS a flat 32-bit code segment, DS/ES/SS flat data segments, but their
 *    selector values are unspecified: nothing may reload them from a GDT
 *    we did not build, so we lgdt our own before touching any selector;
 *  - EFLAGS.IF=0 and TF=0; %ebx = physical address of struct
 *    hvm_start_info (below 4 GiB, placed after our image by the builder);
 *  - everything else (other GPRs, %esp!, GDT, IDT) is unspecified: there is
 *    no stack until we set one.
 *
 * The image is linked and loaded at its physical address (1 MiB), so the
 * boot page tables built here identity-map the first 4 GiB with 2 MiB
 * pages, RWX. C code (pagetable.c) replaces them with the final W^X tables
 * as soon as it knows where RAM is.
 */
#include "xen_elfnote.h"

#define CR0_PE (1 << 0)
#define CR0_MP (1 << 1)
#define CR0_NE (1 << 5)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define PTE_P_RW 0x3
#define PDE_P_RW_PS 0x83
#define BOOT_STACK_SIZE (32 * 1024)

	xen_elfnote XEN_ELFNOTE_GUEST_OS, .asciz "unik"
	xen_elfnote XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0"
	xen_elfnote XEN_ELFNOTE_PHYS32_ENTRY, .long pvh_start32

	.section .text.boot, "ax"
	.code32
	.globl pvh_start32
	.type pvh_start32, @function
pvh_start32:
	cld
	/* Zero .bss ourselves (the domain builder does too, but a crt0 must
	 * not rely on it); no stack needed. %ebx is kept for C. */
	movl $__bss_start, %edi
	movl $__bss_end, %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb

	movl $boot_stack_top, %esp

	/* Boot page tables: PML4[0] -> PDPT, PDPT[0..3] -> 4 PDs of 2 MiB
	 * pages covering 0..4 GiB (this also covers start_info, wherever
	 * below 4 GiB the builder put it). */
	movl $boot_pdpt + PTE_P_RW, boot_pml4
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $12, %eax
	addl $boot_pd + PTE_P_RW, %eax
	movl %eax, boot_pdpt(, %ecx, 8)
	incl %ecx
	cmpl $4, %ecx
	jne 1b
	xorl %ecx, %ecx
2:	movl %ecx, %eax
	shll $21, %eax
	orl $PDE_P_RW_PS, %eax
	movl %eax, boot_pd(, %ecx, 8)
	incl %ecx
	cmpl $2048, %ecx
	jne 2b

	movl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	/* LME: long mode once paging is on; NXE: the NX bit in our final
	 * tables is honoured (it is a reserved bit, #PF, without NXE). */
	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE), %eax
	wrmsr
	lgdt boot_gdt_desc
	/* WP: ring-0 writes honour read-only PTEs, without which W^X would
	 * only hold for user mode. MP+NE (EM, TS stay clear): native FPU. */
	movl $(CR0_PG | CR0_WP | CR0_NE | CR0_MP | CR0_PE), %eax
	movl %eax, %cr0
	ljmp $0x08, $pvh_start64
	.size pvh_start32, . - pvh_start32

	.code64
	.type pvh_start64, @function
pvh_start64:
	movl $0x10, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	movq $boot_stack_top, %rsp
	/* SSE on (OSFXSR: fxsave/SSE instructions, OSXMMEXCPT: SIMD faults
	 * raise #XM, not #UD); x87 and MXCSR to the SysV defaults. AVX stays
	 * off (no OSXSAVE), so fxsave covers all register state. */
	movq %cr4, %rax
	orq $(CR4_OSFXSR | CR4_OSXMMEXCPT), %rax
	movq %rax, %cr4
	fninit
	ldmxcsr mxcsr_default(%rip)
	xorl %ebp, %ebp             /* ends frame-pointer backtraces */
	movl %ebx, %edi             /* zero-extends: start_info phys addr */
	call pvh_start
	ud2
	.size pvh_start64, . - pvh_start64

	.section .rodata.boot, "a"
	.p2align 3
mxcsr_default:
	.long 0x1f80
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff    /* 0x08: 64-bit code, DPL 0 */
	.quad 0x00cf92000000ffff    /* 0x10: flat data */
boot_gdt_end:
boot_gdt_desc:
	.word boot_gdt_end - boot_gdt - 1
	.quad boot_gdt

	/* Page-aligned boot data; the guard page below the boot stack is
	 * left unmapped by pagetable.c, so overflowing the boot stack (where
	 * the scheduler loop and event handlers run) faults. */
	.section .bss.boot, "aw", @nobits
	.p2align 12
boot_pml4:
	.space 4096
boot_pdpt:
	.space 4096
boot_pd:
	.space 4 * 4096
	.globl boot_stack_guard
boot_stack_guard:
	.space 4096
	.globl boot_stack_bottom
boot_stack_bottom:
	.space BOOT_STACK_SIZE
	.globl boot_stack_top
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
