/* Changes to names: create, mkdir, unlink, rmdir, rename. Each only
 * edits the tree in memory; the next commit makes it durable, whole. */
#include "cow.h"

#include <unik/thread.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define COW_MAX_INODES (1u << 20)

static int writable(const struct cowfs *fs)
{
	return fs->failed ? -EIO : fs->rdonly ? -EROFS : 0;
}

int cow_create(struct cowfs *fs, const char *path, uint32_t mode,
               struct cow_inode **out)
{
	struct cow_inode *dir, *ip;
	const char *leaf;
	int rc = writable(fs);

	if (rc == 0)
		rc = cow_lookup_parent(fs, path, &dir, &leaf);
	if (rc < 0)
		return rc;
	if (cow_child(dir, leaf, strlen(leaf)))
		return -EEXIST;
	if (fs->next_ino == UINT32_MAX || fs->ninodes >= COW_MAX_INODES ||
	    !cow_room(fs, 0))
		return -ENOSPC;
	ip = cow_inode_new(fs, fs->next_ino, mode);
	if (!ip || !(ip->name = strdup(leaf))) {
		if (ip)
			cow_inode_free(fs, ip);
		return -ENOMEM;
	}
	fs->next_ino++;
	ip->mtime_ns = (int64_t)unik_wallclock_ns();
	cow_link(dir, ip);
	fs->dirty = true;
	*out = ip;
	return 0;
}

/* Out of the tree; freed now unless open (then at the last close). */
static void drop(struct cowfs *fs, struct cow_inode *ip)
{
	cow_unlink_from(ip);
	if (ip->open == 0)
		cow_inode_free(fs, ip);
	fs->dirty = true;
}

int cow_remove(struct cowfs *fs, const char *path, bool dir)
{
	struct cow_inode *ip = cow_lookup(fs, path);
	int rc = writable(fs);

	if (rc < 0)
		return rc;
	if (!ip)
		return -ENOENT;
	if (ip == fs->root)
		return -EBUSY;
	if (cow_is_dir(ip) != dir)
		return dir ? -ENOTDIR : -EISDIR;
	if (dir && ip->child)
		return -ENOTEMPTY;
	drop(fs, ip);
	return 0;
}

/* May src replace t? */
static int replaceable(const struct cow_inode *src, const struct cow_inode *t)
{
	if (cow_is_dir(src) != cow_is_dir(t))
		return cow_is_dir(src) ? -ENOTDIR : -EISDIR;
	return cow_is_dir(t) && t->child ? -ENOTEMPTY : 0;
}

int cow_rename(struct cowfs *fs, const char *from, const char *to)
{
	struct cow_inode *src = cow_lookup(fs, from), *dir, *t;
	const char *leaf;
	char *name;
	int rc = writable(fs);

	if (rc < 0)
		return rc;
	if (!src)
		return -ENOENT;
	if (src == fs->root)
		return -EBUSY;
	rc = cow_lookup_parent(fs, to, &dir, &leaf);
	if (rc < 0)
		return rc;
	for (struct cow_inode *p = dir; p; p = p->parent)
		if (p == src)
			return -EINVAL; /* a directory into itself */
	t = cow_child(dir, leaf, strlen(leaf));
	if (t == src)
		return 0;
	if (t && (rc = replaceable(src, t)) < 0)
		return rc;
	if (!(name = strdup(leaf)))
		return -ENOMEM;
	if (t)
		drop(fs, t);
	cow_unlink_from(src);
	free(src->name);
	src->name = name;
	cow_link(dir, src);
	fs->dirty = true;
	return 0;
}
