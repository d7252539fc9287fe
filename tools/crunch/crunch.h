/*
 * unik-crunch: embed a folder in an image (tools/unik-crunch, docs/HTTPD.md).
 * walk.c collects and checks the files, emit.c writes the assembler file
 * (one .incbin per file) and the C table that net/http's site backend reads.
 */
#ifndef CRUNCH_H
#define CRUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define URL_MAX 4096 /* longest path accepted, "/a/b.html" */

struct entry {
	char *url;  /* "/sub/index.html": the path the server looks up */
	char *file; /* what .incbin reads: DIR as given + "/sub/index.html" */
	uint64_t size;
	int64_t mtime;
	uint64_t hash; /* FNV-1a 64 of the content */
};

struct site {
	struct entry *v;
	size_t n, cap;
	uint64_t total;
};

struct options {
	const char *dir, *out, *symbol;
	bool have_mtime, quiet;
	int64_t mtime; /* --mtime, else each file's */
	bool clamp;    /* SOURCE_DATE_EPOCH set */
	int64_t clamp_to;
	uint64_t max_bytes;
};

/* Collect every file under opt->dir into s, sorted by url. 0 or -1 (the
 * error is printed). */
int crunch_walk(const struct options *opt, struct site *s);

/* Write OUT.S and OUT.c, each only when its content changed. 0 or -1. */
int crunch_emit(const struct options *opt, const struct site *s);

/* Print "unik-crunch: " + message to stderr; returns -1. */
int crunch_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
