LIB      := xen
PROVIDES := plat
TARGETS  := xen
REQUIRES := arch
SRCS_xen := hypercall.c evtchn.c
CFLAGS_xen := -DXEN
