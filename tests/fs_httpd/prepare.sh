#!/bin/sh
# tests/run prepare, before each boot (UNIK_BOOT = 1, 2, ...):
#   prepare.sh TAR.img COW.img
# Disk 0 becomes a tar of this boot's tree (gen.sh), as plain tar writes
# it; disk 1 stays as the runner made it (the app formats it as cowfs on
# the first boot and must find its files again on the second).
set -eu
b=${UNIK_BOOT:-1}
t=$(dirname "$1")/tree
sh ./gen.sh "$t" "$b"
tar -C "$t" -cf "$1" .
