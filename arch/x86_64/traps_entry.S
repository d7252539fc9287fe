/*
 * Interrupt and exception entry: one 16-byte stub per vector (pushes a
 * zero error code where the CPU does not, then the vector number), one
 * common path that saves every GPR and the FPU/SSE state, calls
 * x86_trap_dispatch(frame) and returns with iretq.
 *
 * Why save the FPU: an upcall can arrive between any two instructions of
 * a thread, including in the middle of SSE code in newlib's memcpy or the
 * application's floating point, and the C handler is ordinary C that may
 * use SSE too. fxsave/fxrstor covers x87+MXCSR+XMM0-15, which is all the
 * state there is: AVX is never enabled (no CR4.OSXSAVE).
 *
 * Kernel code is built with -mno-red-zone (and so is newlib): the CPU
 * pushes the interrupt frame right below the interrupted %rsp, which
 * would destroy a leaf function's red zone.
 *
 * PV (x86_pv): Xen, not the CPU, builds the frame, on the interrupted
 * stack (there is no IST for a PV guest), and enters the stubs of
 * pv_entry.S, which reduce it to the frame this code expects. The way
 * back is different too: `iretq` from our ring 3 could neither restore
 * the event mask (the "virtual IF") nor switch back to a user context,
 * so a PV guest returns with the iret hypercall.
 */
#define HYPERVISOR_IRET 23 /* __HYPERVISOR_iret, <xen/xen.h> is C only */
	.section .text.traps, "ax"
	.p2align 4
	.globl x86_trap_stubs
x86_trap_stubs:
	.altmacro
	.macro trap_stub vec
	.p2align 4
	/* Exceptions for which the CPU pushes an error code. */
	.if (\vec == 8) || (\vec == 10) || (\vec == 11) || (\vec == 12) || \
	    (\vec == 13) || (\vec == 14) || (\vec == 17) || (\vec == 21) || \
	    (\vec == 29) || (\vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp trap_common
	.endm

	.set vec, 0
	.rept 256
	trap_stub %vec
	.set vec, vec + 1
	.endr

	.type trap_common, @function
trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rbx             /* the frame; rbx survives the call */
	subq $512, %rsp
	andq $-16, %rsp             /* fxsave needs 16-byte alignment */
	fxsave (%rsp)
	movq %rbx, %rdi
	call x86_trap_dispatch
	fxrstor (%rsp)
	movq %rbx, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp              /* vector, error code */
	cmpb $0, x86_pv(%rip)
	jne 1f
	iretq
	/* HYPERVISOR_iret takes the hardware frame (rip, cs, rflags, rsp,
	 * ss) with flags below it (0: not returning from a syscall, restore
	 * everything); its stub in the hypercall page pushes rcx, r11 and
	 * rax itself and never returns. Xen sets the event mask from the
	 * frame's IF (what it was when the trap came in), and checks for
	 * pending events on the way out, so none is lost by the unmask. */
1:	pushq $0
	jmp hypercall_page + HYPERVISOR_IRET * 32
	.size trap_common, . - trap_common

/*
 * bool x86_cr2_probe_read(const volatile char *p, uintptr_t *cr2)
 * Reads *p, which must fault; the #PF handler sees rip == cr2_probe_insn,
 * stores CR2 in *cr2 (%rsi) and resumes at cr2_probe_done.
 */
	.text
	.globl x86_cr2_probe_read, cr2_probe_insn, cr2_probe_done
	.type x86_cr2_probe_read, @function
x86_cr2_probe_read:
	xorl %eax, %eax
cr2_probe_insn:
	movb (%rdi), %al
	xorl %eax, %eax             /* reached only if the read did not fault */
	ret
cr2_probe_done:
	movl $1, %eax
	ret
	.size x86_cr2_probe_read, . - x86_cr2_probe_read

	.section .note.GNU-stack, "", @progbits
