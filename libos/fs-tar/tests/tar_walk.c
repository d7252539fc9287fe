#include "tar_walk.h"
#include "../tar.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int walk_dir(void *fs, const char *path, unsigned *files,
                    uint64_t *bytes, int depth)
{
	const struct unik_fs_ops *ops = tarfs_type.ops;
	static char data[70000];
	struct unik_dirent e;
	struct unik_stat st;
	void *d, *f;
	int rc = ops->opendir(fs, path, &d);

	if (rc < 0 || depth > 64)
		return rc < 0 ? rc : -ELOOP;
	while ((rc = ops->readdir(fs, d, &e)) == 1) {
		char sub[UNIK_VFS_PATH_MAX + UNIK_VFS_NAME_MAX + 2];
		ssize_t n;

		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "/" : "", e.name);
		if ((rc = ops->stat(fs, sub, &st)) < 0)
			break;
		if (e.type == UNIK_DT_DIR) {
			rc = walk_dir(fs, sub, files, bytes, depth + 1);
			if (rc < 0)
				break;
			continue;
		}
		if ((rc = ops->open(fs, sub, UNIK_O_RDONLY, 0, &f)) < 0)
			break;
		for (uint64_t off = 0; off < st.size; off += (uint64_t)n) {
			n = ops->read(fs, f, data + (off % 7), sizeof(data) - 7, off);
			if (n <= 0) {
				rc = n < 0 ? (int)n : -EIO; /* short file */
				break;
			}
			*bytes += (uint64_t)n;
		}
		(*files)++;
		if (rc < 0)
			break;
	}
	ops->closedir(fs, d);
	return rc < 0 ? rc : 0;
}

int tar_walk(void *fs, unsigned *files, uint64_t *bytes)
{
	*files = 0;
	*bytes = 0;
	return walk_dir(fs, "", files, bytes, 0);
}
