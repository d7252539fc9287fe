#!/bin/sh
# tests/run prepare: usage prep.sh IMG0 ... IMG6. Damaged images, made with
# the host's tar and dd:
#   0 tar cut inside a member's data       4 GNU long name without its NUL
#   1 tar cut after a member: no end block 5 not a tar (the runner's pattern)
#   2 header checksum wrong                6 cowfs magic with a torn superblock
#   3 size field past the device's end
set -eu
d=$(dirname "$1")/bad
rm -rf "$d"; mkdir -p "$d"
cd "$d"
echo a >a
head -c 20000 /dev/zero | tr '\0' b >b
long=$(printf 'L%.0s' $(seq 1 150))
echo long >"$long"
tar --format=gnu -cf ok.tar a b            # a: header 0, data 512; b: header 1024
poke() { dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; } # img offset <data
fixsum() { # img header_offset: recompute a header's checksum
	sum=$(od -An -tu1 -v -j "$2" -N 512 "$1" |
		awk '{ for (i = 1; i <= NF; i++) { n++; s += (n > 148 && n <= 156) ? 32 : $i } } END { print s }')
	printf '%06o\000 ' "$sum" | poke "$1" $(($2 + 148))
}
head -c 8192 ok.tar >"$1"
head -c 1024 ok.tar >"$2"
cp ok.tar "$3"; printf 'X' | poke "$3" 1025
cp ok.tar "$4"; printf '%011o\000' 8589934591 | poke "$4" $((1024 + 124)); fixsum "$4" 1024
tar --format=gnu -cf "$5" "$long"
size=$(od -An -c -j 124 -N 11 "$5" | tr -d ' \n')
printf 'x' | poke "$5" $((512 + 0$size - 1))    # the NUL ending the long name
printf 'UNIKCOW1' | poke "$7" 0
cksum <"$7" >"$7.cksum"                          # check.sh: unchanged after
