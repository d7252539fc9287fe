# copied by mistake
LIB      := core
