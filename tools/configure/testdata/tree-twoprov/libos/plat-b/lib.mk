LIB      := plat-b
PROVIDES := plat
TARGETS  := unix
