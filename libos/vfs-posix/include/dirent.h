/*
 * <dirent.h> for the xen target (newlib has none for a bare target: its
 * own stops with #error). Exported by libos/vfs-posix to images that link
 * it, ahead of newlib's headers; the functions are vfs-posix's (xen.c),
 * over the VFS. The layout and DT_* values are Linux's, so code written
 * for glibc compiles unchanged.
 */
#ifndef _DIRENT_H_
#define _DIRENT_H_
#define _DIRENT_H /* glibc's guard too: one <dirent.h> only */

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_DIR 4
#define DT_REG 8
#define _DIRENT_HAVE_D_TYPE 1
#define _DIRENT_HAVE_D_RECLEN 1

struct dirent {
	ino_t d_ino;
	off_t d_off;               /* 0: streams have no seek positions */
	unsigned short d_reclen;
	unsigned char d_type;      /* DT_REG, DT_DIR */
	char d_name[256];
};

typedef struct unik_dirstream DIR;

#ifdef __cplusplus
extern "C" {
#endif

DIR *opendir(const char *path);
/* NULL at the end (errno unchanged) or on an error (errno set). */
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
/* Directory streams have no fd here: -1, errno ENOTSUP. */
int dirfd(DIR *d);

#ifdef __cplusplus
}
#endif

#endif
