# x86_64: the CPU-specific parts. The context switch serves every target;
# PVH boot, page tables and traps are for the xen target only.
LIB      := x86_64
PROVIDES := arch
SRCS     := switch.S ctx.c
SRCS_xen := pvh_entry.S gdt.c traps_entry.S traps.c pagetable.c
