/*
 * fragment.c: parse lib.mk fragments and discover them (see fragment.h).
 *
 * A fragment is plain make restricted to "KEY := words", comments and blank
 * lines, so mk/app.mk can include it and this parser can read it without a
 * make interpreter. Anything else is refused rather than half-understood.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "fragment.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SCAN_DEPTH_MAX 16

struct fctx {
	struct lib *lib;
	unsigned line;
	struct err *e;
};

struct frag_key {
	const char *key;
	bool per_target; /* KEY_<target> is accepted too */
	int (*parse)(struct fctx *c, const char *value); /* NULL: build only */
};

#define BAD(c, ...)                                                            \
	err_at((c)->e, -EINVAL, (c)->lib->path, (c)->line, __VA_ARGS__)
#define NAME_EXPECTED "[a-z][a-z0-9_-]*, at most 32 characters"

static int parse_names(struct fctx *c, const char *key, const char *v,
		       struct names *out)
{
	int rc = SPLIT_LIST(out, v);

	if (rc == -E2BIG)
		return BAD(c, "too many names in %s (expected at most %d)", key,
			   NAMES_MAX);
	if (rc)
		return BAD(c, "bad name in %s '%s' (expected %s)", key, v,
			   NAME_EXPECTED);
	for (unsigned i = 0; i < out->n; i++) {
		if (!name_valid(out->v[i]))
			return BAD(c, "bad name '%s' in %s (expected %s)",
				   out->v[i], key, NAME_EXPECTED);
	}
	return 0;
}

static int parse_lib(struct fctx *c, const char *v)
{
	struct names one;

	if (SPLIT_LIST(&one, v) || one.n != 1 || !name_valid(one.v[0]))
		return BAD(c, "bad LIB '%s' (expected one name %s)", v,
			   NAME_EXPECTED);
	strcpy(c->lib->name, one.v[0]);
	c->lib->lib_line = c->line;
	return 0;
}

static int parse_provides(struct fctx *c, const char *v)
{
	return parse_names(c, "PROVIDES", v, &c->lib->provides);
}

static int parse_requires(struct fctx *c, const char *v)
{
	c->lib->requires_line = c->line;
	return parse_names(c, "REQUIRES", v, &c->lib->requires);
}

static int parse_targets(struct fctx *c, const char *v)
{
	struct names l;
	enum target t;

	if (SPLIT_LIST(&l, v))
		return BAD(c, "bad TARGETS '%s' (expected %s)", v,
			   TARGETS_EXPECTED);
	if (l.n == 0)
		return BAD(c,
			   "TARGETS is empty (expected %s; leave the line "
			   "out for every target)",
			   TARGETS_EXPECTED);
	c->lib->targets = 0;
	for (unsigned i = 0; i < l.n; i++) {
		if (target_parse(l.v[i], &t))
			return BAD(c,
				   "unknown target '%s' in TARGETS "
				   "(expected %s)",
				   l.v[i], TARGETS_EXPECTED);
		c->lib->targets |= 1u << t;
	}
	return 0;
}

static const struct frag_key keys[] = {
    {"LIB", false, parse_lib},
    {"PROVIDES", false, parse_provides},
    {"REQUIRES", false, parse_requires},
    {"TARGETS", false, parse_targets},
    {"SRCS", true, NULL},
    {"CFLAGS", true, NULL},
    {"LDFLAGS", true, NULL},
    {"LDLIBS", true, NULL},
    {"EXPORT_CFLAGS", true, NULL},
    {"EXT_DIR", false, NULL},
    {"EXT_SRCS", false, NULL},
    {"UNIT_TESTS", false, NULL},
    {"UNIT_SRCS", false, NULL},
    {"UNIT_CFLAGS", false, NULL},
    {"UNIT_LDLIBS", false, NULL},
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))
/* One slot per key and per KEY_<target>, for duplicate detection. */
#define NSLOTS (NKEYS * (TARGET_COUNT + 1))

/* Slot of key in seen[] (row index * (TARGET_COUNT + 1) + target + 1). */
static int key_slot(const char *key)
{
	for (unsigned i = 0; i < NKEYS; i++) {
		size_t n = strlen(keys[i].key);
		enum target t;
		if (strcmp(key, keys[i].key) == 0)
			return (int)(i * (TARGET_COUNT + 1));
		if (keys[i].per_target && strncmp(key, keys[i].key, n) == 0 &&
		    key[n] == '_' && target_parse(key + n + 1, &t) == 0)
			return (int)(i * (TARGET_COUNT + 1) + 1 + t);
	}
	return -1;
}

static bool key_valid(const char *k)
{
	if (!(k[0] >= 'A' && k[0] <= 'Z'))
		return false;
	return strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(k);
}

static int unknown_key(struct fctx *c, const char *key)
{
	char known[512] = "";

	for (unsigned i = 0; i < NKEYS; i++) {
		append(known, sizeof(known), i ? ", " : "");
		append(known, sizeof(known), keys[i].key);
		if (keys[i].per_target)
			append(known, sizeof(known), "[_<target>]");
	}
	return BAD(c, "unknown key '%s' (expected one of: %s)", key, known);
}

static int parse_line(struct fctx *c, char *s, unsigned *seen)
{
	char *op = strstr(s, ":=");

	if (op)
		*op = '\0';
	char *key = trim(s);
	if (!op || !key_valid(key))
		return BAD(c, "malformed line (expected KEY := words)");
	int slot = key_slot(key);
	if (slot < 0)
		return unknown_key(c, key);
	if (seen[slot])
		return BAD(c,
			   "duplicate key '%s' (first given on line %u; "
			   "expected each key once)",
			   key, seen[slot]);
	seen[slot] = c->line;
	const struct frag_key *k = &keys[slot / (TARGET_COUNT + 1)];
	return k->parse ? k->parse(c, trim(op + 2)) : 0;
}

int fragment_parse(FILE *f, struct lib *lib, struct err *e)
{
	struct fctx c = {.lib = lib, .line = 0, .e = e};
	unsigned seen[NSLOTS] = {0};
	char buf[LINE_LEN + 1];
	char path[LIBPATH_LEN + 1];
	int rc;

	memcpy(path, lib->path, sizeof(path));
	memset(lib, 0, sizeof(*lib));
	memcpy(lib->path, path, sizeof(path));
	lib->targets = TARGETS_ALL;
	while ((rc = read_line(f, buf, sizeof(buf))) != 0) {
		c.line++;
		if (rc == -E2BIG)
			return BAD(&c,
				   "line too long (expected at most %d "
				   "characters)",
				   LINE_LEN);
		if (rc < 0)
			return err_at(e, rc, lib->path, 0, "read error");
		char *s = strip_line(buf);
		if (*s && (rc = parse_line(&c, s, seen)) != 0)
			return rc;
	}
	if (!lib->lib_line)
		return err_at(e, -EINVAL, lib->path, 0,
			      "missing LIB (expected a line LIB := name)");
	return 0;
}

int libset_find(const struct libset *set, const char *name)
{
	for (unsigned i = 0; i < set->n; i++) {
		if (strcmp(set->lib[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

bool lib_supports(const struct lib *l, enum target t)
{
	return (l->targets & (1u << t)) != 0;
}

void libset_by_name(const struct libset *set, unsigned order[LIBS_MAX])
{
	for (unsigned i = 0; i < set->n; i++) {
		unsigned j = i;
		const char *name = set->lib[i].name;
		for (; j > 0 && strcmp(set->lib[order[j - 1]].name, name) > 0;
		     j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

static int add_lib(const char *root, const char *rel, struct libset *set,
		   struct err *e)
{
	if (set->n == LIBS_MAX)
		return err_tool(e, -E2BIG, "more than %d libraries under %s",
				LIBS_MAX, root);
	struct lib *lib = &set->lib[set->n];
	snprintf(lib->path, sizeof(lib->path), "%s/%s/%s", root, rel,
		 FRAGMENT_FILE);
	FILE *f = fopen(lib->path, "r");
	if (!f) {
		int err = errno;
		return err_at(e, -err, lib->path, 0, "cannot open: %s",
			      strerror(err));
	}
	int rc = fragment_parse(f, lib, e);
	fclose(f);
	if (rc)
		return rc;
	snprintf(lib->dir, sizeof(lib->dir), "%s", rel);
	int other = libset_find(set, lib->name);
	if (other >= 0)
		return err_at(e, -EINVAL, lib->path, lib->lib_line,
			      "library '%s' already defined in %s (expected "
			      "unique LIB names)",
			      lib->name, set->lib[other].path);
	set->n++;
	return 0;
}

static bool skipped(const char *name)
{
	return name[0] == '.' || strcmp(name, "tests") == 0 ||
	       strcmp(name, "testdata") == 0 || strcmp(name, "build") == 0;
}

static int scan(const char *root, const char *rel, unsigned depth,
		struct libset *set, struct err *e);

/* One entry of folder ROOT/rel. */
static int visit(const char *root, const char *rel, const char *name,
		 unsigned depth, struct libset *set, struct err *e)
{
	char sub[LIBDIR_LEN + 1], full[LIBPATH_LEN + 1];
	struct stat st;

	if (skipped(name))
		return 0;
	if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", rel, name) >=
		sizeof(sub) ||
	    (size_t)snprintf(full, sizeof(full), "%s/%s", root, sub) >=
		sizeof(full))
		return err_tool(e, -ENAMETOOLONG, "path too long: %s/%s/%s",
				root, rel, name);
	if (strcmp(name, FRAGMENT_FILE) == 0)
		return stat(full, &st) == 0 && S_ISREG(st.st_mode)
			   ? add_lib(root, rel, set, e)
			   : 0;
	if (lstat(full, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0; /* files, and symlinks: no loops, no duplicates */
	return scan(root, sub, depth + 1, set, e);
}

static int scan(const char *root, const char *rel, unsigned depth,
		struct libset *set, struct err *e)
{
	char full[LIBPATH_LEN + 1];
	struct dirent **ents;
	int rc = 0;

	if (depth > SCAN_DEPTH_MAX)
		return err_tool(e, -ELOOP, "folders nested too deep: %s/%s",
				root, rel);
	snprintf(full, sizeof(full), "%s/%s", root, rel);
	int n = scandir(full, &ents, NULL, alphasort);
	if (n < 0) {
		int err = errno;
		if (err == ENOENT && depth == 0)
			return 0;
		return err_tool(e, -err, "cannot read %s: %s", full,
				strerror(err));
	}
	for (int i = 0; i < n; i++) {
		if (rc == 0)
			rc = visit(root, rel, ents[i]->d_name, depth, set, e);
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int libset_discover(const char *root, struct libset *set, struct err *e)
{
	static const char *const tops[] = {"libos", "drivers", "net", "arch"};

	set->n = 0;
	for (unsigned i = 0; i < sizeof(tops) / sizeof(tops[0]); i++) {
		int rc = scan(root, tops[i], 0, set, e);
		if (rc)
			return rc;
	}
	return 0;
}
