/*
 * Inodes and the tree of names: each directory keeps a list of its
 * children. Lookups walk the lists (linear per directory: this is a small
 * filesystem; docs/STORAGE.md gives the sizes it is meant for).
 */
#include "cow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool cow_is_dir(const struct cow_inode *ip)
{
	return (ip->mode & UNIK_S_IFMT) == UNIK_S_IFDIR;
}

struct cow_inode *cow_inode_new(struct cowfs *fs, uint32_t ino, uint32_t mode)
{
	struct cow_inode *ip = calloc(1, sizeof(*ip));

	if (!ip)
		return NULL;
	ip->ino = ino;
	ip->mode = mode;
	fs->ninodes++;
	return ip;
}

/* Free an inode that is out of the tree, and give back its blocks. */
void cow_inode_free(struct cowfs *fs, struct cow_inode *ip)
{
	for (uint32_t i = 0; i < ip->nblocks; i++)
		cow_release(fs, ip->map[i]);
	fs->ninodes--;
	free(ip->map);
	free(ip->name);
	free(ip);
}

void cow_link(struct cow_inode *dir, struct cow_inode *ip)
{
	ip->parent = dir;
	ip->sibling = dir->child;
	dir->child = ip;
	ip->linked = true;
}

void cow_unlink_from(struct cow_inode *ip)
{
	struct cow_inode **p = &ip->parent->child;

	while (*p != ip)
		p = &(*p)->sibling;
	*p = ip->sibling;
	ip->sibling = NULL;
	ip->parent = NULL;
	ip->linked = false;
}

struct cow_inode *cow_child(struct cow_inode *dir, const char *name, size_t n)
{
	for (struct cow_inode *c = dir->child; c; c = c->sibling)
		if (strlen(c->name) == n && memcmp(c->name, name, n) == 0)
			return c;
	return NULL;
}

/* path: normalised by the VFS ("" or "a/b"), never "." or "..". */
struct cow_inode *cow_lookup(struct cowfs *fs, const char *path)
{
	struct cow_inode *ip = fs->root;

	while (*path && ip) {
		const char *end = strchr(path, '/');
		size_t n = end ? (size_t)(end - path) : strlen(path);

		ip = cow_is_dir(ip) ? cow_child(ip, path, n) : NULL;
		path += n + (end != NULL);
	}
	return ip;
}

int cow_lookup_parent(struct cowfs *fs, const char *path,
                      struct cow_inode **dir, const char **leaf)
{
	const char *slash = strrchr(path, '/');
	char parent[UNIK_VFS_PATH_MAX];

	if (*path == '\0')
		return -EBUSY; /* the root has no parent to change */
	*leaf = slash ? slash + 1 : path;
	if (!slash) {
		*dir = fs->root;
		return 0;
	}
	if ((size_t)(slash - path) >= sizeof(parent))
		return -ENAMETOOLONG;
	memcpy(parent, path, (size_t)(slash - path));
	parent[slash - path] = '\0';
	*dir = cow_lookup(fs, parent);
	if (!*dir)
		return -ENOENT;
	return cow_is_dir(*dir) ? 0 : -ENOTDIR;
}

struct cow_inode *cow_next(struct cow_inode *ip)
{
	if (ip->child)
		return ip->child;
	while (ip && !ip->sibling)
		ip = ip->parent;
	return ip ? ip->sibling : NULL;
}

void cow_tree_free(struct cowfs *fs)
{
	struct cow_inode *ip = fs->root;

	/* Postorder without a stack: always free a leaf. */
	while (ip) {
		struct cow_inode *parent = ip->parent;

		if (ip->child) {
			ip = ip->child;
			continue;
		}
		if (parent)
			cow_unlink_from(ip);
		free(ip->map);
		free(ip->name);
		free(ip);
		fs->ninodes--;
		ip = parent;
	}
	fs->root = NULL;
}
