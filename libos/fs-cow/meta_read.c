/*
 * Loading a metadata blob: the fsck. Nothing in the blob is trusted, even
 * with a good checksum (a bug or an old format could have written it):
 *
 *   header  "CWMT", version 1, seq and fs_id equal to the superblock's,
 *           record count, next inode number                  (32 bytes)
 *   record  ino, parent record, mode, name length, 0, size, mtime,
 *           run count (36 bytes), the name, then runs of (start, count)
 *
 * Checked: every length against the bytes left; record 0 is the root;
 * a parent comes before its child and is a directory; names are 1..255
 * bytes without '/' or NUL, not "." or "..", unique in their directory;
 * inode numbers are unique; directories have no data; a file's runs
 * cover exactly its size; every run lies inside the filesystem and no
 * block is used twice (by two files, or by a file and the blob).
 */
#include "cow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct loader {
	struct cowfs *fs;
	const unsigned char *p, *end;
	struct cow_inode **recs;
	uint32_t n;
	const char *why;
};

static int fail(struct loader *l, const char *why)
{
	l->why = why;
	return -EINVAL;
}

static int load_runs(struct loader *l, struct cow_inode *ip, uint32_t nruns)
{
	struct cowfs *fs = l->fs;
	uint64_t want;

	if (nruns > (size_t)(l->end - l->p) / 8)
		return fail(l, "runs past the end of the blob");
	/* Before rounding up: size + COW_BS - 1 must not wrap. */
	if (ip->size > (uint64_t)fs->total * COW_BS)
		return fail(l, "file larger than the filesystem");
	want = (ip->size + COW_BS - 1) / COW_BS;
	ip->map = malloc(want ? want * sizeof(uint32_t) : 1);
	if (!ip->map)
		return -ENOMEM;
	ip->cap = (uint32_t)want;
	for (uint32_t r = 0; r < nruns; r++, l->p += 8) {
		uint32_t start = cow_get32(l->p), count = cow_get32(l->p + 4);

		/* start < total first: total - start must not wrap */
		if (count == 0 || start < COW_FIRST || start >= fs->total ||
		    count > fs->total - start)
			return fail(l, "run outside the filesystem");
		if (count > want - ip->nblocks)
			return fail(l, "runs longer than the file");
		for (uint32_t b = start; b < start + count; b++) {
			if (cow_bit(fs->used, b))
				return fail(l, "block used twice");
			cow_set(fs->used, b, true);
			ip->map[ip->nblocks++] = b;
		}
	}
	return ip->nblocks == want ? 0 : fail(l, "runs shorter than the file");
}

static int check_name(struct loader *l, const unsigned char *s, uint32_t n)
{
	if (n == 0 || n > UNIK_VFS_NAME_MAX || n > (size_t)(l->end - l->p))
		return fail(l, "bad name length");
	if (memchr(s, '/', n) || memchr(s, '\0', n) || (n == 1 && s[0] == '.') ||
	    (n == 2 && s[0] == '.' && s[1] == '.'))
		return fail(l, "bad name");
	return 0;
}

static int load_record(struct loader *l, uint32_t i)
{
	const unsigned char *p = l->p;
	uint32_t ino, parent, mode, nlen, type;
	struct cow_inode *ip;

	if ((size_t)(l->end - p) < COW_REC_FIXED)
		return fail(l, "record past the end of the blob");
	ino = cow_get32(p);
	parent = cow_get32(p + 4);
	mode = cow_get32(p + 8);
	nlen = p[12] | (uint32_t)p[13] << 8;
	type = mode & UNIK_S_IFMT;
	if ((type != UNIK_S_IFREG && type != UNIK_S_IFDIR) || (mode & ~(UNIK_S_IFMT | 07777)))
		return fail(l, "bad mode");
	if (i == 0 ? ino != COW_ROOT_INO || nlen || type != UNIK_S_IFDIR
	           : ino <= COW_ROOT_INO || ino >= l->fs->next_ino)
		return fail(l, i == 0 ? "record 0 is not the root" : "bad inode number");
	if (i > 0 && (parent >= i || !cow_is_dir(l->recs[parent])))
		return fail(l, "parent missing or not a directory");
	ip = l->recs[i] = cow_inode_new(l->fs, ino, mode);
	if (!ip)
		return -ENOMEM;
	ip->size = cow_get64(p + 16);
	ip->mtime_ns = (int64_t)cow_get64(p + 24);
	if (type == UNIK_S_IFDIR && (ip->size || cow_get32(p + 32)))
		return fail(l, "directory with data");
	l->p += COW_REC_FIXED;
	if (i > 0) {
		if (check_name(l, l->p, nlen) < 0)
			return -EINVAL;
		if (!(ip->name = strndup((const char *)l->p, nlen)))
			return -ENOMEM;
		ip->parent = l->recs[parent]; /* linked later, in order */
		l->p += nlen;
	}
	return load_runs(l, ip, cow_get32(p + 32));
}

static int cmp_ino(const void *a, const void *b)
{
	const struct cow_inode *x = *(struct cow_inode *const *)a,
	                       *y = *(struct cow_inode *const *)b;

	return (x->ino > y->ino) - (x->ino < y->ino);
}

static int cmp_name(const void *a, const void *b)
{
	const struct cow_inode *x = *(struct cow_inode *const *)a,
	                       *y = *(struct cow_inode *const *)b;

	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Unique inode numbers, unique names per directory: sort and compare. */
static int check_unique(struct loader *l)
{
	struct cow_inode **v = malloc(l->n * sizeof(*v));
	int rc = 0;

	if (!v)
		return -ENOMEM;
	memcpy(v, l->recs, l->n * sizeof(*v));
	qsort(v, l->n, sizeof(*v), cmp_ino);
	for (uint32_t i = 1; i < l->n && rc == 0; i++)
		if (v[i]->ino == v[i - 1]->ino)
			rc = fail(l, "inode number used twice");
	qsort(v + 1, l->n - 1, sizeof(*v), cmp_name); /* v[0]: the root */
	for (uint32_t i = 2; i < l->n && rc == 0; i++)
		if (cmp_name(&v[i], &v[i - 1]) == 0)
			rc = fail(l, "name used twice in a directory");
	free(v);
	return rc;
}

static void discard(struct loader *l, uint32_t built)
{
	for (uint32_t i = 0; i < built; i++) {
		if (!l->recs[i])
			continue;
		free(l->recs[i]->map);
		free(l->recs[i]->name);
		free(l->recs[i]);
	}
	l->fs->ninodes = 0;
}

static int load_all(struct loader *l, uint32_t *bad)
{
	struct cowfs *fs = l->fs;
	int rc = 0;

	for (*bad = 0; *bad < l->n && rc == 0; (*bad)++)
		rc = load_record(l, *bad);
	if (rc < 0) {
		(*bad)--;
		return rc;
	}
	if (l->p != l->end)
		return fail(l, "bytes after the last record");
	rc = check_unique(l);
	if (rc < 0)
		return rc;
	/* Link in reverse so that directory lists keep the blob's order. */
	for (uint32_t i = l->n; i-- > 1;)
		cow_link(l->recs[i]->parent, l->recs[i]);
	fs->root = l->recs[0];
	fs->root->linked = true;
	return 0;
}

int cow_meta_load(struct cowfs *fs, const unsigned char *blob, uint32_t len,
                  const char **why, uint32_t *bad)
{
	struct loader l = {.fs = fs, .p = blob + COW_HDR, .end = blob + len};
	int rc;

	*bad = UINT32_MAX;
	*why = "bad blob header";
	if (len < COW_HDR || memcmp(blob, "CWMT", 4) || cow_get32(blob + 4) != 1 ||
	    cow_get64(blob + 8) != fs->seq || cow_get64(blob + 16) != fs->fs_id)
		return -EINVAL;
	l.n = cow_get32(blob + 24);
	fs->next_ino = cow_get32(blob + 28);
	if (l.n == 0 || l.n > (len - COW_HDR) / COW_REC_FIXED ||
	    fs->next_ino <= COW_ROOT_INO)
		return -EINVAL;
	l.recs = calloc(l.n, sizeof(*l.recs));
	if (!l.recs)
		return -ENOMEM;
	rc = load_all(&l, bad);
	if (rc < 0) {
		*why = l.why ? l.why : "out of memory";
		discard(&l, l.n);
	}
	free(l.recs);
	return rc;
}
