LIB      := core
