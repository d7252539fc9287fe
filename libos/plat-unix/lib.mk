# plat-unix: the platform seam on Linux, for developing apps as processes.
LIB      := plat-unix
PROVIDES := plat
TARGETS  := unix
SRCS     := plat.c wait.c fault.c
