/*
 * manifest.c: parse and validate unik.conf (docs/MANIFEST.md).
 *
 * Each key is a row of keys[] with its own parser; the line loop only
 * splits "key = value", finds the row and refuses unknown and repeated keys.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "manifest.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "manifest_pctx.h"

struct key_spec {
	const char *key;
	bool required;
	int (*parse)(const struct pctx *c, const char *value);
};


static int parse_name(const struct pctx *c, const char *v)
{
	if (!name_valid(v))
		return BAD(c,
			   "bad name '%s' (expected [a-z][a-z0-9_-]*, "
			   "at most %d characters)",
			   v, NAME_LEN);
	strcpy(c->m->name, v);
	return 0;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

static int check_source(const struct pctx *c, const char *src)
{
	char path[4096];
	struct stat st;

	if (src[0] == '/')
		return BAD(c,
			   "bad source '%s' (expected a path relative to "
			   "the app folder)",
			   src);
	if (!has_suffix(src, ".c") && !has_suffix(src, ".S"))
		return BAD(c, "bad source '%s' (expected a .c or .S file)",
			   src);
	snprintf(path, sizeof(path), "%s/%s", c->appdir, src);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return BAD(c,
			   "source '%s' not found (expected an existing file "
			   "in the app folder)",
			   src);
	return 0;
}

static int parse_srcs(const struct pctx *c, const char *v)
{
	struct words *w = &c->m->srcs;
	int rc = SPLIT_LIST(w, v);

	if (rc == -E2BIG)
		return BAD(c, "too many srcs (expected at most %d)", WORDS_MAX);
	if (rc)
		return BAD(c,
			   "source path too long (expected at most %d "
			   "characters)",
			   WORD_LEN);
	if (w->n == 0)
		return BAD(c, "srcs is empty (expected at least one .c or .S "
			      "file)");
	for (unsigned i = 0; i < w->n; i++) {
		rc = check_source(c, w->v[i]);
		if (rc)
			return rc;
		for (unsigned j = 0; j < i; j++) {
			if (strcmp(w->v[j], w->v[i]) == 0)
				return BAD(c,
					   "source '%s' listed twice (expected "
					   "each source once)",
					   w->v[i]);
		}
	}
	return 0;
}

static int bad_lib_name(const struct pctx *c, const char *name)
{
	return BAD(c,
		   "bad library name '%s' (expected [a-z][a-z0-9_-]*, "
		   "at most %d characters)",
		   name, NAME_LEN);
}

static int parse_libs(const struct pctx *c, const char *v)
{
	struct names *l = &c->m->libs;
	int rc = SPLIT_LIST(l, v);

	if (rc == -E2BIG)
		return BAD(c, "too many libs (expected at most %d)", NAMES_MAX);
	if (rc)
		return bad_lib_name(c, v);
	for (unsigned i = 0; i < l->n; i++) {
		if (!name_valid(l->v[i]))
			return bad_lib_name(c, l->v[i]);
		for (unsigned j = 0; j < i; j++) {
			if (strcmp(l->v[j], l->v[i]) == 0)
				return BAD(c,
					   "library '%s' listed twice "
					   "(expected each library once)",
					   l->v[i]);
		}
	}
	return 0;
}

static int parse_target(const struct pctx *c, const char *v)
{
	if (target_parse(v, &c->m->target))
		return BAD(c, "unknown target '%s' (expected %s)", v,
			   TARGETS_EXPECTED);
	return 0;
}

static int parse_memory(const struct pctx *c, const char *v)
{
	unsigned long mb = 0;
	const char *p = v;

	while (isdigit((unsigned char)*p)) {
		if (mb <
		    1000000) /* saturate: anything bigger is out of range */
			mb = mb * 10 + (unsigned long)(*p - '0');
		p++;
	}
	if (p == v || (*p != 'M' && *p != 'G') || p[1] != '\0')
		return BAD(c,
			   "bad memory '%s' (expected an integer with suffix "
			   "M or G, 8M..64G)",
			   v);
	if (*p == 'G')
		mb *= 1024;
	if (mb < MEMORY_MIN_MB || mb > MEMORY_MAX_MB)
		return BAD(c, "memory '%s' out of range (expected 8M..64G)", v);
	c->m->memory_mb = (unsigned)mb;
	return 0;
}

/* Set *out to the entry of choices equal to v (choices ends with NULL). */
static int pick(const struct pctx *c, const char *key, const char *v,
		const char *const *choices, const char *expected,
		const char **out)
{
	for (unsigned i = 0; choices[i]; i++) {
		if (strcmp(v, choices[i]) == 0) {
			*out = choices[i];
			return 0;
		}
	}
	return BAD(c, "bad %s '%s' (expected %s)", key, v, expected);
}

static int parse_type(const struct pctx *c, const char *v)
{
	static const char *const types[] = {"pvh", "pv", NULL};

	return pick(c, "type", v, types, "pvh or pv", &c->m->type);
}

static int parse_on_crash(const struct pctx *c, const char *v)
{
	static const char *const acts[] = {"destroy", "preserve", "restart",
					   NULL};

	return pick(c, "on_crash", v, acts, "destroy, preserve or restart",
		    &c->m->on_crash);
}

static int copy_raw(const struct pctx *c, const char *key, const char *v,
		    char *out)
{
	if (strlen(v) > VALUE_LEN)
		return BAD(c, "%s too long (expected at most %d characters)",
			   key, VALUE_LEN);
	strcpy(out, v);
	return 0;
}

static int parse_cmdline(const struct pctx *c, const char *v)
{
	return copy_raw(c, "cmdline", v, c->m->cmdline);
}

static int parse_cflags(const struct pctx *c, const char *v)
{
	return copy_raw(c, "cflags", v, c->m->cflags);
}

static const struct key_spec keys[MK_COUNT] = {
    [MK_NAME] = {"name", true, parse_name},
    [MK_SRCS] = {"srcs", true, parse_srcs},
    [MK_LIBS] = {"libs", false, parse_libs},
    [MK_TARGET] = {"target", false, parse_target},
    [MK_MEMORY] = {"memory", false, parse_memory},
    [MK_TYPE] = {"type", false, parse_type},
    [MK_CMDLINE] = {"cmdline", false, parse_cmdline},
    [MK_CFLAGS] = {"cflags", false, parse_cflags},
    [MK_ON_CRASH] = {"on_crash", false, parse_on_crash},
    [MK_IP] = {"ip", false, manifest_parse_ip},
    [MK_GATEWAY] = {"gateway", false, manifest_parse_gateway},
    [MK_DNS] = {"dns", false, manifest_parse_dns},
    [MK_BRIDGE] = {"bridge", false, manifest_parse_bridge},
    [MK_DISK] = {"disk", false, manifest_parse_disk},
    [MK_MOUNT] = {"mount", false, manifest_parse_mount},
};

void manifest_init(struct manifest *m, const char *path)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->path, sizeof(m->path), "%s", path);
	m->target = TARGET_UNIX;
	m->memory_mb = MEMORY_DEFAULT_MB;
	m->type = "pvh";
	m->on_crash = "destroy";
}

static int unknown_key(const struct pctx *c, const char *key)
{
	char known[320] = "";

	for (unsigned i = 0; i < MK_COUNT; i++) {
		append(known, sizeof(known), i ? ", " : "");
		append(known, sizeof(known), keys[i].key);
	}
	return BAD(c, "unknown key '%s' (expected one of: %s)", key, known);
}

/* One non-blank line "key = value", comment already cut. */
static int parse_line(struct pctx *c, char *s)
{
	char *eq = strchr(s, '=');

	if (!eq)
		return BAD(c, "missing '=' in '%s' (expected key = value)", s);
	*eq = '\0';
	char *key = trim(s), *value = trim(eq + 1);
	if (*key == '\0')
		return BAD(c, "missing key before '=' (expected key = value)");
	for (unsigned i = 0; i < MK_COUNT; i++) {
		if (strcmp(key, keys[i].key) != 0)
			continue;
		if (c->m->line[i])
			return BAD(c,
				   "duplicate key '%s' (first given on line "
				   "%u; expected each key once)",
				   key, c->m->line[i]);
		c->m->line[i] = c->line;
		return keys[i].parse(c, value);
	}
	return unknown_key(c, key);
}

int manifest_parse(FILE *f, const char *appdir, struct manifest *m,
		   struct err *e)
{
	struct pctx c = {.m = m, .appdir = appdir, .line = 0, .e = e};
	char buf[LINE_LEN + 1];
	int rc;

	while ((rc = read_line(f, buf, sizeof(buf))) != 0) {
		c.line++;
		if (rc == -E2BIG)
			return BAD(&c,
				   "line too long (expected at most %d "
				   "characters)",
				   LINE_LEN);
		if (rc < 0)
			return err_at(e, rc, m->path, 0, "read error");
		char *s = strip_line(buf);
		if (*s && (rc = parse_line(&c, s)) != 0)
			return rc;
	}
	for (unsigned i = 0; i < MK_COUNT; i++) {
		if (keys[i].required && !m->line[i])
			return err_at(e, -EINVAL, m->path, 0,
				      "missing key '%s' "
				      "(expected a line '%s = ...')",
				      keys[i].key, keys[i].key);
	}
	if ((rc = manifest_check_net(m, e)) != 0)
		return rc;
	return manifest_check_disk(m, e);
}

int manifest_load(const char *appdir, const char *path, struct manifest *m,
		  struct err *e)
{
	char file[4096];

	manifest_init(m, path);
	snprintf(file, sizeof(file), "%s/%s", appdir, MANIFEST_FILE);
	FILE *f = fopen(file, "r");
	if (!f) {
		int err = errno;
		return err_at(e, -err, path, 0,
			      "cannot open: %s (expected a "
			      "manifest in the app folder)",
			      strerror(err));
	}
	int rc = manifest_parse(f, appdir, m, e);
	fclose(f);
	return rc;
}
