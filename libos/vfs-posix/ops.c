/*
 * The POSIX calls over the VFS, for both targets: fd ops (<unik/fd.h>) on
 * the binding's fd table, and path ops. Each returns a count, 0 or -errno;
 * the caller (the libc glue on xen, the wraps on unix) sets errno.
 *
 * Closing an fd while another thread is inside a call on it is the app's
 * race, as in POSIX; here it cannot free the file under that call: the
 * VFS's close waits for the mount's lock, which the other call holds.
 */
#include "vfs_posix.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

struct vp_fdtab vp_fds;

static struct unik_file *file(int fd)
{
	struct vp_fd *s = vp_fd_get(&vp_fds, fd);

	return s ? s->f : NULL;
}

bool vp_fd_open(int fd) { return vp_fd_get(&vp_fds, fd) != NULL; }

bool vp_routes(const char *path)
{
	return path && path[0] == '/' && unik_vfs_owns(path);
}

int vp_open(const char *path, int flags, int mode)
{
	struct unik_file *f;
	int uflags, rc = vp_oflags(flags, &uflags);

	if (rc < 0)
		return rc;
	if (!path)
		return -EFAULT;
	rc = unik_vfs_open(path, uflags, (uint32_t)mode & 07777, &f);
	if (rc < 0)
		return rc;
	rc = vp_fd_alloc(&vp_fds, f, flags);
	if (rc < 0)
		unik_vfs_close(f);
	return rc;
}

static ssize_t fd_read(int fd, void *buf, size_t n)
{
	struct unik_file *f = file(fd);

	return f ? unik_vfs_read(f, buf, n) : -EBADF;
}

/* O_SYNC / O_DSYNC: each write is durable when it returns. (glibc's
 * O_SYNC includes O_DSYNC's bit; newlib's are equal.) */
static ssize_t synced(int fd, ssize_t rc)
{
	struct vp_fd *s = vp_fd_get(&vp_fds, fd);
	int e;

	if (rc <= 0 || !s || !(s->oflags & O_SYNC))
		return rc;
	e = unik_vfs_fsync(s->f);
	return e < 0 ? e : rc;
}

static ssize_t fd_write(int fd, const void *buf, size_t n)
{
	struct unik_file *f = file(fd);

	return f ? synced(fd, unik_vfs_write(f, buf, n)) : -EBADF;
}

static ssize_t fd_pread(int fd, void *buf, size_t n, off_t off)
{
	struct unik_file *f = file(fd);

	if (!f)
		return -EBADF;
	return off < 0 ? -EINVAL : unik_vfs_pread(f, buf, n, (uint64_t)off);
}

static ssize_t fd_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	struct unik_file *f = file(fd);

	if (!f)
		return -EBADF;
	if (off < 0)
		return -EINVAL;
	return synced(fd, unik_vfs_pwrite(f, buf, n, (uint64_t)off));
}

static int fd_close(int fd)
{
	struct unik_file *f = vp_fd_release(&vp_fds, fd);

	return f ? unik_vfs_close(f) : -EBADF;
}

static off_t fd_lseek(int fd, off_t off, int whence)
{
	struct unik_file *f = file(fd);

	if (!f)
		return -EBADF;
	/* SEEK_SET/CUR/END are 0/1/2 in every libc, as in the VFS. */
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return -EINVAL;
	return (off_t)unik_vfs_lseek(f, (int64_t)off, whence);
}

static int fd_fstat(int fd, struct stat *st)
{
	struct unik_file *f = file(fd);
	struct unik_stat u;
	int rc;

	if (!f)
		return -EBADF;
	rc = unik_vfs_fstat(f, &u);
	if (rc == 0)
		vp_stat(st, &u);
	return rc;
}

static int fd_fcntl(int fd, int cmd, int arg)
{
	struct vp_fd *s = vp_fd_get(&vp_fds, fd);

	if (!s)
		return -EBADF;
	switch (cmd) {
	case F_GETFL:
		return s->oflags & (O_ACCMODE | O_APPEND | O_NONBLOCK | O_SYNC);
	case F_SETFL: /* O_NONBLOCK is meaningless for files; O_APPEND fixed */
		if ((arg ^ s->oflags) & O_APPEND)
			return -EINVAL;
		s->oflags = (s->oflags & ~O_NONBLOCK) | (arg & O_NONBLOCK);
		return 0;
	case F_GETFD:
		return FD_CLOEXEC; /* nothing is ever exec'd */
	case F_SETFD:
		return 0;
	default:
		return -EINVAL; /* F_DUPFD & co: no dup() of VFS files */
	}
}

static int fd_fsync(int fd)
{
	struct unik_file *f = file(fd);

	return f ? unik_vfs_fsync(f) : -EBADF;
}

static int fd_ftruncate(int fd, off_t size)
{
	struct unik_file *f = file(fd);

	if (!f)
		return -EBADF;
	return size < 0 ? -EINVAL : unik_vfs_ftruncate(f, (uint64_t)size);
}

const struct unik_fd_ops vp_fd_ops = {
	.name = "vfs",
	.read = fd_read,
	.write = fd_write,
	.close = fd_close,
	.lseek = fd_lseek,
	.fstat = fd_fstat,
	.fcntl = fd_fcntl,
	.pread = fd_pread,
	.pwrite = fd_pwrite,
	.fsync = fd_fsync,
	.ftruncate = fd_ftruncate,
};

/* ---- paths ---------------------------------------------------------------- */

int vp_stat_path(const char *path, struct stat *st)
{
	struct unik_stat u;
	int rc = unik_vfs_stat(path, &u);

	if (rc == 0)
		vp_stat(st, &u);
	return rc;
}

/*
 * Permissions are stored, not enforced (one user), so access() asks what
 * would fail: existence, an execute bit for X_OK, and for W_OK whether the
 * mount takes changes (an open for writing that changes nothing).
 */
int vp_access(const char *path, int amode)
{
	struct unik_stat u;
	struct unik_file *f;
	int rc;

	if (amode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	rc = unik_vfs_stat(path, &u);
	if (rc < 0)
		return rc;
	if ((amode & X_OK) && (u.mode & UNIK_S_IFMT) != UNIK_S_IFDIR &&
	    !(u.mode & 0111))
		return -EACCES;
	if (!(amode & W_OK))
		return 0;
	rc = unik_vfs_open(path, UNIK_O_WRONLY, 0, &f);
	if (rc == 0)
		return unik_vfs_close(f);
	return rc == -EISDIR ? 0 : rc; /* a directory of a writable mount */
}

static int p_mkdir(const char *path, int mode)
{
	return unik_vfs_mkdir(path, (uint32_t)mode & 07777);
}

int vp_sync(void) { return unik_vfs_sync(); }

const struct unik_path_ops vp_path_ops = {
	.open = vp_open,
	.stat = vp_stat_path,
	.unlink = unik_vfs_unlink,
	.mkdir = p_mkdir,
	.rename = unik_vfs_rename,
	.rmdir = unik_vfs_rmdir,
	.access = vp_access,
	.sync = vp_sync,
};
