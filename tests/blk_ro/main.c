/* A read-only disk: writes are refused with -EROFS (sync and async), reads
 * and flushes work, and the runner's check sees the image unchanged. */
#include <unik/blk.h>
#include <unik/unik.h>

#include <errno.h>
#include <stdlib.h>

#include "disk_test.h"
#include "unik_test.h"

#define T "blk_ro"

static void never(struct unik_blk_req *r)
{
	(void)r;
	printf("UNIK-TEST: FAIL blk_ro: a refused request completed\n");
	exit(1);
}

int main(void)
{
	unsigned char *buf = aligned_alloc(4096, 65536);
	struct unik_blk_req r = {.op = UNIK_BLK_WRITE, .count = 1, .done = never};
	struct unik_blkdev *dev;
	struct unik_blk_info info;
	struct unik_blk_stats st;
	struct cksum ck = {0};

	CHECK(T, unik_blk_open(0, &dev) == 0, "no disk 0");
	unik_blk_info(dev, &info);
	CHECK(T, info.read_only && info.sectors == 2048, "not a 1 MB ro disk");
	r.buf = buf;
	CHECK(T, unik_blk_submit(dev, &r) == -EROFS, "async write accepted");
	CHECK(T, unik_blk_write(dev, 0, buf, 1) == -EROFS, "sync write accepted");
	CHECK(T, unik_blk_write(dev, 5000, buf, 1) == -EROFS, "EROFS before range");
	CHECK(T, unik_blk_flush(dev) == 0, "flush");
	for (uint64_t s = 0; s < info.sectors; s += 128) {
		CHECK(T, unik_blk_read(dev, s, buf, 128) == 0, "read");
		for (int i = 0; i < 128; i++)
			CHECK(T, pattern_ok(buf + 512 * i, s + i), "sector %llu",
			      (unsigned long long)(s + i));
		cksum_bytes(&ck, buf, 65536);
	}
	unik_sleep_ms(1); /* a wrongly accepted request would complete now */
	unik_blk_stats(dev, &st);
	CHECK(T, st.writes == 0 && st.sectors_read == info.sectors, "stats");
	printf("blk_ro: cksum %u %llu\n", cksum_final(&ck),
	       (unsigned long long)ck.len);
	TEST_PASS(T);
	return 0;
}
