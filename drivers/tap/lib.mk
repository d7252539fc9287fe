# tap: network devices on the unix target, one Linux TAP interface each
# (unik.tap=NAME[,NAME2] or $UNIK_TAP, default tap0). See docs/NETWORK.md.
LIB        := tap
PROVIDES   := netdrv
TARGETS    := unix
REQUIRES   := netdev
SRCS       := tap.c mac.c
CFLAGS     := -I$(UNIK_ROOT)/libos/plat-unix
UNIT_TESTS := test_mac
UNIT_SRCS  := mac.c
