LIB      := xen
PROVIDES := plat
TARGETS  := xen
