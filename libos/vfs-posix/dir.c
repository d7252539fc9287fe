/*
 * Directory streams over unik_vfs_opendir/readdir: "." and ".." first
 * (the VFS lists neither), then the filesystem's entries, each converted
 * to the target libc's struct dirent. Open streams are kept on a list, so
 * the unix wraps can tell one of these from a host DIR.
 */
#include "vfs_posix.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unik_dirstream {
	struct unik_dirstream *next; /* the list of open streams */
	struct unik_dir *d;
	unsigned pos;                /* 0: ".", 1: "..", then the VFS's */
	uint64_t ino, parent_ino;
	struct dirent ent;           /* what readdir returned last */
	char path[];                 /* as given, to reopen on rewind */
};

static struct unik_dirstream *open_streams;

bool vp_dir_is(const void *d)
{
	for (struct unik_dirstream *s = open_streams; s; s = s->next)
		if ((const void *)s == d)
			return true;
	return false;
}

/* The inode numbers of "." and "..": at a mount's root (where ".." may
 * not climb) ".." is the directory itself, as "/.." is "/". */
static int dot_inos(struct unik_dirstream *s)
{
	char up[UNIK_VFS_PATH_MAX + 4];
	struct unik_stat st;
	int rc = unik_vfs_stat(s->path, &st);

	if (rc < 0)
		return rc;
	s->ino = s->parent_ino = st.ino;
	snprintf(up, sizeof(up), "%s/..", s->path);
	if (unik_vfs_stat(up, &st) == 0)
		s->parent_ino = st.ino;
	return 0;
}

int vp_opendir(const char *path, struct unik_dirstream **out)
{
	size_t n = path ? strnlen(path, UNIK_VFS_PATH_MAX) : 0;
	struct unik_dirstream *s;
	int rc;

	if (!path)
		return -EFAULT;
	if (n >= UNIK_VFS_PATH_MAX)
		return -ENAMETOOLONG;
	s = calloc(1, sizeof(*s) + n + 1);
	if (!s)
		return -ENOMEM;
	memcpy(s->path, path, n + 1);
	rc = unik_vfs_opendir(path, &s->d);
	if (rc == 0 && (rc = dot_inos(s)) < 0)
		unik_vfs_closedir(s->d);
	if (rc < 0) {
		free(s);
		return rc;
	}
	s->next = open_streams;
	open_streams = s;
	*out = s;
	return 0;
}

int vp_readdir(struct unik_dirstream *s, struct dirent **out)
{
	struct unik_dirent e;
	int rc;

	if (s->pos < 2) {
		vp_dirent(&s->ent, s->pos ? s->parent_ino : s->ino, DT_DIR,
		          s->pos ? ".." : ".");
		s->pos++;
		*out = &s->ent;
		return 1;
	}
	rc = unik_vfs_readdir(s->d, &e);
	if (rc <= 0)
		return rc;
	vp_dirent(&s->ent, e.ino, vp_dtype(e.type), e.name);
	s->pos++;
	*out = &s->ent;
	return 1;
}

/* The VFS has no rewind: close and open again (a changed directory then
 * lists its new entries, as POSIX asks of rewinddir). */
int vp_rewinddir(struct unik_dirstream *s)
{
	struct unik_dir *d;
	int rc = unik_vfs_opendir(s->path, &d);

	if (rc < 0)
		return rc;
	unik_vfs_closedir(s->d);
	s->d = d;
	s->pos = 0;
	return 0;
}

int vp_closedir(struct unik_dirstream *s)
{
	struct unik_dirstream **p = &open_streams;
	int rc;

	while (*p && *p != s)
		p = &(*p)->next;
	if (!*p)
		return -EBADF;
	*p = s->next;
	rc = unik_vfs_closedir(s->d);
	free(s);
	return rc;
}
