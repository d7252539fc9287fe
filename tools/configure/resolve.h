/*
 * resolve.h: choose the libraries an app links for a target
 * (docs/LIBRARIES.md, "Resolution").
 *
 * Roots are core (always) and the manifest's libs. A requirement names a
 * library, or else an abstract name met by the one library that PROVIDES it
 * and supports the target; when several do, the one named in the manifest's
 * libs wins. The result is a topological order, dependents before their
 * dependencies, ties broken by name, with the reason each library is there.
 */
#ifndef UNIK_CONFIGURE_RESOLVE_H
#define UNIK_CONFIGURE_RESOLVE_H

#include "fragment.h"
#include "manifest.h"

#define CORE_LIB "core"
#define WHY_LEN	 127

struct resolution {
	unsigned n;		  /* libraries selected */
	unsigned order[LIBS_MAX]; /* their libset indices, dependents first */
	/* The rest is indexed by libset index. */
	bool selected[LIBS_MAX];
	bool requested[LIBS_MAX]; /* core, or named in the manifest's libs */
	char why[LIBS_MAX][WHY_LEN + 1];
	unsigned ndeps[LIBS_MAX];
	unsigned short deps[LIBS_MAX][NAMES_MAX]; /* resolved REQUIRES */
};

/*
 * Resolve m's libraries in set for target t into r. Returns 0 or -EINVAL;
 * e names the manifest or fragment line at fault when there is one.
 */
int resolve(const struct libset *set, const struct manifest *m, enum target t,
	    struct resolution *r, struct err *e);

#endif
