/*
 * util.h: limits, targets, error messages, word lists and line reading
 * shared by the parts of unik-configure.
 *
 * Error convention: a function that can fail returns 0 or a negative errno
 * and, on failure, fills a caller-owned struct err with the complete
 * one-line message ("FILE:LINE: what (expected what)"). Nothing allocates a
 * message; the caller prints e.msg.
 */
#ifndef UNIK_CONFIGURE_UTIL_H
#define UNIK_CONFIGURE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define NAME_LEN  32   /* app and library names, [a-z][a-z0-9_-]* */
#define NAMES_MAX 32   /* words in a name list: libs, PROVIDES, REQUIRES */
#define WORD_LEN  255  /* one source path in srcs */
#define WORDS_MAX 64   /* sources in srcs */
#define VALUE_LEN 1023 /* a raw value: cmdline, cflags */
#define LINE_LEN  4095 /* one line of unik.conf or lib.mk */
#define ERR_LEN	  2047

enum target { TARGET_UNIX, TARGET_XEN, TARGET_COUNT };
#define TARGETS_ALL	 ((1u << TARGET_COUNT) - 1)
#define TARGETS_EXPECTED "unix or xen"

const char *target_name(enum target t);
/* 0 and *t set, or -EINVAL when s names no target. */
int target_parse(const char *s, enum target *t);
/* "unix xen" style list of the targets in mask. */
void targets_format(unsigned mask, char *buf, size_t len);

struct err {
	char msg[ERR_LEN + 1];
};

#define ERR_PRINTF(f, a) __attribute__((format(printf, f, a)))

/*
 * "file:line: ..." ("file: ..." when line is 0, "unik-configure: ..." when
 * file is NULL); returns rc.
 */
int err_vat(struct err *e, int rc, const char *file, unsigned line,
	    const char *fmt, va_list ap) ERR_PRINTF(5, 0);
int err_at(struct err *e, int rc, const char *file, unsigned line,
	   const char *fmt, ...) ERR_PRINTF(5, 6);
/* "unik-configure: ..."; returns rc. */
int err_tool(struct err *e, int rc, const char *fmt, ...) ERR_PRINTF(3, 4);

struct names {
	unsigned n;
	char v[NAMES_MAX][NAME_LEN + 1];
};

struct words {
	unsigned n;
	char v[WORDS_MAX][WORD_LEN + 1];
};

bool name_valid(const char *s);
bool names_has(const struct names *l, const char *s);

/*
 * Split a blank-separated value into a 2D array of max words of stride
 * bytes each. Returns 0, -E2BIG (too many words) or -ENAMETOOLONG.
 */
int split_words(const char *value, char *base, size_t stride, unsigned max,
		unsigned *n);
#define SPLIT_LIST(list, value)                                                \
	split_words((value), &(list)->v[0][0], sizeof((list)->v[0]),           \
		    sizeof((list)->v) / sizeof((list)->v[0]), &(list)->n)

/* Words of l separated by sep, or none when l is empty (truncates). */
void names_join(const struct names *l, const char *sep, const char *none,
		char *buf, size_t len);

/*
 * Read one line without its newline. Returns 1 (a line), 0 (end of file),
 * -E2BIG (longer than len - 1; the rest of the line is skipped) or -EIO.
 */
int read_line(FILE *f, char *buf, size_t len);

/* Cut a '#' comment, then trim blanks; returns the start of what is left. */
char *strip_line(char *s);
/* Trim leading and trailing blanks in place. */
char *trim(char *s);

/* Bounded append: appends as much of s as fits, keeps buf terminated. */
void append(char *buf, size_t len, const char *s);

#endif
