# tools/xenlab.d/common.sh - paths, knobs and helpers shared by the xenlab subcommands.
# Sourced by tools/xenlab; defines no side effects beyond variables.

XENLAB_D=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$XENLAB_D/../.." && pwd)
UNIK_BUILD=${UNIK_BUILD:-$REPO/build}
LAB=$UNIK_BUILD/xenlab                  # everything the lab writes lives here

XENVER=4.17
# Bump when the dom0 base image recipe (fetch.sh) changes: invalidates the fetch stamp.
FETCH_REV=3

# Knobs (environment), documented in docs/XENLAB.md.
XENLAB_QEMU=${XENLAB_QEMU:-qemu-system-x86_64}
# single: one host thread for both vCPUs. Measured faster than multi whenever the 2-core host
# has other work (dom0 ready 11.5-14 s vs 22 s), and multi is suspected of the lab's spurious
# segfaults (docs/XENLAB.md).
XENLAB_TCG_THREAD=${XENLAB_TCG_THREAD:-single}
XENLAB_BOOT_TIMEOUT=${XENLAB_BOOT_TIMEOUT:-150}
# max: emulated SVM + nested paging, so Xen can run PVH guests. -smap: QEMU 7.2 TCG otherwise
# kills the PV dom0 (#PF in create_bounce_frame).
XENLAB_QEMU_CPU=${XENLAB_QEMU_CPU:-max,-smap}
# One vCPU: with thread=single TCG runs one vCPU at a time anyway, so a second one
# buys nothing. (dom0 programs still segfault spuriously now and then, with one
# vCPU or two, with or without fsgsbase: an emulation defect; tests/run repeats
# the guests it spoils in another lab boot.)
XENLAB_SMP=${XENLAB_SMP:-1}

# Exit codes of `run` (the contract with the test runner).
EX_OK=0
EX_USAGE=2
EX_INFRA=3

export LC_ALL=C

log() { printf '[xenlab] %s\n' "$*" >&2; }
die_usage() { log "usage error: $*"; exit "$EX_USAGE"; }
die_infra() { printf 'xenlab: infrastructure failure: %s\n' "$*" >&2; exit "$EX_INFRA"; }

# Microseconds since the epoch, without forking (bash 5 EPOCHREALTIME).
now_us() { local t=$EPOCHREALTIME; printf -v "$1" '%s' "${t/./}"; }
# Format a microsecond difference as seconds with one or more decimals: fmt_s VAR US [DECIMALS]
fmt_s() {
    local us=$2 d=${3:-2} div=1 i
    for ((i = 0; i < 6 - d; i++)); do div=$((div * 10)); done
    local v=$(((us + div / 2) / div))
    printf -v "$1" '%d.%0*d' $((v / 10 ** d)) "$d" $((v % 10 ** d))
}
