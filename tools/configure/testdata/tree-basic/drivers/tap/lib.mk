LIB      := tap
PROVIDES := netdev
TARGETS  := unix
