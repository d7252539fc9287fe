# libc: the C library an image links. xen: newlib (built by tools/deps, linked
# by mk/target-xen.mk) and its glue here: syscalls, sbrk over the platform's
# heap region, scheduler-aware locks, per-thread reent. unix: the host's libc,
# and the fd table of <unik/fd.h> with the wraps that route the fd calls
# through it (fdwrap_unix.c): sockets and files claim their ranges there.
LIB        := libc
TARGETS    := unix xen
SRCS       :=
SRCS_xen   := syscalls.c fd.c compiler_rt.c heap.c args.c locks.c reent.c entropy.c
SRCS_unix  := fd.c fdwrap_unix.c
LDFLAGS_unix := -Wl,--wrap=read,--wrap=write,--wrap=close,--wrap=__read_chk,--wrap=readv,--wrap=writev,--wrap=fcntl,--wrap=fcntl64,--wrap=lseek,--wrap=lseek64,--wrap=pread,--wrap=pread64,--wrap=pwrite,--wrap=pwrite64,--wrap=fstat,--wrap=fstat64,--wrap=fsync,--wrap=fdatasync,--wrap=ftruncate,--wrap=ftruncate64
UNIT_TESTS := test_heap test_args test_fd
UNIT_SRCS  := heap.c args.c fd.c
