LIB      := b
# b needs a back: the cycle
REQUIRES := a
