/*
 * The virtual filesystem (library `vfs`): a mount table mapping path
 * prefixes to filesystem instances, and file and directory operations
 * routed to the filesystem that owns a path. docs/STORAGE.md.
 *
 * Conventions:
 * - Every call returns 0 (or a count) or -errno. Thread context only: a
 *   call may block while the filesystem does I/O.
 * - Paths are absolute ("/www/index.html"); there is no current directory
 *   (a POSIX binding keeps one and prefixes it). "//" and "." collapse,
 *   ".." goes up one level lexically, but never above "/" nor out of a
 *   mounted filesystem through its mount point: -EACCES. A trailing "/"
 *   is ignored. At most UNIK_VFS_PATH_MAX bytes, components at most
 *   UNIK_VFS_NAME_MAX: -ENAMETOOLONG.
 * - Flags, modes and stat fields are unik's own values (below), the same
 *   on every target: a libc binding translates its O_* and struct stat.
 * - Calls into one mounted filesystem are serialised (one at a time, in
 *   the order threads arrive), so filesystems need no locking of their
 *   own; different mounts proceed independently.
 * - Permissions are stored but not enforced: an image has one user.
 */
#ifndef UNIK_VFS_H
#define UNIK_VFS_H

#include <unik/blk.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define UNIK_VFS_PATH_MAX 1024 /* bytes, NUL included */
#define UNIK_VFS_NAME_MAX 255
#define UNIK_VFS_MOUNTS 8
/* Largest count one read or write moves: it must fit in an ssize_t
 * (newlib has no SSIZE_MAX). */
#define UNIK_VFS_IO_MAX (SIZE_MAX >> 1)

/* open() flags */
#define UNIK_O_RDONLY 0x0
#define UNIK_O_WRONLY 0x1
#define UNIK_O_RDWR 0x2
#define UNIK_O_ACCMODE 0x3
#define UNIK_O_CREAT 0x100
#define UNIK_O_EXCL 0x200
#define UNIK_O_TRUNC 0x400
#define UNIK_O_APPEND 0x800
#define UNIK_O_DIRECTORY 0x1000 /* fail with -ENOTDIR unless a directory */

/* mode: file type and permission bits, with POSIX's values */
#define UNIK_S_IFMT 0170000u
#define UNIK_S_IFDIR 0040000u
#define UNIK_S_IFREG 0100000u

/* mount() flags */
#define UNIK_MOUNT_RDONLY 0x1 /* refuse every change with -EROFS */
/* Create an empty filesystem if the device holds none of this type. A
 * device that holds a damaged one is never overwritten: -EINVAL. */
#define UNIK_MOUNT_FORMAT 0x2

struct unik_stat {
	uint64_t ino;
	uint64_t size;     /* bytes */
	uint64_t blocks;   /* 512-byte units allocated */
	int64_t mtime_ns;  /* since the Unix epoch */
	uint32_t mode;     /* UNIK_S_IF* | permissions */
	uint32_t nlink;
	uint32_t blksize;  /* preferred I/O size */
	uint32_t dev;      /* mount number, filled by the VFS */
};

enum unik_dirent_type { UNIK_DT_REG = 1, UNIK_DT_DIR = 2 };

struct unik_dirent {
	uint64_t ino;
	uint8_t type;     /* enum unik_dirent_type */
	char name[UNIK_VFS_NAME_MAX + 1];
};

struct unik_file; /* an open file: position, flags, the filesystem's handle */
struct unik_dir;  /* an open directory */

/* ---- mounting ---------------------------------------------------------- */

/*
 * Mount a filesystem of `type` ("tar", "cow") held by dev at path. The
 * path need not exist in an enclosing filesystem. -ENODEV: no such type;
 * -EBUSY: path already a mount point or dev already mounted; -ENOSPC: the
 * table is full; the type's own errors (-EINVAL for a damaged image, with
 * a console line saying what and where).
 */
int unik_vfs_mount(const char *path, const char *type,
                   struct unik_blkdev *dev, unsigned flags);
/* Commit and detach; -EINVAL: not a mount point; -EBUSY: files open. */
int unik_vfs_umount(const char *path);
/*
 * Is path (as a libc call would pass it) inside a mounted filesystem?
 * For a POSIX binding on unix, which sends such paths to the VFS and
 * every other path to the host (docs/STORAGE.md). A path the VFS would
 * refuse (-EACCES, -ENAMETOOLONG) counts as inside when it starts below
 * a mount point, so that the refusal, not the host, answers it.
 */
bool unik_vfs_owns(const char *path);

/* ---- files --------------------------------------------------------------- */

int unik_vfs_open(const char *path, int flags, uint32_t mode,
                  struct unik_file **out);
int unik_vfs_close(struct unik_file *f);
/* Read/write at the file position and advance it; return bytes or -errno.
 * With UNIK_O_APPEND every write goes to the end, atomically. */
ssize_t unik_vfs_read(struct unik_file *f, void *buf, size_t n);
ssize_t unik_vfs_write(struct unik_file *f, const void *buf, size_t n);
/* At an offset; the file position is neither used nor changed. */
ssize_t unik_vfs_pread(struct unik_file *f, void *buf, size_t n, uint64_t off);
ssize_t unik_vfs_pwrite(struct unik_file *f, const void *buf, size_t n,
                        uint64_t off);
/* whence: 0 SEEK_SET, 1 SEEK_CUR, 2 SEEK_END; the new position or -errno. */
int64_t unik_vfs_lseek(struct unik_file *f, int64_t off, int whence);
int unik_vfs_fstat(struct unik_file *f, struct unik_stat *st);
int unik_vfs_ftruncate(struct unik_file *f, uint64_t size);
/* Make the file durable. Filesystems may commit more than this file. */
int unik_vfs_fsync(struct unik_file *f);

/* ---- names ---------------------------------------------------------------- */

int unik_vfs_stat(const char *path, struct unik_stat *st);
int unik_vfs_mkdir(const char *path, uint32_t mode);
int unik_vfs_unlink(const char *path);  /* files only: -EISDIR */
int unik_vfs_rmdir(const char *path);   /* empty directories: -ENOTEMPTY */
/* Atomic replacement of an existing target; -EXDEV across mounts. */
int unik_vfs_rename(const char *from, const char *to);
/* Commit every mounted filesystem; the first error, or 0. */
int unik_vfs_sync(void);

/* Directories list their entries without "." and "..", in no set order. */
int unik_vfs_opendir(const char *path, struct unik_dir **out);
/* 1 and *ent filled, 0 at the end, or -errno. */
int unik_vfs_readdir(struct unik_dir *d, struct unik_dirent *ent);
int unik_vfs_closedir(struct unik_dir *d);

/* ---- for filesystem implementations ------------------------------------- */

/*
 * Paths given to these are relative to the mount point, normalised, with
 * no leading "/": "" is the filesystem's root, "a/b" a name below it.
 * `fs` is what the type's mount() returned; `file`/`dir` what open() /
 * opendir() returned. Optional operations may be NULL: a NULL change
 * (write, mkdir, ...) gives -EROFS, another NULL -ENOSYS. The VFS checks
 * open flags against the mount's RDONLY flag before calling open.
 */
struct unik_fs_ops {
	int (*open)(void *fs, const char *path, int flags, uint32_t mode,
	            void **file);
	int (*close)(void *fs, void *file);
	ssize_t (*read)(void *fs, void *file, void *buf, size_t n, uint64_t off);
	/* Write at *off, or at the end when append (then *off is set to the
	 * end first); on return *off is past the last byte written. */
	ssize_t (*write)(void *fs, void *file, const void *buf, size_t n,
	                 uint64_t *off, bool append);
	int (*fstat)(void *fs, void *file, struct unik_stat *st);
	int (*ftruncate)(void *fs, void *file, uint64_t size);
	int (*fsync)(void *fs, void *file);
	int (*stat)(void *fs, const char *path, struct unik_stat *st);
	int (*opendir)(void *fs, const char *path, void **dir);
	int (*readdir)(void *fs, void *dir, struct unik_dirent *ent);
	int (*closedir)(void *fs, void *dir);
	int (*mkdir)(void *fs, const char *path, uint32_t mode);
	int (*unlink)(void *fs, const char *path);
	int (*rmdir)(void *fs, const char *path);
	int (*rename)(void *fs, const char *from, const char *to);
	int (*sync)(void *fs);
};

struct unik_fs_type {
	const char *name;
	/* Check and load the filesystem on dev; *fs is the instance. */
	int (*mount)(struct unik_blkdev *dev, unsigned flags, void **fs);
	/* Commit (unless mounted read-only) and free the instance. Called
	 * with no file or directory open. Frees the instance even on error. */
	int (*umount)(void *fs);
	const struct unik_fs_ops *ops;
};

/* Register a filesystem type through a linker section (like UNIK_INIT). */
#define UNIK_FS_TYPE(var)                                                      \
	static const struct unik_fs_type *const unik_fstype_##var              \
		__attribute__((used, section("unik_fstype"), aligned(8))) = &var

#endif
