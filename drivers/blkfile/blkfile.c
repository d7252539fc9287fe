/*
 * blkfile: a block device backed by a host file (unix target).
 *
 * Requests are served with pread/pwrite from a zero-delay timer, in
 * scheduler context, never inside submit: an app sees the same
 * asynchronous behaviour as with blkfront on Xen (completion later, many
 * requests in flight, a ring of BLKFILE_RING slots whose overflow libos/blk
 * queues). The I/O itself is synchronous, so it stalls the whole image
 * while it runs, as a page fault would; fine for a development target.
 *
 * FLUSH is fdatasync(): the host's page cache is this device's volatile
 * write cache. The image file is locked (flock) so that two images cannot
 * write one disk at once.
 */
#define _GNU_SOURCE
#include "blkfile.h"

#include <unik/blk.h>
#include <unik/cmdline.h>
#include <unik/init.h>
#include <unik/unik.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLKFILE_RING 32      /* like one page of blkif ring */
#define BLKFILE_MAX_SECTORS 88 /* like blkif: 11 segments of 4 KiB */

struct blkfile {
	struct unik_blkdev dev;
	int fd;
	unsigned busy;                          /* accepted, not completed */
	struct unik_blk_req *todo_head, *todo_tail; /* accepted, not served */
	struct unik_timer timer;
};

static int serve(struct blkfile *f, struct unik_blk_req *r)
{
	size_t len = (size_t)r->count * UNIK_BLK_SECTOR;
	off_t off = (off_t)(r->sector * UNIK_BLK_SECTOR);
	char *p = r->buf;

	if (r->op == UNIK_BLK_FLUSH)
		return fdatasync(f->fd) == 0 ? 0 : -EIO;
	while (len > 0) {
		ssize_t n = r->op == UNIK_BLK_READ ? pread(f->fd, p, len, off)
		                                   : pwrite(f->fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) /* 0: the file shrank under us */
			return -EIO;
		p += n;
		off += n;
		len -= (size_t)n;
	}
	return 0;
}

static void serve_all(struct unik_timer *t)
{
	struct blkfile *f = t->arg;

	while (f->todo_head) {
		struct unik_blk_req *r = f->todo_head;

		f->todo_head = r->next;
		if (!f->todo_head)
			f->todo_tail = NULL;
		f->busy--;
		unik_blk_complete(&f->dev, r, serve(f, r));
	}
}

static int blkfile_submit(struct unik_blkdev *dev, struct unik_blk_req *req)
{
	struct blkfile *f = dev->priv;

	if (f->busy == BLKFILE_RING)
		return -EAGAIN;
	f->busy++;
	req->next = NULL;
	if (f->todo_tail)
		f->todo_tail->next = req;
	else
		f->todo_head = req;
	f->todo_tail = req;
	if (!f->timer.armed)
		unik_timer_arm(&f->timer, 0);
	return 0;
}

static const struct unik_blkdev_ops blkfile_ops = {.submit = blkfile_submit};

static int open_image(const char *path, bool ro, uint64_t *sectors)
{
	struct stat st;
	int fd = open(path, (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (flock(fd, (ro ? LOCK_SH : LOCK_EX) | LOCK_NB) < 0) {
		unik_printk("blkfile: %s is in use by another process\n", path);
		close(fd);
		return -EBUSY;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 512) {
		unik_printk("blkfile: %s: not a regular file of 512 bytes or more\n",
		            path);
		close(fd);
		return -EINVAL;
	}
	if (st.st_size % 512)
		unik_printk("blkfile: %s: last %d bytes are not a whole sector, "
		            "ignored\n", path, (int)(st.st_size % 512));
	*sectors = (uint64_t)st.st_size / 512;
	return fd;
}

/* A disk that cannot be opened stops the numbering there: the next one
 * taking its number would silently be the wrong disk. */
static int add_disk(const char *spec)
{
	struct blkfile *f;
	char path[1024];
	uint64_t sectors = 0;
	bool ro;
	int rc = blkfile_parse_spec(spec, path, sizeof(path), &ro), fd;

	if (rc < 0 || (fd = rc = open_image(path, ro, &sectors)) < 0) {
		unik_printk("blkfile: disk '%s': %s\n", spec, strerror(-rc));
		return rc;
	}
	f = calloc(1, sizeof(*f));
	if (!f) {
		close(fd);
		return -ENOMEM;
	}
	f->fd = fd;
	snprintf(f->dev.name, sizeof(f->dev.name), "file%u", unik_blk_count());
	f->dev.info = (struct unik_blk_info){
		.sector_size = UNIK_BLK_SECTOR, .sectors = sectors,
		.max_sectors = BLKFILE_MAX_SECTORS, .read_only = ro, .flush = true};
	f->dev.ops = &blkfile_ops;
	f->dev.priv = f;
	unik_timer_init(&f->timer, serve_all, f);
	rc = unik_blkdev_register(&f->dev);
	if (rc < 0) {
		close(fd);
		free(f);
		return rc;
	}
	unik_printk("blkfile: %s = %s (%llu sectors%s)\n", f->dev.name, path,
	            (unsigned long long)sectors, ro ? ", read-only" : "");
	return 0;
}

/*
 * Disk i comes from the libOS option unik.disk<i> (unik.disk for the first,
 * like unik.mac/unik.mac1), or else from UNIK_DISK<i> in the environment;
 * one path per key, so paths may hold commas. Numbering stops at the
 * first gap, as a typo would otherwise silently renumber the disks.
 */
static const char *disk_spec(int i)
{
	char key[16];
	const char *spec;

	snprintf(key, sizeof(key), i ? "disk%d" : "disk", i);
	spec = unik_cmdline_get(key);
	if (!spec) {
		snprintf(key, sizeof(key), "UNIK_DISK%d", i);
		spec = getenv(key);
	}
	return spec && *spec ? spec : NULL;
}

static int blkfile_init(void)
{
	const char *spec;
	int rc;

	for (int i = 0; i < UNIK_BLK_MAX && (spec = disk_spec(i)); i++)
		if ((rc = add_disk(spec)) < 0)
			return rc;
	return unik_blk_count() ? 0 : -ENODEV;
}
UNIK_INIT(UNIK_INIT_DEVICE, blkfile_init);
