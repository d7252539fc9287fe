LIB      := a
REQUIRES := b
