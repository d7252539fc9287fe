/* Helpers for the cowfs tests: a device over RAM that can record every
 * write and flush, file helpers through the filesystem's ops, and a
 * digest of a whole tree (to compare a filesystem with a model). */
#ifndef COW_UTIL_H
#define COW_UTIL_H

#include "../../blk/host/host_shim.h"
#include "../cow.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct event {
	bool flush;
	uint64_t sector;
	uint32_t count;
	unsigned char *data;   /* count * 512 bytes */
};

struct rdev {
	struct blk_mem m;
	unsigned char *mem;
	uint64_t blocks;
	bool recording;
	struct event *ev;
	size_t nev, cap;
};

void rdev_init(struct rdev *d, uint64_t blocks);
void rdev_free(struct rdev *d);
void rdev_clear_log(struct rdev *d);

extern const struct unik_fs_ops *cops;
void *cmount(struct rdev *d, unsigned flags); /* asserts success */
int cput(void *fs, const char *path, const void *data, size_t n, uint64_t off,
         int flags);
ssize_t cget(void *fs, const char *path, void *buf, size_t cap);

/* FNV-1a over (path, type, contents) of every entry, in name order. */
uint64_t cow_tree_digest(void *fs);
uint64_t fnv(uint64_t h, const void *p, size_t n);
#define FNV_INIT 0xcbf29ce484222325ull

#endif
