/* A fake asynchronous block device for the unit tests of libos/blk: RAM
 * behind a ring of `ring` slots, each request completed by its own timer
 * after a per-request delay (so completions can come out of order), with
 * errors injected on demand. */
#ifndef FAKE_DEV_H
#define FAKE_DEV_H

#include <unik/blk.h>

struct fake_dev {
	struct unik_blkdev dev;
	unsigned char *mem;
	unsigned ring, busy;    /* slots, slots in use */
	unsigned submits;       /* calls to ops->submit (accepted or not) */
	unsigned max_busy;
	int fail_sector;        /* requests touching it fail with -EIO; -1 none */
	uint64_t delay_ns;      /* completion delay; odd requests get 3x */
	unsigned flushes_seen;
};

void fake_dev_init(struct fake_dev *f, uint64_t sectors, unsigned ring,
                   uint32_t max_sectors, bool ro, bool flush);
void fake_dev_free(struct fake_dev *f);

#endif
