#!/bin/sh
# gen.sh DIR BOOT: the tree served in boot BOOT, the same bytes each time
# (the client regenerates it to compare): net/http/tests/client.sh's
# fixture layout (index.html, style.css, "hello world.txt", empty.txt,
# sub/index.html, .hidden/secret.txt, big.bin of 1 MiB), contents that
# differ per boot, and one file only boot N has (bootN.txt).
set -eu
d=${1:?usage: gen.sh DIR BOOT} b=${2:?usage: gen.sh DIR BOOT}
rm -rf "$d"
mkdir -p "$d/sub" "$d/.hidden"
printf '<!DOCTYPE html>\n<title>fs_httpd</title>\n<p>served from a tar disk, boot %s</p>\n' "$b" >"$d/index.html"
printf 'body { color: #%s%s%s; }\n' "$b" "$b" "$b" >"$d/style.css"
printf 'a file with a space in its name (boot %s)\n' "$b" >"$d/hello world.txt"
: >"$d/empty.txt"
printf '<!DOCTYPE html>\n<title>sub</title>\n<p>the sub folder, boot %s</p>\n' "$b" >"$d/sub/index.html"
printf 'secret\n' >"$d/.hidden/secret.txt"
printf 'only in boot %s\n' "$b" >"$d/boot$b.txt"
# 65536 lines of 16 bytes: boot, line number, a hash of both.
awk -v b="$b" 'BEGIN { for (i = 0; i < 65536; i++) printf "%d%07d%07d\n", b % 10, i, (i * 7919 + b * 104729) % 9999991 }' >"$d/big.bin"
