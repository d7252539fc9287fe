#!/bin/sh
# Fuzz cowfs's mount-time checks with libFuzzer for SECONDS (default 30):
#   libos/fs-cow/tests/fuzz.sh [SECONDS]
# Seeds are the blobs of a few small filesystems made by the test helpers;
# findings land in build/fuzz/cow/crash-*.
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
OUT=$ROOT/build/fuzz/cow
SRC=$ROOT/libos/fs-cow
mkdir -p "$OUT/corpus"
clang -g -O1 -fsanitize=fuzzer,address,undefined -I"$ROOT/include" -I"$SRC" \
	-o "$OUT/fuzz_cow" "$SRC"/ondisk.c "$SRC"/alloc.c "$SRC"/inode.c \
	"$SRC"/names.c "$SRC"/meta_write.c "$SRC"/meta_read.c "$SRC"/data.c \
	"$SRC"/commit.c "$SRC"/mount.c "$SRC"/cowfs.c "$SRC"/tests/fuzz_cow.c \
	"$SRC"/tests/cow_util.c "$ROOT"/libos/blk/host/host_shim.c -lcmocka
# Seed: the blob of a formatted image with a few files, via unik-mkfs.
img=$OUT/seed.img
rm -f "$img"
"$ROOT/tools/unik-mkfs" format "$img" 1 >/dev/null
echo a | "$ROOT/tools/unik-mkfs" put "$img" /d/e/a >/dev/null
head -c 9000 /dev/zero | "$ROOT/tools/unik-mkfs" put "$img" /b >/dev/null
# The newest slot's blob: runs[0] start and the length, from the slots.
for slot in 0 1; do
	start=$(od -An -tu4 -j $((slot * 4096 + 48)) -N 4 "$img" | tr -d ' ')
	len=$(od -An -tu4 -j $((slot * 4096 + 36)) -N 4 "$img" | tr -d ' ')
	dd if="$img" of="$OUT/corpus/seed$slot" bs=1 skip=$((start * 4096)) count="$len" 2>/dev/null
done
"$OUT/fuzz_cow" -max_total_time="${1:-30}" -max_len=8192 -print_final_stats=1 \
	-artifact_prefix="$OUT/" "$OUT/corpus"
