/*
 * unik-crunch: turn a folder into sources that embed it in an image, for
 * net/http's in-image site backend (the idea of MirageOS's ocaml-crunch).
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "crunch.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: unik-crunch [options] DIR OUT\n"
    "\n"
    "Embed the files under DIR in an image. Writes OUT-data.S (one .incbin\n"
    "per file, in read-only data) and OUT.c (a sorted `const struct\n"
    "http_site`, see <unik/http.h>) for net/http's in-image site backend.\n"
    "\n"
    "Each output is rewritten only when its text changes, so a build can run\n"
    "the tool every time: OUT-data.S changes whenever a file's content does\n"
    "(it carries each file's hash), OUT.c when names, sizes or dates do.\n"
    "The .incbin paths are DIR as given plus each file's path: assemble\n"
    "OUT-data.S from the directory the tool ran in.\n"
    "\n"
    "Refused, with the reason: names with control characters or\n"
    "backslashes, symbolic links to anything outside DIR or to a directory,\n"
    "devices, FIFOs, sockets. Names starting with '.' are skipped (the\n"
    "server never serves them). Output is sorted and deterministic.\n"
    "\n"
    "options:\n"
    "  --symbol NAME     C name of the table (default: unik_site)\n"
    "  --mtime SECONDS   Last-Modified of every file (default: the file's\n"
    "                    mtime, at most $SOURCE_DATE_EPOCH when it is set)\n"
    "  --max-bytes N     refuse a site larger than N bytes (default 1 GiB)\n"
    "  -q, --quiet       no summary line when the outputs change\n"
    "  -h, --help        this text\n"
    "\n"
    "Exit status: 0, or 1 with one line on stderr per problem.\n";

int crunch_error(const char *fmt, ...)
{
	va_list ap;

	fputs("unik-crunch: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static bool number(const char *s, long long min, unsigned long long max,
		   long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < min || (unsigned long long)v > max)
		return false;
	*out = v;
	return true;
}

static bool identifier(const char *s)
{
	if (!*s || strlen(s) > 64 || (*s >= '0' && *s <= '9'))
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789_") == strlen(s);
}

int main(int argc, char **argv)
{
	struct options o = {.symbol = "unik_site", .max_bytes = 1ull << 30};
	struct site s = {0};
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long v;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o.quiet = true;
		} else if (!strcmp(a, "--symbol") && i + 1 < argc) {
			o.symbol = argv[++i];
			if (!identifier(o.symbol))
				return crunch_error("--symbol '%s': expected a "
						    "C identifier",
						    o.symbol),
				       1;
		} else if (!strcmp(a, "--mtime") && i + 1 < argc) {
			if (!number(argv[++i], 0, 253402300799ull, &v))
				return crunch_error("--mtime '%s': expected "
						    "seconds since 1970",
						    argv[i]),
				       1;
			o.have_mtime = true;
			o.mtime = v;
		} else if (!strcmp(a, "--max-bytes") && i + 1 < argc) {
			if (!number(argv[++i], 0, (1ull << 62), &v))
				return crunch_error(
					   "--max-bytes '%s': expected "
					   "a number of bytes",
					   argv[i]),
				       1;
			o.max_bytes = (uint64_t)v;
		} else {
			crunch_error("unknown option or missing value: %s "
				     "(see --help)",
				     a);
			return 1;
		}
	}
	if (argc - i != 2) {
		fputs(usage, stderr);
		return 1;
	}
	o.dir = argv[i];
	o.out = argv[i + 1];
	if (strlen(o.out) > 4000)
		return crunch_error("OUT too long"), 1;
	if (sde && *sde) {
		if (!number(sde, 0, 253402300799ull, &v))
			return crunch_error("SOURCE_DATE_EPOCH '%s': expected "
					    "seconds since 1970",
					    sde),
			       1;
		o.clamp = true;
		o.clamp_to = v;
	}
	if (crunch_walk(&o, &s) < 0 || crunch_emit(&o, &s) < 0)
		return 1;
	return 0;
}
