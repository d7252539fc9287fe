/* Open files: the position and the access mode live here, the data in the
 * filesystem, reached through its ops with the mount entered. */
#include "vfs_impl.h"

#include <errno.h>
#include <stdlib.h>

static bool wants_write(int flags)
{
	return (flags & UNIK_O_ACCMODE) != UNIK_O_RDONLY ||
	       (flags & (UNIK_O_CREAT | UNIK_O_TRUNC));
}

static int open_check(const struct vfs_mount *m, int flags)
{
	if ((flags & UNIK_O_ACCMODE) == UNIK_O_ACCMODE)
		return -EINVAL;
	if (!VFS_OP(m, open))
		return -ENOSYS;
	if (wants_write(flags) &&
	    ((m->flags & UNIK_MOUNT_RDONLY) || !VFS_OP(m, write)))
		return -EROFS;
	return 0;
}

int unik_vfs_open(const char *path, int flags, uint32_t mode,
                  struct unik_file **out)
{
	char norm[UNIK_VFS_PATH_MAX];
	struct vfs_mount *m;
	const char *rel;
	struct unik_file *f = calloc(1, sizeof(*f));
	int rc;

	if (!f)
		return -ENOMEM;
	rc = vfs_enter_path(path, norm, &m, &rel);
	if (rc < 0) {
		free(f);
		return rc;
	}
	rc = open_check(m, flags);
	if (rc == 0)
		rc = VFS_OP(m, open)(m->fs, rel, flags, mode, &f->h);
	if (rc < 0) {
		vfs_leave(m);
		free(f);
		return rc;
	}
	f->m = m;
	f->flags = flags;
	m->users++; /* the open file's own reference, dropped by close */
	vfs_leave(m);
	*out = f;
	return 0;
}

int unik_vfs_close(struct unik_file *f)
{
	struct vfs_mount *m = f->m;
	int rc = 0;

	vfs_enter(m);
	if (VFS_OP(m, close))
		rc = VFS_OP(m, close)(m->fs, f->h);
	vfs_leave(m);
	m->users--;
	free(f);
	return rc;
}

ssize_t unik_vfs_pread(struct unik_file *f, void *buf, size_t n, uint64_t off)
{
	struct vfs_mount *m = f->m;
	ssize_t rc;

	if ((f->flags & UNIK_O_ACCMODE) == UNIK_O_WRONLY)
		return -EBADF;
	if (!VFS_OP(m, read))
		return -ENOSYS;
	if (n == 0)
		return 0;
	vfs_enter(m);
	rc = VFS_OP(m, read)(m->fs, f->h, buf, n, off);
	vfs_leave(m);
	return rc;
}

static ssize_t do_write(struct unik_file *f, const void *buf, size_t n,
                        uint64_t *off, bool append)
{
	struct vfs_mount *m = f->m;
	ssize_t rc;

	if ((f->flags & UNIK_O_ACCMODE) == UNIK_O_RDONLY)
		return -EBADF;
	if (n == 0)
		return 0;
	vfs_enter(m);
	rc = VFS_OP(m, write)(m->fs, f->h, buf, n, off, append);
	vfs_leave(m);
	return rc;
}

ssize_t unik_vfs_pwrite(struct unik_file *f, const void *buf, size_t n,
                        uint64_t off)
{
	return do_write(f, buf, n, &off, false);
}

ssize_t unik_vfs_read(struct unik_file *f, void *buf, size_t n)
{
	ssize_t rc = unik_vfs_pread(f, buf, n, f->pos);

	if (rc > 0)
		f->pos += (uint64_t)rc;
	return rc;
}

ssize_t unik_vfs_write(struct unik_file *f, const void *buf, size_t n)
{
	/* The filesystem moves the position: with O_APPEND, only it knows
	 * where the end is at the moment of writing. */
	return do_write(f, buf, n, &f->pos, f->flags & UNIK_O_APPEND);
}

int unik_vfs_fstat(struct unik_file *f, struct unik_stat *st)
{
	struct vfs_mount *m = f->m;
	int rc;

	if (!VFS_OP(m, fstat))
		return -ENOSYS;
	vfs_enter(m);
	rc = VFS_OP(m, fstat)(m->fs, f->h, st);
	vfs_leave(m);
	st->dev = vfs_mount_index(m);
	return rc;
}

int64_t unik_vfs_lseek(struct unik_file *f, int64_t off, int whence)
{
	struct unik_stat st;
	int64_t base;
	int rc;

	switch (whence) {
	case 0: base = 0; break;
	case 1: base = (int64_t)f->pos; break;
	case 2:
		rc = unik_vfs_fstat(f, &st);
		if (rc < 0)
			return rc;
		base = (int64_t)st.size;
		break;
	default: return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return off > 0 ? -EOVERFLOW : -EINVAL;
	f->pos = (uint64_t)(base + off);
	return (int64_t)f->pos;
}

int unik_vfs_ftruncate(struct unik_file *f, uint64_t size)
{
	struct vfs_mount *m = f->m;
	int rc;

	if ((f->flags & UNIK_O_ACCMODE) == UNIK_O_RDONLY)
		return -EBADF; /* POSIX: EINVAL or EBADF; Linux says EBADF */
	if (!VFS_OP(m, ftruncate))
		return -EROFS;
	vfs_enter(m);
	rc = VFS_OP(m, ftruncate)(m->fs, f->h, size);
	vfs_leave(m);
	return rc;
}

int unik_vfs_fsync(struct unik_file *f)
{
	struct vfs_mount *m = f->m;
	int rc;

	if (!VFS_OP(m, fsync))
		return 0; /* nothing volatile to make durable (read-only) */
	vfs_enter(m);
	rc = VFS_OP(m, fsync)(m->fs, f->h);
	vfs_leave(m);
	return rc;
}
