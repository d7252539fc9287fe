/* emit.c: write Makefile and NAME.xl (see emit.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_PATH_LEN 4096

/*
 * A manifest value as a literal make value: '$' doubles, '#' is escaped,
 * and a trailing '\' gets an empty "$()" after it so it cannot join the
 * next line.
 */
static void put_make(FILE *f, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '$')
			fputs("$$", f);
		else if (*p == '#')
			fputs("\\#", f);
		else
			fputc(*p, f);
	}
	if (*s && s[strlen(s) - 1] == '\\')
		fputs("$()", f);
}

static void put_var(FILE *f, const char *key, const char *value)
{
	fprintf(f, "%s :=", key);
	if (*value) {
		fputc(' ', f);
		put_make(f, value);
	}
	fputc('\n', f);
}

static void put_libs(FILE *f, const struct emit_input *in)
{
	const struct resolution *r = in->r;

	fputs("UNIK_LIBS :=", f);
	for (unsigned k = 0; k < r->n; k++)
		fprintf(f, " %s", in->set->lib[r->order[k]].name);
	fputc('\n', f);
	for (unsigned k = 0; k < r->n; k++) {
		const struct lib *l = &in->set->lib[r->order[k]];
		fprintf(f, "UNIK_LIBDIR_%s := ", l->name);
		put_make(f, l->dir);
		fputc('\n', f);
	}
}

/* NET_IP lists one entry per interface, blank-separated. */
static void put_net(FILE *f, const struct net_conf *n)
{
	fputs("NET_IP :=", f);
	for (unsigned i = 0; i < n->n; i++)
		fprintf(f, " %s", n->ip[i]);
	fputc('\n', f);
	put_var(f, "NET_GATEWAY", n->gateway);
	put_var(f, "NET_DNS", n->dns);
}

/*
 * MOUNTS: the run-time mount list (mk/app.mk puts it in the image's
 * config); DISK_ARGS: the manifest's disks as the unix image takes them,
 * for tools/unik-run (on xen they are the xl config's disk list).
 */
static void put_disks(FILE *f, const struct disk_conf *d)
{
	char mounts[MOUNTS_MAX * (WORD_LEN + 16)];

	manifest_mounts_text(d, mounts, sizeof(mounts));
	put_var(f, "MOUNTS", mounts);
	fputs("DISK_ARGS :=", f);
	for (unsigned i = 0; i < d->n; i++) {
		fprintf(f, " unik.disk%.0u=", i); /* unik.disk, unik.disk1, ... */
		put_make(f, d->abs[i]);
		if (d->ro[i])
			fputs(":ro", f);
	}
	fputc('\n', f);
}

int emit_makefile(FILE *f, const struct emit_input *in)
{
	const struct manifest *m = in->m;

	fputs(GENERATED_HEADER, f);
	put_var(f, "UNIK_ROOT", in->root);
	put_var(f, "APP", m->name);
	put_var(f, "TARGET", target_name(in->target));
	fputs("APP_SRCS :=", f);
	for (unsigned i = 0; i < m->srcs.n; i++) {
		fputc(' ', f);
		put_make(f, m->srcs.v[i]);
	}
	fputc('\n', f);
	put_var(f, "APP_CFLAGS", m->cflags);
	fprintf(f, "MEMORY_MB := %u\n", m->memory_mb);
	put_var(f, "GUEST_TYPE", m->type);
	put_var(f, "CMDLINE", m->cmdline);
	put_net(f, &m->net);
	put_disks(f, &m->disk);
	put_libs(f, in);
	put_var(f, "CONFIGURE_ARGS", in->configure_args);
	fputs("CONFIGURE_INPUTS := " MANIFEST_FILE, f);
	for (unsigned i = 0; i < in->set->n; i++) {
		fputc(' ', f);
		put_make(f, in->set->lib[i].path);
	}
	fputs("\ninclude $(UNIK_ROOT)/mk/app.mk\n", f);
	return ferror(f) ? -EIO : 0;
}

/* An xl string: double quotes, with '"' and '\' escaped. */
static void put_xl(FILE *f, const char *key, const char *value)
{
	fprintf(f, "%s = \"", key);
	for (const char *p = value; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputs("\"\n", f);
}

/* One function per xl key, in file order. */
typedef void (*xl_fn)(FILE *f, const struct emit_input *in);

static void xl_name(FILE *f, const struct emit_input *in)
{
	put_xl(f, "name", in->m->name);
}

static void xl_type(FILE *f, const struct emit_input *in)
{
	put_xl(f, "type", in->m->type);
}

static void xl_kernel(FILE *f, const struct emit_input *in)
{
	char kernel[NAME_LEN + 8];

	snprintf(kernel, sizeof(kernel), "%s.xen", in->m->name);
	put_xl(f, "kernel", kernel);
}

static void xl_memory(FILE *f, const struct emit_input *in)
{
	fprintf(f, "memory = %u\n", in->m->memory_mb);
}

static void xl_vcpus(FILE *f, const struct emit_input *in)
{
	(void)in;
	fputs("vcpus = 1\n", f);
}

static void xl_on_poweroff(FILE *f, const struct emit_input *in)
{
	(void)in;
	put_xl(f, "on_poweroff", "destroy");
}

static void xl_on_crash(FILE *f, const struct emit_input *in)
{
	put_xl(f, "on_crash", in->m->on_crash);
}

static void xl_extra(FILE *f, const struct emit_input *in)
{
	if (in->m->cmdline[0])
		put_xl(f, "extra", in->m->cmdline);
}

/* One vif per manifest ip entry, on its bridge. */
static void xl_vif(FILE *f, const struct emit_input *in)
{
	const struct net_conf *n = &in->m->net;

	if (n->n == 0)
		return;
	fputs("vif = [", f);
	for (unsigned i = 0; i < n->n; i++)
		fprintf(f, "%s'bridge=%s'", i ? ", " : " ", n->bridge[i]);
	fputs(" ]\n", f);
}

/* One raw disk per manifest entry, xvda first; xl reads the rest of a
 * spec after target= as the path, so it comes last. */
static void xl_disk(FILE *f, const struct emit_input *in)
{
	const struct disk_conf *d = &in->m->disk;

	if (d->n == 0)
		return;
	fputs("disk = [", f);
	for (unsigned i = 0; i < d->n; i++)
		fprintf(f, "%s'format=raw, vdev=xvd%c, access=%s, target=%s'",
		        i ? ", " : " ", 'a' + i, d->ro[i] ? "ro" : "rw",
		        d->abs[i]);
	fputs(" ]\n", f);
}

static const xl_fn xl_keys[] = {
    xl_name,  xl_type,	      xl_kernel,   xl_memory, xl_vcpus,
    xl_on_poweroff, xl_on_crash, xl_extra, xl_vif,    xl_disk,
};

int emit_xl(FILE *f, const struct emit_input *in)
{
	fputs(GENERATED_HEADER, f);
	for (unsigned i = 0; i < sizeof(xl_keys) / sizeof(xl_keys[0]); i++)
		xl_keys[i](f, in);
	return ferror(f) ? -EIO : 0;
}

unsigned emit_outputs(const struct emit_input *in,
		      struct output out[OUTPUTS_MAX])
{
	unsigned n = 0;

	snprintf(out[n].name, sizeof(out[n].name), "Makefile");
	out[n++].write = emit_makefile;
	if (in->target == TARGET_XEN) {
		snprintf(out[n].name, sizeof(out[n].name), "%s.xl",
			 in->m->name);
		out[n++].write = emit_xl;
	}
	return n;
}

static int write_failed(struct err *e, int rc, const char *dir,
			const char *name)
{
	return err_tool(e, rc, "cannot write %s/%s: %s", dir, name,
			strerror(-rc));
}

/* Write o into a new temporary file in dir, named in tmp. */
static int write_temp(const char *dir, const struct output *o, mode_t mode,
		      const struct emit_input *in, char *tmp, struct err *e)
{
	if ((size_t)snprintf(tmp, TMP_PATH_LEN, "%s/.%s.XXXXXX", dir,
			     o->name) >= TMP_PATH_LEN)
		return write_failed(e, -ENAMETOOLONG, dir, o->name);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return write_failed(e, -errno, dir, o->name);
	FILE *f = fdopen(fd, "w");
	int rc = !f || fchmod(fd, mode) ? -errno : 0;
	if (rc == 0)
		rc = o->write(f, in);
	if (f ? fclose(f) : close(fd))
		rc = rc ? rc : -errno;
	if (rc) {
		unlink(tmp);
		return write_failed(e, rc, dir, o->name);
	}
	return 0;
}

int emit_write(const char *dir, const struct output *out, unsigned n,
	       const struct emit_input *in, struct err *e)
{
	char tmp[OUTPUTS_MAX][TMP_PATH_LEN], dest[TMP_PATH_LEN];
	mode_t mask = umask(0);
	unsigned made = 0, done = 0;
	int rc = 0;

	umask(mask);
	if (n > OUTPUTS_MAX)
		return err_tool(e, -E2BIG, "too many outputs");
	while (rc == 0 && made < n) {
		rc =
		    write_temp(dir, &out[made], 0666 & ~mask, in, tmp[made], e);
		made += rc == 0;
	}
	while (rc == 0 && done < made) {
		snprintf(dest, sizeof(dest), "%s/%s", dir, out[done].name);
		if (rename(tmp[done], dest) != 0)
			rc = write_failed(e, -errno, dir, out[done].name);
		else
			done++;
	}
	for (unsigned i = done; i < made; i++)
		unlink(tmp[i]);
	return rc;
}
