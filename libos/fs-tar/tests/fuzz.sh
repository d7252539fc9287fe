#!/bin/sh
# Fuzz the tar scanner with libFuzzer for SECONDS (default 30):
#   libos/fs-tar/tests/fuzz.sh [SECONDS]
# Needs clang with libclang_rt.fuzzer (Debian: libclang-rt-14-dev or the
# clang package's own). Seeds are small archives made by the host's tar in
# three formats; findings land in build/fuzz/tar/crash-*.
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
OUT=$ROOT/build/fuzz/tar
SECS=${1:-30}
SRC=$ROOT/libos/fs-tar
mkdir -p "$OUT/corpus" "$OUT/tree/d/e"
clang -g -O1 -fsanitize=fuzzer,address,undefined -DTAR_MAX_ENTRIES=4096 \
	-I"$ROOT/include" -I"$SRC" -o "$OUT/fuzz_tar" \
	"$SRC"/header.c "$SRC"/pax.c "$SRC"/cache.c "$SRC"/index.c \
	"$SRC"/scan.c "$SRC"/tarfs.c "$SRC"/tests/fuzz_tar.c \
	"$SRC"/tests/tar_walk.c "$ROOT"/libos/blk/host/host_shim.c
echo hello > "$OUT/tree/a"
head -c 3000 /dev/zero | tr '\0' x > "$OUT/tree/d/e/b"
ln -sf a "$OUT/tree/s"
ln -f "$OUT/tree/a" "$OUT/tree/h"
long=$(printf 'n%.0s' $(seq 1 120))
echo long > "$OUT/tree/d/$long"
for f in gnu posix ustar; do
	tar -C "$OUT/tree" --format=$f -cf "$OUT/corpus/seed-$f.tar" . 2>/dev/null || true
done
"$OUT/fuzz_tar" -max_total_time="$SECS" -max_len=65536 -print_final_stats=1 \
	-artifact_prefix="$OUT/" "$OUT/corpus"
