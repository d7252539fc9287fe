/*
 * Walk the folder: every regular file becomes an entry. What the server
 * could never serve is refused here, with the reason, instead of being
 * embedded for nothing: control characters and backslashes in names
 * (net/http/path.c answers 400), symbolic links leading outside the
 * folder, links to directories (loops), devices, FIFOs and sockets.
 * Names starting with '.' are skipped: the server answers 404 for them.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "crunch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct walk {
	const struct options *opt;
	struct site *s;
	char root_real[PATH_MAX]; /* realpath of the folder */
	size_t root_len;
};

static int hash_file(const char *path, uint64_t *size, uint64_t *hash)
{
	unsigned char buf[65536];
	uint64_t h = 0xcbf29ce484222325ull, n = 0;
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0)
		return crunch_error("%s: cannot open: %s", path,
				    strerror(errno));
	while ((r = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < r; i++)
			h = (h ^ buf[i]) * 0x100000001b3ull;
		n += (uint64_t)r;
	}
	close(fd);
	if (r < 0)
		return crunch_error("%s: read error: %s", path,
				    strerror(errno));
	*size = n;
	*hash = h;
	return 0;
}

static int add(struct walk *w, const char *url, const char *file,
	       const struct stat *st)
{
	struct site *s = w->s;
	struct entry *e;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct entry *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			return crunch_error("out of memory");
		s->v = v;
		s->cap = cap;
	}
	e = &s->v[s->n];
	memset(e, 0, sizeof(*e));
	if (hash_file(file, &e->size, &e->hash) < 0)
		return -1;
	if ((uint64_t)st->st_size != e->size)
		return crunch_error("%s: changed while being read", file);
	e->url = strdup(url);
	e->file = strdup(file);
	if (!e->url || !e->file)
		return crunch_error("out of memory");
	e->mtime = w->opt->have_mtime ? w->opt->mtime : (int64_t)st->st_mtime;
	if (!w->opt->have_mtime && w->opt->clamp && e->mtime > w->opt->clamp_to)
		e->mtime = w->opt->clamp_to;
	s->total += e->size;
	s->n++;
	if (s->total > w->opt->max_bytes)
		return crunch_error("%s: the site exceeds --max-bytes %llu",
				    w->opt->dir,
				    (unsigned long long)w->opt->max_bytes);
	return 0;
}

static int check_name(const char *dirfile, const char *name)
{
	for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
		if (*c < 0x20 || *c == 0x7f)
			return crunch_error("%s: a name with a control "
					    "character (byte %u; the server "
					    "refuses such paths)",
					    dirfile, *c);
		if (*c == '\\')
			return crunch_error("%s/%s: backslash in the name (the "
					    "server refuses such paths)",
					    dirfile, name);
	}
	return 0;
}

/* A symbolic link: followed only to a regular file inside the folder. */
static int check_link(struct walk *w, const char *file, struct stat *st)
{
	char real[PATH_MAX];

	if (!realpath(file, real))
		return crunch_error("%s: broken symbolic link", file);
	if (strncmp(real, w->root_real, w->root_len) != 0 ||
	    (real[w->root_len] != '/' && w->root_len > 1))
		return crunch_error("%s: symbolic link to %s, outside %s", file,
				    real, w->opt->dir);
	if (stat(real, st) < 0)
		return crunch_error("%s: %s", file, strerror(errno));
	if (S_ISDIR(st->st_mode))
		return crunch_error(
		    "%s: symbolic link to a directory (refused: "
		    "it could loop)",
		    file);
	return 0;
}

static int walk_dir(struct walk *w, const char *url, const char *dirfile)
{
	DIR *d = opendir(dirfile);
	struct dirent *de;
	int rc = 0;

	if (!d)
		return crunch_error("%s: %s", dirfile, strerror(errno));
	while (rc == 0 && (errno = 0, de = readdir(d))) {
		char u[URL_MAX + 1], f[PATH_MAX];
		struct stat st;

		if (de->d_name[0] == '.')
			continue; /* ".", "..", and hidden names */
		if ((rc = check_name(dirfile, de->d_name)) < 0)
			break;
		if (snprintf(u, sizeof(u), "%s/%s", url, de->d_name) >=
			(int)sizeof(u) ||
		    snprintf(f, sizeof(f), "%s/%s", dirfile, de->d_name) >=
			(int)sizeof(f)) {
			rc = crunch_error("%s/%s: path too long", dirfile,
					  de->d_name);
			break;
		}
		if (lstat(f, &st) < 0) {
			rc = crunch_error("%s: %s", f, strerror(errno));
			break;
		}
		if (S_ISLNK(st.st_mode) && (rc = check_link(w, f, &st)) < 0)
			break;
		if (S_ISDIR(st.st_mode))
			rc = walk_dir(w, u, f);
		else if (S_ISREG(st.st_mode))
			rc = add(w, u, f, &st);
		else
			rc = crunch_error(
			    "%s: not a regular file or a directory", f);
	}
	if (rc == 0 && errno)
		rc = crunch_error("%s: %s", dirfile, strerror(errno));
	closedir(d);
	return rc;
}

static int by_url(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->url,
		      ((const struct entry *)b)->url);
}

int crunch_walk(const struct options *opt, struct site *s)
{
	struct walk w = {.opt = opt, .s = s};
	char dir[PATH_MAX];
	size_t n = strlen(opt->dir);
	struct stat st;

	if (n == 0 || n >= sizeof(dir))
		return crunch_error("bad folder name '%s'", opt->dir);
	memcpy(dir, opt->dir, n + 1);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	if (stat(dir, &st) < 0)
		return crunch_error("%s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return crunch_error("%s: not a directory", dir);
	if (!realpath(dir, w.root_real))
		return crunch_error("%s: %s", dir, strerror(errno));
	w.root_len = strlen(w.root_real);
	if (walk_dir(&w, "", dir) < 0)
		return -1;
	qsort(s->v, s->n, sizeof(*s->v), by_url);
	return 0;
}
