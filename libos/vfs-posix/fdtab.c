/* The binding's fd numbers: a table over one range of fds (portable,
 * unit-tested). Threads are cooperative, so a lookup and the change that
 * follows it are never interleaved with another thread's. */
#include "vfs_posix.h"

#include <errno.h>
#include <string.h>

void vp_fd_init(struct vp_fdtab *t, int lo, int count)
{
	memset(t, 0, sizeof(*t));
	t->lo = lo;
	t->count = count < 0 ? 0 : count > VP_FDS_MAX ? VP_FDS_MAX : count;
}

int vp_fd_alloc(struct vp_fdtab *t, struct unik_file *f, int oflags)
{
	for (int i = 0; i < t->count; i++) {
		if (!t->slot[i].f) {
			t->slot[i] = (struct vp_fd){.f = f, .oflags = oflags};
			return t->lo + i;
		}
	}
	return -EMFILE;
}

struct vp_fd *vp_fd_get(struct vp_fdtab *t, int fd)
{
	struct vp_fd *s;

	if (fd < t->lo || fd - t->lo >= t->count)
		return NULL;
	s = &t->slot[fd - t->lo];
	return s->f ? s : NULL;
}

struct unik_file *vp_fd_release(struct vp_fdtab *t, int fd)
{
	struct vp_fd *s = vp_fd_get(t, fd);
	struct unik_file *f = s ? s->f : NULL;

	if (s)
		*s = (struct vp_fd){0};
	return f;
}
