#include "cow_work.h"
#include "cow_util.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rnd(struct model *m)
{
	m->rng ^= m->rng << 13;
	m->rng ^= m->rng >> 7;
	m->rng ^= m->rng << 17;
	return m->rng;
}

void model_init(struct model *m, uint64_t seed)
{
	memset(m, 0, sizeof(*m));
	m->rng = seed * 0x9e3779b97f4a7c15ull | 1;
}

void model_free(struct model *m)
{
	for (int i = 0; i < MODEL_MAX; i++)
		free(m->e[i].data);
}

static int by_path(const void *a, const void *b)
{
	return strcmp((*(const struct mentry *const *)a)->path,
	              (*(const struct mentry *const *)b)->path);
}

/* The same walk as cow_tree_digest, over the model. */
static uint64_t dir_digest(const struct model *m, const char *dir, uint64_t h)
{
	const struct mentry *kids[MODEL_MAX];
	size_t n = 0, len = strlen(dir);

	for (int i = 0; i < MODEL_MAX; i++) {
		const char *p = m->e[i].path;
		bool child = len ? strncmp(p, dir, len) == 0 && p[len] == '/' &&
		                           !strchr(p + len + 1, '/')
		                 : !strchr(p, '/');

		if (m->e[i].used && child)
			kids[n++] = &m->e[i];
	}
	qsort(kids, n, sizeof(*kids), by_path);
	for (size_t k = 0; k < n; k++) {
		const struct mentry *e = kids[k];
		uint64_t size = e->size;

		h = fnv(h, e->path, strlen(e->path) + 1);
		if (e->dir) {
			h = fnv(fnv(h, "D", 1), "", 0);
			h = dir_digest(m, e->path, h);
		} else {
			h = fnv(fnv(h, "F", 1), &size, sizeof(size));
			h = fnv(h, e->data, e->size);
		}
	}
	return fnv(h, "/", 1);
}

uint64_t model_digest(const struct model *m)
{
	return dir_digest(m, "", FNV_INIT);
}

/* A random used entry of the kind asked (dir: -1 any), or NULL. */
static struct mentry *pick(struct model *m, int dir)
{
	int start = (int)(rnd(m) % MODEL_MAX);

	for (int k = 0; k < MODEL_MAX; k++) {
		struct mentry *e = &m->e[(start + k) % MODEL_MAX];

		if (e->used && (dir < 0 || e->dir == dir))
			return e;
	}
	return NULL;
}

static struct mentry *slot(struct model *m)
{
	for (int i = 0; i < MODEL_MAX; i++)
		if (!m->e[i].used)
			return &m->e[i];
	return NULL;
}

/* A new path inside a random directory (or the root). */
static void new_path(struct model *m, char *out, char kind)
{
	struct mentry *d = rnd(m) % 3 ? pick(m, 1) : NULL;

	char name[16];

	snprintf(name, sizeof(name), "%c%u", kind, m->names++ % 100000);
	if (d && strlen(d->path) < 40)
		sprintf(out, "%.40s/%s", d->path, name);
	else
		strcpy(out, name);
}

static char do_write(struct model *m, void *fs)
{
	static unsigned char buf[9000];
	struct mentry *e = rnd(m) % 4 ? pick(m, 0) : NULL;
	size_t len = 1 + rnd(m) % sizeof(buf), off;

	if (!e) {
		if (!(e = slot(m)))
			return 0;
		new_path(m, e->path, 'f');
		e->used = true;
	}
	switch (rnd(m) % 3) {
	case 0: off = e->size; break;                       /* append */
	case 1: off = e->size ? rnd(m) % e->size : 0; break; /* overwrite */
	default: off = e->size + rnd(m) % 6000; break;      /* past the end */
	}
	for (size_t i = 0; i < len; i++)
		buf[i] = (unsigned char)rnd(m);
	assert_int_equal(cput(fs, e->path, buf, len, off, UNIK_O_CREAT), 0);
	if (off + len > e->size) {
		e->data = realloc(e->data, off + len);
		memset(e->data + e->size, 0, off + len - e->size);
		e->size = off + len;
	}
	memcpy(e->data + off, buf, len);
	return 'w';
}

static char do_truncate(struct model *m, void *fs)
{
	struct mentry *e = pick(m, 0);
	size_t size;
	void *f;

	if (!e)
		return 0;
	size = rnd(m) % (e->size + 5000);
	assert_int_equal(cops->open(fs, e->path, UNIK_O_RDWR, 0, &f), 0);
	assert_int_equal(cops->ftruncate(fs, f, size), 0);
	cops->close(fs, f);
	e->data = realloc(e->data, size + 1);
	if (size > e->size)
		memset(e->data + e->size, 0, size - e->size);
	e->size = size;
	return 't';
}

static char do_mkdir(struct model *m, void *fs)
{
	struct mentry *e = slot(m);

	if (!e)
		return 0;
	new_path(m, e->path, 'd'); /* before `used`: not its own parent */
	e->used = e->dir = true;
	assert_int_equal(cops->mkdir(fs, e->path, 0755), 0);
	return 'm';
}

static bool below(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(p, dir, n) == 0 && p[n] == '/';
}

static char do_rename(struct model *m, void *fs)
{
	struct mentry *e = pick(m, -1), *t = e && !e->dir ? pick(m, 0) : NULL;
	char to[64], old[64];

	if (!e)
		return 0;
	if (t && t != e && rnd(m) % 2) { /* over an existing file */
		strcpy(to, t->path);
		free(t->data);
		*t = (struct mentry){0};
	} else {
		new_path(m, to, e->dir ? 'd' : 'f');
		if (below(to, e->path) || strlen(to) > 50)
			return 0; /* into itself, or too deep */
	}
	assert_int_equal(cops->rename(fs, e->path, to), 0);
	strcpy(old, e->path);
	for (int i = 0; i < MODEL_MAX; i++) { /* e and, for a dir, below it */
		struct mentry *x = &m->e[i];
		char moved[128];

		if (x->used && (x == e || below(x->path, old))) {
			snprintf(moved, sizeof(moved), "%s%s", to, x->path + strlen(old));
			assert_true(strlen(moved) < sizeof(x->path));
			strcpy(x->path, moved);
		}
	}
	return 'r';
}

static char do_remove(struct model *m, void *fs)
{
	struct mentry *e = pick(m, rnd(m) % 4 == 0);

	if (!e)
		return 0;
	if (e->dir) {
		for (int i = 0; i < MODEL_MAX; i++)
			if (m->e[i].used && below(m->e[i].path, e->path))
				return 0; /* not empty */
		assert_int_equal(cops->rmdir(fs, e->path), 0);
	} else {
		assert_int_equal(cops->unlink(fs, e->path), 0);
	}
	free(e->data);
	*e = (struct mentry){0};
	return 'u';
}

char work_step(struct model *m, void *fs)
{
	char k = 0;

	while (!k) {
		unsigned r = (unsigned)(rnd(m) % 20);

		if (r < 8)
			k = do_write(m, fs);
		else if (r < 10)
			k = do_truncate(m, fs);
		else if (r < 12)
			k = do_mkdir(m, fs);
		else if (r < 14)
			k = do_rename(m, fs);
		else if (r < 16)
			k = do_remove(m, fs);
		else if ((k = 's'))
			assert_int_equal(cops->sync(fs), 0);
	}
	return k;
}
