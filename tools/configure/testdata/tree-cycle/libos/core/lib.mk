LIB      := core
REQUIRES := a
