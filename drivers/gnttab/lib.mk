# gnttab: grant tables v1 — share pages with other domains (the backends of
# our frontends). See docs/XENDEV.md.
LIB         := gnttab
TARGETS     := xen
REQUIRES    := plat-xen core
SRCS        := gnttab_table.c gnttab.c
UNIT_TESTS  := test_gnttab_table
UNIT_SRCS   := gnttab_table.c
UNIT_CFLAGS := -I$(UNIK_BUILD)/deps/xen/include -D__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__
