#include "fake_fs.h"

#include <unik/thread.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct fakefs *fake_last_mounted;

static struct fake_file *find(struct fakefs *fs, const char *name)
{
	strncpy(fs->last, name, sizeof(fs->last) - 1);
	if (*name == '\0') {
		static struct fake_file root = {.used = true, .dir = true};
		return &root;
	}
	for (int i = 0; i < FAKE_FILES; i++)
		if (fs->files[i].used && strcmp(fs->files[i].name, name) == 0)
			return &fs->files[i];
	return NULL;
}

static struct fake_file *add(struct fakefs *fs, const char *name, bool dir)
{
	for (int i = 0; i < FAKE_FILES; i++) {
		if (!fs->files[i].used) {
			struct fake_file *f = &fs->files[i];

			*f = (struct fake_file){.used = true, .dir = dir};
			strncpy(f->name, name, sizeof(f->name) - 1);
			return f;
		}
	}
	return NULL;
}

static int f_mount(struct unik_blkdev *dev, unsigned flags, void **fs)
{
	struct fakefs *f = calloc(1, sizeof(*f));

	(void)dev;
	(void)flags;
	add(f, "hello", false)->size = 5;
	memcpy(f->files[0].data, "world", 5);
	add(f, "slow", false)->size = 4;
	add(f, "sub", true);
	*fs = fake_last_mounted = f;
	return 0;
}

static int f_umount(void *fs)
{
	((struct fakefs *)fs)->umounts++;
	return 0; /* not freed: the tests look at it afterwards */
}

static int f_open(void *fs, const char *path, int flags, uint32_t mode,
                  void **file)
{
	struct fake_file *f = find(fs, path);

	(void)mode;
	if (!f && (flags & UNIK_O_CREAT))
		f = add(fs, path, false);
	else if (f && (flags & UNIK_O_CREAT) && (flags & UNIK_O_EXCL))
		return -EEXIST;
	if (!f)
		return -ENOENT;
	if (flags & UNIK_O_TRUNC)
		f->size = 0;
	f->open++;
	*file = f;
	return 0;
}

static int f_close(void *fs, void *file)
{
	(void)fs;
	((struct fake_file *)file)->open--;
	return 0;
}

static ssize_t f_read(void *fs, void *file, void *buf, size_t n, uint64_t off)
{
	struct fakefs *ffs = fs;
	struct fake_file *f = file;

	if (++ffs->inside > ffs->max_inside)
		ffs->max_inside = ffs->inside;
	if (strcmp(f->name, "slow") == 0)
		unik_sleep_ms(10); /* another thread may try to get in now */
	ffs->inside--;
	if (off >= f->size)
		return 0;
	if (n > f->size - off)
		n = f->size - off;
	memcpy(buf, f->data + off, n);
	return (ssize_t)n;
}

static ssize_t f_write(void *fs, void *file, const void *buf, size_t n,
                       uint64_t *off, bool append)
{
	struct fake_file *f = file;

	(void)fs;
	if (append)
		*off = f->size;
	if (*off + n > sizeof(f->data))
		return -EFBIG;
	memcpy(f->data + *off, buf, n);
	*off += n;
	if (*off > f->size)
		f->size = *off;
	return (ssize_t)n;
}

static int f_stat(void *fs, const char *path, struct unik_stat *st)
{
	struct fake_file *f = find(fs, path);

	if (!f)
		return -ENOENT;
	*st = (struct unik_stat){.size = f->size,
	                         .mode = f->dir ? UNIK_S_IFDIR : UNIK_S_IFREG};
	return 0;
}

static int f_fstat(void *fs, void *file, struct unik_stat *st)
{
	return f_stat(fs, ((struct fake_file *)file)->name, st);
}

static int f_mkdir(void *fs, const char *path, uint32_t mode)
{
	(void)mode;
	if (find(fs, path))
		return -EEXIST;
	return add(fs, path, true) ? 0 : -ENOSPC;
}

static int f_unlink(void *fs, const char *path)
{
	struct fake_file *f = find(fs, path);

	if (!f)
		return -ENOENT;
	f->used = false;
	return 0;
}

static int f_rename(void *fs, const char *from, const char *to)
{
	struct fake_file *f = find(fs, from), *t = find(fs, to);

	if (!f)
		return -ENOENT;
	if (t)
		t->used = false;
	strncpy(f->name, to, sizeof(f->name) - 1);
	return 0;
}

static int f_sync(void *fs)
{
	((struct fakefs *)fs)->syncs++;
	return 0;
}

static int f_opendir(void *fs, const char *path, void **dir)
{
	struct fake_file *f = find(fs, path);
	int *pos = calloc(1, sizeof(int));

	if (!f || !f->dir) {
		free(pos);
		return f ? -ENOTDIR : -ENOENT;
	}
	*dir = pos;
	return 0;
}

static int f_readdir(void *fs, void *dir, struct unik_dirent *ent)
{
	struct fakefs *ffs = fs;
	int *pos = dir;

	for (; *pos < FAKE_FILES; (*pos)++) {
		struct fake_file *f = &ffs->files[*pos];

		if (f->used && !strchr(f->name, '/')) {
			strcpy(ent->name, f->name);
			ent->type = f->dir ? UNIK_DT_DIR : UNIK_DT_REG;
			(*pos)++;
			return 1;
		}
	}
	return 0;
}

static int f_closedir(void *fs, void *dir)
{
	(void)fs;
	free(dir);
	return 0;
}

static const struct unik_fs_ops fake_ops = {
	.open = f_open, .close = f_close, .read = f_read, .write = f_write,
	.fstat = f_fstat, .stat = f_stat, .mkdir = f_mkdir, .unlink = f_unlink,
	.rename = f_rename, .sync = f_sync, .opendir = f_opendir,
	.readdir = f_readdir, .closedir = f_closedir,
};
static const struct unik_fs_ops fakero_ops = {
	.open = f_open, .close = f_close, .read = f_read, .fstat = f_fstat,
	.stat = f_stat,
};
static const struct unik_fs_type fake_type = {
	.name = "fake", .mount = f_mount, .umount = f_umount, .ops = &fake_ops};
static const struct unik_fs_type fakero_type = {
	.name = "fakero", .mount = f_mount, .umount = f_umount,
	.ops = &fakero_ops};
UNIK_FS_TYPE(fake_type);
UNIK_FS_TYPE(fakero_type);
