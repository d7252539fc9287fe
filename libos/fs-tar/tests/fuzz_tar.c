/* libFuzzer target: the input is a whole device. Mount it as a tar
 * archive; if it mounts, read every file. Build and run with
 * libos/fs-tar/tests/fuzz.sh (not part of mk/unit.mk: needs clang). */
#include "../../blk/host/host_shim.h"
#include "../tar.h"
#include "tar_walk.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	size_t sectors = (size + 511) / 512;
	unsigned char *mem;
	struct blk_mem dev;
	unsigned files;
	uint64_t bytes;
	void *fs;
	int rc;

	if (sectors == 0 || sectors > 8192)
		return 0;
	mem = aligned_alloc(4096, (sectors * 512 + 4095) / 4096 * 4096);
	memset(mem, 0, sectors * 512);
	memcpy(mem, data, size);
	blk_mem_init(&dev, mem, sectors, true);
	rc = tarfs_type.mount(&dev.dev, 0, &fs);
	if (rc == 0) {
		if (tar_walk(fs, &files, &bytes) != 0)
			abort(); /* indexed but unreadable: a bug */
		tarfs_type.umount(fs);
	} else if (rc != -EINVAL && rc != -EIO) {
		abort();
	}
	free(mem);
	return 0;
}
