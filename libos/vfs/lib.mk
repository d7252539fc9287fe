# vfs: the mount table and the file/directory calls routed to mounted
# filesystems (include/unik/vfs.h, docs/STORAGE.md). Filesystem types
# (fs-tar, fs-cow) register themselves with UNIK_FS_TYPE.
LIB        := vfs
REQUIRES   := blk
SRCS       := path.c mount.c file.c names.c
UNIT_TESTS := test_path test_vfs
UNIT_SRCS  := path.c mount.c file.c names.c tests/fake_fs.c ../core/sched.c ../core/waitq.c ../core/timer.c ../core/panic.c ../core/tests/plat_fake.c ../../arch/x86_64/switch.S ../../arch/x86_64/ctx.c
