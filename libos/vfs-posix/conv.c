/* The target libc's values and layouts from unik's own (<unik/vfs.h>):
 * open() flags, struct stat, struct dirent. Portable: the unit tests run
 * it against glibc's headers; on xen it compiles against newlib's. */
#define _GNU_SOURCE /* glibc: O_TMPFILE, O_PATH (refused) */
#include "vfs_posix.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

int vp_oflags(int flags, int *uflags)
{
	int u;

	switch (flags & O_ACCMODE) {
	case O_RDONLY: u = UNIK_O_RDONLY; break;
	case O_WRONLY: u = UNIK_O_WRONLY; break;
	case O_RDWR: u = UNIK_O_RDWR; break;
	default: return -EINVAL;
	}
#ifdef O_TMPFILE /* glibc defines it only for _GNU_SOURCE */
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return -EOPNOTSUPP;
#endif
#ifdef O_PATH
	if (flags & O_PATH)
		return -EOPNOTSUPP;
#endif
	if (flags & O_CREAT)
		u |= UNIK_O_CREAT;
	if (flags & O_EXCL)
		u |= UNIK_O_EXCL;
	if (flags & O_TRUNC)
		u |= UNIK_O_TRUNC;
	if (flags & O_APPEND)
		u |= UNIK_O_APPEND;
	if (flags & O_DIRECTORY)
		u |= UNIK_O_DIRECTORY;
	*uflags = u;
	return 0;
}

static struct timespec ts(int64_t ns)
{
	int64_t s = ns / 1000000000, r = ns % 1000000000;

	if (r < 0) { /* before 1970: floor, with a positive remainder */
		s--;
		r += 1000000000;
	}
	return (struct timespec){.tv_sec = (time_t)s, .tv_nsec = (long)r};
}

void vp_stat(struct stat *st, const struct unik_stat *u)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = VP_ST_DEV_BASE + u->dev;
	st->st_ino = (ino_t)u->ino;
	/* File types and permission bits have POSIX's values on both sides. */
	st->st_mode = (mode_t)u->mode;
	st->st_nlink = u->nlink ? u->nlink : 1;
	st->st_size = (off_t)u->size;
	st->st_blksize = u->blksize ? u->blksize : 4096;
	st->st_blocks = (blkcnt_t)u->blocks;
	st->st_atim = st->st_mtim = st->st_ctim = ts(u->mtime_ns);
}

unsigned char vp_dtype(uint8_t unik_type)
{
	switch (unik_type) {
	case UNIK_DT_REG: return DT_REG;
	case UNIK_DT_DIR: return DT_DIR;
	default: return DT_UNKNOWN;
	}
}

void vp_dirent(struct dirent *d, uint64_t ino, unsigned char dtype,
               const char *name)
{
	size_t n = strnlen(name, sizeof(d->d_name) - 1);

	memset(d, 0, offsetof(struct dirent, d_name));
	d->d_ino = (ino_t)ino;
	d->d_type = dtype;
	d->d_reclen = (unsigned short)(offsetof(struct dirent, d_name) + n + 1);
	memcpy(d->d_name, name, n);
	d->d_name[n] = '\0';
}
