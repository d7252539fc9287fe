#!/bin/sh
# tests/run check: usage check.sh CONSOLE IMAGE...
# The app printed "fs_tar: file CKSUM SIZE /MOUNT/PATH" for every file it
# found; compare with the host's tree, mount by mount.
set -u
t=$(dirname "$2")/tree
fail=0
for m in gnu pax ustar; do
	excl=''
	[ $m = ustar ] && excl=./long
	(cd "$t" && find . -type f ! -path "${excl:-/none}/*" | while IFS= read -r f; do
		set -- $(cksum <"$f")
		printf '%s %s /%s%s\n' "$1" "$2" "$m" "${f#.}"
	done) | sort >"$t/../want.$m"
	sed -n "s|^fs_tar: file \(.* /$m/.*\)|\1|p" "$1" | sort >"$t/../got.$m"
	if ! cmp -s "$t/../want.$m" "$t/../got.$m"; then
		echo "mount /$m differs from the host's tree:"
		diff "$t/../want.$m" "$t/../got.$m" | head -n 10
		fail=1
	fi
done
[ $fail -eq 0 ] || { echo "FAIL: files differ (see above)"; exit 1; }
echo "all $(cat "$t"/../got.* | wc -l) files match the host's cksum"
