#!/bin/sh
# tests/run check: the cksum the app computed over the disk it read back
# must be the one the host computes over the image file.
# Usage: check.sh CONSOLE IMAGE
want=$(sed -n 's/^[a-z_]*: cksum \([0-9]* [0-9]*\)$/\1/p' "$1" | tail -n1)
got=$(cksum <"$2" | awk '{ print $1, $2 }')
if [ -z "$want" ] || [ "$want" != "$got" ]; then
	echo "FAIL: the app saw cksum '$want', the host sees '$got'"
	exit 1
fi
echo "host and app agree: cksum $got"
