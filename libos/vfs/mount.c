/*
 * The mount table, the per-mount lock and path resolution.
 *
 * The lock: a call into a filesystem may block in block I/O, and another
 * thread could then enter the same filesystem half-way through an update
 * of its in-memory state. Serialising the calls per mount keeps every
 * filesystem free of locking. A mount's `users` count (open files, dirs,
 * calls in progress, waiters included) keeps umount from freeing a mount
 * a sleeping thread still points at.
 */
#include "vfs_impl.h"

#include <unik/unik.h>

#include <errno.h>
#include <string.h>

static struct vfs_mount mounts[UNIK_VFS_MOUNTS];

/* Weak: an image with no filesystem type linked has no such section. */
extern const struct unik_fs_type *const __start_unik_fstype[]
	__attribute__((weak));
extern const struct unik_fs_type *const __stop_unik_fstype[]
	__attribute__((weak));

static const struct unik_fs_type *find_type(const char *name)
{
	for (const struct unik_fs_type *const *t = __start_unik_fstype;
	     t < __stop_unik_fstype; t++)
		if (strcmp((*t)->name, name) == 0)
			return *t;
	return NULL;
}

uint32_t vfs_mount_index(const struct vfs_mount *m)
{
	return (uint32_t)(m - mounts);
}

void vfs_enter(struct vfs_mount *m)
{
	m->users++;
	while (m->busy)
		unik_waitq_wait(&m->wq, UNIK_FOREVER);
	m->busy = true;
}

void vfs_leave(struct vfs_mount *m)
{
	m->busy = false;
	unik_waitq_wake_one(&m->wq);
	m->users--;
}

static bool is_mount_point(const char *p, size_t len)
{
	for (int i = 0; i < UNIK_VFS_MOUNTS; i++)
		if (mounts[i].used && mounts[i].len == len &&
		    memcmp(mounts[i].path, p, len) == 0)
			return true;
	return false;
}

/* The longest mount path that is a prefix of norm on a '/' boundary. */
static struct vfs_mount *owner(const char *norm, const char **rel)
{
	struct vfs_mount *best = NULL;

	for (int i = 0; i < UNIK_VFS_MOUNTS; i++) {
		struct vfs_mount *m = &mounts[i];
		bool root = m->len == 1;

		if (!m->used || (best && best->len >= m->len))
			continue;
		if (root || (strncmp(norm, m->path, m->len) == 0 &&
		             (norm[m->len] == '/' || norm[m->len] == '\0')))
			best = m;
	}
	if (best) {
		*rel = norm + (best->len == 1 ? 0 : best->len);
		if (**rel == '/')
			(*rel)++;
	}
	return best;
}

bool unik_vfs_owns(const char *path)
{
	char norm[UNIK_VFS_PATH_MAX];
	const char *rel;

	if (!path || !*path)
		return false;
	/* A path the VFS refuses is judged as written: "/www/../etc" is
	 * below /www, and the VFS's -EACCES is the answer, not the host's. */
	if (vfs_path_normalize(path, norm, sizeof(norm), is_mount_point) < 0)
		return owner(path, &rel) != NULL;
	return owner(norm, &rel) != NULL;
}

int vfs_enter_path(const char *path, char *norm, struct vfs_mount **m,
                   const char **rel)
{
	int rc = vfs_path_normalize(path, norm, UNIK_VFS_PATH_MAX,
	                            is_mount_point);

	if (rc < 0)
		return rc;
	*m = owner(norm, rel);
	if (!*m)
		return -ENOENT;
	if ((*m)->dying)
		return -EBUSY;
	vfs_enter(*m);
	return 0;
}

/* A free slot for norm and dev: -EBUSY when either is mounted already. */
static int claim_slot(const char *norm, struct unik_blkdev *dev,
                      struct vfs_mount **out)
{
	*out = NULL;
	for (int i = 0; i < UNIK_VFS_MOUNTS; i++) {
		if (!mounts[i].used) {
			*out = *out ? *out : &mounts[i];
			continue;
		}
		if (strcmp(mounts[i].path, norm) == 0 || mounts[i].dev == dev)
			return -EBUSY;
	}
	return *out ? 0 : -ENOSPC;
}

int unik_vfs_mount(const char *path, const char *type,
                   struct unik_blkdev *dev, unsigned flags)
{
	char norm[UNIK_VFS_PATH_MAX];
	const struct unik_fs_type *t = find_type(type);
	struct vfs_mount *m;
	int rc = vfs_path_normalize(path, norm, sizeof(norm), NULL);

	if (rc < 0)
		return rc;
	if (!t)
		return -ENODEV;
	if (!dev)
		return -EINVAL;
	rc = claim_slot(norm, dev, &m);
	if (rc < 0)
		return rc;
	/* Take the slot before mount() may block: a second mount of the
	 * same path or device meanwhile finds it taken; `dying` keeps
	 * callers out until the filesystem is ready. */
	*m = (struct vfs_mount){.used = true, .dying = true, .len = strlen(norm),
	                        .type = t, .dev = dev, .flags = flags};
	memcpy(m->path, norm, m->len + 1);
	unik_waitq_init(&m->wq);
	rc = t->mount(dev, flags, &m->fs);
	if (rc < 0) {
		m->used = false;
		return rc;
	}
	m->dying = false;
	return 0;
}

int unik_vfs_umount(const char *path)
{
	char norm[UNIK_VFS_PATH_MAX];
	struct vfs_mount *m = NULL;
	int rc = vfs_path_normalize(path, norm, sizeof(norm), NULL);

	if (rc < 0)
		return rc;
	for (int i = 0; i < UNIK_VFS_MOUNTS; i++)
		if (mounts[i].used && strcmp(mounts[i].path, norm) == 0)
			m = &mounts[i];
	if (!m)
		return -EINVAL;
	if (m->users || m->dying)
		return -EBUSY;
	m->dying = true; /* new callers get -EBUSY while umount() blocks */
	rc = m->type->umount(m->fs);
	m->used = false;
	return rc;
}

int unik_vfs_sync(void)
{
	int first = 0;

	for (int i = 0; i < UNIK_VFS_MOUNTS; i++) {
		struct vfs_mount *m = &mounts[i];
		int rc;

		if (!m->used || m->dying || !VFS_OP(m, sync) ||
		    (m->flags & UNIK_MOUNT_RDONLY))
			continue;
		vfs_enter(m);
		rc = VFS_OP(m, sync)(m->fs);
		vfs_leave(m);
		if (rc < 0 && first == 0)
			first = rc;
	}
	return first;
}
