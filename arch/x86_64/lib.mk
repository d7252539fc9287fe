# x86_64: the CPU-specific parts. The context switch serves every target;
# PVH and PV entry, page tables and traps are for the xen target only.
LIB      := x86_64
PROVIDES := arch
SRCS     := switch.S ctx.c
SRCS_xen := pvh_entry.S pv_entry.S gdt.c traps_entry.S traps.c pagetable.c
