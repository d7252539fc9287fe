#!/bin/sh
# host_smoke.sh: build net/http and examples/httpd/main.c as a plain host
# program (host sockets, one poll loop, no unik core: host_shim.c gives the
# clock), serve a generated tree on 127.0.0.1 and run client.sh against it,
# twice: from the directory (--root) and from the same tree crunched into
# the binary (the in-image site). Then check the access log.
#
#   net/http/tests/host_smoke.sh        (UNIK_BUILD: build folder)
#   SMOKE_SANITIZE=0 ...                without -fsanitize=address,undefined
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
b=${UNIK_BUILD:-$root/build}/http-smoke
tmo=2
rc=0

log() { printf '[host_smoke] %s\n' "$*" >&2; }

rm -rf "$b"
mkdir -p "$b/gen"
cd "$b"
"$here/mkfixture.sh" fixture
"$root/tools/unik-crunch" fixture gen/site
san=
if [ "${SMOKE_SANITIZE:-1}" = 1 ]; then
	san="-fsanitize=address,undefined -fno-sanitize-recover=all"
fi
log "building the host server${san:+ (sanitized)}"
# shellcheck disable=SC2086
gcc -std=c11 -D_DEFAULT_SOURCE -O1 -g -Wall -Wextra -Werror $san \
	-fno-omit-frame-pointer -I"$root/include" \
	-o httpd-host "$root"/net/http/*.c "$here/host_shim.c" \
	"$root/examples/httpd/main.c" gen/site.c gen/site-data.S

serve() { # mode [args...]: start the server, set $pid and $port
	mode=$1
	shift
	: >"$mode.log" # before the server opens it: sed below must find it
	./httpd-host --port 0 --timeout $tmo "$@" >>"$mode.log" 2>&1 &
	pid=$!
	port=
	i=0
	while [ $i -lt 50 ] && [ -z "$port" ]; do
		port=$(sed -n 's/.* on port \([0-9][0-9]*\)$/\1/p' "$mode.log")
		[ -n "$port" ] || sleep 0.1
		i=$((i + 1))
	done
	[ -n "$port" ] || { cat "$mode.log"; log "$mode: server did not start"; exit 1; }
	log "$mode: $(head -n1 "$mode.log")"
}

for mode in dir site; do
	if [ $mode = dir ]; then serve dir --root fixture; else serve site; fi
	if ! ${CLIENT_SHELL:-sh} "$here/client.sh" 127.0.0.1 "$port" fixture $tmo >"$mode.client" 2>&1; then
		rc=1
	fi
	cat "$mode.client"
	# The access log: one line per request, "client method path status bytes duration".
	if grep -Eq "^127\.0\.0\.1:[0-9]+ GET /big\.bin 200 1048576 [0-9]+\.[0-9]{3}ms$" "$mode.log" &&
		grep -Eq "^127\.0\.0\.1:[0-9]+ GET /nope 404 [0-9]+ " "$mode.log" &&
		grep -Eq "^127\.0\.0\.1:[0-9]+ - - 400 " "$mode.log" &&
		grep -Eq "^127\.0\.0\.1:[0-9]+ GET / 408 " "$mode.log"; then
		echo "ok   - access log lines ($mode: $(grep -c 'ms$' "$mode.log") lines)"
	else
		echo "FAIL - access log lines ($mode)"
		rc=1
	fi
	if ! kill -0 $pid 2>/dev/null; then
		echo "FAIL - the server died ($mode)"
		tail -n 30 "$mode.log"
		rc=1
	fi
	kill $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	if grep -q 'ERROR: AddressSanitizer\|runtime error:' "$mode.log"; then
		echo "FAIL - sanitizer report ($mode)"
		grep -A20 'ERROR: AddressSanitizer\|runtime error:' "$mode.log" | head -n 40
		rc=1
	fi
done
if [ $rc -eq 0 ]; then log "PASS"; else log "FAIL (logs in $b)"; fi
exit $rc
