/*
 * The block device registry and the asynchronous path: checks every
 * request against the device's info, queues what the driver cannot take
 * yet, and runs completion callbacks from a zero-delay timer, so that a
 * callback never runs inside unik_blk_submit() whatever the driver does
 * (the same behaviour on every target: blkfile completes at once,
 * blkfront later from an event channel).
 */
#include <unik/blk.h>
#include <unik/unik.h>

#include <errno.h>
#include <stddef.h>

static struct unik_blkdev *devs[UNIK_BLK_MAX];
static unsigned ndevs;

static void done_timer_fn(struct unik_timer *t);

int unik_blkdev_register(struct unik_blkdev *dev)
{
	const struct unik_blk_info *i = &dev->info;

	if (!dev->ops || !dev->ops->submit || i->sector_size != UNIK_BLK_SECTOR ||
	    i->max_sectors < 8)
		return -EINVAL;
	if (ndevs == UNIK_BLK_MAX)
		return -ENOSPC;
	dev->index = ndevs;
	dev->stats = (struct unik_blk_stats){0};
	dev->done_head = dev->done_tail = NULL;
	dev->queue_head = dev->queue_tail = NULL;
	unik_timer_init(&dev->done_timer, done_timer_fn, dev);
	devs[ndevs++] = dev;
	return 0;
}

unsigned unik_blk_count(void) { return ndevs; }

int unik_blk_open(unsigned n, struct unik_blkdev **out)
{
	if (n >= ndevs)
		return -ENODEV;
	*out = devs[n];
	return 0;
}

const char *unik_blk_name(const struct unik_blkdev *dev) { return dev->name; }

void unik_blk_info(const struct unik_blkdev *dev, struct unik_blk_info *out)
{
	*out = dev->info;
}

void unik_blk_stats(const struct unik_blkdev *dev, struct unik_blk_stats *out)
{
	*out = dev->stats;
}

/* The one place that decides whether a request is well formed. */
static int check(const struct unik_blkdev *dev, const struct unik_blk_req *r)
{
	const struct unik_blk_info *i = &dev->info;

	if (r->op != UNIK_BLK_READ && r->op != UNIK_BLK_WRITE &&
	    r->op != UNIK_BLK_FLUSH)
		return -EINVAL;
	if (!r->done)
		return -EINVAL;
	if (r->op == UNIK_BLK_WRITE && i->read_only)
		return -EROFS;
	if (r->op == UNIK_BLK_FLUSH)
		return 0;
	if (!r->buf || (uintptr_t)r->buf % UNIK_BLK_ALIGN)
		return -EINVAL;
	if (r->count == 0 || r->count > i->max_sectors)
		return -EINVAL;
	/* Written so that sector + count cannot overflow. */
	if (r->count > i->sectors || r->sector > i->sectors - r->count)
		return -EINVAL;
	return 0;
}

static void append(struct unik_blk_req **head, struct unik_blk_req **tail,
                   struct unik_blk_req *r)
{
	r->next = NULL;
	if (*tail)
		(*tail)->next = r;
	else
		*head = r;
	*tail = r;
}

void unik_blk_complete(struct unik_blkdev *dev, struct unik_blk_req *req,
                       int status)
{
	req->status = status;
	append(&dev->done_head, &dev->done_tail, req);
	if (!dev->done_timer.armed)
		unik_timer_arm(&dev->done_timer, 0); /* next scheduler pass */
}

/*
 * Hand the driver what it can take of the queue, in order. A request
 * leaves the queue before the driver sees it: the driver owns `next`
 * (and drv[]) from submit on, and may overwrite them.
 */
static void drain_queue(struct unik_blkdev *dev)
{
	while (dev->queue_head) {
		struct unik_blk_req *r = dev->queue_head;
		int rc;

		dev->queue_head = r->next;
		if (!dev->queue_head)
			dev->queue_tail = NULL;
		rc = dev->ops->submit(dev, r);
		if (rc == -EAGAIN) { /* back at the head */
			r->next = dev->queue_head;
			dev->queue_head = r;
			if (!dev->queue_tail)
				dev->queue_tail = r;
			return;
		}
		if (rc < 0)
			unik_blk_complete(dev, r, rc);
	}
}

static void account(struct unik_blkdev *dev, const struct unik_blk_req *r)
{
	struct unik_blk_stats *s = &dev->stats;

	s->in_flight--;
	if (r->status < 0) {
		s->errors++;
		return;
	}
	if (r->op == UNIK_BLK_READ) {
		s->reads++;
		s->sectors_read += r->count;
	} else if (r->op == UNIK_BLK_WRITE) {
		s->writes++;
		s->sectors_written += r->count;
	} else {
		s->flushes++;
	}
}

/*
 * Take the whole list first: callbacks may submit requests whose
 * completions land on a fresh list and run in a later pass, so a chain of
 * requests cannot recurse or starve the scheduler.
 */
static void done_timer_fn(struct unik_timer *t)
{
	struct unik_blkdev *dev = t->arg;
	struct unik_blk_req *r = dev->done_head;

	dev->done_head = dev->done_tail = NULL;
	while (r) {
		struct unik_blk_req *next = r->next;

		account(dev, r);
		r->next = NULL;
		r->done(r); /* may reuse r: do not touch it afterwards */
		r = next;
	}
	drain_queue(dev);
}

int unik_blk_submit(struct unik_blkdev *dev, struct unik_blk_req *req)
{
	int rc;

	if (!dev)
		return -ENODEV;
	rc = check(dev, req);
	if (rc < 0)
		return rc;
	req->status = 0;
	if (++dev->stats.in_flight > dev->stats.max_in_flight)
		dev->stats.max_in_flight = dev->stats.in_flight;
	if (req->op == UNIK_BLK_FLUSH && !dev->info.flush) {
		unik_blk_complete(dev, req, 0); /* write-through: nothing to do */
		return 0;
	}
	/* Behind a non-empty queue: keep the order requests were given in. */
	rc = dev->queue_head ? -EAGAIN : dev->ops->submit(dev, req);
	if (rc == -EAGAIN) {
		dev->stats.queued++;
		append(&dev->queue_head, &dev->queue_tail, req);
		return 0;
	}
	if (rc < 0) {
		dev->stats.in_flight--;
		return rc;
	}
	return 0;
}
