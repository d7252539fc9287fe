/*
 * resolve.c: the library graph (see resolve.h).
 *
 * Three passes over a fixed graph: select (breadth-first from the roots,
 * recording the first reason each library is reached), check for cycles
 * (depth-first, reporting the path), then order (Kahn, smallest name first).
 * Resolving a requirement never depends on who asks, so the graph is the
 * same whatever order the roots are listed in.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "resolve.h"

#include <errno.h>
#include <string.h>

struct rctx {
	const struct libset *set;
	const struct manifest *m;
	enum target t;
	struct resolution *r;
	struct err *e;
	unsigned sorted[LIBS_MAX]; /* every library, by name */
	unsigned queue[LIBS_MAX];
	unsigned nqueue;
};

/* Who needs a requirement: for messages and for the reason shown. */
struct origin {
	const char *file; /* NULL: no line to blame */
	unsigned line;
	bool root; /* core or the manifest's libs: may be an unknown name */
	char phrase[NAME_LEN + 32]; /* "required by core", "always linked" */
};

static const char *lib_name(const struct rctx *c, unsigned i)
{
	return c->set->lib[i].name;
}

static int fail(struct rctx *c, const struct origin *o, const char *fmt, ...)
    ERR_PRINTF(3, 4);

static int fail(struct rctx *c, const struct origin *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vat(c->e, -EINVAL, o->file, o->line, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int unknown_library(struct rctx *c, const struct origin *o,
			   const char *name)
{
	char known[ERR_LEN / 2] = "";

	for (unsigned i = 0; i < c->set->n; i++) {
		append(known, sizeof(known), i ? ", " : "");
		append(known, sizeof(known), lib_name(c, c->sorted[i]));
	}
	return fail(c, o, "unknown library '%s' (known: %s)", name,
		    c->set->n ? known : "none");
}

static int unsupported(struct rctx *c, const struct origin *o, unsigned i)
{
	char supports[64];

	targets_format(c->set->lib[i].targets, supports, sizeof(supports));
	return fail(c, o,
		    "library '%s' does not support target %s (%s; "
		    "supports: %s)",
		    lib_name(c, i), target_name(c->t), o->phrase, supports);
}

/* The one library that PROVIDES name for the target. */
static int find_provider(struct rctx *c, const char *name,
			 const struct origin *o, unsigned *out)
{
	unsigned n = 0, npref = 0, pref = 0;
	bool other_target = false;
	char list[ERR_LEN / 2] = "";

	for (unsigned k = 0; k < c->set->n; k++) {
		unsigned i = c->sorted[k];
		if (!names_has(&c->set->lib[i].provides, name))
			continue;
		if (!lib_supports(&c->set->lib[i], c->t)) {
			other_target = true;
			continue;
		}
		append(list, sizeof(list), n++ ? ", " : "");
		append(list, sizeof(list), lib_name(c, i));
		*out = i;
		if (c->r->requested[i]) {
			npref++;
			pref = i;
		}
	}
	if (n == 1)
		return 0;
	if (n > 1 && npref == 1) {
		*out = pref;
		return 0;
	}
	if (n > 1)
		return fail(c, o,
			    "several libraries provide '%s' for target "
			    "%s (%s): %s (expected one; name the one to "
			    "use in unik.conf libs)",
			    name, target_name(c->t), o->phrase, list);
	if (!other_target && o->root)
		return unknown_library(c, o, name);
	return fail(c, o, "nothing provides '%s' for target %s (%s)", name,
		    target_name(c->t), o->phrase);
}

/* The library meeting requirement name; *via set when found by PROVIDES. */
static int lookup(struct rctx *c, const char *name, const struct origin *o,
		  unsigned *out, bool *via)
{
	int i = libset_find(c->set, name);

	*via = i < 0;
	if (i < 0)
		return find_provider(c, name, o, out);
	if (!lib_supports(&c->set->lib[i], c->t))
		return unsupported(c, o, (unsigned)i);
	*out = (unsigned)i;
	return 0;
}

static void select_lib(struct rctx *c, unsigned i, bool via, const char *name,
		       const struct origin *o)
{
	struct resolution *r = c->r;

	if (r->selected[i])
		return;
	r->selected[i] = true;
	r->why[i][0] = '\0';
	if (via) {
		append(r->why[i], sizeof(r->why[i]), "provides ");
		append(r->why[i], sizeof(r->why[i]), name);
		append(r->why[i], sizeof(r->why[i]), ", ");
	}
	append(r->why[i], sizeof(r->why[i]), o->phrase);
	c->queue[c->nqueue++] = i;
}

static int add_root(struct rctx *c, const char *name, const struct origin *o)
{
	unsigned i;
	bool via;
	int rc = lookup(c, name, o, &i, &via);

	if (rc == 0)
		select_lib(c, i, via, name, o);
	return rc;
}

static int select_roots(struct rctx *c)
{
	struct origin always = {.root = true, .phrase = "always linked"};
	struct origin conf = {.file = c->m->path,
			      .line = c->m->line[MK_LIBS],
			      .root = true,
			      .phrase = "requested by unik.conf"};
	const struct names *libs = &c->m->libs;
	int rc, i;

	/* Mark by-name requests first: they settle PROVIDES ambiguities. */
	if ((i = libset_find(c->set, CORE_LIB)) >= 0)
		c->r->requested[i] = true;
	for (unsigned k = 0; k < libs->n; k++) {
		if ((i = libset_find(c->set, libs->v[k])) >= 0)
			c->r->requested[i] = true;
	}
	if ((rc = add_root(c, CORE_LIB, &always)) != 0)
		return rc;
	for (unsigned k = 0; k < libs->n; k++) {
		if ((rc = add_root(c, libs->v[k], &conf)) != 0)
			return rc;
	}
	return 0;
}

static int select_deps(struct rctx *c)
{
	for (unsigned q = 0; q < c->nqueue; q++) {
		unsigned from = c->queue[q];
		const struct lib *l = &c->set->lib[from];
		struct origin o = {.file = l->path, .line = l->requires_line};
		snprintf(o.phrase, sizeof(o.phrase), "required by %s", l->name);
		for (unsigned k = 0; k < l->requires.n; k++) {
			unsigned to;
			bool via;
			int rc = lookup(c, l->requires.v[k], &o, &to, &via);
			if (rc)
				return rc;
			c->r->deps[from][c->r->ndeps[from]++] =
			    (unsigned short)to;
			select_lib(c, to, via, l->requires.v[k], &o);
		}
	}
	return 0;
}

enum { WHITE, GREY, BLACK };

static int report_cycle(struct rctx *c, const unsigned *stack, unsigned depth,
			unsigned to)
{
	const struct lib *last = &c->set->lib[stack[depth]];
	struct origin o = {.file = last->path, .line = last->requires_line};
	char path[ERR_LEN / 2] = "";
	unsigned k = 0;

	while (stack[k] != to)
		k++;
	for (; k <= depth; k++) {
		append(path, sizeof(path), lib_name(c, stack[k]));
		append(path, sizeof(path), " -> ");
	}
	append(path, sizeof(path), lib_name(c, to));
	return fail(c, &o,
		    "dependency cycle: %s (expected REQUIRES without "
		    "cycles)",
		    path);
}

static int dfs(struct rctx *c, unsigned v, unsigned char *color,
	       unsigned *stack, unsigned depth)
{
	color[v] = GREY;
	stack[depth] = v;
	for (unsigned k = 0; k < c->r->ndeps[v]; k++) {
		unsigned w = c->r->deps[v][k];
		int rc = 0;
		if (color[w] == GREY)
			rc = report_cycle(c, stack, depth, w);
		else if (color[w] == WHITE)
			rc = dfs(c, w, color, stack, depth + 1);
		if (rc)
			return rc;
	}
	color[v] = BLACK;
	return 0;
}

static int check_cycles(struct rctx *c)
{
	unsigned char color[LIBS_MAX] = {0};
	unsigned stack[LIBS_MAX];

	for (unsigned k = 0; k < c->set->n; k++) {
		unsigned v = c->sorted[k];
		if (c->r->selected[v] && color[v] == WHITE) {
			int rc = dfs(c, v, color, stack, 0);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Kahn's algorithm; the graph is acyclic, so every pass places one. */
static void order(struct rctx *c)
{
	struct resolution *r = c->r;
	unsigned dependents[LIBS_MAX] = {0};
	bool placed[LIBS_MAX] = {false};

	for (unsigned v = 0; v < c->set->n; v++) {
		for (unsigned k = 0; r->selected[v] && k < r->ndeps[v]; k++)
			dependents[r->deps[v][k]]++;
	}
	for (r->n = 0; r->n < c->nqueue; r->n++) {
		unsigned k = 0, v = 0;
		for (; k < c->set->n; k++) {
			v = c->sorted[k];
			if (r->selected[v] && !placed[v] && !dependents[v])
				break;
		}
		placed[v] = true;
		r->order[r->n] = v;
		for (unsigned d = 0; d < r->ndeps[v]; d++)
			dependents[r->deps[v][d]]--;
	}
}

int resolve(const struct libset *set, const struct manifest *m, enum target t,
	    struct resolution *r, struct err *e)
{
	struct rctx c = {.set = set, .m = m, .t = t, .r = r, .e = e};
	int rc;

	memset(r, 0, sizeof(*r));
	libset_by_name(set, c.sorted);
	if ((rc = select_roots(&c)) != 0 || (rc = select_deps(&c)) != 0 ||
	    (rc = check_cycles(&c)) != 0)
		return rc;
	order(&c);
	return 0;
}
