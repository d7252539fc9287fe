#include "cow_util.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct unik_fs_ops *cops;

static struct event *push(struct rdev *d)
{
	if (d->nev == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->ev = realloc(d->ev, d->cap * sizeof(*d->ev));
	}
	d->ev[d->nev] = (struct event){0};
	return &d->ev[d->nev++];
}

static int rec_write(struct blk_mem *m, uint64_t sector, const void *buf,
                     uint64_t count)
{
	struct rdev *d = m->arg;
	struct event *e;

	if (!d->recording)
		return 0;
	e = push(d);
	e->sector = sector;
	e->count = (uint32_t)count;
	e->data = malloc(count * 512);
	memcpy(e->data, buf, count * 512);
	return 0;
}

static int rec_flush(struct blk_mem *m)
{
	struct rdev *d = m->arg;

	if (d->recording)
		push(d)->flush = true;
	return 0;
}

void rdev_init(struct rdev *d, uint64_t blocks)
{
	memset(d, 0, sizeof(*d));
	d->blocks = blocks;
	d->mem = aligned_alloc(4096, blocks * COW_BS);
	memset(d->mem, 0, blocks * COW_BS);
	blk_mem_init(&d->m, d->mem, blocks * COW_SPB, false);
	d->m.on_write = rec_write;
	d->m.on_flush = rec_flush;
	d->m.arg = d;
	cops = cowfs_type.ops;
}

void rdev_clear_log(struct rdev *d)
{
	for (size_t i = 0; i < d->nev; i++)
		free(d->ev[i].data);
	d->nev = 0;
}

void rdev_free(struct rdev *d)
{
	rdev_clear_log(d);
	free(d->ev);
	free(d->mem);
}

void *cmount(struct rdev *d, unsigned flags)
{
	void *fs;
	int rc;

	host_console_reset();
	rc = cowfs_type.mount(&d->m.dev, flags, &fs);
	if (rc != 0)
		fail_msg("mount: %d\n%s", rc, host_console);
	return fs;
}

int cput(void *fs, const char *path, const void *data, size_t n, uint64_t off,
         int flags)
{
	void *f;
	int rc = cops->open(fs, path, UNIK_O_WRONLY | flags, 0644, &f);
	ssize_t w;

	if (rc < 0)
		return rc;
	w = n ? cops->write(fs, f, data, n, &off, flags & UNIK_O_APPEND) : 0;
	cops->close(fs, f);
	return w < 0 ? (int)w : w == (ssize_t)n ? 0 : -EIO;
}

ssize_t cget(void *fs, const char *path, void *buf, size_t cap)
{
	void *f;
	int rc = cops->open(fs, path, UNIK_O_RDONLY, 0, &f);
	ssize_t n;

	if (rc < 0)
		return rc;
	n = cops->read(fs, f, buf, cap, 0);
	cops->close(fs, f);
	return n;
}

uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		h = (h ^ *b++) * 0x100000001b3ull;
	return h;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint64_t dir_digest(void *fs, const char *path, uint64_t h)
{
	static char data[1 << 20];
	char *names[512];
	struct unik_dirent e;
	size_t n = 0;
	void *d;

	assert_int_equal(cops->opendir(fs, path, &d), 0);
	while (cops->readdir(fs, d, &e) == 1 && n < 512)
		names[n++] = strdup(e.name);
	cops->closedir(fs, d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		char sub[UNIK_VFS_PATH_MAX];
		struct unik_stat st;
		ssize_t len;

		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "/" : "", names[i]);
		assert_int_equal(cops->stat(fs, sub, &st), 0);
		h = fnv(h, sub, strlen(sub) + 1);
		if ((st.mode & UNIK_S_IFMT) == UNIK_S_IFDIR) {
			h = fnv(h, "D", 1);
			h = dir_digest(fs, sub, h);
		} else {
			len = cget(fs, sub, data, sizeof(data));
			assert_int_equal(len, (ssize_t)st.size);
			h = fnv(h, "F", 1);
			h = fnv(h, &st.size, sizeof(st.size));
			h = fnv(h, data, (size_t)len);
		}
		free(names[i]);
	}
	return fnv(h, "/", 1); /* ends the directory */
}

uint64_t cow_tree_digest(void *fs)
{
	return dir_digest(fs, "", FNV_INIT);
}
