/* Unit tests of libos/blk on the real scheduler, timers and wait queues
 * (virtual time from core's plat_fake.c) with a fake asynchronous device
 * that completes out of order and has a small ring. The registry is
 * global, so the tests share devices registered once in setup. */
#include "../../core/core.h"
#include "../../core/tests/plat_fake.h"
#include "fake_dev.h"

#include <unik/blk.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

static struct fake_dev rw, ro, wt; /* read-write, read-only, write-through */
static int in_submit;             /* set around unik_blk_submit calls */
static unsigned dones;
static unsigned char *buf;         /* 64 KiB, aligned */

static void run(void (*fn)(void *))
{
	struct unik_thread *t;

	assert_int_equal(unik_thread_create(&t, "root", fn, NULL, 0), 0);
	sched_run_until_done(t);
	assert_int_equal(unik_thread_join(t), 0);
}

static void count_done(struct unik_blk_req *r)
{
	assert_false(in_submit); /* never inside submit */
	assert_true(r->status <= 0);
	dones++;
}

static int submit(struct unik_blkdev *d, struct unik_blk_req *r)
{
	int rc;

	in_submit = 1;
	rc = unik_blk_submit(d, r);
	in_submit = 0;
	return rc;
}

static int group_setup(void **state)
{
	(void)state;
	fake_reset();
	buf = aligned_alloc(4096, 65536);
	fake_dev_init(&rw, 256, 4, 16, false, true);
	fake_dev_init(&ro, 64, 4, 16, true, true);
	fake_dev_init(&wt, 64, 4, 16, false, false);
	assert_int_equal(unik_blkdev_register(&rw.dev), 0);
	assert_int_equal(unik_blkdev_register(&ro.dev), 0);
	assert_int_equal(unik_blkdev_register(&wt.dev), 0);
	return 0;
}

static void checks_body(void *arg)
{
	struct unik_blk_req r;
	struct unik_blkdev *d;
	static const struct {
		int op;
		uint64_t sector;
		uint32_t count;
		size_t off;
	} bad[] = {
		{0, 0, 1, 0},                       /* unknown op */
		{UNIK_BLK_READ, 0, 0, 0},           /* zero count */
		{UNIK_BLK_READ, 0, 17, 0},          /* above max_sectors */
		{UNIK_BLK_READ, 256, 1, 0},         /* past the end */
		{UNIK_BLK_WRITE, 250, 8, 0},        /* straddles the end */
		{UNIK_BLK_READ, UINT64_MAX - 1, 4, 0}, /* sector + count wraps */
		{UNIK_BLK_READ, 0, 1, 8},           /* misaligned buffer */
	};

	(void)arg;
	assert_int_equal(unik_blk_open(0, &d), 0);
	assert_ptr_equal(d, &rw.dev);
	assert_int_equal(unik_blk_open(7, &d), -ENODEV);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = (struct unik_blk_req){.op = bad[i].op, .sector = bad[i].sector,
		                          .count = bad[i].count,
		                          .buf = buf + bad[i].off, .done = count_done};
		assert_int_equal(submit(&rw.dev, &r), -EINVAL);
	}
	r = (struct unik_blk_req){.op = UNIK_BLK_READ, .count = 1, .done = count_done};
	assert_int_equal(submit(&rw.dev, &r), -EINVAL); /* NULL buffer */
	r.buf = buf;
	r.done = NULL;
	assert_int_equal(submit(&rw.dev, &r), -EINVAL); /* no callback */
	assert_int_equal(unik_blk_read(&rw.dev, 250, buf, 8), -EINVAL);
	assert_int_equal(unik_blk_read(&rw.dev, 0, buf + 1, 1), -EINVAL);
	assert_int_equal(unik_blk_read(NULL, 0, buf, 1), -ENODEV);
	unik_sleep_ms(1);
	assert_int_equal(dones, 0);
	assert_int_equal(rw.submits, 0); /* nothing reached the driver */
	assert_int_equal(rw.dev.stats.in_flight, 0);
}

static void test_checks(void **state)
{
	(void)state;
	run(checks_body);
}

static void ro_body(void *arg)
{
	struct unik_blk_req r = {.op = UNIK_BLK_WRITE, .sector = 0, .count = 1,
	                         .done = count_done};
	struct unik_blk_info info;

	(void)arg;
	r.buf = buf;
	unik_blk_info(&ro.dev, &info);
	assert_true(info.read_only);
	assert_int_equal(submit(&ro.dev, &r), -EROFS);
	assert_int_equal(unik_blk_write(&ro.dev, 0, buf, 1), -EROFS);
	assert_int_equal(unik_blk_write(&ro.dev, 1000, buf, 1), -EROFS);
	assert_int_equal(unik_blk_read(&ro.dev, 0, buf, 64), 0);
	assert_int_equal(unik_blk_flush(&ro.dev), 0);
	assert_int_equal(ro.dev.stats.writes, 0);
}

static void test_read_only(void **state)
{
	(void)state;
	run(ro_body);
}

/* 32 writes in flight on a ring of 4, completing out of order. */
static void many_body(void *arg)
{
	static struct unik_blk_req r[32];
	unsigned char *back = aligned_alloc(4096, 65536);

	(void)arg;
	dones = 0;
	for (int i = 0; i < 32; i++) {
		memset(buf + i * 2048, 'A' + i, 2048);
		r[i] = (struct unik_blk_req){.op = UNIK_BLK_WRITE,
		                             .sector = (uint64_t)i * 4, .count = 4,
		                             .buf = buf + i * 2048, .done = count_done};
		assert_int_equal(submit(&rw.dev, &r[i]), 0);
	}
	assert_int_equal(dones, 0);
	assert_int_equal(rw.dev.stats.in_flight, 32);
	for (int i = 0; dones < 32 && i < 1000; i++) /* bounded: a lost */
		unik_sleep_ms(1);                   /* request must fail */
	assert_int_equal(dones, 32);
	assert_int_equal(rw.max_busy, 4);
	assert_true(rw.dev.stats.queued >= 28);
	assert_int_equal(rw.dev.stats.max_in_flight, 32);
	assert_int_equal(rw.dev.stats.writes, 32);
	assert_int_equal(rw.dev.stats.in_flight, 0);
	for (int i = 0; i < 32; i++)
		assert_int_equal(r[i].status, 0);
	assert_int_equal(unik_blk_read(&rw.dev, 0, back, 128), 0); /* 8 pieces */
	assert_memory_equal(back, buf, 65536);
	free(back);
}

static void test_many_in_flight(void **state)
{
	(void)state;
	run(many_body);
}

static void sync_body(void *arg)
{
	unsigned flushes = rw.flushes_seen;

	(void)arg;
	for (int i = 0; i < 65536; i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	assert_int_equal(unik_blk_write(&rw.dev, 100, buf, 100), 0);
	assert_memory_equal(rw.mem + 100 * 512, buf, 100 * 512);
	assert_int_equal(unik_blk_write(&rw.dev, 0, buf, 0), 0);
	assert_int_equal(unik_blk_flush(&rw.dev), 0);
	assert_int_equal(rw.flushes_seen, flushes + 1);
	/* write-through device: the flush never reaches the driver */
	assert_int_equal(unik_blk_flush(&wt.dev), 0);
	assert_int_equal(wt.flushes_seen, 0);
	assert_int_equal(wt.dev.stats.flushes, 1);
	/* an I/O error in the 3rd piece of a split read */
	rw.fail_sector = 140;
	assert_int_equal(unik_blk_read(&rw.dev, 100, buf, 100), -EIO);
	assert_int_equal(rw.dev.stats.errors, 1);
	rw.fail_sector = -1;
}

static void test_sync(void **state)
{
	(void)state;
	run(sync_body);
}

/* A callback that submits the next request: a chain, never recursion. */
static struct unik_blk_req chain;
static int chain_left, chain_depth, chain_max_depth;

static void chain_done(struct unik_blk_req *r)
{
	assert_false(in_submit);
	assert_int_equal(r->status, 0);
	chain_depth++;
	if (chain_depth > chain_max_depth)
		chain_max_depth = chain_depth;
	if (--chain_left > 0)
		assert_int_equal(unik_blk_submit(&wt.dev, r), 0);
	chain_depth--;
}

static void chain_body(void *arg)
{
	(void)arg;
	chain_left = 100;
	chain = (struct unik_blk_req){.op = UNIK_BLK_FLUSH, .done = chain_done};
	assert_int_equal(submit(&wt.dev, &chain), 0); /* completes "at once" */
	for (int i = 0; chain_left > 0 && i < 1000; i++)
		unik_sleep_ms(1);
	assert_int_equal(chain_left, 0);
	assert_int_equal(chain_max_depth, 1);
}

static void test_chain(void **state)
{
	(void)state;
	run(chain_body);
}

static void test_register_limits(void **state)
{
	static struct fake_dev more[UNIK_BLK_MAX];
	struct fake_dev bad;

	(void)state;
	fake_dev_init(&bad, 8, 1, 4, false, false); /* max_sectors < 8 */
	assert_int_equal(unik_blkdev_register(&bad.dev), -EINVAL);
	bad.dev.info.max_sectors = 8;
	bad.dev.info.sector_size = 4096;
	assert_int_equal(unik_blkdev_register(&bad.dev), -EINVAL);
	fake_dev_free(&bad);
	for (unsigned i = unik_blk_count(); i < UNIK_BLK_MAX; i++) {
		fake_dev_init(&more[i], 8, 1, 8, false, false);
		assert_int_equal(unik_blkdev_register(&more[i].dev), 0);
		assert_int_equal(more[i].dev.index, i);
	}
	assert_int_equal(unik_blkdev_register(&more[UNIK_BLK_MAX - 1].dev), -ENOSPC);
	assert_int_equal(unik_blk_count(), UNIK_BLK_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_many_in_flight),
		cmocka_unit_test(test_sync),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_register_limits),
	};
	return cmocka_run_group_tests_name("libos/blk", tests, group_setup, NULL);
}
