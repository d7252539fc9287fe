/*
 * The libOS pieces a filesystem needs, for host programs that link a
 * filesystem's sources without the scheduler: unit tests, fuzzers and
 * tools/unik-mkfs. It implements the synchronous half of <unik/blk.h>
 * over memory (with the same checks as libos/blk, so a filesystem that
 * passes a misaligned buffer fails here too), unik_printk into a buffer,
 * and the clock.
 *
 * Hooks let a crash test see every write and flush in order.
 */
#ifndef HOST_SHIM_H
#define HOST_SHIM_H

#include <unik/blk.h>

#include <stddef.h>

struct blk_mem {
	struct unik_blkdev dev;  /* info filled; never registered */
	unsigned char *mem;      /* dev.info.sectors * 512 bytes */
	int64_t fail_sector;     /* I/O touching it fails with -EIO; -1: none */
	/* Called before a write lands; returning < 0 fails it with that. */
	int (*on_write)(struct blk_mem *m, uint64_t sector, const void *buf,
	                uint64_t count);
	int (*on_flush)(struct blk_mem *m);
	void *arg;
	uint64_t reads, writes, flushes;
};

/* Wrap mem (sectors * 512 bytes, owned by the caller). */
void blk_mem_init(struct blk_mem *m, void *mem, uint64_t sectors, bool ro);

/* Everything unik_printk printed since the last reset (NUL-ended; the
 * oldest text is dropped when full). HOST_SHIM_VERBOSE=1: also stderr. */
extern char host_console[16384];
void host_console_reset(void);

#endif
