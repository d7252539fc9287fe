#!/bin/sh
# tests/run prepare: usage prep.sh GNU.img PAX.img USTAR.img
# Builds tree/ beside the images and writes it with the host's tar, in
# GNU, pax (POSIX 2001) and ustar formats, over the images.
set -eu
t=$(dirname "$1")/tree
rm -rf "$t"
mkdir -p "$t/www/img" "$t/empty" "$t/with space" "$t/a/b/c/d/e"
cd "$t"
printf '<h1>unik</h1>\n' >www/index.html
for n in 0 1 511 512 513 4095 4096 4097 65536 100001 1048577; do
	head -c "$n" /dev/urandom >"www/img/f$n"
done
echo spaces >"with space/file name.txt"
echo deep >a/b/c/d/e/leaf
n100=$(printf 'n%.0s' $(seq 1 100))           # a name filling ustar's field
echo hundred >"a/$n100"
d90=$(printf 'd%.0s' $(seq 1 90))             # ustar: needs the prefix field
e90=$(printf 'e%.0s' $(seq 1 90))
mkdir -p "a/$d90/$e90"
echo prefixed >"a/$d90/$e90/file"
mkdir -p long
l200=$(printf 'l%.0s' $(seq 1 200))           # too long for ustar at all
echo long >"long/$l200"
ln -s index.html www/link                     # symlink: skipped by tarfs
ln www/index.html www/hard.html               # hard link: resolved
tar -C "$t" --format=gnu -cf "$1" .
tar -C "$t" --format=posix -cf "$2" .
tar -C "$t" --format=ustar --exclude=./long -cf "$3" .
