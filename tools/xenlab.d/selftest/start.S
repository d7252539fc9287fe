/* tools/xenlab.d/selftest/start.S - PVH entry of the lab's self-test guest.
 * Xen enters at the PHYS32_ENTRY note in 32-bit flat protected mode, paging off,
 * %ebx = physical address of struct hvm_start_info (unused here). */

/* ELF note "Xen" type 18 = XEN_ELFNOTE_PHYS32_ENTRY: makes this a PVH kernel for libxc. */
    .pushsection .note.Xen, "a", @note
    .p2align 2
    .long 4, 2f - 1f, 18
    .asciz "Xen"
1:  .long _start
2:  .popsection

    .text
    .code32
    .globl _start
_start:
    cli
    mov  $stack_top, %esp
    call selftest_main
    /* Returned: halt with interrupts off. Xen takes that as "all vCPUs down" and powers the
     * domain off, so a hang must be done with interrupts on (see hang() in guest.c). */
1:  hlt
    jmp 1b

    .bss
    .p2align 12
    .globl hypercall_page
hypercall_page: .space 4096
    .p2align 4
stack: .space 8192
stack_top:
