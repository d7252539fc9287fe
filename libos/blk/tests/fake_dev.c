#include "fake_dev.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	struct unik_timer timer;
	struct fake_dev *f;
	struct unik_blk_req *req;
};

static int serve(struct fake_dev *f, struct unik_blk_req *r)
{
	size_t off = (size_t)r->sector * UNIK_BLK_SECTOR;
	size_t len = (size_t)r->count * UNIK_BLK_SECTOR;

	if (r->op == UNIK_BLK_FLUSH) {
		f->flushes_seen++;
		return 0;
	}
	if (f->fail_sector >= 0 && (uint64_t)f->fail_sector >= r->sector &&
	    (uint64_t)f->fail_sector < r->sector + r->count)
		return -EIO;
	if (r->op == UNIK_BLK_READ)
		memcpy(r->buf, f->mem + off, len);
	else
		memcpy(f->mem + off, r->buf, len);
	return 0;
}

static void slot_fire(struct unik_timer *t)
{
	struct slot *s = t->arg;
	struct fake_dev *f = s->f;

	f->busy--;
	unik_blk_complete(&f->dev, s->req, serve(f, s->req));
	free(s);
}

static int fake_submit(struct unik_blkdev *dev, struct unik_blk_req *req)
{
	struct fake_dev *f = dev->priv;
	struct slot *s;

	f->submits++;
	if (f->busy == f->ring)
		return -EAGAIN;
	/* A driver owns these from here on: scribble, as a real one may. */
	req->next = NULL;
	req->drv[0] = req->drv[1] = 0xdeadbeef;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -EIO;
	s->f = f;
	s->req = req;
	unik_timer_init(&s->timer, slot_fire, s);
	unik_timer_arm(&s->timer, unik_now_ns() + f->delay_ns *
	                                              (f->submits % 2 ? 3 : 1));
	if (++f->busy > f->max_busy)
		f->max_busy = f->busy;
	return 0;
}

static const struct unik_blkdev_ops fake_ops = {.submit = fake_submit};

void fake_dev_init(struct fake_dev *f, uint64_t sectors, unsigned ring,
                   uint32_t max_sectors, bool ro, bool flush)
{
	memset(f, 0, sizeof(*f));
	f->mem = calloc(sectors, UNIK_BLK_SECTOR);
	f->ring = ring;
	f->fail_sector = -1;
	f->delay_ns = 1000;
	strcpy(f->dev.name, "fake");
	f->dev.info = (struct unik_blk_info){
		.sector_size = UNIK_BLK_SECTOR, .sectors = sectors,
		.max_sectors = max_sectors, .read_only = ro, .flush = flush};
	f->dev.ops = &fake_ops;
	f->dev.priv = f;
}

void fake_dev_free(struct fake_dev *f) { free(f->mem); }
