/*
 * Storage keys of the manifest (docs/MANIFEST.md, docs/STORAGE.md):
 *
 *   disk  = site.tar:ro data.img          PATH[:ro|:rw] per disk, in order
 *   mount = /www:tar:0 /data:cow:1:format PATH:TYPE:DISK[:ro][:format]
 *
 * Disks are files relative to the app folder, resolved to absolute paths
 * now (unix: unik.disk=ABS arguments; xen: the xl config's disk list).
 * Mounts reach the image's run-time config (MOUNTS); the libraries they
 * need (vfs-posix, fs-TYPE) are added to libs. Paths end up in make
 * variables, a C string and xl's quoted specs, so only plain characters
 * are accepted in them.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* realpath */
#endif

#include "manifest_pctx.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PLAIN "A-Z a-z 0-9 . _ + - @ ~ /"

static bool plain(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("._+-@~/", *s)))
			return false;
	return true;
}

/* One disk entry: PATH[:ro|:rw], an existing file in the app folder. */
static int parse_one_disk(const struct pctx *c, char *w, unsigned i)
{
	struct disk_conf *d = &c->m->disk;
	char rel[PATH_MAX], abs[PATH_MAX];
	char *colon = strrchr(w, ':');
	struct stat st;

	d->ro[i] = false;
	if (colon && (!strcmp(colon, ":ro") || !strcmp(colon, ":rw"))) {
		d->ro[i] = colon[2] == 'o';
		*colon = '\0';
	}
	if (w[0] == '\0' || strchr(w, ':'))
		return BAD(c, "bad disk '%s' (expected PATH[:ro] per disk)", w);
	if (w[0] == '/')
		return BAD(c, "bad disk '%s' (expected a path relative to the "
		              "app folder)", w);
	if (!plain(w))
		return BAD(c, "bad disk '%s' (expected characters %s)", w, PLAIN);
	snprintf(rel, sizeof(rel), "%s/%s", c->appdir, w);
	if (!realpath(rel, abs) || stat(abs, &st) != 0 || !S_ISREG(st.st_mode))
		return BAD(c, "disk '%s' not found (expected an existing file "
		              "in the app folder)", w);
	if (strlen(abs) > ABS_LEN || !plain(abs))
		return BAD(c, "disk '%s' is at '%s' (expected an absolute path "
		              "of at most %d characters %s)", w, abs, ABS_LEN,
		           PLAIN);
	for (unsigned j = 0; j < i; j++)
		if (strcmp(d->abs[j], abs) == 0)
			return BAD(c, "disk '%s' listed twice (expected each "
			              "disk once)", w);
	strcpy(d->path[i], w);
	strcpy(d->abs[i], abs);
	return 0;
}

int manifest_parse_disk(const struct pctx *c, const char *v)
{
	struct disk_conf *d = &c->m->disk;
	char w[DISKS_MAX][WORD_LEN + 1];
	unsigned n;
	int rc = split_words(v, &w[0][0], sizeof(w[0]), DISKS_MAX, &n);

	if (rc == -E2BIG)
		return BAD(c, "too many disks (expected at most %d)", DISKS_MAX);
	if (rc)
		return BAD(c, "disk path too long (expected at most %d "
		              "characters)", WORD_LEN);
	if (n == 0)
		return BAD(c, "disk is empty (expected PATH[:ro] per disk)");
	for (unsigned i = 0; i < n; i++)
		if ((rc = parse_one_disk(c, w[i], i)) != 0)
			return rc;
	d->n = n;
	return 0;
}

/* An absolute path with no empty, "." or ".." component: "/" or "/a/b". */
static bool canonical(const char *p)
{
	if (p[0] != '/')
		return false;
	if (p[1] == '\0')
		return true;
	for (const char *s = p + 1;;) {
		size_t n = strcspn(s, "/");

		if (n == 0 || (n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		if (s[n] == '\0')
			return true;
		s += n + 1;
	}
}

static int parse_one_mount(const struct pctx *c, char *w,
                           struct mount_conf *mc)
{
	static const char *const types[] = {"tar", "cow"};
	char *path = strtok(w, ":"), *type = strtok(NULL, ":");
	char *disk = strtok(NULL, ":"), *opt, *end;

	if (!path || !type || !disk)
		return BAD(c, "bad mount '%s' (expected PATH:TYPE:DISK[:ro]"
		              "[:format])", w);
	if (path[0] != '/')
		return BAD(c, "mount point '%s' is relative (expected an "
		              "absolute path like /www)", path);
	if (!canonical(path) || !plain(path))
		return BAD(c, "bad mount point '%s' (expected /a/b: no ., .. or "
		              "empty components, characters %s)", path, PLAIN);
	strcpy(mc->path, path);
	mc->type = NULL;
	for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(type, types[i]) == 0)
			mc->type = types[i];
	if (!mc->type)
		return BAD(c, "unknown filesystem type '%s' in mount %s "
		              "(expected tar or cow)", type, path);
	mc->disk = (unsigned)strtoul(disk, &end, 10);
	if (*end || disk[0] < '0' || disk[0] > '9' || mc->disk >= DISKS_MAX)
		return BAD(c, "bad disk index '%s' in mount %s (expected 0..%d)",
		           disk, path, DISKS_MAX - 1);
	mc->ro = mc->format = false;
	while ((opt = strtok(NULL, ":")) != NULL) {
		if (strcmp(opt, "ro") == 0)
			mc->ro = true;
		else if (strcmp(opt, "format") == 0)
			mc->format = true;
		else
			return BAD(c, "unknown mount option '%s' in mount %s "
			              "(expected ro or format)", opt, path);
	}
	if (mc->format && (mc->ro || strcmp(mc->type, "cow") != 0))
		return BAD(c, "option 'format' in mount %s needs a writable cow "
		              "mount", path);
	return 0;
}

int manifest_parse_mount(const struct pctx *c, const char *v)
{
	struct disk_conf *d = &c->m->disk;
	char w[MOUNTS_MAX][WORD_LEN + 1];
	unsigned n;
	int rc = split_words(v, &w[0][0], sizeof(w[0]), MOUNTS_MAX, &n);

	if (rc == -E2BIG)
		return BAD(c, "too many mounts (expected at most %d)", MOUNTS_MAX);
	if (rc)
		return BAD(c, "mount entry too long (expected at most %d "
		              "characters)", WORD_LEN);
	if (n == 0)
		return BAD(c, "mount is empty (expected PATH:TYPE:DISK[:ro]"
		              "[:format] per mount)");
	for (unsigned i = 0; i < n; i++) {
		struct mount_conf *mc = &d->mount[i];

		if ((rc = parse_one_mount(c, w[i], mc)) != 0)
			return rc;
		for (unsigned j = 0; j < i; j++) {
			if (strcmp(d->mount[j].path, mc->path) == 0)
				return BAD(c, "duplicate mount point '%s' "
				              "(expected each mount point once)",
				           mc->path);
			if (d->mount[j].disk == mc->disk)
				return BAD(c, "disk %u mounted twice (on %s and "
				              "%s)", mc->disk, d->mount[j].path,
				           mc->path);
		}
	}
	d->nmounts = n;
	return 0;
}

static void add_lib(struct names *libs, const char *name)
{
	if (!names_has(libs, name) && libs->n < NAMES_MAX)
		snprintf(libs->v[libs->n++], sizeof(libs->v[0]), "%s", name);
}

/*
 * Across keys: a mount's disk exists when the manifest lists disks (with
 * no `disk` key they come at run time: unik.disk=..., a test runner) and
 * is not formatted read-only. Then the mounts' libraries join libs.
 */
int manifest_check_disk(struct manifest *m, struct err *e)
{
	struct disk_conf *d = &m->disk;
	unsigned line = m->line[MK_MOUNT];
	char lib[NAME_LEN + 1];

	for (unsigned i = 0; i < d->nmounts; i++) {
		const struct mount_conf *mc = &d->mount[i];

		if (m->line[MK_DISK] && mc->disk >= d->n)
			return err_at(e, -EINVAL, m->path, line,
			              "disk index %u in mount %s out of range "
			              "(expected 0..%u: the disk line lists %u)",
			              mc->disk, mc->path, d->n - 1, d->n);
		if (m->line[MK_DISK] && mc->format && d->ro[mc->disk])
			return err_at(e, -EINVAL, m->path, line,
			              "option 'format' in mount %s on read-only "
			              "disk %u (expected a writable disk)",
			              mc->path, mc->disk);
	}
	if (d->nmounts)
		add_lib(&m->libs, "vfs-posix");
	for (unsigned i = 0; i < d->nmounts; i++) {
		snprintf(lib, sizeof(lib), "fs-%s", d->mount[i].type);
		add_lib(&m->libs, lib);
	}
	return 0;
}

void manifest_mounts_text(const struct disk_conf *d, char *buf, size_t len)
{
	char one[WORD_LEN + 32];

	buf[0] = '\0';
	for (unsigned i = 0; i < d->nmounts; i++) {
		const struct mount_conf *mc = &d->mount[i];

		snprintf(one, sizeof(one), "%s%s:%s:%u%s%s", i ? " " : "",
		         mc->path, mc->type, mc->disk, mc->ro ? ":ro" : "",
		         mc->format ? ":format" : "");
		append(buf, len, one);
	}
}
