/* Calls on names (stat, mkdir, unlink, rmdir, rename) and directory
 * listing, routed to the filesystem that owns the path. */
#include "vfs_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int unik_vfs_stat(const char *path, struct unik_stat *st)
{
	char norm[UNIK_VFS_PATH_MAX];
	struct vfs_mount *m;
	const char *rel;
	int rc = vfs_enter_path(path, norm, &m, &rel);

	if (rc < 0)
		return rc;
	rc = VFS_OP(m, stat) ? VFS_OP(m, stat)(m->fs, rel, st) : -ENOSYS;
	st->dev = vfs_mount_index(m);
	vfs_leave(m);
	return rc;
}

enum change { MKDIR, UNLINK, RMDIR };

/* The three one-name changes share their checks. */
static int change(const char *path, enum change what, uint32_t mode)
{
	char norm[UNIK_VFS_PATH_MAX];
	struct vfs_mount *m;
	const char *rel;
	int rc = vfs_enter_path(path, norm, &m, &rel);

	if (rc < 0)
		return rc;
	if (*rel == '\0') /* the mount point itself */
		rc = what == MKDIR ? -EEXIST : what == UNLINK ? -EISDIR : -EBUSY;
	else if (m->flags & UNIK_MOUNT_RDONLY)
		rc = -EROFS;
	else if (what == MKDIR)
		rc = VFS_OP(m, mkdir) ? VFS_OP(m, mkdir)(m->fs, rel, mode) : -EROFS;
	else if (what == UNLINK)
		rc = VFS_OP(m, unlink) ? VFS_OP(m, unlink)(m->fs, rel) : -EROFS;
	else
		rc = VFS_OP(m, rmdir) ? VFS_OP(m, rmdir)(m->fs, rel) : -EROFS;
	vfs_leave(m);
	return rc;
}

int unik_vfs_mkdir(const char *path, uint32_t mode)
{
	return change(path, MKDIR, mode);
}

int unik_vfs_unlink(const char *path) { return change(path, UNLINK, 0); }
int unik_vfs_rmdir(const char *path) { return change(path, RMDIR, 0); }

int unik_vfs_rename(const char *from, const char *to)
{
	char nfrom[UNIK_VFS_PATH_MAX], nto[UNIK_VFS_PATH_MAX];
	struct vfs_mount *m, *m2;
	const char *rfrom, *rto;
	int rc = vfs_enter_path(to, nto, &m2, &rto);

	if (rc < 0)
		return rc;
	vfs_leave(m2); /* only to learn the owner of `to` */
	rc = vfs_enter_path(from, nfrom, &m, &rfrom);
	if (rc < 0)
		return rc;
	if (m != m2)
		rc = -EXDEV;
	else if (*rfrom == '\0' || *rto == '\0')
		rc = -EBUSY;
	else if (m->flags & UNIK_MOUNT_RDONLY || !VFS_OP(m, rename))
		rc = -EROFS;
	else
		rc = VFS_OP(m, rename)(m->fs, rfrom, rto);
	vfs_leave(m);
	return rc;
}

int unik_vfs_opendir(const char *path, struct unik_dir **out)
{
	char norm[UNIK_VFS_PATH_MAX];
	struct unik_dir *d = calloc(1, sizeof(*d));
	struct vfs_mount *m;
	const char *rel;
	int rc;

	if (!d)
		return -ENOMEM;
	rc = vfs_enter_path(path, norm, &m, &rel);
	if (rc < 0) {
		free(d);
		return rc;
	}
	rc = VFS_OP(m, opendir) ? VFS_OP(m, opendir)(m->fs, rel, &d->h) : -ENOSYS;
	if (rc < 0) {
		vfs_leave(m);
		free(d);
		return rc;
	}
	d->m = m;
	m->users++; /* the open directory's reference */
	vfs_leave(m);
	*out = d;
	return 0;
}

int unik_vfs_readdir(struct unik_dir *d, struct unik_dirent *ent)
{
	struct vfs_mount *m = d->m;
	int rc;

	vfs_enter(m);
	rc = VFS_OP(m, readdir)(m->fs, d->h, ent);
	vfs_leave(m);
	return rc;
}

int unik_vfs_closedir(struct unik_dir *d)
{
	struct vfs_mount *m = d->m;
	int rc = 0;

	vfs_enter(m);
	if (VFS_OP(m, closedir))
		rc = VFS_OP(m, closedir)(m->fs, d->h);
	vfs_leave(m);
	m->users--;
	free(d);
	return rc;
}
