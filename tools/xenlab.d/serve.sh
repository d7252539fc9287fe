# tools/xenlab.d/serve.sh - `xenlab serve [--port N] [--guest-ip IP] [--guest-port N] GUESTDIR`
# (host side). Boots the lab with one extra NIC, QEMU user networking with `restrict=on` (dom0
# reaches nothing outside QEMU) and one hostfwd bound to 127.0.0.1 only, creates the one
# guest, forwards 127.0.0.1:PORT -> dom0:PORT -> GUEST_IP:GUEST_PORT (dom0/serve-guest,
# xenlab-fwd), prints the guest's console until Ctrl-C / SIGTERM (or the guest stops).
# Needs run.sh (make_initrd, boot_lab, on_line).

SERVE_PORT=8080
SERVE_GUEST_IP=10.99.0.2
SERVE_GUEST_PORT=80
SERVE_STATUS=""         # how the guest ended (SERVE-END), empty while it runs

serve_usage_error() { die_usage "$*"; }

# Events of dom0/serve-guest (called by on_line).
serve_event() { # msg
    local kind=${1%% *} rest=${1#* } a b
    case $kind in
        SERVING)
            read -r a b <<<"$rest"
            log "guest ${GUEST_NAMES[0]} answers HTTP on $a, $b s after xl create:" \
                "http://127.0.0.1:$SERVE_PORT/ (Ctrl-C stops the lab)"
            ;;
        NOTE) log "dom0: $rest" ;;
        SERVE-END)
            read -r a b <<<"$rest"
            SERVE_STATUS=$b
            log "guest $a stopped: $b"
            ;;
    esac
}

serve_stop() { # signal name
    trap - INT TERM HUP
    log "stopping the lab (SIG$1)"
    stop_qemu
    log "stopped; serial log: $SERVE_RD/serial.log"
    exit 0
}

port_ok() { [[ $1 =~ ^[0-9]{1,5}$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }

serve_main() {
    local ip_re='^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$'
    while [ $# -gt 0 ]; do
        case $1 in
            --port) [ $# -ge 2 ] || die_usage "--port needs a number"; SERVE_PORT=$2; shift 2 ;;
            --guest-ip) [ $# -ge 2 ] || die_usage "--guest-ip needs an address"; SERVE_GUEST_IP=$2; shift 2 ;;
            --guest-port) [ $# -ge 2 ] || die_usage "--guest-port needs a number"; SERVE_GUEST_PORT=$2; shift 2 ;;
            -h | --help) usage; exit 0 ;;
            -*) die_usage "unknown option $1" ;;
            *) GUESTDIRS+=("$1"); shift ;;
        esac
    done
    [ ${#GUESTDIRS[@]} -eq 1 ] || die_usage "serve takes exactly one GUESTDIR"
    port_ok "$SERVE_PORT" || die_usage "--port: '$SERVE_PORT' is not a port number"
    port_ok "$SERVE_GUEST_PORT" || die_usage "--guest-port: '$SERVE_GUEST_PORT' is not a port number"
    [[ $SERVE_GUEST_IP =~ $ip_re ]] || die_usage "--guest-ip: '$SERVE_GUEST_IP' is not an IPv4 address"
    [[ $SERVE_GUEST_IP == 10.99.0.* && $SERVE_GUEST_IP != 10.99.0.1 ]] ||
        die_usage "--guest-ip must be on xenbr0's 10.99.0.0/24, not dom0's 10.99.0.1"
    check_guestdirs
    if command -v ss >/dev/null && [ -n "$(ss -Hltn "sport = :$SERVE_PORT" 2>/dev/null)" ]; then
        die_usage "127.0.0.1:$SERVE_PORT is already in use on this machine (pick another --port)"
    fi
    fetch_up_to_date || fetch_main

    mkdir -p "$LAB/runs"
    SERVE_RD=$LAB/runs/$(date +%Y%m%d-%H%M%S)-$$-serve
    mkdir -p "$SERVE_RD"
    ls -1d "$LAB"/runs/*/ 2>/dev/null | head -n -5 | xargs -r rm -rf
    SERVE_CONF="NAME=${GUEST_NAMES[0]}
PORT=$SERVE_PORT
GUEST_IP=$SERVE_GUEST_IP
GUEST_PORT=$SERVE_GUEST_PORT"
    make_initrd "$SERVE_RD"
    # restrict=on: the guest side (dom0) can reach nothing beyond QEMU's slirp; the only way in
    # is this forward, bound to the host's loopback.
    QEMU_NET_ARGS=(-netdev "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$SERVE_PORT-:$SERVE_PORT"
        -device e1000,netdev=n0)
    trap stop_qemu EXIT
    trap 'serve_stop INT' INT
    trap 'serve_stop TERM' TERM
    trap 'serve_stop HUP' HUP
    log "serving ${GUEST_NAMES[0]}: 127.0.0.1:$SERVE_PORT -> $SERVE_GUEST_IP:$SERVE_GUEST_PORT (run dir $SERVE_RD)"
    boot_lab "$SERVE_RD" 0
    rm -f "$SERVE_RD/dom0-initrd.gz"
    # A terminal's Ctrl-C reaches QEMU too (same process group): when QEMU went first, this
    # is the same clean stop as our own trap's.
    if [[ $STOP_REASON == *"terminating on signal"* ]]; then
        log "stopped (QEMU got the signal); serial log: $SERVE_RD/serial.log"
        exit 0
    fi
    [ -z "$STOP_REASON" ] || die_infra "$STOP_REASON"
    [ -n "$SERVE_STATUS" ] || die_infra "dom0 ended the session without a guest status"
    log "serial log: $SERVE_RD/serial.log"
    return 1                # the guest stopped by itself: the server is gone
}
