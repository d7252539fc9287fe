LIB      := x86_64
PROVIDES := arch
SRCS     := entry.S
LDFLAGS  := -static
