# core: the portable heart of every image (threads, timers, wait queues,
# start-up, panic). Calls only the platform seam and the CPU seam.
LIB        := core
REQUIRES   := plat arch libc
SRCS       := sched.c timer.c waitq.c start.c panic.c init.c cmdline.c
UNIT_TESTS := test_sched test_timer
UNIT_SRCS  := sched.c timer.c waitq.c panic.c tests/plat_fake.c ../../arch/x86_64/switch.S ../../arch/x86_64/ctx.c
