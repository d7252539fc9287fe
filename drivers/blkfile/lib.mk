# blkfile: block devices backed by host files, for the unix target.
# Disk i comes from the option unik.disk<i>=PATH[:ro] (unik.disk=, then
# unik.disk1=, ...; <unik/cmdline.h>), or else UNIK_DISK<i> in the
# environment.
LIB        := blkfile
PROVIDES   := blkdrv
# No REQUIRES blk: blk REQUIRES blkdrv (whoever needs disks gets the target's
# driver), and a cycle is an error; the two always come together.
TARGETS    := unix
SRCS       := blkfile.c spec.c
UNIT_TESTS := test_spec
UNIT_SRCS  := spec.c
