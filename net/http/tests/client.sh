#!/bin/sh
# client.sh: check a running unik httpd from outside, with curl and nc.
#
#   client.sh HOST PORT FIXTURE [TIMEOUT]
#
# FIXTURE is the folder the server serves (its --root, or the folder
# crunched into its image), made by mkfixture.sh; TIMEOUT is the server's
# --timeout in seconds (default 10), for the slowloris check. POSIX sh and
# busybox only (the Xen lab's dom0 has busybox and curl): curl, nc (or
# `busybox nc`, or bash's /dev/tcp), sha256sum, dd, awk.
#
# Prints one line per check ("ok - ..." / "FAIL - ..."), then a summary
# line "client.sh: N passed, M failed"; exits 0 only when all passed.
#
# shellcheck disable=SC2016 # sh -c '...' scripts take their values as "$1"...
set -u

[ $# -ge 3 ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
H=$1 P=$2 FIX=$3 TMO=${4:-10}
BASE=http://$H:$P
T=$(mktemp -d "${TMPDIR:-/tmp}/unik-client.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
PASS=0 FAIL=0

ok() { PASS=$((PASS + 1)); echo "ok   - $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL - $*"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() { d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }

if command -v nc >/dev/null 2>&1; then NC=nc
elif busybox nc 2>&1 | grep -q 'Usage: nc'; then NC="busybox nc"
elif command -v bash >/dev/null 2>&1; then NC=devtcp
else echo "client.sh: needs nc, busybox nc or bash" >&2; exit 2; fi

# raw FORMAT: send printf FORMAT on one connection, response in $T/r. The
# server must end the connection (Connection: close, an error, 1.0).
# shellcheck disable=SC2059,SC2086 # FORMAT is one; $NC may be two words
raw() {
	if [ "$NC" = devtcp ]; then
		# shellcheck disable=SC2016
		printf "$1" | timeout 15 bash -c 'exec 3<>"/dev/tcp/$0/$1"; cat >&3; cat <&3' "$H" "$P" >"$T/r" 2>/dev/null
	else
		printf "$1" | timeout 15 $NC "$H" "$P" >"$T/r" 2>/dev/null
	fi
	true
}
# Status codes of every response in $T/r, space-separated.
statuses() { awk '/^HTTP\/1\.[01] [0-9][0-9][0-9] /{printf "%s ", $2}' "$T/r"; }
first_status() { head -n 1 "$T/r" | awk '{print $2}'; }

# get ARGS...: curl; status on stdout, headers in $T/h, body in $T/b.
get() { rm -f "$T/b" "$T/h"; curl -sS --max-time 20 -o "$T/b" -D "$T/h" -w '%{http_code}' "$@" 2>"$T/e"; }
# hdr NAME: the value of a header of the last get, CR stripped.
hdr() {
	awk -v n="$1" 'BEGIN { n = tolower(n) }
		{ sub(/\r$/, ""); i = index($0, ":")
		  if (i && tolower(substr($0, 1, i - 1)) == n) {
			v = substr($0, i + 1); sub(/^[ \t]+/, "", v); print v; exit } }' "$T/h"
}
size_of() { wc -c <"$1" | tr -d ' '; }
sha() { sha256sum "$1" | awk '{print $1}'; }
same_file() { cmp -s "$1" "$2"; }
# is A B: string equality, with the values shown on failure.
is() { [ "$1" = "$2" ] || { echo "       got '$1', expected '$2'" >&2; return 1; }; }

BIG=$FIX/big.bin
BIGSZ=$(size_of "$BIG")

# ---- plain GETs ---------------------------------------------------------
st=$(get "$BASE/")
check "GET / -> 200" is "$st" 200
check "GET / body is index.html" same_file "$T/b" "$FIX/index.html"
check "GET / Content-Type text/html" is "$(hdr content-type | cut -d';' -f1)" text/html
check "GET / Content-Length" is "$(hdr content-length)" "$(size_of "$FIX/index.html")"
check "GET / has Date" test -n "$(hdr date)"
check "GET / has Last-Modified" test -n "$(hdr last-modified)"
check "GET / has a strong ETag" sh -c 'case "$1" in \"*\") exit 0;; esac; exit 1' - "$(hdr etag)"

st=$(get "$BASE/big.bin")
ETAG=$(hdr etag) LM=$(hdr last-modified)
check "GET /big.bin -> 200" is "$st" 200
check "GET /big.bin Content-Length $BIGSZ" is "$(hdr content-length)" "$BIGSZ"
check "GET /big.bin sha256 byte-exact" is "$(sha "$T/b")" "$(sha "$BIG")"
st=$(get "$BASE/style.css")
check "GET /style.css -> 200 text/css" is "$st $(hdr content-type | cut -d';' -f1)" "200 text/css"
st=$(get "$BASE/hello%20world.txt")
check "GET /hello%20world.txt -> 200, exact" sh -c '[ "$1" = 200 ] && cmp -s "$2" "$3"' - "$st" "$T/b" "$FIX/hello world.txt"
st=$(get "$BASE/empty.txt")
check "GET /empty.txt -> 200, 0 bytes" sh -c '[ "$1" = 200 ] && [ "$2" = 0 ] && [ ! -s "$3" ]' - "$st" "$(hdr content-length)" "$T/b"
st=$(get "$BASE/sub/")
check "GET /sub/ -> 200 sub/index.html" sh -c '[ "$1" = 200 ] && cmp -s "$2" "$3"' - "$st" "$T/b" "$FIX/sub/index.html"
st=$(get "$BASE/sub")
check "GET /sub -> 301 Location /sub/" sh -c '[ "$1" = 301 ] && [ "$2" = /sub/ ]' - "$st" "$(hdr location)"
check "GET /nope -> 404" is "$(get "$BASE/nope")" 404
check "GET /.hidden/secret.txt -> 404 (hidden names)" is "$(get "$BASE/.hidden/secret.txt")" 404
check "GET /?query -> 200 (query dropped)" is "$(get "$BASE/?a=1&b=../x")" 200

# ---- HEAD, conditionals, ranges -----------------------------------------
raw 'HEAD /big.bin HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'
check "HEAD /big.bin -> 200" is "$(first_status)" 200
check "HEAD Content-Length $BIGSZ" grep -q "^Content-Length: $BIGSZ" "$T/r"
check "HEAD sends no body" sh -c '[ "$(wc -c <"$1")" -lt 1000 ]' - "$T/r"
check "If-None-Match: ETag -> 304" is "$(get -H "If-None-Match: $ETAG" "$BASE/big.bin")" 304
check "  ... 304 has no body" test ! -s "$T/b"
check "If-None-Match: other -> 200" is "$(get -H 'If-None-Match: "nope"' -o /dev/null "$BASE/big.bin")" 200
check "If-Modified-Since: Last-Modified -> 304" is "$(get -H "If-Modified-Since: $LM" "$BASE/big.bin")" 304
check "If-Modified-Since: 1994 -> 200" is "$(get -H 'If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT' "$BASE/big.bin")" 200

st=$(get -H 'Range: bytes=100-199' "$BASE/big.bin")
dd if="$BIG" of="$T/want" bs=100 skip=1 count=1 2>/dev/null
check "Range: bytes=100-199 -> 206" is "$st" 206
check "  ... Content-Range" is "$(hdr content-range)" "bytes 100-199/$BIGSZ"
check "  ... body byte-exact" same_file "$T/b" "$T/want"
st=$(get -H 'Range: bytes=-500' "$BASE/big.bin")
tail -c 500 "$BIG" >"$T/want"
check "Range: bytes=-500 -> 206, last 500 bytes" sh -c '[ "$1" = 206 ] && cmp -s "$2" "$3"' - "$st" "$T/b" "$T/want"
st=$(get -H 'Range: bytes=1048000-' "$BASE/big.bin")
tail -c $((BIGSZ - 1048000)) "$BIG" >"$T/want"
check "Range: bytes=1048000- -> 206, the tail" sh -c '[ "$1" = 206 ] && cmp -s "$2" "$3"' - "$st" "$T/b" "$T/want"
st=$(get -H 'Range: bytes=2000000-' "$BASE/big.bin")
check "Range past the end -> 416" is "$st" 416
check "  ... Content-Range: bytes */size" is "$(hdr content-range)" "bytes */$BIGSZ"

# ---- refusals -------------------------------------------------------------
st=$(get -X POST -d x "$BASE/")
check "POST -> 405" is "$st" 405
check "  ... Allow: GET, HEAD" is "$(hdr allow)" "GET, HEAD"
check "DELETE -> 405" is "$(get -X DELETE "$BASE/index.html")" 405
raw '\026\003\001\002\000\001\000\001\374\003\003garbage\r\n\r\n'
check "TLS/binary garbage -> 400" is "$(first_status)" 400
raw 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'
check "HTTP/2 preface -> 400" is "$(first_status)" 400
raw 'GET / HTTP/1.1\r\n\r\n'
check "HTTP/1.1 without Host -> 400" is "$(first_status)" 400
long=$(awk 'BEGIN { s = "a"; while (length(s) < 9000) s = s s; print substr(s, 1, 9000) }')
check "9000-byte URL -> 414" is "$(get "$BASE/$long")" 414
check "17 KiB header -> 431" is "$(get -H "X-Big: $long$long" "$BASE/")" 431
set --
i=0; while [ $i -lt 120 ]; do set -- "$@" -H "X-H$i: v"; i=$((i + 1)); done
check "120 header fields -> 431" is "$(get "$@" "$BASE/")" 431

# ---- traversal -----------------------------------------------------------------
for u in '/../etc/passwd' '/%2e%2e/etc/passwd' '/%2E%2E/%2e%2e/etc/passwd' \
	'/sub/../../etc/passwd' '/..%2fetc/passwd' '/sub/..%2f..%2fetc/passwd' \
	'/..%5c..%5cetc/passwd' '/.%2e/etc/passwd'; do
	st=$(get --path-as-is "$BASE$u")
	check "traversal $u -> 403/400 ($st)" sh -c '{ [ "$1" = 403 ] || [ "$1" = 400 ]; } && ! grep -q "root:" "$2"' - "$st" "$T/b"
done
raw 'GET ../etc/passwd HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'
check "traversal without leading / -> 400" is "$(first_status)" 400
raw 'GET /..\\etc/passwd HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'
check "traversal with a backslash -> 400" is "$(first_status)" 400

# ---- connections -----------------------------------------------------------------
raw 'GET /index.html HTTP/1.1\r\nHost: t\r\n\r\nGET /style.css HTTP/1.1\r\nHost: t\r\n\r\nGET /nope HTTP/1.1\r\nHost: t\r\n\r\nHEAD /big.bin HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'
check "pipelining: 4 requests in one write, answered in order" is "$(statuses)" "200 200 404 200 "
check "  ... bodies in order" sh -c '
	a=$(grep -n -m1 "<" "$1" | cut -d: -f1); b=$(grep -n -m1 "{" "$1" | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]' - "$T/r"
check "  ... the last one closes" grep -q '^Connection: close' "$T/r"

curl -sv --max-time 10 -o /dev/null -o /dev/null "$BASE/index.html" "$BASE/style.css" 2>"$T/e"
check "keep-alive: curl reuses the connection" grep -q 'Re-using existing connection' "$T/e"
raw 'GET /index.html HTTP/1.0\r\n\r\n'
check "HTTP/1.0: closed after the response" sh -c '[ "$(awk "{print \$2; exit}" "$1")" = 200 ] && grep -q "^Connection: close" "$1"' - "$T/r"
raw 'GET /index.html HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /style.css HTTP/1.0\r\n\r\n'
check "HTTP/1.0 keep-alive when asked: 2 responses" is "$(statuses)" "200 200 "
check "  ... Connection: keep-alive" grep -q '^Connection: keep-alive' "$T/r"

# Several downloads at once, all byte-exact.
i=0; pids=
while [ $i -lt 8 ]; do
	curl -sS --max-time 30 -o "$T/par$i" "$BASE/big.bin" 2>/dev/null & pids="$pids $!"
	i=$((i + 1))
done
for p in $pids; do wait "$p"; done
n=0; want=$(sha "$BIG"); i=0
while [ $i -lt 8 ]; do [ "$(sha "$T/par$i")" = "$want" ] && n=$((n + 1)); i=$((i + 1)); done
check "8 parallel downloads of big.bin, byte-exact" is "$n" 8

# ---- slowloris -------------------------------------------------------------------
# A request that never ends: the server must answer 408 (or close) within
# about TIMEOUT, and serve others meanwhile.
: >"$T/slow"
( { printf 'GET / HTTP/1.1\r\nHost: t\r\nX-Slow: '; sleep $((TMO + 4)); } |
	if [ "$NC" = devtcp ]; then
		bash -c 'exec 3<>"/dev/tcp/$0/$1"; cat >&3 & cat <&3' "$H" "$P"
	else $NC "$H" "$P"; fi >"$T/slow" 2>/dev/null ) &
slow=$!
sleep 1
t0=$(date +%s)
served=0
i=0; while [ $i -lt 3 ]; do
	[ "$(get "$BASE/index.html")" = 200 ] && served=$((served + 1)); i=$((i + 1))
done
t1=$(date +%s)
check "others served during a slowloris request" sh -c '[ "$1" = 3 ] && [ $(($3 - $2)) -le 2 ]' - "$served" "$t0" "$t1"
sleep $((TMO + 1))
check "slowloris request answered 408 within the timeout" grep -q '^HTTP/1.1 408 ' "$T/slow"
check "  ... and closed (Connection: close)" grep -q '^Connection: close' "$T/slow"
kill "$slow" 2>/dev/null
wait "$slow" 2>/dev/null

echo "client.sh: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
