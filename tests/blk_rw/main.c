/*
 * The block API end to end on a disk the runner made: the pattern it
 * wrote reads back (host -> app); new contents written with 48 requests
 * in flight (more than the driver's ring of 32: libos/blk queues the
 * rest) read back, and the app prints their cksum, which the runner's
 * check compares with the host's view of the image (app -> host).
 */
#include <unik/blk.h>
#include <unik/unik.h>

#include <errno.h>
#include <stdlib.h>

#include "disk_test.h"
#include "unik_test.h"

#define T "blk_rw"
#define DEPTH 48
#define CHUNK 8 /* sectors per async request */

static struct unik_blkdev *dev;
static struct unik_blk_info info;
static struct unik_blk_req reqs[DEPTH];
static unsigned char *bufs[DEPTH];
static uint64_t next, done, errors, mismatches;
static struct unik_waitq wq = UNIK_WAITQ_INIT;

/* The new contents of sector s: bytes from a per-sector xorshift. */
static void contents(uint64_t s, unsigned char *p)
{
	uint64_t x = s * 0x9e3779b97f4a7c15ull + 1;

	for (int i = 0; i < 512; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		p[i] = (unsigned char)x;
	}
}

static void start(struct unik_blk_req *r, enum unik_blk_op op);

static void on_done(struct unik_blk_req *r)
{
	unsigned char want[512];

	done++;
	if (r->status < 0)
		errors++;
	for (uint32_t i = 0; r->op == UNIK_BLK_READ && i < r->count; i++) {
		contents(r->sector + i, want);
		mismatches += memcmp(want, (char *)r->buf + 512 * i, 512) != 0;
	}
	if (next < info.sectors)
		start(r, r->op); /* keep DEPTH in flight: from the callback */
	unik_waitq_wake_all(&wq);
}

static void start(struct unik_blk_req *r, enum unik_blk_op op)
{
	*r = (struct unik_blk_req){.op = op, .sector = next, .count = CHUNK,
	                           .buf = bufs[r - reqs], .done = on_done};
	for (uint32_t i = 0; op == UNIK_BLK_WRITE && i < CHUNK; i++)
		contents(next + i, (unsigned char *)r->buf + 512 * i);
	next += CHUNK;
	if (unik_blk_submit(dev, r) < 0)
		errors++;
}

/* The whole device with DEPTH requests in flight. */
static void pump(enum unik_blk_op op)
{
	next = done = 0;
	for (int i = 0; i < DEPTH; i++)
		start(&reqs[i], op);
	while (done < info.sectors / CHUNK)
		unik_waitq_wait(&wq, UNIK_FOREVER);
}

static void check_pattern(unsigned char *buf)
{
	for (uint64_t s = 0; s < info.sectors; s += 128) {
		CHECK(T, unik_blk_read(dev, s, buf, 128) == 0, "read at %llu",
		      (unsigned long long)s);
		for (int i = 0; i < 128; i++)
			CHECK(T, pattern_ok(buf + 512 * i, s + i),
			      "sector %llu: not the runner's pattern",
			      (unsigned long long)(s + i));
	}
}

int main(void)
{
	unsigned char *buf = aligned_alloc(4096, 65536);
	struct unik_blk_stats st;
	struct cksum ck = {0};

	CHECK(T, unik_blk_open(0, &dev) == 0, "no disk 0");
	CHECK(T, unik_blk_open(1, &dev) == -ENODEV, "a disk 1?");
	unik_blk_open(0, &dev);
	unik_blk_info(dev, &info);
	CHECK(T, info.sectors == 4 * 2048 && !info.read_only && info.flush,
	      "info: %llu sectors, ro %d", (unsigned long long)info.sectors,
	      info.read_only);
	check_pattern(buf);
	for (int i = 0; i < DEPTH; i++)
		bufs[i] = aligned_alloc(4096, CHUNK * 512);
	pump(UNIK_BLK_WRITE);
	CHECK(T, errors == 0, "%llu write errors", (unsigned long long)errors);
	CHECK(T, unik_blk_flush(dev) == 0, "flush");
	pump(UNIK_BLK_READ);
	CHECK(T, errors == 0 && mismatches == 0, "read back: %llu errors, "
	      "%llu sectors differ", (unsigned long long)errors,
	      (unsigned long long)mismatches);
	unik_blk_stats(dev, &st);
	printf("blk_rw: max in flight %u, queued by libos/blk %llu\n",
	       st.max_in_flight, (unsigned long long)st.queued);
	CHECK(T, st.max_in_flight >= DEPTH && st.queued > 0, "in flight %u",
	      st.max_in_flight);
	CHECK(T, unik_blk_read(dev, info.sectors, buf, 1) == -EINVAL, "past end");
	CHECK(T, unik_blk_read(dev, 0, buf + 100, 1) == -EINVAL, "misaligned");
	for (uint64_t s = 0; s < info.sectors; s += 128) {
		CHECK(T, unik_blk_read(dev, s, buf, 128) == 0, "read");
		cksum_bytes(&ck, buf, 65536);
	}
	printf("blk_rw: cksum %u %llu\n", cksum_final(&ck),
	       (unsigned long long)ck.len);
	TEST_PASS(T);
	return 0;
}
