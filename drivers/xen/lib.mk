# plat-xen: the platform seam (include/unik/plat.h) for Xen PVH guests:
# hypercalls, event channels, PV console, pvclock time, idle, memory.
# Boot, page tables and traps are in arch/x86_64 (its SRCS_xen).
LIB      := plat-xen
PROVIDES := plat
TARGETS  := xen
REQUIRES := arch libc
SRCS     := start.c hypercall.c hypercall_page.S console.c time.c evtchn.c idle.c memory.c shutdown.c
