LIB      := plat-a
PROVIDES := plat
