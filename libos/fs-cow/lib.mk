# fs-cow: "cowfs", a small copy-on-write filesystem on a block device that
# survives a crash at any point (type "cow"; docs/STORAGE.md).
LIB         := fs-cow
REQUIRES    := vfs blk
SRCS        := ondisk.c alloc.c inode.c names.c meta_write.c meta_read.c data.c commit.c mount.c cowfs.c
UNIT_TESTS  := test_cow test_cow_fsck test_cow_crash
UNIT_SRCS   := ondisk.c alloc.c inode.c names.c meta_write.c meta_read.c data.c commit.c mount.c cowfs.c tests/cow_util.c tests/cow_work.c ../blk/host/host_shim.c
UNIT_CFLAGS := -fsanitize=address
