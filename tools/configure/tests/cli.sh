#!/bin/sh
# tests/cli.sh: run the built unik-configure in temporary app folders.
# A bad manifest or option must exit 1 with exactly one line on stderr and
# leave the folder as it was; good ones must write what make reads back.
# Each testdata/cli/bad-*.conf starts with "# expect: PREFIX" of that line.
#
# usage: cli.sh [BIN]   (default: $UNIK_BUILD/tools/unik-configure)
set -u
LC_ALL=C # ls order, strerror text
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd -P)
data=$(cd "$here/../testdata" && pwd -P)
root=$(cd "$here/../../.." && pwd -P)
bin=${1:-${UNIK_BUILD:-$root/build}/tools/unik-configure}
tree=$data/tree-basic
pass=0
fail=0

[ -x "$bin" ] || { echo "cli.sh: no tool at $bin (build it first)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/unik-configure-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

ok() { pass=$((pass + 1)); echo "[       OK ] cli: $1"; }
bad() { fail=$((fail + 1)); echo "[  FAILED  ] cli: $1: $2"; }

# app NAME CONF: a fresh app folder $tmp/NAME with CONF as unik.conf.
app() {
	rm -rf "${tmp:?}/$1" && mkdir "$tmp/$1" &&
		cp "$data/app/hello.c" "$tmp/$1/" &&
		{ [ -z "$2" ] || cp "$2" "$tmp/$1/unik.conf"; }
}

# run DIR ARGS...: run the tool in DIR; sets rc, leaves $tmp/out, $tmp/err.
run() {
	dir=$1
	shift
	(cd "$dir" && exec "$bin" --root "$tree" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# Names and checksums of everything in DIR.
snapshot() { (cd "$1" && ls -A | while read -r f; do cksum "$f"; done); }

# refuse NAME EXPECT DIR ARGS...: the run fails cleanly with EXPECT...
refuse() {
	name=$1 expect=$2 dir=$3
	shift 3
	before=$(snapshot "$dir")
	run "$dir" "$@"
	lines=$(wc -l <"$tmp/err" | tr -d ' ')
	first=$(head -n 1 "$tmp/err")
	if [ "$rc" -ne 1 ]; then
		bad "$name" "exit status $rc (expected 1)"
	elif [ "$lines" -ne 1 ]; then
		bad "$name" "$lines lines on stderr (expected 1): $(cat "$tmp/err")"
	elif [ -s "$tmp/out" ]; then
		bad "$name" "printed on stdout: $(cat "$tmp/out")"
	elif [ "$before" != "$(snapshot "$dir")" ]; then
		bad "$name" "the app folder changed: $(ls -A "$dir" | tr '\n' ' ')"
	else
		case $first in
		"$expect"*) ok "$name" ;;
		*) bad "$name" "stderr '$first' (expected '$expect...')" ;;
		esac
	fi
}

# Every bad manifest, in a fresh folder.
for conf in "$data"/cli/bad-*.conf; do
	name=$(basename "$conf" .conf)
	app "$name" "$conf"
	refuse "$name" "$(sed -n '1s/^# expect: //p' "$conf")" "$tmp/$name"
done

# Options and missing files.
app opts "$data/cli/good.conf"
refuse bad-target-option "unik-configure: unknown target 'arm' (expected unix or xen)" \
	"$tmp/opts" --target arm
refuse bad-option "unik-configure: unknown option '--bogus' (see --help)" \
	"$tmp/opts" --bogus
refuse bad-argument "unik-configure: unexpected argument 'xen' (see --help)" \
	"$tmp/opts" xen
refuse missing-value "unik-configure: option --target needs a value" \
	"$tmp/opts" --target
refuse bad-type-option "unik-configure: unknown type 'hvm' (expected pvh or pv)" \
	"$tmp/opts" --target xen --type hvm
app empty ""
refuse no-manifest "unik.conf: cannot open: No such file or directory" "$tmp/empty"
app parent "" && app parent/other "$data/cli/bad-key.conf"
refuse dash-C "other/unik.conf:4: unknown key 'memroy'" "$tmp/parent" -C other

# Bad library trees.
app plain "" && printf 'name = plain\nsrcs = hello.c\n' >"$tmp/plain/unik.conf"
refuse cycle "$data/tree-cycle/libos/b/lib.mk:3: dependency cycle: a -> b -> a" \
	"$tmp/plain" --root "$data/tree-cycle"
refuse bad-fragment "$data/tree-badkey/libos/core/lib.mk:2: unknown key 'SOURCES'" \
	"$tmp/plain" --root "$data/tree-badkey"
refuse no-provider "$data/tree-noprov/libos/core/lib.mk:2: nothing provides 'plat' for target unix (required by core)" \
	"$tmp/plain" --root "$data/tree-noprov"
refuse two-providers "$data/tree-twoprov/libos/core/lib.mk:2: several libraries provide 'plat' for target unix (required by core): plat-a, plat-b" \
	"$tmp/plain" --root "$data/tree-twoprov"

# A good manifest for unix: summary, Makefile, and make reads it back.
app good "$data/cli/good.conf"
run "$tmp/good"
cat >"$tmp/want" <<'END'
unik-configure: hello for target unix
  netstack    net/stack         requested by unik.conf
  core        libos/core        always linked
  plat-unix   libos/plat-unix   provides plat, required by core
  tap         drivers/tap       provides netdev, required by netstack
  x86_64      arch/x86_64       provides arch, required by core
wrote Makefile
END
if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
	bad good-unix "exit status $rc: $(cat "$tmp/err")"
elif ! cmp -s "$tmp/out" "$tmp/want"; then
	bad good-unix "summary differs: $(diff "$tmp/want" "$tmp/out")"
elif [ "$(ls -A "$tmp/good" | tr '\n' ' ')" != "Makefile hello.c unik.conf " ]; then
	bad good-unix "folder holds: $(ls -A "$tmp/good" | tr '\n' ' ')"
else
	ok good-unix
fi

cat >"$tmp/want" <<'END'
APP=[hello]
TARGET=[unix]
CMDLINE=[-v $HOME "quoted" back\]
UNIK_LIBS=[netstack core plat-unix tap x86_64]
LIBDIR=[libos/plat-unix]
MISSING=[]
END
# A make of its own, not a child of the make that may run this script.
if ! MAKEFLAGS='' MFLAGS='' MAKELEVEL='' make -s --no-print-directory -C "$tmp/good" show \
	>"$tmp/out" 2>&1; then
	bad make-reads-back "make failed: $(cat "$tmp/out")"
elif ! cmp -s "$tmp/out" "$tmp/want"; then
	bad make-reads-back "$(diff "$tmp/want" "$tmp/out" | tr "\n" " ")"
else
	ok make-reads-back
fi

# The same app for xen, quietly: Makefile and hello.xl.
run "$tmp/good" -q --target xen
if [ "$rc" -ne 0 ] || [ -s "$tmp/out" ] || [ -s "$tmp/err" ]; then
	bad good-xen "exit status $rc, output: $(cat "$tmp/out" "$tmp/err")"
elif ! grep -qx 'extra = "-v $HOME \\"quoted\\" back\\\\"' "$tmp/good/hello.xl" ||
	! grep -qx 'memory = 64' "$tmp/good/hello.xl" ||
	! grep -qx 'CONFIGURE_ARGS := --target xen' "$tmp/good/Makefile" ||
	! grep -qx 'UNIK_LIBS := netstack core netfront xen x86_64' "$tmp/good/Makefile"; then
	bad good-xen "unexpected content: $(cat "$tmp/good/hello.xl" "$tmp/good/Makefile")"
else
	ok good-xen
fi

# --type pv: the xl says so, and make's re-configure keeps it.
run "$tmp/good" -q --target xen --type pv
if [ "$rc" -ne 0 ] || [ -s "$tmp/out" ] || [ -s "$tmp/err" ]; then
	bad good-xen-pv "exit status $rc, output: $(cat "$tmp/out" "$tmp/err")"
elif ! grep -qx 'type = "pv"' "$tmp/good/hello.xl" ||
	! grep -qx 'CONFIGURE_ARGS := --target xen --type pv' "$tmp/good/Makefile" ||
	! grep -qx 'GUEST_TYPE := pv' "$tmp/good/Makefile"; then
	bad good-xen-pv "unexpected content: $(cat "$tmp/good/hello.xl" "$tmp/good/Makefile")"
else
	ok good-xen-pv
fi

# Disks: the xl config lists them (target last), the Makefile passes them
# to the unix image as unik.disk= arguments (DISK_ARGS, for tools/unik-run).
app disks "$data/cli/good.conf" && : >"$tmp/disks/site.tar" &&
	printf 'disk = site.tar:ro\n' >>"$tmp/disks/unik.conf"
run "$tmp/disks" -q --target xen
img=$(cd "$tmp/disks" && pwd -P)/site.tar
if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
	bad good-disks "exit status $rc: $(cat "$tmp/err")"
elif ! grep -qxF "disk = [ 'format=raw, vdev=xvda, access=ro, target=$img' ]" "$tmp/disks/hello.xl" ||
	! grep -qxF "DISK_ARGS := unik.disk=$img:ro" "$tmp/disks/Makefile" ||
	! grep -qxF "MOUNTS :=" "$tmp/disks/Makefile"; then
	bad good-disks "unexpected content: $(cat "$tmp/disks/hello.xl" "$tmp/disks/Makefile")"
else
	ok good-disks
fi

# A bad manifest over a configured app keeps Makefile and hello.xl as they were.
cp "$data/cli/bad-memory.conf" "$tmp/good/unik.conf"
refuse keeps-old-outputs "unik.conf:4: bad memory '12X'" "$tmp/good" --target xen

run "$tmp/opts" --list
if [ "$rc" -ne 0 ] || [ "$(wc -l <"$tmp/out" | tr -d ' ')" -ne 9 ] ||
	! grep -q '^NAME  *FOLDER  *PROVIDES  *REQUIRES  *TARGETS$' "$tmp/out" ||
	! grep -q '^netfront  *drivers/netfront  *netdev  *xen  *xen$' "$tmp/out"; then
	bad list "exit status $rc: $(cat "$tmp/out" "$tmp/err")"
else
	ok list
fi

echo "cli.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
