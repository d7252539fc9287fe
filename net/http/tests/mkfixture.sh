#!/bin/sh
# mkfixture.sh DIR: the tree client.sh checks a server against. big.bin is
# 1 MiB of random bytes (a new one each run: byte-exactness, not content).
set -eu
d=${1:?usage: mkfixture.sh DIR}
rm -rf "$d"
mkdir -p "$d/sub" "$d/.hidden"
printf '<!DOCTYPE html>\n<title>fixture</title>\n<p>unik httpd test fixture</p>\n' >"$d/index.html"
printf 'body { color: #123; }\n' >"$d/style.css"
printf 'a file with a space in its name\n' >"$d/hello world.txt"
: >"$d/empty.txt"
printf '<!DOCTYPE html>\n<title>sub</title>\n<p>the sub folder</p>\n' >"$d/sub/index.html"
printf 'secret\n' >"$d/.hidden/secret.txt"
head -c 1048576 /dev/urandom >"$d/big.bin"
