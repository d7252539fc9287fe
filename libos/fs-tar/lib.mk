# fs-tar: a read-only filesystem over a tar archive written on a block
# device (type "tar"; docs/STORAGE.md).
LIB         := fs-tar
REQUIRES    := vfs blk
SRCS        := header.c pax.c cache.c index.c scan.c tarfs.c
UNIT_TESTS  := test_tar test_tar_bad test_tar_mutate
UNIT_SRCS   := header.c pax.c cache.c index.c scan.c tarfs.c tests/tar_gen.c tests/tar_walk.c ../blk/host/host_shim.c
UNIT_CFLAGS := -fsanitize=address -DTAR_MAX_ENTRIES=512
