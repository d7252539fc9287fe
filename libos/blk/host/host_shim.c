#include "host_shim.h"

#include <unik/unik.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char host_console[16384];
static size_t console_len;

void host_console_reset(void)
{
	console_len = 0;
	host_console[0] = '\0';
}

int unik_printk(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (getenv("HOST_SHIM_VERBOSE"))
		fputs(line, stderr);
	if (console_len + (size_t)n >= sizeof(host_console))
		host_console_reset(); /* keep the newest lines */
	memcpy(host_console + console_len, line, (size_t)n + 1);
	console_len += (size_t)n;
	return n;
}

uint64_t unik_wallclock_ns(void)
{
	static uint64_t t = 1700000000000000000ull;

	return t += 1000; /* distinct, increasing mtimes */
}

void blk_mem_init(struct blk_mem *m, void *mem, uint64_t sectors, bool ro)
{
	memset(m, 0, sizeof(*m));
	m->mem = mem;
	m->fail_sector = -1;
	strcpy(m->dev.name, "mem0");
	m->dev.priv = m;
	m->dev.info = (struct unik_blk_info){
		.sector_size = UNIK_BLK_SECTOR, .sectors = sectors,
		.max_sectors = 88, .read_only = ro, .flush = true};
}

static int check(struct unik_blkdev *dev, uint64_t sector, const void *buf,
                 uint64_t count)
{
	struct blk_mem *m = dev->priv;

	if ((uintptr_t)buf % UNIK_BLK_ALIGN)
		return -EINVAL;
	if (count > dev->info.sectors || sector > dev->info.sectors - count)
		return -EINVAL;
	if (m->fail_sector >= 0 && (uint64_t)m->fail_sector >= sector &&
	    (uint64_t)m->fail_sector < sector + count)
		return -EIO;
	return 0;
}

int unik_blk_read(struct unik_blkdev *dev, uint64_t sector, void *buf,
                  uint64_t count)
{
	struct blk_mem *m = dev->priv;
	int rc = check(dev, sector, buf, count);

	if (rc < 0)
		return rc;
	m->reads++;
	memcpy(buf, m->mem + sector * UNIK_BLK_SECTOR, count * UNIK_BLK_SECTOR);
	return 0;
}

int unik_blk_write(struct unik_blkdev *dev, uint64_t sector, const void *buf,
                   uint64_t count)
{
	struct blk_mem *m = dev->priv;
	int rc;

	if (dev->info.read_only)
		return -EROFS;
	rc = check(dev, sector, buf, count);
	if (rc == 0 && m->on_write)
		rc = m->on_write(m, sector, buf, count);
	if (rc < 0)
		return rc;
	m->writes++;
	memcpy(m->mem + sector * UNIK_BLK_SECTOR, buf, count * UNIK_BLK_SECTOR);
	return 0;
}

int unik_blk_flush(struct unik_blkdev *dev)
{
	struct blk_mem *m = dev->priv;

	m->flushes++;
	return m->on_flush ? m->on_flush(m) : 0;
}

void unik_blk_info(const struct unik_blkdev *dev, struct unik_blk_info *out)
{
	*out = dev->info;
}

const char *unik_blk_name(const struct unik_blkdev *dev) { return dev->name; }
