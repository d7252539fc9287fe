#!/bin/sh
# tools/crunch/tests/cli.sh: unik-crunch from the outside. Builds trees
# with awkward names, links the outputs into a program that checks every
# byte, and checks determinism, write-if-changed and every refusal.
# Prints "ok"/"FAIL" lines and a summary; exits 0 only when all passed.
# shellcheck disable=SC2016 # sh -c '...' scripts take their values as "$1"...
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
crunch=$root/tools/unik-crunch
T=$(mktemp -d "${TMPDIR:-/tmp}/unik-crunch-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok   - $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL - $*"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }
# fails_with MESSAGE-PATTERN ARGS...: crunch must exit 1 saying that.
fails_with() {
	p=$1; shift
	if "$crunch" "$@" >"$T/out" 2>"$T/err"; then echo "       exit 0" >&2; return 1; fi
	grep -q "$p" "$T/err" || { echo "       stderr: $(cat "$T/err")" >&2; return 1; }
}

# A program that checks a crunched table against the files on disk.
cat >"$T/verify.c" <<'C'
#include <unik/http.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
extern const struct http_site unik_site;
int main(int argc, char **argv)
{
	const struct http_site *s = &unik_site;
	uint64_t total = 0;
	if (argc != 3)
		return 2;
	if (s->count != (size_t)atoi(argv[2]))
		return printf("count %zu\n", s->count), 1;
	for (size_t i = 0; i < s->count; i++) {
		const struct http_site_file *f = &s->files[i];
		char p[4096];
		FILE *fp;
		if (i && strcmp(s->files[i - 1].path, f->path) >= 0)
			return printf("not sorted at %s\n", f->path), 1;
		if (((uintptr_t)f->data & 15) != 0)
			return printf("not aligned: %s\n", f->path), 1;
		snprintf(p, sizeof(p), "%s%s", argv[1], f->path);
		fp = fopen(p, "rb");
		if (!fp)
			return printf("no file %s\n", p), 1;
		for (uint64_t k = 0; k < f->size; k++)
			if (fgetc(fp) != f->data[k])
				return printf("byte %llu of %s\n", (unsigned long long)k, p), 1;
		if (fgetc(fp) != EOF)
			return printf("short %s\n", p), 1;
		fclose(fp);
		if (f->etag[0] != '"' || f->etag[strlen(f->etag) - 1] != '"')
			return printf("etag %s\n", f->etag), 1;
		total += f->size;
	}
	return total == s->total_bytes ? 0 : (printf("total\n"), 1);
}
C
# build DIR OUT: crunch in $T, link with verify.c into $T/OUT.bin
build() {
	(cd "$T" && "$crunch" -q "$1" "$2" &&
		gcc -std=c11 -Wall -Wextra -Werror -I"$root/include" \
			-o "$2.bin" verify.c "$2.c" "$2-data.S") >"$T/build.log" 2>&1 ||
		{ cat "$T/build.log" >&2; return 1; }
}

check "--help prints the usage, exit 0" sh -c '"$1" --help | grep -q "^usage: unik-crunch"' - "$crunch"
check "no arguments: usage, exit 1" sh -c '! "$1" 2>/dev/null'  - "$crunch"
check "unknown option refused" fails_with "unknown option" --bogus a b
check "bad --symbol refused" fails_with "C identifier" --symbol 9x a b
check "bad --mtime refused" fails_with "seconds since 1970" --mtime x a b
check "missing folder" fails_with "No such file" "$T/none" "$T/o"
: >"$T/plain"
check "a file is not a folder" fails_with "not a directory" "$T/plain" "$T/o"

# ---- a tree with awkward names ------------------------------------------
mkdir -p "$T/s/sub/deeper" "$T/s/.git" "$T/s/sp ace"
printf '<h1>hi</h1>\n' >"$T/s/index.html"
head -c 300000 /dev/urandom >"$T/s/big.bin"
: >"$T/s/empty"
printf 'q\n' >"$T/s/what?.txt"
printf 'quote\n' >"$T/s/say \"hi\".txt"
printf 'utf8\n' >"$T/s/caf$(printf '\303\251').txt"
printf 'trigraph\n' >"$T/s/a??-b"
printf 'percent\n' >"$T/s/100%.txt"
printf 'x\n' >"$T/s/sub/deeper/x.css"
printf 's\n' >"$T/s/sp ace/f.txt"
printf 'secret\n' >"$T/s/.git/config"
printf 'hidden\n' >"$T/s/.env"
ln -s ../index.html "$T/s/sub/link.html"
check "awkward names: crunched, linked, every byte checked" build s site
check "  ... 11 files (hidden names skipped, the link followed)" "$T/site.bin" "$T/s" 11
check "  ... .incbin paths are DIR as given" grep -q '\.incbin "s/big\.bin"' "$T/site-data.S"
check "  ... sections are read-only data" grep -q '\.section \.rodata' "$T/site-data.S"

# ---- write only when changed --------------------------------------------
touch -d '2001-01-01 00:00' "$T/site.c" "$T/site-data.S"
(cd "$T" && "$crunch" -q s site)
check "unchanged folder: outputs not rewritten" sh -c '[ -z "$(find "$1" "$2" -newer "$3")" ]' - "$T/site.c" "$T/site-data.S" "$T/plain"
cp "$T/site-data.S" "$T/before.S"
printf '<h1>HI</h1>\n' >"$T/s/index.html"
touch -d '2001-01-01 00:00' "$T/site.c" "$T/site-data.S"
(cd "$T" && "$crunch" -q --mtime 0 s site) && (cd "$T" && "$crunch" -q --mtime 0 s site)
cp "$T/site-data.S" "$T/mid.S"
printf '<h1>Hi</h1>\n' >"$T/s/index.html"
(cd "$T" && "$crunch" -q --mtime 0 s site)
check "same-size edit changes OUT-data.S" sh -c '! cmp -s "$1" "$2"' - "$T/mid.S" "$T/site-data.S"
check "  ... and the program sees the new bytes" build s site
check "  ... (still 11 files)" "$T/site.bin" "$T/s" 11

# ---- determinism ------------------------------------------------------------
mkdir -p "$T/a" "$T/b/s"
cp -R "$T/s" "$T/a/s"
# The same tree with its entries created in the reverse order.
(cd "$T/s" && find . -type d) | while IFS= read -r d; do mkdir -p "$T/b/s/$d"; done
(cd "$T/s" && find . ! -type d | sort -r) | while IFS= read -r f; do
	cp -P "$T/s/$f" "$T/b/s/$f"
done
(cd "$T/a" && "$crunch" -q --mtime 1000 s out) && (cd "$T/b" && "$crunch" -q --mtime 1000 s out)
check "deterministic: same tree, same outputs" sh -c 'cmp -s "$1/a/out.c" "$1/b/out.c" && cmp -s "$1/a/out-data.S" "$1/b/out-data.S"' - "$T"
(cd "$T/a" && SOURCE_DATE_EPOCH=12345 "$crunch" -q s sde)
check "SOURCE_DATE_EPOCH clamps mtimes" sh -c 'grep -q ", 12345, " "$1" && ! grep -Eq ", [0-9]{6,}, \"" "$1"' - "$T/a/sde.c"

# ---- refusals -----------------------------------------------------------------
mkdir -p "$T/r1" && ln -s /etc/passwd "$T/r1/passwd"
check "symlink outside the folder refused" fails_with "outside" "$T/r1" "$T/o"
mkdir -p "$T/r2/d" && ln -s d "$T/r2/loop"
check "symlink to a directory refused" fails_with "symbolic link to a directory" "$T/r2" "$T/o"
mkdir -p "$T/r3" && ln -s nowhere "$T/r3/broken"
check "broken symlink refused" fails_with "broken symbolic link" "$T/r3" "$T/o"
mkdir -p "$T/r4" && mkfifo "$T/r4/fifo"
check "FIFO refused" fails_with "not a regular file" "$T/r4" "$T/o"
mkdir -p "$T/r5" && : >"$T/r5/$(printf 'a\tb')"
check "control character in a name refused" fails_with "control character" "$T/r5" "$T/o"
mkdir -p "$T/r6" && : >"$T/r6/a\\b"
check "backslash in a name refused" fails_with "backslash" "$T/r6" "$T/o"
mkdir -p "$T/r7" && head -c 2000 /dev/zero >"$T/r7/f"
check "--max-bytes enforced" fails_with "exceeds --max-bytes" --max-bytes 1000 "$T/r7" "$T/o"
check "nothing written after a refusal" test ! -e "$T/o.c"

# ---- empty folder, and a file that changes size after crunching ----------
mkdir -p "$T/e"
check "empty folder: a valid empty table" build e empty
check "  ... 0 files" "$T/empty.bin" "$T/e" 0
mkdir -p "$T/g" && printf 'abc' >"$T/g/f"
(cd "$T" && "$crunch" -q g grow) && printf 'abcdef' >"$T/g/f"
check "a file grown after crunching: the assembler stops" sh -c 'cd "$1" && ! gcc -c grow-data.S -o grow.o 2>err && grep -q "changed during the build" err' - "$T"

echo "crunch cli: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
