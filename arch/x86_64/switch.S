/*
 * Cooperative context switch, shared by every target on x86_64.
 *
 * void arch_ctx_switch(uintptr_t *save_sp, uintptr_t new_sp)
 *
 * A switch is an ordinary function call, so only the SysV callee-saved state
 * needs saving: rbx, rbp, r12-r15, the MXCSR control bits and the x87
 * control word. XMM registers are caller-saved and already spilled by the
 * compiler around the call. Interrupt/upcall entries that can run between
 * any two instructions save their own clobbers; this routine does not.
 *
 * Frame on a suspended stack, from the saved sp upwards:
 *   [0] mxcsr (4 bytes) + x87 cw (2 bytes) + pad   [8] r15 [16] r14
 *   [24] r13 [32] r12 [40] rbx [48] rbp [56] return address
 * arch_ctx_init() in ctx.c builds the same frame for a new thread.
 */
	.text
	.globl arch_ctx_switch
	.type arch_ctx_switch, @function
arch_ctx_switch:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	subq $8, %rsp
	stmxcsr (%rsp)
	fnstcw 4(%rsp)
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	ldmxcsr (%rsp)
	fldcw 4(%rsp)
	addq $8, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size arch_ctx_switch, . - arch_ctx_switch

/*
 * First code a new thread runs: arch_ctx_init() left the entry function in
 * r12 and its argument in r13. rbp = 0 ends frame-pointer backtraces here.
 */
	.globl arch_ctx_trampoline
	.type arch_ctx_trampoline, @function
arch_ctx_trampoline:
	xorl %ebp, %ebp
	movq %r13, %rdi
	andq $-16, %rsp
	call *%r12
	ud2	/* the entry function must never return */
	.size arch_ctx_trampoline, . - arch_ctx_trampoline

	.section .note.GNU-stack, "", @progbits
