/* Parsing context shared by the key parsers of manifest*.c. */
#ifndef UNIK_CONFIGURE_MANIFEST_PCTX_H
#define UNIK_CONFIGURE_MANIFEST_PCTX_H

#include "manifest.h"

/* Where the value being parsed comes from. */
struct pctx {
	struct manifest *m;
	const char *appdir;
	unsigned line;
	struct err *e;
};

#define BAD(c, ...)                                                            \
	err_at((c)->e, -EINVAL, (c)->m->path, (c)->line, __VA_ARGS__)

#endif
