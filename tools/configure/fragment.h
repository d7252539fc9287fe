/*
 * fragment.h: library fragments (lib.mk, docs/LIBRARIES.md) and their
 * discovery under the repo root.
 *
 * unik-configure reads only what the graph needs (LIB, PROVIDES, REQUIRES,
 * TARGETS); the build keys are checked by name and left to mk/app.mk.
 */
#ifndef UNIK_CONFIGURE_FRAGMENT_H
#define UNIK_CONFIGURE_FRAGMENT_H

#include "util.h"

#define LIBS_MAX      256
#define LIBDIR_LEN    255
#define LIBPATH_LEN   1023
#define FRAGMENT_FILE "lib.mk"

struct lib {
	char name[NAME_LEN + 1];
	char dir[LIBDIR_LEN + 1];   /* folder under the root: "libos/core" */
	char path[LIBPATH_LEN + 1]; /* ROOT/dir/lib.mk, used in messages */
	struct names provides;
	struct names requires;
	unsigned targets; /* bit (1u << enum target) per supported target */
	unsigned lib_line;
	unsigned requires_line;
};

struct libset {
	unsigned n;
	struct lib lib[LIBS_MAX];
};

/*
 * Parse one fragment from f into lib; lib->path must be set (messages) and
 * is kept, the other fields are reset. Returns 0, -EINVAL or -EIO; e holds
 * "PATH:LINE: message (expected ...)".
 */
int fragment_parse(FILE *f, struct lib *lib, struct err *e);

/*
 * Find and parse every lib.mk under ROOT/{libos,drivers,net,arch}, skipping
 * folders named tests, testdata, build and dot-folders. A missing top folder
 * is not an error; two libraries with one LIB name are.
 */
int libset_discover(const char *root, struct libset *set, struct err *e);

/* Index of the library named name, or -1. */
int libset_find(const struct libset *set, const char *name);

bool lib_supports(const struct lib *l, enum target t);

/* Fill order[0..set->n) with the libset indices, by library name. */
void libset_by_name(const struct libset *set, unsigned order[LIBS_MAX]);

#endif
