/* Internals shared by the files of libos/vfs. */
#ifndef VFS_IMPL_H
#define VFS_IMPL_H

#include <unik/thread.h>
#include <unik/vfs.h>

struct vfs_mount {
	bool used, dying;          /* slot taken; umount in progress */
	char path[UNIK_VFS_PATH_MAX]; /* normalised: "/" or "/a/b" */
	size_t len;
	const struct unik_fs_type *type;
	void *fs;
	struct unik_blkdev *dev;
	unsigned flags;
	unsigned users;            /* open files and dirs, calls in progress */
	bool busy;                 /* a call is inside the filesystem */
	struct unik_waitq wq;      /* callers waiting for busy to clear */
};

struct unik_file {
	struct vfs_mount *m;
	void *h;                   /* the filesystem's handle */
	uint64_t pos;
	int flags;
};

struct unik_dir {
	struct vfs_mount *m;
	void *h;
};

/*
 * Normalise `in` into out (cap bytes): "/" or "/a/b". barrier(p, len)
 * tells whether the prefix p[0..len) is a mount point that ".." may not
 * leave; NULL: none. 0 or -ENOENT (empty), -ENAMETOOLONG, -EACCES.
 */
int vfs_path_normalize(const char *in, char *out, size_t cap,
                       bool (*barrier)(const char *p, size_t len));

/*
 * Normalise path into norm (UNIK_VFS_PATH_MAX bytes), find the mount that
 * owns it, enter it (take a reference and the mount's lock) and point
 * *rel at the path below the mount point. 0, or -errno with nothing held.
 */
int vfs_enter_path(const char *path, char *norm, struct vfs_mount **m,
                   const char **rel);
uint32_t vfs_mount_index(const struct vfs_mount *m);
void vfs_enter(struct vfs_mount *m); /* reference + lock */
void vfs_leave(struct vfs_mount *m); /* unlock + drop the reference */

/* A NULL optional operation: -EROFS for a change, -ENOSYS otherwise. */
#define VFS_OP(m, op) ((m)->type->ops->op)

#endif
