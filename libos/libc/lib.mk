# libc: the C library an image links. xen: newlib (built by tools/deps) and
# its syscall glue below; unix: the host's libc, so nothing to build here.
LIB     := libc
SRCS    :=
