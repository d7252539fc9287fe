/*
 * The in-memory index: one entry per member, sorted by name for binary
 * search. Built in archive order by the scan, then finished: duplicates
 * keep the last member (as extraction would), parents that the archive
 * does not list get implied directory entries, hard links take their
 * target's contents.
 */
#include "tar.h"

#include <unik/unik.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int grow(struct tarfs *fs)
{
	size_t cap = fs->cap ? fs->cap * 2 : 64;
	struct tar_ent *e;

	if (fs->n == TAR_MAX_ENTRIES)
		return -EINVAL;
	if (fs->n < fs->cap)
		return 0;
	e = realloc(fs->ents, cap * sizeof(*e));
	if (!e)
		return -ENOMEM;
	fs->ents = e;
	fs->cap = cap;
	return 0;
}

int tar_index_add(struct tarfs *fs, char *name, const struct tar_hdr *h,
                  uint64_t data, const char *link)
{
	size_t len = strlen(name) + (link ? strlen(link) : 0);
	struct tar_ent *e;
	int rc = grow(fs);

	if (rc < 0 || fs->name_bytes + len > TAR_MAX_NAMES) {
		free(name);
		return rc < 0 ? rc : -EINVAL;
	}
	e = &fs->ents[fs->n];
	*e = (struct tar_ent){
		.name = name, .data = data, .size = h ? h->size : 0,
		.mtime_ns = h ? h->mtime * 1000000000 : 0,
		.mode = h ? h->mode : 0755, .seq = h ? (uint32_t)fs->n + 1 : 0};
	if (link && !(e->link = strdup(link))) {
		free(name);
		return -ENOMEM;
	}
	e->mode |= !h || h->type == '5' ? UNIK_S_IFDIR : UNIK_S_IFREG;
	fs->name_bytes += len;
	fs->n++;
	return 0;
}

static int by_name_seq(const void *a, const void *b)
{
	const struct tar_ent *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Add a directory entry for every parent of every member (dupes go next). */
static int add_parents(struct tarfs *fs)
{
	size_t n = fs->n;

	for (size_t i = 0; i < n; i++) {
		const char *name = fs->ents[i].name;

		for (const char *s = strchr(name, '/'); s; s = strchr(s + 1, '/')) {
			char *p = strndup(name, (size_t)(s - name));
			int rc = p ? tar_index_add(fs, p, NULL, 0, NULL) : -ENOMEM;

			if (rc < 0)
				return rc;
			name = fs->ents[i].name; /* ents may have moved */
		}
	}
	return 0;
}

static void free_ent(struct tar_ent *e)
{
	free(e->name);
	free(e->link);
}

/* After sorting: keep the last of each run of equal names. */
static void dedupe(struct tarfs *fs)
{
	size_t w = 0;

	for (size_t i = 0; i < fs->n; i++) {
		if (i + 1 < fs->n && strcmp(fs->ents[i].name, fs->ents[i + 1].name) == 0) {
			free_ent(&fs->ents[i]);
			continue;
		}
		fs->ents[w++] = fs->ents[i];
	}
	fs->n = w;
}

struct tar_ent *tar_lookup(struct tarfs *fs, const char *name)
{
	size_t lo = 0, hi = fs->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, fs->ents[mid].name);

		if (c == 0)
			return &fs->ents[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * A hard link shows its target's contents; an unusable one (no target,
 * a directory, another link) is dropped. Two passes: lookups need the
 * array sorted and whole, so nothing moves until every link is resolved.
 */
static void resolve_links(struct tarfs *fs, const char *devname)
{
	size_t w = 0;

	for (size_t i = 0; i < fs->n; i++) {
		struct tar_ent *e = &fs->ents[i], *t = NULL;

		if (!e->link)
			continue;
		if (tar_normalize_name(e->link) > 0)
			t = tar_lookup(fs, e->link);
		if (!t || t->link || (t->mode & UNIK_S_IFMT) != UNIK_S_IFREG) {
			unik_printk("tarfs: %s: hard link '%s' to '%s': no such "
			            "file, skipped\n", devname, e->name, e->link);
			e->seq = UINT32_MAX; /* dropped below */
			continue;
		}
		e->data = t->data;
		e->size = t->size;
	}
	for (size_t i = 0; i < fs->n; i++) {
		struct tar_ent *e = &fs->ents[i];

		if (e->seq == UINT32_MAX) {
			fs->skipped++;
			free_ent(e);
			continue;
		}
		free(e->link);
		e->link = NULL;
		fs->ents[w++] = *e;
	}
	fs->n = w;
}

/* The parent of a member must be a directory (a parent name sorts first). */
static int check_parents(struct tarfs *fs, const char *devname)
{
	char parent[UNIK_VFS_PATH_MAX];

	for (size_t i = 0; i < fs->n; i++) {
		const char *name = fs->ents[i].name, *slash = strrchr(name, '/');
		size_t n = slash ? (size_t)(slash - name) : 0;
		struct tar_ent *p;

		if (!slash || n >= sizeof(parent))
			continue; /* normalised names always fit */
		/* A copy: cutting the name in place would unsort the array
		 * the lookup searches. */
		memcpy(parent, name, n);
		parent[n] = '\0';
		p = tar_lookup(fs, parent);
		if (!p || (p->mode & UNIK_S_IFMT) != UNIK_S_IFDIR) {
			unik_printk("tarfs: %s: '%s' is below a member that is not "
			            "a directory\n", devname, name);
			return -EINVAL;
		}
	}
	return 0;
}

int tar_index_finish(struct tarfs *fs, const char *devname)
{
	int rc = add_parents(fs);

	if (rc < 0) {
		unik_printk("tarfs: %s: too many members or names with their "
		            "parent directories (limits %u, %u bytes)\n", devname,
		            TAR_MAX_ENTRIES, TAR_MAX_NAMES);
		return rc;
	}
	if (fs->n) /* an empty archive has no array at all */
		qsort(fs->ents, fs->n, sizeof(*fs->ents), by_name_seq);
	dedupe(fs);
	resolve_links(fs, devname);
	return check_parents(fs, devname);
}

void tar_index_free(struct tarfs *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		free_ent(&fs->ents[i]);
	free(fs->ents);
	fs->ents = NULL;
	fs->n = fs->cap = 0;
}
