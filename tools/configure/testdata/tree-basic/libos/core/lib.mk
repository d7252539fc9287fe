# The portable core: needs a platform and an architecture.
LIB      := core
REQUIRES := plat arch
SRCS     := sched.c timer.c
UNIT_TESTS := test_sched
UNIT_SRCS  := sched.c
