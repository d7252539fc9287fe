# netdev: the registry between network drivers and the TCP/IP stack.
LIB        := netdev
SRCS       := netdev.c
UNIT_TESTS := test_netdev
UNIT_SRCS  := netdev.c
