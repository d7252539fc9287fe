# tools/xenlab.d/run.sh - `xenlab run --out OUTDIR GUESTDIR...` (host side).
# Builds a per-run initramfs (the fetched base + an overlay with the guests and the dom0
# scripts), boots Xen + dom0 once under QEMU, follows the console protocol of
# dom0/run-guests live, then demultiplexes the serial log into OUTDIR.

DEFAULT_GUEST_TIMEOUT=60
XEN_ARGS="console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all dom0_mem=1024M,max:1024M"
XEN_ARGS+=" dom0_max_vcpus=$XENLAB_SMP noreboot console_timestamps=boot serial_tx_buffer=256k conring_size=1m"
DOM0_ARGS="console=hvc0 earlyprintk=xen rdinit=/init"

# Parsed arguments.
OUTDIR=""
GUESTDIRS=()
declare -A GUEST_TIMEOUT=()
GUEST_NAMES=()

parse_args() {
    while [ $# -gt 0 ]; do
        case $1 in
            --out) [ $# -ge 2 ] || die_usage "--out needs a directory"; OUTDIR=$2; shift 2 ;;
            --out=*) OUTDIR=${1#--out=}; shift ;;
            -h | --help) usage; exit 0 ;;
            -*) die_usage "unknown option $1" ;;
            *) GUESTDIRS+=("$1"); shift ;;
        esac
    done
    [ -n "$OUTDIR" ] || die_usage "run needs --out OUTDIR"
    [ ${#GUESTDIRS[@]} -gt 0 ] || die_usage "run needs at least one GUESTDIR"
    check_guestdirs
}

# Validate GUESTDIRS; fills GUEST_NAMES and GUEST_TIMEOUT.
check_guestdirs() {
    local d name n t line
    for d in "${GUESTDIRS[@]}"; do
        [ -d "$d" ] || die_usage "$d is not a directory"
        name=$(basename "$(cd "$d" && pwd)")
        [[ $name =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$ ]] ||
            die_usage "guest dir name '$name' must match [A-Za-z0-9][A-Za-z0-9._-]{0,31}"
        [[ $name != lab.* && $name != serial.log ]] || die_usage "guest dir name '$name' is reserved"
        [ -z "${GUEST_TIMEOUT[$name]:-}" ] || die_usage "two guest dirs are named $name"
        n=$(find "$d" -maxdepth 1 -name '*.xl' | wc -l)
        [ "$n" -eq 1 ] || die_usage "$d must hold exactly one *.xl config (found $n)"
        t=$DEFAULT_GUEST_TIMEOUT
        if [ -f "$d/lab.conf" ]; then
            while IFS= read -r line || [ -n "$line" ]; do
                case $line in
                    '' | '#'*) ;;
                    timeout=*)
                        t=${line#timeout=}
                        [[ $t =~ ^[0-9]+$ && $t -gt 0 ]] || die_usage "$d/lab.conf: bad '$line'" ;;
                    *) log "warning: $d/lab.conf: ignoring '$line'" ;;
                esac
            done <"$d/lab.conf"
        fi
        GUEST_TIMEOUT[$name]=$t
        GUEST_NAMES+=("$name")
    done
}

# dom0's own little programs (dom0/*.c): built statically on the host into $LAB/bin when their
# source changed, shipped in every run's overlay as /xenlab/bin (on dom0's PATH).
DOM0_TOOLS="xenlab-fwd xenlab-httpwait"
build_dom0_tools() {
    local t tmp
    mkdir -p "$LAB/bin"
    for t in $DOM0_TOOLS; do
        [ "$LAB/bin/$t" -nt "$XENLAB_D/dom0/$t.c" ] && continue
        tmp=$LAB/bin/.$t.$$
        gcc -static -O2 -Wall -Wextra -Werror -o "$tmp" "$XENLAB_D/dom0/$t.c" ||
            die_infra "cannot build dom0 tool $t (gcc -static; needs libc6-dev)"
        mv -f "$tmp" "$LAB/bin/$t"
    done
}

# The per-run initramfs: base image + a gzip'd cpio overlay (Linux unpacks concatenated
# archives in order, later files win). SERVE_CONF (serve.sh), when set, becomes
# /xenlab/serve.conf: dom0 then serves the one guest instead of running the plan.
SERVE_CONF=""
make_initrd() { # rundir
    local rd=$1 ov=$1/overlay i name t
    rm -rf "$ov"
    mkdir -p "$ov/xenlab/bin" "$ov/guests"
    install -m 755 "$XENLAB_D/dom0/init" "$ov/init"
    install -m 755 "$XENLAB_D/dom0/run-guests" "$ov/xenlab/run-guests"
    install -m 755 "$XENLAB_D/dom0/serve-guest" "$ov/xenlab/serve-guest"
    build_dom0_tools
    for t in $DOM0_TOOLS; do install -m 755 "$LAB/bin/$t" "$ov/xenlab/bin/$t"; done
    [ -z "$SERVE_CONF" ] || printf '%s\n' "$SERVE_CONF" >"$ov/xenlab/serve.conf"
    : >"$ov/xenlab/plan"
    echo "XL_FLAGS=${XENLAB_XL_VERBOSE:+-vvv}" >"$ov/xenlab/env"
    for i in "${!GUESTDIRS[@]}"; do
        name=${GUEST_NAMES[$i]}
        cp -rL "${GUESTDIRS[$i]}" "$ov/guests/$name"
        [ ! -f "$ov/guests/$name/dom0-test.sh" ] || chmod +x "$ov/guests/$name/dom0-test.sh"
        echo "$name ${GUEST_TIMEOUT[$name]}" >>"$ov/xenlab/plan"
    done
    (cd "$ov" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$rd/overlay.cpio.gz"
    cat "$LAB/dom0-base.cpio.gz" "$rd/overlay.cpio.gz" >"$rd/dom0-initrd.gz"
    rm -rf "$ov" "$rd/overlay.cpio.gz"
}

QPID=""
stop_qemu() {
    [ -n "$QPID" ] || return 0
    if kill -0 "$QPID" 2>/dev/null; then
        kill -TERM "$QPID" 2>/dev/null || true
        local i
        for ((i = 0; i < 20; i++)); do
            kill -0 "$QPID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$QPID" 2>/dev/null || true
    fi
    QPID=""
}

# Results of the boot, filled in by boot_lab / on_line.
T0=0
READY_US=""
END_US=""
ALL_DONE=0
STOP_REASON=""          # infrastructure failure seen while the lab ran
DRAIN_UNTIL=""          # after a panic: keep reading the console a little, then stop
FAULTS=()
NDONE=0
CUR_GUEST=""
CUR_START_US=""         # when the current guest started (host clock); empty between guests

on_line() { # line
    local line=${1%$'\r'} now el msg rest name st es
    now_us now
    el=$((now - T0))
    printf '[%4d.%03d] %s\n' $((el / 1000000)) $((el / 1000 % 1000)) "$line" >&"$SERIAL_FD"
    case $line in
        "@@XL "*)                   # dom0's protocol; a guest's "(dN) ..." can not fake it
            msg=${line#@@XL }
            case $msg in
                READY*)
                    READY_US=$el
                    fmt_s rest "$el" 1
                    log "dom0 ready after $rest s"
                    ;;
                GUEST-START\ *) CUR_GUEST=${msg#GUEST-START } CUR_START_US=$now ;;
                GUEST-END\ *)
                    CUR_START_US=""
                    read -r _ name st es <<<"$msg"
                    NDONE=$((NDONE + 1))
                    log "guest $name: $st after $es s ($NDONE/${#GUEST_NAMES[@]})"
                    ;;
                FAULT\ *)
                    read -r _ name rest <<<"$msg"
                    FAULTS+=("during guest $name: $rest")
                    log "dom0 fault during guest $name: $rest"
                    ;;
                INFRA\ *)
                    STOP_REASON="dom0: ${msg#INFRA }"
                    ;;
                ALL-DONE*)
                    ALL_DONE=1
                    END_US=$el
                    ;;
                C\ *) printf '%s\n' "${msg:2}" ;;      # serve: a line of the guest's console
                C) echo ;;
                SERVING\ * | SERVE-END\ * | NOTE\ *)
                    serve_event "$msg" ;;
            esac
            ;;
        *"Panic on CPU"* | *"Kernel panic - not syncing"* | *"Hardware Dom0 crashed"*)
            if [ -z "$STOP_REASON" ]; then
                STOP_REASON="${line#\(XEN\) }"
                [ -n "$READY_US" ] || STOP_REASON="lab did not boot: $STOP_REASON"
                DRAIN_UNTIL=$((now + 2000000))
            fi
            ;;
        "(XEN)"* | "(d"[0-9]*) ;;      # Xen's and PVH guests' port 0xe9 lines
        *"malloc(): "* | *"free(): "* | *"double free or corruption"* | *"corrupted size vs. prev_size"* | \
            *"corrupted double-linked list"* | *"malloc_consolidate(): "* | *"realloc(): "* | \
            *"munmap_chunk(): "* | *"stack smashing detected"* | *"Fatal glibc error"*)
            # glibc aborting a dom0 program on a corrupted heap: written to the console, no
            # kernel log line. Same class as a segfault: an infrastructure fault.
            FAULTS+=("during guest ${CUR_GUEST:-(none)}: glibc: $line")
            log "dom0 fault during guest ${CUR_GUEST:-(none)}: glibc: $line"
            ;;
    esac
}

# QEMU's network: none (run). serve.sh sets user networking with one hostfwd on 127.0.0.1.
QEMU_NET_ARGS=(-nic none)

boot_lab() { # rundir overall-timeout-seconds (0: none)
    local rd=$1 total=$2 qargs
    qargs=(-accel "tcg,thread=$XENLAB_TCG_THREAD" -cpu "$XENLAB_QEMU_CPU" -machine q35 -m 2048 -smp "$XENLAB_SMP"
        -display none -monitor none -no-reboot "${QEMU_NET_ARGS[@]}" -serial stdio -pidfile "$rd/qemu.pid"
        -kernel "$LAB/xen" -append "$XEN_ARGS"
        -initrd "$LAB/vmlinuz $DOM0_ARGS,$rd/dom0-initrd.gz")
    printf '%q ' "$XENLAB_QEMU" "${qargs[@]}" >"$rd/qemu.cmdline"
    echo >>"$rd/qemu.cmdline"

    # QEMU's -initrd splits its argument at commas.
    [[ $LAB != *,* ]] || die_infra "the build dir path must not contain a comma: $LAB"
    exec {SERIAL_FD}>"$rd/serial.log"
    log "booting Xen+dom0 (about 15-40 s under TCG, thread=$XENLAB_TCG_THREAD)..."
    now_us T0
    local qfd
    exec {qfd}< <(exec "$XENLAB_QEMU" "${qargs[@]}" </dev/null 2>"$rd/qemu.stderr")
    QPID=$!

    local buf="" chunk rc now
    local boot_deadline=$((T0 + XENLAB_BOOT_TIMEOUT * 1000000))
    local deadline=$((T0 + total * 1000000))
    while :; do
        rc=0
        IFS= read -r -t 1 -u "$qfd" chunk || rc=$?
        if [ $rc -eq 0 ]; then
            on_line "$buf$chunk"
            buf=""
        elif [ $rc -gt 128 ]; then
            buf+=$chunk                 # timed out inside a line: keep the part
        else
            [ -z "$buf$chunk" ] || on_line "$buf$chunk"
            [ -n "$STOP_REASON" ] || [ $ALL_DONE = 1 ] || {
                STOP_REASON="QEMU exited unexpectedly ($(tail -n 1 "$rd/qemu.stderr" 2>/dev/null))"
                [ -n "$READY_US" ] || STOP_REASON="lab did not boot: $STOP_REASON"
            }
            break
        fi
        [ $ALL_DONE = 0 ] || break
        now_us now
        if [ -n "$STOP_REASON" ]; then
            [ -n "$DRAIN_UNTIL" ] && [ "$now" -lt "$DRAIN_UNTIL" ] || break
        fi
        if [ -z "$READY_US" ] && [ "$now" -ge "$boot_deadline" ]; then
            STOP_REASON="lab did not boot: dom0 not ready after $XENLAB_BOOT_TIMEOUT s"
            break
        fi
        # dom0 stuck: a guest's result is due by its timeout plus the time to stop, collect
        # and send it; a runner that crashed or hangs would otherwise hold the overall timeout.
        if [ -n "$CUR_START_US" ] && [ -n "${GUEST_TIMEOUT[$CUR_GUEST]:-}" ] &&
            [ $((now - CUR_START_US)) -gt $(((GUEST_TIMEOUT[$CUR_GUEST] + 90) * 1000000)) ]; then
            STOP_REASON="dom0 stuck: no result for guest $CUR_GUEST $((GUEST_TIMEOUT[$CUR_GUEST] + 90)) s after it started"
            break
        fi
        if [ "$total" -gt 0 ] && [ "$now" -ge "$deadline" ]; then
            STOP_REASON="overall timeout: $total s passed, $NDONE of ${#GUEST_NAMES[@]} guests done"
            break
        fi
    done
    stop_qemu
    exec {qfd}<&- {SERIAL_FD}>&-
    if [ -z "$END_US" ]; then now_us now; END_US=$((now - T0)); fi
}

# Serial log -> OUTDIR: each frame NAME.tgz unpacks into OUTDIR/NAME/ (lab.tgz into OUTDIR).
# Prints one line per frame that failed its checks.
demux() { # serial.log outdir tmpdir
    local serial=$1 out=$2 tmp=$3 path size sum ok f got dest
    rm -rf "$tmp"
    mkdir -p "$tmp"
    awk -v tmp="$tmp" -f "$XENLAB_D/demux.awk" "$serial" >"$tmp/manifest"
    while read -r path size sum ok; do
        f=$tmp/$(echo "$path" | tr / %)
        if [ "$ok" != ok ]; then echo "$path: $ok"; continue; fi
        if ! base64 -d <"$f.b64" >"$f.bin" 2>/dev/null; then echo "$path: bad base64"; continue; fi
        got=$(md5sum <"$f.bin")
        if [ "$(stat -c %s "$f.bin")" != "$size" ] || [ "${got%% *}" != "$sum" ]; then
            echo "$path: size or checksum mismatch"
            continue
        fi
        case $path in
            lab.tgz) dest=$out ;;
            *.tgz) dest=$out/${path%.tgz} ;;
            *) echo "$path: unexpected frame"; continue ;;
        esac
        mkdir -p "$dest"
        tar -xzf "$f.bin" -C "$dest" --no-same-owner --no-same-permissions ||
            echo "$path: bad archive"
    done <"$tmp/manifest"
    rm -rf "$tmp"
}

run_main() {
    parse_args "$@"
    fetch_up_to_date || fetch_main
    local total=120 name rd
    for name in "${GUEST_NAMES[@]}"; do total=$((total + GUEST_TIMEOUT[$name])); done
    total=${XENLAB_TIMEOUT:-$total}

    mkdir -p "$OUTDIR" "$LAB/runs"
    OUTDIR=$(cd "$OUTDIR" && pwd)
    rd=$LAB/runs/$(date +%Y%m%d-%H%M%S)-$$
    mkdir -p "$rd"
    # Keep the last few runs' logs for debugging.
    ls -1d "$LAB"/runs/*/ 2>/dev/null | head -n -5 | xargs -r rm -rf
    for name in "${GUEST_NAMES[@]}"; do rm -rf "${OUTDIR:?}/$name"; done
    rm -f "$OUTDIR"/serial.log "$OUTDIR"/lab.*

    make_initrd "$rd"
    trap stop_qemu EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
    boot_lab "$rd" "$total"
    rm -f "$rd/dom0-initrd.gz"

    cp "$rd/serial.log" "$OUTDIR/serial.log"
    local bad ready_s="-" total_s
    bad=$(demux "$rd/serial.log" "$OUTDIR" "$rd/demux")
    [ -z "$READY_US" ] || fmt_s ready_s "$READY_US" 1
    fmt_s total_s "$END_US" 1
    echo "dom0_ready_s=$ready_s total_s=$total_s guests=${#GUEST_NAMES[@]} done=$NDONE" \
        "tcg_thread=$XENLAB_TCG_THREAD" >"$OUTDIR/lab.timing"
    log "lab: dom0 ready after $ready_s s, total $total_s s; results in $OUTDIR (run dir $rd)"

    [ -z "$STOP_REASON" ] || die_infra "$STOP_REASON"
    [ "$ALL_DONE" = 1 ] || die_infra "dom0 never reported ALL-DONE"
    [ -z "$bad" ] || die_infra "results corrupted on the serial line: $(echo "$bad" | paste -sd';')"
    [ ${#FAULTS[@]} -eq 0 ] || die_infra "dom0 fault (${#FAULTS[@]} in all) ${FAULTS[0]}"
    for name in "${GUEST_NAMES[@]}"; do
        [ -s "$OUTDIR/$name/status" ] || die_infra "no result for guest $name"
    done
    return 0
}
