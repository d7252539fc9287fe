LIB      := plat-unix
PROVIDES := plat
TARGETS  := unix
SRCS     := console.c time.c
LDLIBS_unix := -lrt
