LIB      := core
REQUIRES := plat
