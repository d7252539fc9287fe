/* The table of fd ranges (see <unik/fd.h>). Portable: unit-tested on the
 * host. */
#include <unik/fd.h>

#include <errno.h>
#include <stddef.h>

struct fd_range {
	int lo, count;
	const struct unik_fd_ops *ops;
};

static struct fd_range ranges[UNIK_FD_RANGES];
static const struct unik_path_ops *path_ops;

int unik_fd_claim(int lo, int count, const struct unik_fd_ops *ops)
{
	struct fd_range *free_slot = NULL;

	if (lo < 3 || count <= 0 || !ops)
		return -EBUSY; /* 0-2 are the console's */
	for (int i = 0; i < UNIK_FD_RANGES; i++) {
		struct fd_range *r = &ranges[i];

		if (!r->ops) {
			if (!free_slot)
				free_slot = r;
			continue;
		}
		if (lo < r->lo + r->count && r->lo < lo + count)
			return -EBUSY;
	}
	if (!free_slot)
		return -ENOSPC;
	*free_slot = (struct fd_range){lo, count, ops};
	return 0;
}

const struct unik_fd_ops *unik_fd_owner(int fd)
{
	for (int i = 0; i < UNIK_FD_RANGES; i++) {
		const struct fd_range *r = &ranges[i];

		if (r->ops && fd >= r->lo && fd < r->lo + r->count)
			return r->ops;
	}
	return NULL;
}

int unik_path_claim(const struct unik_path_ops *ops)
{
	if (path_ops)
		return -EBUSY;
	path_ops = ops;
	return 0;
}

const struct unik_path_ops *unik_path_owner(void) { return path_ops; }
