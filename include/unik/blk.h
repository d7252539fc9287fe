/*
 * Block devices (library `blk`): the seam between block drivers (blkfront
 * on Xen, blkfile on unix) and their users (filesystems, apps).
 *
 * A driver fills a struct unik_blkdev and registers it from a UNIK_INIT
 * hook at UNIK_INIT_DEVICE. Users open device N and either submit
 * requests asynchronously (many in flight, a callback on completion) or
 * call the synchronous forms, which block the calling thread.
 *
 * Every function here runs in thread or scheduler context, never in an
 * interrupt, so no locking is needed (include/unik/thread.h).
 *
 * Errors, the same for every driver:
 *   -ENODEV  no such device
 *   -EINVAL  bad request: unknown op, zero count, count above max_sectors
 *            (async only; the sync forms split), range past the end of the
 *            device (sector + count overflowing included), buffer not
 *            aligned to UNIK_BLK_ALIGN
 *   -EROFS   a write to a read-only device
 *   -EIO     the device failed the request (or is gone)
 */
#ifndef UNIK_BLK_H
#define UNIK_BLK_H

#include <unik/thread.h>

#include <stdbool.h>
#include <stdint.h>

#define UNIK_BLK_MAX 8
#define UNIK_BLK_SECTOR 512u
/*
 * Buffers must be aligned to this many bytes: a Xen blkif segment names a
 * range of a granted page in whole sectors, so a sector-aligned buffer can
 * be granted as it is, without a bounce copy.
 */
#define UNIK_BLK_ALIGN 512u

struct unik_blk_info {
	uint32_t sector_size; /* always UNIK_BLK_SECTOR today */
	uint64_t sectors;     /* device size in sectors */
	uint32_t max_sectors; /* largest single request, in sectors (>= 8) */
	bool read_only;
	/*
	 * The device has a volatile write cache and honours FLUSH. When
	 * false, a write is durable once it completes and FLUSH completes at
	 * once without reaching the driver.
	 */
	bool flush;
};

struct unik_blk_stats {
	uint64_t reads, writes, flushes;     /* requests completed */
	uint64_t sectors_read, sectors_written;
	uint64_t errors;                     /* requests completed with < 0 */
	uint32_t in_flight, max_in_flight;   /* submitted, not yet completed */
	uint64_t queued;  /* requests held back because the driver was full */
};

enum unik_blk_op { UNIK_BLK_READ = 1, UNIK_BLK_WRITE, UNIK_BLK_FLUSH };

struct unik_blk_req;
typedef void (*unik_blk_done_fn)(struct unik_blk_req *req);

/*
 * One request. The submitter owns the memory of the request and of its
 * buffer, and must keep both alive and untouched until `done` has run.
 *
 * FLUSH semantics (the hazard every filesystem must respect): when a
 * FLUSH completes with 0, every write that had *completed* before the
 * FLUSH was submitted is on stable storage. Writes still in flight when
 * the FLUSH is submitted are not covered, and requests in flight complete
 * in any order: to order A before B on the medium, wait for A to
 * complete, submit a FLUSH, wait for it, then submit B.
 */
struct unik_blk_req {
	enum unik_blk_op op;
	uint64_t sector;  /* first sector (ignored by FLUSH) */
	void *buf;        /* count * 512 bytes, UNIK_BLK_ALIGN-aligned */
	uint32_t count;   /* sectors, 1..max_sectors (ignored by FLUSH) */
	/* Runs once, in scheduler context (never inside submit): it may wake
	 * threads and submit more requests, never block. */
	unik_blk_done_fn done;
	void *arg;        /* the submitter's */
	int status;       /* 0 or -errno, set before done runs */
	/* ---- in flight: libos/blk's while queued, the driver's from its
	 * submit() until unik_blk_complete(), then libos/blk's again ---- */
	struct unik_blk_req *next;
	uintptr_t drv[2]; /* the driver's per-request scratch space */
};

/* ---- for applications and filesystems ---------------------------------- */

struct unik_blkdev;

/* Device n (registration order, from 0) in *out; 0 or -ENODEV. */
int unik_blk_open(unsigned n, struct unik_blkdev **out);
unsigned unik_blk_count(void);
const char *unik_blk_name(const struct unik_blkdev *dev);
void unik_blk_info(const struct unik_blkdev *dev, struct unik_blk_info *out);
void unik_blk_stats(const struct unik_blkdev *dev, struct unik_blk_stats *out);

/*
 * Submit a request. Returns 0 when accepted: `done` will run later, exactly
 * once, with req->status set. Returns -errno (see the top of this file)
 * when refused: `done` will not run. Never blocks; when the driver's ring
 * is full, the request waits in a queue and is passed on as others
 * complete, so callers never see -EAGAIN.
 */
int unik_blk_submit(struct unik_blkdev *dev, struct unik_blk_req *req);

/*
 * Synchronous forms: block the calling thread (thread context only) until
 * done. count may exceed max_sectors (the request is split; on an error
 * some of the earlier pieces may have been done) and may be 0 (nothing
 * happens). Return 0 or -errno.
 */
int unik_blk_read(struct unik_blkdev *dev, uint64_t sector, void *buf,
                  uint64_t count);
int unik_blk_write(struct unik_blkdev *dev, uint64_t sector, const void *buf,
                   uint64_t count);
int unik_blk_flush(struct unik_blkdev *dev);

/* ---- for drivers ------------------------------------------------------- */

struct unik_blkdev_ops {
	/*
	 * Start req. libos/blk has already checked it against the device's
	 * info (op, range, alignment, size, read-only); a FLUSH arrives only
	 * when info.flush is true. Never blocks and never completes inline
	 * by calling done: report the result with unik_blk_complete() (which
	 * may be called from submit itself: it only queues). Returns 0 when
	 * accepted, -EAGAIN when the ring is full (libos/blk retries after
	 * the next completion), -EIO when the device is gone.
	 */
	int (*submit)(struct unik_blkdev *dev, struct unik_blk_req *req);
};

struct unik_blkdev {
	char name[16];              /* "xvda", "file0" */
	struct unik_blk_info info;  /* filled by the driver before register */
	const struct unik_blkdev_ops *ops;
	void *priv;                 /* the driver's */
	/* ---- owned by libos/blk ---- */
	unsigned index;
	struct unik_blk_stats stats;
	struct unik_blk_req *done_head, *done_tail;   /* completed, not run */
	struct unik_blk_req *queue_head, *queue_tail; /* waiting for the ring */
	struct unik_timer done_timer;
};

/*
 * Register a filled device; 0, -ENOSPC beyond UNIK_BLK_MAX, or -EINVAL
 * when info is unusable (sector size not 512, max_sectors < 8, no ops).
 */
int unik_blkdev_register(struct unik_blkdev *dev);

/*
 * Report the end of a request the driver accepted. Callable from submit,
 * event handlers and timers: the callback runs later, from a zero-delay
 * timer, so it never runs inside the submitter's call.
 */
void unik_blk_complete(struct unik_blkdev *dev, struct unik_blk_req *req,
                       int status);

#endif
