# blk: the block device registry, request checks, completion in scheduler
# context and the synchronous forms (include/unik/blk.h). A driver for the
# target (blkfile on unix, blkfront on xen) PROVIDES blkdrv.
LIB        := blk
REQUIRES   := blkdrv
SRCS       := blk.c blk_sync.c
UNIT_TESTS := test_blk
UNIT_SRCS  := blk.c blk_sync.c tests/fake_dev.c ../core/sched.c ../core/waitq.c ../core/timer.c ../core/panic.c ../core/tests/plat_fake.c ../../arch/x86_64/switch.S ../../arch/x86_64/ctx.c
