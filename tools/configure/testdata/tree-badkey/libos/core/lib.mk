LIB      := core
SOURCES  := sched.c
