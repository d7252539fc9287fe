/*
 * The page Xen fills with hypercall stubs (hypercall.c names it via the MSR).
 * int3 until then, so an early hypercall traps instead of running zeroes.
 * Kept with the code: it is executed, never written by us.
 */
	.section .text.hypercall_page, "ax"
	.p2align 12
	.globl hypercall_page
	.type hypercall_page, @object
hypercall_page:
	.fill 4096, 1, 0xcc
	.size hypercall_page, 4096

	.section .note.GNU-stack, "", @progbits
