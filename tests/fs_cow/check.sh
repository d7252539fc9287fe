#!/bin/sh
# tests/run check: usage check.sh CONSOLE IMAGE
# The host's cowfs tool (the same C as the image) checks the filesystem
# the unikernel left and reads a file back.
set -eu
mkfs=$(dirname "$0")/../../tools/unik-mkfs
"$mkfs" check "$2"
got=$("$mkfs" cat "$2" /boot)
[ "$got" = 2 ] || { echo "FAIL: /boot holds '$got', want 2"; exit 1; }
echo "host: filesystem valid, /boot = $got"
