/* libFuzzer target: the input is a metadata blob. The harness writes it
 * into a 256-block device behind a valid superblock (checksums right), so
 * every input reaches the mount-time checks (meta_read.c); a blob that
 * mounts is then walked, written to, committed and mounted again.
 * Build and run with libos/fs-cow/tests/fuzz.sh (needs clang). */
#include "cow_util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define BLOCKS 256

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static unsigned char *mem;
	struct cow_super s = {.seq = 5, .fs_id = 77, .total = BLOCKS};
	struct blk_mem dev;
	struct cowfs *fs;
	void *f;
	uint64_t off = 0;

	if (size < COW_HDR || size > 64 * COW_BS)
		return 0;
	if (!mem)
		mem = aligned_alloc(4096, BLOCKS * COW_BS);
	memset(mem, 0, BLOCKS * COW_BS);
	memcpy(mem + 100 * COW_BS, data, size);
	cow_put64(mem + 100 * COW_BS + 8, 5);   /* keep seq and fs_id right: */
	cow_put64(mem + 100 * COW_BS + 16, 77); /* the header check is easy */
	s.meta_len = (uint32_t)size;
	s.meta_crc = cow_crc32c(0, mem + 100 * COW_BS, size);
	s.nruns = 1;
	s.runs[0] = (struct cow_run){100, (uint32_t)((size + COW_BS - 1) / COW_BS)};
	cow_super_encode(&s, mem);
	blk_mem_init(&dev, mem, BLOCKS * COW_SPB, false);
	if (cow_mount(&dev.dev, 0, &fs) != 0)
		return 0;
	for (struct cow_inode *ip = fs->root; ip; ip = cow_next(ip))
		if (!cow_is_dir(ip))
			cow_read(fs, ip, mem + 200 * COW_BS, 8 * COW_BS, 0);
	if (cowfs_type.ops->open(fs, "fuzz", UNIK_O_WRONLY | UNIK_O_CREAT, 0644, &f) == 0) {
		cowfs_type.ops->write(fs, f, "x", 1, &off, false);
		cowfs_type.ops->close(fs, f);
	}
	if (cow_umount(fs) == 0) {
		if (cow_mount(&dev.dev, 0, &fs) != 0)
			abort(); /* a commit that does not mount again: a bug */
		cow_umount(fs);
	}
	return 0;
}
