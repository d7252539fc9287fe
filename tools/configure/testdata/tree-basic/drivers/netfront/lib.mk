LIB      := netfront
PROVIDES := netdev
TARGETS  := xen
REQUIRES := xen
