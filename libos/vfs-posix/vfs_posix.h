/*
 * Internals of vfs-posix, the POSIX binding of the VFS (docs/STORAGE.md,
 * "The POSIX binding"). The same files serve both targets: ops.c and
 * dir.c speak the target libc's types (newlib's on xen, glibc's on unix)
 * and return -errno; xen.c plugs them into the libc glue's tables
 * (<unik/fd.h>), unix_*.c into -Wl,--wrap functions.
 */
#ifndef UNIK_VFS_POSIX_H
#define UNIK_VFS_POSIX_H

#include <unik/fd.h>
#include <unik/vfs.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

/* ---- fd table (fdtab.c, portable) -------------------------------------- */

/* Files at most, the size of xen's range 3..511 (unix uses 256 of them). */
#define VP_FDS_MAX 509

struct vp_fd {
	struct unik_file *f; /* NULL: free */
	int oflags;          /* the app's open() flags, for fcntl(F_GETFL) */
};

struct vp_fdtab {
	int lo, count; /* fds lo .. lo+count-1 */
	struct vp_fd slot[VP_FDS_MAX];
};

/* Empty table for fds lo .. lo+count-1 (count <= VP_FDS_MAX). */
void vp_fd_init(struct vp_fdtab *t, int lo, int count);
/* The lowest free fd now holding f, or -EMFILE. */
int vp_fd_alloc(struct vp_fdtab *t, struct unik_file *f, int oflags);
/* The open fd's entry, or NULL (out of the range, or not open). */
struct vp_fd *vp_fd_get(struct vp_fdtab *t, int fd);
/* Free fd and return what it held (NULL if it was not open). */
struct unik_file *vp_fd_release(struct vp_fdtab *t, int fd);

/* ---- conversions (conv.c, portable) ------------------------------------ */

/*
 * open() flags to UNIK_O_*. O_NOFOLLOW (there are no links), O_NONBLOCK
 * (files do not block), O_CLOEXEC, O_NOCTTY, O_SYNC/O_DSYNC (ops.c
 * fsyncs after each write) are accepted. 0, -EINVAL (bad access mode) or
 * -EOPNOTSUPP (O_TMPFILE, O_PATH).
 */
int vp_oflags(int flags, int *uflags);
/* Device numbers of mounts, away from the host's small ones. */
#define VP_ST_DEV_BASE 0x756e0000u /* "un" */
void vp_stat(struct stat *st, const struct unik_stat *u);
/* A directory entry: the name is truncated to fit d_name. */
void vp_dirent(struct dirent *d, uint64_t ino, unsigned char dtype,
               const char *name);
unsigned char vp_dtype(uint8_t unik_type); /* UNIK_DT_* -> DT_* */

/* ---- the calls (ops.c): fd ops, path ops, all -errno ------------------- */

extern struct vp_fdtab vp_fds;
extern const struct unik_fd_ops vp_fd_ops;
extern const struct unik_path_ops vp_path_ops;

int vp_open(const char *path, int flags, int mode);
int vp_stat_path(const char *path, struct stat *st);
int vp_access(const char *path, int amode);
int vp_sync(void);
/* Is fd one of the binding's open files? */
bool vp_fd_open(int fd);
/*
 * unix: does this path go to the VFS rather than the host? Absolute and
 * below a mount point (unik_vfs_owns: "/www/../etc" too, so that the VFS
 * refuses it); relative paths stay the host's, whose cwd they use.
 */
bool vp_routes(const char *path);

/* ---- directory streams (dir.c): "." and ".." first, then the VFS's ---- */

struct unik_dirstream;
int vp_opendir(const char *path, struct unik_dirstream **out);
/* 1 and *out (valid until the next call on d), 0 at the end, or -errno. */
int vp_readdir(struct unik_dirstream *d, struct dirent **out);
int vp_rewinddir(struct unik_dirstream *d);
int vp_closedir(struct unik_dirstream *d);
/* Was d returned by vp_opendir and not closed yet? */
bool vp_dir_is(const void *d);

/* ---- mounts from the run-time config (mountspec.c portable, mounts.c) -- */

#define VP_MOUNT_RO 0x1
#define VP_MOUNT_FORMAT 0x2

struct vp_mount_ent {
	char path[UNIK_VFS_PATH_MAX];
	char type[16];
	unsigned disk;
	unsigned opts; /* VP_MOUNT_* */
};

/*
 * The next entry of a mount list ("/www:tar:0 /data:cow:1:format",
 * entries separated by blanks or commas) from *cursor, which advances.
 * 1 and *e filled; 0 at the end; -EINVAL for a bad entry (skipped: the
 * caller may go on), its text in bad[cap].
 */
int vp_mount_next(const char **cursor, struct vp_mount_ent *e, char *bad,
                  size_t cap);

#endif
