#!/bin/sh
# tests/run check: usage check.sh CONSOLE IMG0 ... IMG6
# Each damaged image was refused with a console line saying what and
# where; the damaged cowfs image was left as it was (no format over it).
con=$1
expect() { # pattern
	grep -aq -- "$1" "$con" || { echo "FAIL: no console line matching: $1"; exit 1; }
}
expect 'tarfs: file0: sector 2 (.b.): member size runs past the end of the device'
expect 'tarfs: file1: sector 2: device ends without an end-of-archive block'
expect 'tarfs: file2: sector 2: header checksum mismatch'
expect "tarfs: file3: sector 2 ('b'): member size runs past the end of the device"
expect 'tarfs: file4: sector 0: GNU long name without a NUL'
expect 'tarfs: file5: sector 0: '
expect 'cowfs: file6: slot 0: superblock checksum mismatch'
expect 'cowfs: file6: no valid commit'
[ "$(cksum <"$8")" = "$(cat "$8.cksum")" ] || { echo "FAIL: the damaged cowfs image changed"; exit 1; }
echo "all 7 damaged images refused with the expected message"
