# libc: the C library an image links. xen: newlib (built by tools/deps, linked
# by mk/target-xen.mk) and its glue here: syscalls, sbrk over the platform's
# heap region, scheduler-aware locks, per-thread reent. unix: the host's libc,
# so nothing to build.
LIB        := libc
TARGETS    := unix xen
SRCS       :=
SRCS_xen   := syscalls.c fd.c compiler_rt.c heap.c args.c locks.c reent.c entropy.c
UNIT_TESTS := test_heap test_args test_fd
UNIT_SRCS  := heap.c args.c fd.c
