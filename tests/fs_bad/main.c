/* Damaged images (made by prep.sh): every mount fails with -EINVAL and a
 * console line (checked by check.sh); nothing crashes; a damaged cowfs
 * is not formatted over even when formatting is allowed. */
#include <unik/unik.h>
#include <unik/vfs.h>

#include <errno.h>

#include "unik_test.h"

#define T "fs_bad"

int main(void)
{
	struct unik_blkdev *dev;
	struct unik_stat st;
	int rc;

	for (unsigned i = 0; i < 7; i++) {
		CHECK(T, unik_blk_open(i, &dev) == 0, "no disk %u", i);
		rc = i < 6 ? unik_vfs_mount("/t", "tar", dev, 0)
		           : unik_vfs_mount("/t", "cow", dev, UNIK_MOUNT_FORMAT);
		printf("fs_bad: disk %u: mount -> %d\n", i, rc);
		CHECK(T, rc == -EINVAL, "disk %u: mount returned %d", i, rc);
		CHECK(T, unik_vfs_stat("/t", &st) == -ENOENT, "a failed mount stayed");
	}
	TEST_PASS(T);
	return 0;
}
