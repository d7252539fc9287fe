# plat-xen: the platform seam (include/unik/plat.h) for Xen PVH and PV guests:
# hypercalls, event channels, PV console, pvclock time, idle, memory.
# Entry code, native page tables and traps are in arch/x86_64 (its SRCS_xen);
# PV page tables, changed through hypercalls, in pv_mm.c.
LIB      := plat-xen
PROVIDES := plat
TARGETS  := xen
REQUIRES := arch libc
SRCS     := start.c start_pv.c pv_mm.c hypercall.c hypercall_page.S console.c time.c evtchn.c idle.c memory.c shutdown.c
