/* The "cow" filesystem type: the VFS operations over cow.h. File and
 * directory handles are inodes, kept alive by their open count. */
#include "cow.h"

#include <unik/thread.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct cow_dir {
	struct cow_inode *ip;
	uint32_t pos; /* children returned so far */
};

static int changes_ok(const struct cowfs *fs)
{
	return fs->failed ? -EIO : fs->rdonly ? -EROFS : 0;
}

static void closed(struct cowfs *fs, struct cow_inode *ip)
{
	if (--ip->open == 0 && !ip->linked)
		cow_inode_free(fs, ip); /* unlinked while open */
}

static int c_open(void *fsp, const char *path, int flags, uint32_t mode,
                  void **file)
{
	struct cowfs *fs = fsp;
	struct cow_inode *ip = cow_lookup(fs, path);
	bool wr = (flags & UNIK_O_ACCMODE) != UNIK_O_RDONLY;
	int rc = 0;

	if (!ip && !(flags & UNIK_O_CREAT))
		return -ENOENT;
	if (wr && (rc = changes_ok(fs)) < 0)
		return rc;
	if (!ip)
		rc = cow_create(fs, path, UNIK_S_IFREG | (mode & 07777), &ip);
	else if ((flags & UNIK_O_CREAT) && (flags & UNIK_O_EXCL))
		rc = -EEXIST;
	else if ((flags & UNIK_O_DIRECTORY) && !cow_is_dir(ip))
		rc = -ENOTDIR;
	else if (cow_is_dir(ip) && (wr || (flags & UNIK_O_TRUNC)))
		rc = -EISDIR;
	else if ((flags & UNIK_O_TRUNC) && ip->size &&
	         (rc = changes_ok(fs)) == 0)
		rc = cow_truncate(fs, ip, 0);
	if (rc < 0)
		return rc;
	ip->open++;
	*file = ip;
	return 0;
}

static int c_close(void *fs, void *file)
{
	closed(fs, file);
	return 0;
}

static ssize_t c_read(void *fs, void *file, void *buf, size_t n, uint64_t off)
{
	struct cow_inode *ip = file;

	return cow_is_dir(ip) ? -EISDIR : cow_read(fs, ip, buf, n, off);
}

static ssize_t c_write(void *fsp, void *file, const void *buf, size_t n,
                       uint64_t *off, bool append)
{
	struct cowfs *fs = fsp;
	struct cow_inode *ip = file;
	ssize_t w;
	int rc = changes_ok(fs);

	if (rc < 0)
		return rc;
	if (append)
		*off = ip->size;
	w = cow_write(fs, ip, buf, n, *off);
	if (w > 0) {
		*off += (uint64_t)w;
		ip->mtime_ns = (int64_t)unik_wallclock_ns();
	}
	return w;
}

static void fill(const struct cow_inode *ip, struct unik_stat *st)
{
	*st = (struct unik_stat){
		.ino = ip->ino, .size = ip->size,
		.blocks = (uint64_t)ip->nblocks * COW_SPB,
		.mtime_ns = ip->mtime_ns, .mode = ip->mode,
		.nlink = cow_is_dir(ip) ? 2 : ip->linked, .blksize = COW_BS};
}

static int c_fstat(void *fs, void *file, struct unik_stat *st)
{
	(void)fs;
	fill(file, st);
	return 0;
}

static int c_stat(void *fs, const char *path, struct unik_stat *st)
{
	struct cow_inode *ip = cow_lookup(fs, path);

	if (!ip)
		return -ENOENT;
	fill(ip, st);
	return 0;
}

static int c_ftruncate(void *fsp, void *file, uint64_t size)
{
	struct cowfs *fs = fsp;
	struct cow_inode *ip = file;
	int rc = changes_ok(fs);

	if (rc == 0 && cow_is_dir(ip))
		rc = -EISDIR;
	if (rc == 0 && (rc = cow_truncate(fs, ip, size)) == 0)
		ip->mtime_ns = (int64_t)unik_wallclock_ns();
	return rc;
}

/* Durability is per filesystem: a commit covers every file. */
static int c_fsync(void *fs, void *file)
{
	(void)file;
	return cow_commit(fs);
}

static int c_sync(void *fs) { return cow_commit(fs); }

static int c_opendir(void *fs, const char *path, void **dirp)
{
	struct cow_inode *ip = cow_lookup(fs, path);
	struct cow_dir *d;

	if (!ip)
		return -ENOENT;
	if (!cow_is_dir(ip))
		return -ENOTDIR;
	if (!(d = calloc(1, sizeof(*d))))
		return -ENOMEM;
	d->ip = ip;
	ip->open++;
	*dirp = d;
	return 0;
}

/* Position by count: a pointer into the list could dangle once the
 * entry it points at is removed between two calls. */
static int c_readdir(void *fs, void *dirp, struct unik_dirent *ent)
{
	struct cow_dir *d = dirp;
	struct cow_inode *c = d->ip->child;

	(void)fs;
	for (uint32_t i = 0; c && i < d->pos; i++)
		c = c->sibling;
	if (!c)
		return 0;
	d->pos++;
	ent->ino = c->ino;
	ent->type = cow_is_dir(c) ? UNIK_DT_DIR : UNIK_DT_REG;
	strcpy(ent->name, c->name); /* checked <= UNIK_VFS_NAME_MAX */
	return 1;
}

static int c_closedir(void *fs, void *dirp)
{
	struct cow_dir *d = dirp;

	closed(fs, d->ip);
	free(d);
	return 0;
}

static int c_mkdir(void *fs, const char *path, uint32_t mode)
{
	struct cow_inode *ip;

	return cow_create(fs, path, UNIK_S_IFDIR | (mode & 07777), &ip);
}

static int c_unlink(void *fs, const char *path)
{
	return cow_remove(fs, path, false);
}

static int c_rmdir(void *fs, const char *path)
{
	return cow_remove(fs, path, true);
}

static int c_rename(void *fs, const char *from, const char *to)
{
	return cow_rename(fs, from, to);
}

static int c_mount(struct unik_blkdev *dev, unsigned flags, void **fs)
{
	return cow_mount(dev, flags, (struct cowfs **)fs);
}

static int c_umount(void *fs) { return cow_umount(fs); }

static const struct unik_fs_ops cowfs_ops = {
	.open = c_open, .close = c_close, .read = c_read, .write = c_write,
	.fstat = c_fstat, .ftruncate = c_ftruncate, .fsync = c_fsync,
	.stat = c_stat, .opendir = c_opendir, .readdir = c_readdir,
	.closedir = c_closedir, .mkdir = c_mkdir, .unlink = c_unlink,
	.rmdir = c_rmdir, .rename = c_rename, .sync = c_sync,
};

const struct unik_fs_type cowfs_type = {
	.name = "cow", .mount = c_mount, .umount = c_umount, .ops = &cowfs_ops};
UNIK_FS_TYPE(cowfs_type);
