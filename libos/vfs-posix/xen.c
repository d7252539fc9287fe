/*
 * xen target: the binding plugged into the libc glue (libos/libc
 * syscalls.c): fds 3..511 and the path calls are claimed at start-up in
 * <unik/fd.h>'s tables, so newlib's open(), read(), fopen(), stat()...
 * reach the VFS. The directory calls are defined here, with the DIR of
 * include/dirent.h. A relative path is taken from "/" (no chdir yet).
 */
#include "vfs_posix.h"

#include <unik/init.h>
#include <unik/unik.h>

#include <errno.h>

#define XEN_FD_LO 3
#define XEN_FD_COUNT 509 /* up to the sockets' range at 512 */

static int vp_xen_init(void)
{
	int rc;

	vp_fd_init(&vp_fds, XEN_FD_LO, XEN_FD_COUNT);
	rc = unik_fd_claim(XEN_FD_LO, XEN_FD_COUNT, &vp_fd_ops);
	if (rc == 0)
		rc = unik_path_claim(&vp_path_ops);
	if (rc < 0)
		unik_printk("vfs: cannot claim fds %d..%d and the path calls: %d\n",
		            XEN_FD_LO, XEN_FD_LO + XEN_FD_COUNT - 1, rc);
	return rc;
}
UNIK_INIT(UNIK_INIT_STACK, vp_xen_init);

static int fail(int neg)
{
	errno = -neg;
	return -1;
}

DIR *opendir(const char *path)
{
	struct unik_dirstream *d;
	int rc = vp_opendir(path, &d);

	return rc < 0 ? (fail(rc), NULL) : d;
}

struct dirent *readdir(DIR *d)
{
	struct dirent *e;
	int rc;

	if (!vp_dir_is(d))
		return fail(-EBADF), NULL;
	rc = vp_readdir(d, &e);
	return rc > 0 ? e : rc < 0 ? (fail(rc), NULL) : NULL;
}

int closedir(DIR *d)
{
	int rc = vp_dir_is(d) ? vp_closedir(d) : -EBADF;

	return rc < 0 ? fail(rc) : 0;
}

void rewinddir(DIR *d)
{
	if (vp_dir_is(d))
		vp_rewinddir(d);
}

int dirfd(DIR *d)
{
	return fail(vp_dir_is(d) ? -ENOTSUP : -EBADF);
}
