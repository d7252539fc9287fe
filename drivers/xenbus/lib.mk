# xenbus: the XenStore client (ring, requests and transactions, watches) and
# the frontend/backend state helpers. See docs/XENDEV.md.
LIB         := xenbus
TARGETS     := xen
REQUIRES    := plat-xen core
SRCS        := xs_ring.c xs_proto.c xs_conn.c xs_req.c xs_watch.c xs_state.c
UNIT_TESTS  := test_xs_ring test_xs_proto
UNIT_SRCS   := xs_ring.c xs_proto.c
UNIT_CFLAGS := -I$(UNIK_BUILD)/deps/xen/include
