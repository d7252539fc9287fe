/*
 * Mount the image's filesystems at start-up: the manifest's `mount` list
 * (unik-configure -> MOUNTS in the app's Makefile -> unik_config_mounts),
 * or, replacing it, the libOS option unik.mount=LIST (the same syntax;
 * empty: no mounts). Disk N is block device N (<unik/blk.h>), which the
 * target's driver registered at UNIK_INIT_DEVICE. An entry that fails is
 * reported on the console and the others are still mounted.
 */
#include "vfs_posix.h"

#include <unik/cmdline.h>
#include <unik/config.h>
#include <unik/init.h>
#include <unik/unik.h>

#include <errno.h>
#include <string.h>

static int mount_one(const struct vp_mount_ent *e)
{
	struct unik_blkdev *dev;
	struct unik_blk_info info;
	unsigned flags = 0;
	int rc = unik_blk_open(e->disk, &dev);

	if (rc < 0) {
		unik_printk("vfs: mount %s: no disk %u (%u disks)\n", e->path,
		            e->disk, unik_blk_count());
		return rc;
	}
	unik_blk_info(dev, &info);
	if ((e->opts & VP_MOUNT_RO) || info.read_only)
		flags |= UNIK_MOUNT_RDONLY;
	if (e->opts & VP_MOUNT_FORMAT)
		flags |= UNIK_MOUNT_FORMAT;
	rc = unik_vfs_mount(e->path, e->type, dev, flags);
	if (rc == -ENODEV)
		unik_printk("vfs: mount %s: no filesystem type '%s' in the image "
		            "(link library fs-%s)\n", e->path, e->type, e->type);
	else if (rc < 0)
		unik_printk("vfs: mount %s (%s on %s): %s\n", e->path, e->type,
		            unik_blk_name(dev), strerror(-rc));
	else
		unik_printk("vfs: %s: %s on %s%s\n", e->path, e->type,
		            unik_blk_name(dev),
		            (flags & UNIK_MOUNT_RDONLY) ? ", read-only" : "");
	return rc;
}

static int vp_mount_all(void)
{
	const char *list = unik_cmdline_get("mount"), *from = "unik.mount";
	struct vp_mount_ent e;
	char bad[64];
	unsigned n = 0;
	int rc;

	if (!list) {
		list = unik_config_mounts;
		from = "the manifest";
	}
	while ((rc = vp_mount_next(&list, &e, bad, sizeof(bad))) != 0) {
		if (rc < 0)
			unik_printk("vfs: %s: bad mount entry '%s' (expected "
			            "PATH:TYPE:DISK[:ro][:format])\n", from, bad);
		else
			mount_one(&e);
		n++;
	}
	/* Failures were reported, one line each; -ENODEV: nothing to do. */
	return n ? 0 : -ENODEV;
}
UNIK_INIT(UNIK_INIT_STACK, vp_mount_all);
