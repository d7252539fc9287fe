/*
 * Crash tests. A random workload (fixed seeds) runs on a device that
 * records every write and flush. Then, for every cut point P (power lost
 * after the first P events), the image is rebuilt and mounted:
 *   prefix  - exactly the events before P landed;
 *   torn    - and the write at P landed partly, its next sector garbage;
 *   cached  - the writes since the last flush before P landed in a random
 *             subset (a volatile write cache drops or reorders them).
 * Every image must mount, and hold exactly the state of the last fsync
 * that completed before P, or of the fsync in progress at P: everything
 * fsync'ed is intact, nothing half-done, no garbage. Every 16th cut also
 * checks that the recovered filesystem takes new writes and commits.
 */
#include "cow_util.h"
#include "cow_work.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEEDS 40
#define OPS 100
#define BLOCKS 512

struct run {
	struct rdev dev;
	unsigned char *img, *scratch, **undo;
	size_t nops;
	size_t end[OPS + 1];      /* events when op i had finished (end[0]: 0) */
	uint64_t digest[OPS + 1]; /* model after op i (digest[0]: empty) */
	bool sync[OPS + 1];
	uint64_t rng;
	unsigned cuts[3], revivals;
};

static unsigned total_cuts[3], total_events, total_revivals;

static uint64_t rnd(struct run *r)
{
	r->rng ^= r->rng << 13;
	r->rng ^= r->rng >> 7;
	r->rng ^= r->rng << 17;
	return r->rng;
}

static void record(struct run *r, uint64_t seed)
{
	struct model m;
	void *fs;

	rdev_init(&r->dev, BLOCKS);
	cowfs_type.umount(cmount(&r->dev, UNIK_MOUNT_FORMAT));
	r->img = aligned_alloc(4096, BLOCKS * COW_BS);
	memcpy(r->img, r->dev.mem, BLOCKS * COW_BS); /* the base image */
	fs = cmount(&r->dev, 0);
	model_init(&m, seed);
	r->digest[0] = model_digest(&m);
	r->sync[0] = true; /* the empty filesystem is durable */
	r->dev.recording = true;
	for (r->nops = 1; r->nops <= OPS; r->nops++) {
		r->sync[r->nops] = work_step(&m, fs) == 's';
		r->end[r->nops] = r->dev.nev;
		r->digest[r->nops] = model_digest(&m);
	}
	r->dev.recording = false;
	r->nops--;
	cowfs_type.umount(fs);
	model_free(&m);
}

/* Which states may the image cut at event p hold? */
static bool allowed(const struct run *r, size_t p, uint64_t d)
{
	size_t last = 0, next = 0;

	for (size_t i = 1; i <= r->nops; i++)
		if (r->sync[i] && r->end[i] <= p)
			last = i;
	for (size_t i = last + 1; i <= r->nops && !next; i++)
		if (r->sync[i])
			next = i;
	if (d == r->digest[last])
		return true;
	return next && r->end[next - 1] < p && d == r->digest[next];
}

/* After recovery the filesystem must take writes and commit them. */
static void revive(struct run *r)
{
	struct rdev d = {0};
	char buf[8];
	void *fs;

	memcpy(r->scratch, r->img, BLOCKS * COW_BS);
	d.mem = r->scratch;
	blk_mem_init(&d.m, r->scratch, BLOCKS * COW_SPB, false);
	fs = cmount(&d, 0);
	assert_int_equal(cput(fs, "revived", "alive", 5, 0, UNIK_O_CREAT), 0);
	assert_int_equal(cowfs_type.umount(fs), 0);
	fs = cmount(&d, 0);
	assert_int_equal(cget(fs, "revived", buf, sizeof(buf)), 5);
	cowfs_type.umount(fs);
	r->revivals++;
}

static void check(struct run *r, size_t p, int mode)
{
	struct rdev d = {0};
	uint64_t digest;
	void *fs;

	blk_mem_init(&d.m, r->img, BLOCKS * COW_SPB, true);
	fs = cmount(&d, UNIK_MOUNT_RDONLY);
	digest = cow_tree_digest(fs);
	cowfs_type.umount(fs);
	if (!allowed(r, p, digest))
		fail_msg("cut at event %zu (mode %d): the filesystem holds a state "
		         "no fsync left", p, mode);
	r->cuts[mode]++;
	if (mode == 0 && p % 16 == 0)
		revive(r);
}

static unsigned char *at(struct run *r, const struct event *e)
{
	return r->img + e->sector * 512;
}

static void torn(struct run *r, size_t p)
{
	const struct event *e = &r->dev.ev[p];
	uint32_t keep = (uint32_t)(rnd(r) % e->count);
	unsigned char *save = malloc(e->count * 512);

	memcpy(save, at(r, e), e->count * 512);
	memcpy(at(r, e), e->data, keep * 512);
	for (int i = 0; i < 512; i++)
		at(r, e)[keep * 512 + i] = (unsigned char)rnd(r);
	check(r, p, 1);
	memcpy(at(r, e), save, e->count * 512);
	free(save);
}

/* Writes after the last flush before p land in a random subset. */
static void cached(struct run *r, size_t p)
{
	size_t f = p;

	while (f > 0 && !r->dev.ev[f - 1].flush)
		f--;
	if (f == p)
		return; /* nothing unflushed */
	for (size_t i = p; i-- > f;) /* back to the state at the flush */
		memcpy(at(r, &r->dev.ev[i]), r->undo[i], r->dev.ev[i].count * 512);
	for (size_t i = f; i < p; i++)
		if (rnd(r) % 2)
			memcpy(at(r, &r->dev.ev[i]), r->dev.ev[i].data,
			       r->dev.ev[i].count * 512);
	check(r, p, 2);
	for (size_t i = f; i < p; i++) /* the last writer of each sector wins */
		memcpy(at(r, &r->dev.ev[i]), r->dev.ev[i].data,
		       r->dev.ev[i].count * 512);
}

static void replay(struct run *r)
{
	r->undo = calloc(r->dev.nev + 1, sizeof(*r->undo));
	r->scratch = aligned_alloc(4096, BLOCKS * COW_BS);
	for (size_t p = 0; p <= r->dev.nev; p++) {
		const struct event *e = &r->dev.ev[p];

		check(r, p, 0);
		if (p == r->dev.nev)
			break;
		if (!e->flush)
			torn(r, p);
		cached(r, p);
		if (!e->flush) {
			r->undo[p] = malloc(e->count * 512);
			memcpy(r->undo[p], at(r, e), e->count * 512);
			memcpy(at(r, e), e->data, e->count * 512);
		}
	}
	for (size_t p = 0; p < r->dev.nev; p++)
		free(r->undo[p]);
	free(r->undo);
	free(r->scratch);
}

static void test_crash(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		struct run *r = calloc(1, sizeof(*r));

		r->rng = seed * 0x2545f4914f6cdd1dull;
		record(r, seed);
		replay(r);
		total_events += (unsigned)r->dev.nev;
		for (int i = 0; i < 3; i++)
			total_cuts[i] += r->cuts[i];
		total_revivals += r->revivals;
		rdev_free(&r->dev);
		free(r->img);
		free(r);
	}
	printf("cowfs crash: %d workloads x %d ops, %u events; cut points: "
	       "%u prefix, %u torn, %u cached = %u mounts checked; %u revived\n",
	       SEEDS, OPS, total_events, total_cuts[0], total_cuts[1],
	       total_cuts[2], total_cuts[0] + total_cuts[1] + total_cuts[2],
	       total_revivals);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crash),
	};
	return cmocka_run_group_tests_name("libos/fs-cow crash", tests, NULL, NULL);
}
