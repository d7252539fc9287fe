/* The "tar" filesystem type: mount (scan and index), and the read-only
 * operations over the index. Handles are index entries, which never move
 * once mounted. */
#include "tar.h"

#include <unik/unik.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct tar_dir {
	struct tar_ent *dir;
	size_t pos;         /* next index to look at */
	size_t prefix;      /* strlen(dir name) + 1, 0 for the root */
};

static struct tar_ent *find(struct tarfs *fs, const char *path)
{
	return *path ? tar_lookup(fs, path) : &fs->root;
}

static void fill_stat(struct tarfs *fs, const struct tar_ent *e,
                      struct unik_stat *st)
{
	bool dir = (e->mode & UNIK_S_IFMT) == UNIK_S_IFDIR;

	*st = (struct unik_stat){
		.ino = e == &fs->root ? 1 : (uint64_t)(e - fs->ents) + 2,
		.size = e->size, .blocks = (e->size + 511) / 512,
		.mtime_ns = e->mtime_ns, .mode = e->mode, .nlink = dir ? 2 : 1,
		.blksize = TCACHE_CLUSTER};
}

static int t_open(void *fsp, const char *path, int flags, uint32_t mode,
                  void **file)
{
	struct tar_ent *e = find(fsp, path);

	(void)mode;
	if (!e)
		return -ENOENT;
	if ((flags & UNIK_O_DIRECTORY) && (e->mode & UNIK_S_IFMT) != UNIK_S_IFDIR)
		return -ENOTDIR;
	*file = e;
	return 0;
}

static ssize_t t_read(void *fsp, void *file, void *buf, size_t n,
                      uint64_t off)
{
	struct tarfs *fs = fsp;
	struct tar_ent *e = file;
	int rc;

	if ((e->mode & UNIK_S_IFMT) == UNIK_S_IFDIR)
		return -EISDIR;
	if (off >= e->size)
		return 0;
	if (n > e->size - off)
		n = (size_t)(e->size - off);
	if (n > UNIK_VFS_IO_MAX)
		n = UNIK_VFS_IO_MAX;
	rc = tcache_read(&fs->cache, e->data + off, buf, n);
	return rc < 0 ? rc : (ssize_t)n;
}

static int t_fstat(void *fs, void *file, struct unik_stat *st)
{
	fill_stat(fs, file, st);
	return 0;
}

static int t_stat(void *fs, const char *path, struct unik_stat *st)
{
	struct tar_ent *e = find(fs, path);

	if (!e)
		return -ENOENT;
	fill_stat(fs, e, st);
	return 0;
}

/* The first index whose name is >= key. */
static size_t lower_bound(struct tarfs *fs, const char *key)
{
	size_t lo = 0, hi = fs->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(fs->ents[mid].name, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int t_opendir(void *fsp, const char *path, void **dirp)
{
	struct tarfs *fs = fsp;
	struct tar_ent *e = find(fs, path);
	struct tar_dir *d;
	char key[UNIK_VFS_PATH_MAX + 1];

	if (!e)
		return -ENOENT;
	if ((e->mode & UNIK_S_IFMT) != UNIK_S_IFDIR)
		return -ENOTDIR;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->dir = e;
	if (e != &fs->root) {
		d->prefix = strlen(e->name) + 1;
		memcpy(key, e->name, d->prefix - 1);
		memcpy(key + d->prefix - 1, "/", 2);
		d->pos = lower_bound(fs, key);
	}
	*dirp = d;
	return 0;
}

static int t_readdir(void *fsp, void *dirp, struct unik_dirent *ent)
{
	struct tarfs *fs = fsp;
	struct tar_dir *d = dirp;

	for (; d->pos < fs->n; d->pos++) {
		struct tar_ent *e = &fs->ents[d->pos];
		const char *rest = e->name + d->prefix;

		if (d->prefix && (strncmp(e->name, d->dir->name, d->prefix - 1) ||
		                  e->name[d->prefix - 1] != '/'))
			return 0; /* past the directory's entries */
		if (strchr(rest, '/'))
			continue; /* deeper down */
		ent->ino = (uint64_t)d->pos + 2;
		ent->type = (e->mode & UNIK_S_IFMT) == UNIK_S_IFDIR ? UNIK_DT_DIR
		                                                     : UNIK_DT_REG;
		strcpy(ent->name, rest); /* a component: <= UNIK_VFS_NAME_MAX */
		d->pos++;
		return 1;
	}
	return 0;
}

static int t_closedir(void *fs, void *dirp)
{
	(void)fs;
	free(dirp);
	return 0;
}

static int t_umount(void *fsp)
{
	struct tarfs *fs = fsp;

	tar_index_free(fs);
	tcache_free(&fs->cache);
	free(fs);
	return 0;
}

static int t_mount(struct unik_blkdev *dev, unsigned flags, void **out)
{
	struct tarfs *fs = calloc(1, sizeof(*fs));
	int rc;

	(void)flags; /* always read-only; nothing to format */
	if (!fs)
		return -ENOMEM;
	fs->root = (struct tar_ent){.name = "", .mode = UNIK_S_IFDIR | 0755};
	rc = tcache_init(&fs->cache, dev);
	if (rc == 0)
		rc = tar_scan(fs);
	if (rc == 0)
		rc = tar_index_finish(fs, unik_blk_name(dev));
	if (rc < 0) {
		unik_printk("tarfs: %s: not mounted (%s)\n", unik_blk_name(dev),
		            strerror(-rc));
		t_umount(fs);
		return rc;
	}
	unik_printk("tarfs: %s: %zu entries%s\n", unik_blk_name(dev), fs->n,
	            fs->skipped ? " (some members skipped, see above)" : "");
	*out = fs;
	return 0;
}

static const struct unik_fs_ops tarfs_ops = {
	.open = t_open, .read = t_read, .fstat = t_fstat, .stat = t_stat,
	.opendir = t_opendir, .readdir = t_readdir, .closedir = t_closedir,
};

const struct unik_fs_type tarfs_type = {
	.name = "tar", .mount = t_mount, .umount = t_umount, .ops = &tarfs_ops};
UNIK_FS_TYPE(tarfs_type);
