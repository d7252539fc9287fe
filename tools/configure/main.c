/*
 * unik-configure: read an app's unik.conf, resolve its libraries for a
 * target and write its Makefile (and NAME.xl for xen). See docs/CONFIGURE.md.
 * Run through tools/unik-configure, which builds this and passes --root.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* realpath */
#endif

#include "emit.h"
#include "fragment.h"
#include "manifest.h"
#include "resolve.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct opts {
	const char *root;
	const char *appdir;
	enum target target;
	bool target_set;
	const char *type; /* --type: overrides the manifest's */
	bool list;
	bool quiet;
	bool help;
};

/* Too big for the stack; the only global state of the tool. */
static struct libset libs;
static struct manifest manifest;
static struct resolution resolution;

static void usage(FILE *f)
{
	fputs("usage: unik-configure [--target unix|xen] [--type pvh|pv] "
	      "[-C DIR] [-q]\n"
	      "       unik-configure --list\n"
	      "Reads DIR/unik.conf (default: the current folder), resolves "
	      "its libraries\nand writes DIR/Makefile, plus DIR/NAME.xl for "
	      "xen.\n"
	      "  --target T  unix or xen (default: the manifest's target, "
	      "else unix)\n"
	      "  --type T    Xen guest type, pvh or pv (default: the "
	      "manifest's type,\n"
	      "              else pvh); the image is the same, NAME.xl "
	      "differs\n"
	      "  -C DIR      the app folder (default: .)\n"
	      "  --root DIR  the unik repo (tools/unik-configure passes it)\n"
	      "  --list      print every library found, then exit\n"
	      "  -q          print nothing on success\n"
	      "  --help      print this help\n",
	      f);
}

/* Value of option argv[*i] ("--opt V" or "--opt=V"); NULL if missing. */
static const char *opt_value(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	return *i + 1 < argc ? argv[++*i] : NULL;
}

static bool is_opt(const char *arg, const char *opt)
{
	size_t n = strlen(opt);

	return strncmp(arg, opt, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static int parse_value(struct opts *o, const char *opt, const char *v,
		       struct err *e)
{
	if (!v)
		return err_tool(e, -EINVAL,
				"option %s needs a value (see "
				"--help)",
				opt);
	if (strcmp(opt, "--root") == 0)
		o->root = v;
	else if (strcmp(opt, "-C") == 0)
		o->appdir = v;
	else if (strcmp(opt, "--type") == 0 && strcmp(v, "pvh") == 0)
		o->type = "pvh";
	else if (strcmp(opt, "--type") == 0 && strcmp(v, "pv") == 0)
		o->type = "pv";
	else if (strcmp(opt, "--type") == 0)
		return err_tool(e, -EINVAL,
				"unknown type '%s' (expected pvh or pv)", v);
	else if (target_parse(v, &o->target) != 0)
		return err_tool(e, -EINVAL,
				"unknown target '%s' (expected "
				"%s)",
				v, TARGETS_EXPECTED);
	else
		o->target_set = true;
	return 0;
}

/* Flags without a value: the bool each one sets, or NULL. */
static bool *flag(struct opts *o, const char *a)
{
	if (strcmp(a, "--list") == 0)
		return &o->list;
	if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
		return &o->quiet;
	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
		return &o->help;
	return NULL;
}

static int parse_arg(int argc, char **argv, int *i, struct opts *o,
		     struct err *e)
{
	static const char *const valued[] = {"--target", "--type", "--root",
					     "-C"};
	const char *a = argv[*i];
	bool *set = flag(o, a);

	if (set) {
		*set = true;
		return 0;
	}
	for (unsigned k = 0; k < sizeof(valued) / sizeof(valued[0]); k++) {
		if (is_opt(a, valued[k]))
			return parse_value(o, valued[k],
					   opt_value(argc, argv, i, valued[k]),
					   e);
	}
	return err_tool(e, -EINVAL, "%s '%s' (see --help)",
			a[0] == '-' ? "unknown option" : "unexpected argument",
			a);
}

static int parse_args(int argc, char **argv, struct opts *o, struct err *e)
{
	*o = (struct opts){.appdir = "."};
	for (int i = 1; i < argc; i++) {
		int rc = parse_arg(argc, argv, &i, o, e);
		if (rc)
			return rc;
	}
	return 0;
}

static int find_root(const char *given, char *root, struct err *e)
{
	if (!given)
		return err_tool(
		    e, -EINVAL,
		    "no --root given (expected to be "
		    "run as tools/unik-configure, which passes it)");
	if (!realpath(given, root)) {
		int err = errno;
		return err_tool(e, -err, "cannot find the repo root %s: %s",
				given, strerror(err));
	}
	if (strpbrk(root, " \t"))
		return err_tool(e, -EINVAL,
				"repo root '%s' contains blanks "
				"(expected a path make can handle)",
				root);
	return 0;
}

static size_t max_len(size_t a, const char *s)
{
	size_t n = strlen(s);

	return n > a ? n : a;
}

static void print_list(const struct libset *set)
{
	unsigned sorted[LIBS_MAX];
	size_t wn = 4, wd = 6, wp = 8, wr = 8;
	char p[ERR_LEN], r[ERR_LEN], t[64];

	libset_by_name(set, sorted);
	for (unsigned i = 0; i < set->n; i++) {
		const struct lib *l = &set->lib[i];
		names_join(&l->provides, " ", "-", p, sizeof(p));
		names_join(&l->requires, " ", "-", r, sizeof(r));
		wn = max_len(wn, l->name);
		wd = max_len(wd, l->dir);
		wp = max_len(wp, p);
		wr = max_len(wr, r);
	}
	printf("%-*s  %-*s  %-*s  %-*s  TARGETS\n", (int)wn, "NAME", (int)wd,
	       "FOLDER", (int)wp, "PROVIDES", (int)wr, "REQUIRES");
	for (unsigned k = 0; k < set->n; k++) {
		const struct lib *l = &set->lib[sorted[k]];
		names_join(&l->provides, " ", "-", p, sizeof(p));
		names_join(&l->requires, " ", "-", r, sizeof(r));
		targets_format(l->targets, t, sizeof(t));
		printf("%-*s  %-*s  %-*s  %-*s  %s\n", (int)wn, l->name,
		       (int)wd, l->dir, (int)wp, p, (int)wr, r, t);
	}
}

static void print_summary(const struct emit_input *in, const char *appdir,
			  const struct output *out, unsigned nout)
{
	const struct resolution *r = in->r;
	size_t wn = 0, wd = 0;

	printf("unik-configure: %s for target %s\n", in->m->name,
	       target_name(in->target));
	for (unsigned k = 0; k < r->n; k++) {
		wn = max_len(wn, in->set->lib[r->order[k]].name);
		wd = max_len(wd, in->set->lib[r->order[k]].dir);
	}
	for (unsigned k = 0; k < r->n; k++) {
		unsigned i = r->order[k];
		printf("  %-*s %-*s %s\n", (int)wn + 2, in->set->lib[i].name,
		       (int)wd + 2, in->set->lib[i].dir, r->why[i]);
	}
	for (unsigned k = 0; k < nout; k++) {
		if (strcmp(appdir, ".") == 0)
			printf("wrote %s\n", out[k].name);
		else
			printf("wrote %s/%s\n", appdir, out[k].name);
	}
}

static int configure(const struct opts *o, const char *root, struct err *e)
{
	char shown[sizeof(manifest.path)], args[64] = "";
	struct output out[OUTPUTS_MAX];
	int rc;

	if (strcmp(o->appdir, ".") == 0)
		snprintf(shown, sizeof(shown), "%s", MANIFEST_FILE);
	else
		snprintf(shown, sizeof(shown), "%s/%s", o->appdir,
			 MANIFEST_FILE);
	if ((rc = manifest_load(o->appdir, shown, &manifest, e)) != 0 ||
	    (rc = libset_discover(root, &libs, e)) != 0)
		return rc;
	enum target t = o->target_set ? o->target : manifest.target;
	if ((rc = resolve(&libs, &manifest, t, &resolution, e)) != 0)
		return rc;
	if (o->type)
		manifest.type = o->type;
	if (o->target_set)
		snprintf(args, sizeof(args), "--target %s", target_name(t));
	if (o->type)
		snprintf(args + strlen(args), sizeof(args) - strlen(args),
			 "%s--type %s", args[0] ? " " : "", o->type);
	struct emit_input in = {.root = root,
				.m = &manifest,
				.set = &libs,
				.r = &resolution,
				.target = t,
				.configure_args = args};
	unsigned n = emit_outputs(&in, out);
	if ((rc = emit_write(o->appdir, out, n, &in, e)) != 0)
		return rc;
	if (!o->quiet)
		print_summary(&in, o->appdir, out, n);
	return 0;
}

int main(int argc, char **argv)
{
	static char root[PATH_MAX];
	struct opts o;
	struct err e;
	int rc;

	if ((rc = parse_args(argc, argv, &o, &e)) == 0 && o.help) {
		usage(stdout);
		return 0;
	}
	if (rc == 0)
		rc = find_root(o.root, root, &e);
	if (rc == 0 && o.list) {
		if ((rc = libset_discover(root, &libs, &e)) == 0)
			print_list(&libs);
	} else if (rc == 0) {
		rc = configure(&o, root, &e);
	}
	if (rc) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
