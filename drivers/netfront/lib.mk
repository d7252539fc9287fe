# netfront: Xen PV network frontends (device/vif/N), one unik_netdev each.
# See docs/XENDEV.md.
LIB         := netfront
PROVIDES    := netdrv
TARGETS     := xen
REQUIRES    := xenbus gnttab netdev core
SRCS        := netfront_xs.c netfront_setup.c netfront_ring.c netfront_check.c
UNIT_TESTS  := test_netfront_check
UNIT_SRCS   := netfront_check.c
UNIT_CFLAGS := -I$(UNIK_BUILD)/deps/xen/include -D__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__
