/*
 * The synchronous forms, built on the asynchronous path: the request and
 * a wait queue live on the caller's stack, and the caller sleeps until the
 * completion callback (scheduler context) marks it done. The loop around
 * the wait matters: the request is on this stack, so returning before the
 * callback has run would leave the driver writing into a dead frame.
 */
#include <unik/blk.h>
#include <unik/unik.h>

#include <errno.h>
#include <stdbool.h>

struct sync_req {
	struct unik_blk_req req;
	struct unik_waitq wq;
	bool done;
};

static void sync_done(struct unik_blk_req *r)
{
	struct sync_req *s = r->arg;

	s->done = true;
	unik_waitq_wake_all(&s->wq);
}

static int sync_one(struct unik_blkdev *dev, enum unik_blk_op op,
                    uint64_t sector, void *buf, uint32_t count)
{
	struct sync_req s = {
		.req = {.op = op, .sector = sector, .buf = buf, .count = count,
		        .done = sync_done},
		.wq = UNIK_WAITQ_INIT,
	};
	int rc;

	s.req.arg = &s;
	rc = unik_blk_submit(dev, &s.req);
	if (rc < 0)
		return rc;
	while (!s.done)
		unik_waitq_wait(&s.wq, UNIK_FOREVER);
	return s.req.status;
}

/* Split [sector, sector + count) into requests the driver accepts. */
static int sync_rw(struct unik_blkdev *dev, enum unik_blk_op op,
                   uint64_t sector, char *buf, uint64_t count)
{
	uint32_t max;

	if (!dev)
		return -ENODEV;
	max = dev->info.max_sectors;
	if (op == UNIK_BLK_WRITE && dev->info.read_only)
		return -EROFS; /* before the range: the same order as submit */
	/* Check the whole range up front: no partial transfer when the end
	 * is out of range (unik_blk_submit checks each piece again). */
	if (count > dev->info.sectors || sector > dev->info.sectors - count)
		return count ? -EINVAL : 0;
	while (count > 0) {
		uint32_t n = count < max ? (uint32_t)count : max;
		int rc = sync_one(dev, op, sector, buf, n);

		if (rc < 0)
			return rc;
		sector += n;
		buf += (uint64_t)n * UNIK_BLK_SECTOR;
		count -= n;
	}
	return 0;
}

int unik_blk_read(struct unik_blkdev *dev, uint64_t sector, void *buf,
                  uint64_t count)
{
	return sync_rw(dev, UNIK_BLK_READ, sector, buf, count);
}

int unik_blk_write(struct unik_blkdev *dev, uint64_t sector, const void *buf,
                   uint64_t count)
{
	/* The driver only reads a write's buffer; the cast drops a const
	 * the request struct cannot carry for reads and writes alike. */
	return sync_rw(dev, UNIK_BLK_WRITE, sector, (void *)buf, count);
}

int unik_blk_flush(struct unik_blkdev *dev)
{
	if (!dev)
		return -ENODEV;
	return sync_one(dev, UNIK_BLK_FLUSH, 0, NULL, 0);
}
