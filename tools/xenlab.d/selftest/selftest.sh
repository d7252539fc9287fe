# tools/xenlab.d/selftest/selftest.sh - `xenlab selftest [--out OUTDIR]`: build the tiny PVH
# guests of guest.c, run them all in one lab boot with `xenlab run`, and check that every
# outcome is recorded as expected. Ends with "N passed, N failed"; exit 0 only if all passed
# and the lab itself ran (exit 3 when it did not).

ST_SRC=$XENLAB_D/selftest
ST_CFLAGS="-m32 -O2 -ffreestanding -fno-pic -fno-pie -fno-stack-protector -fcf-protection=none
 -fno-asynchronous-unwind-tables -mgeneral-regs-only -Wall -Wextra -Werror"
ST_LDFLAGS="-nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,noexecstack
 -Wl,-z,max-page-size=4096 -Wl,-T,$ST_SRC/guest.lds"

st_build() { # mode outfile
    gcc $ST_CFLAGS "-DSELFTEST_MODE=MODE_${1^^}" $ST_LDFLAGS \
        "$ST_SRC/start.S" "$ST_SRC/guest.c" -o "$2" || die_infra "selftest guest $1 does not build"
}

# A guest dir: st_guest DIR MODE [xl-config lines...]
st_guest() {
    local dir=$1 mode=$2
    shift 2
    mkdir -p "$dir"
    [ "$mode" = none ] || st_build "$mode" "$dir/$mode.xen"
    {
        echo "name = \"$(basename "$dir")\""
        echo 'type = "pvh"'
        echo "kernel = \"$mode.xen\""
        echo 'memory = 32'
        echo 'vcpus = 1'
        local l
        for l in "$@"; do echo "$l"; done
    } >"$dir/guest.xl"
}

ST_PASS=0
ST_FAIL=0
st_check() { # description command...
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then
        ST_PASS=$((ST_PASS + 1))
        echo "ok   $what"
    else
        ST_FAIL=$((ST_FAIL + 1))
        echo "FAIL $what"
    fi
}
st_status() { [ "$(cat "$1/status" 2>/dev/null)" = "$2" ]; }
st_timing_ok() { # dir: numbers; console output may reach its log a little after the shutdown event
    awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
         END { exit !(v["create_s"] ~ /^[0-9.]+$/ && v["first_console_s"] ~ /^[0-9.]+$/ &&
                      v["first_console_s"] + 0 <= v["end_s"] + 0.5) }' "$1/timing"
}

selftest_main() {
    local out=$LAB/selftest/out serve=1
    while [ $# -gt 0 ]; do
        case $1 in
            --out) [ $# -ge 2 ] || die_usage "--out needs a directory"; out=$2; shift 2 ;;
            --no-serve) serve=0; shift ;;
            *) die_usage "selftest takes only --out OUTDIR and --no-serve" ;;
        esac
    done
    local g=$LAB/selftest/guests
    rm -rf "$g"
    mkdir -p "$g"
    # on_poweroff = "destroy" must be overridden by the lab's preserve, or the status is lost.
    st_guest "$g/st-poweroff" poweroff 'on_poweroff = "destroy"'
    st_guest "$g/st-crash" crash
    st_guest "$g/st-reboot" reboot
    st_guest "$g/st-triple" triple
    st_guest "$g/st-timeout" hang
    echo "timeout=5" >"$g/st-timeout/lab.conf"
    st_guest "$g/st-xlerror" none
    sed -i 's/^kernel = .*/kernel = "garbage.xen"/' "$g/st-xlerror/guest.xl"
    echo "this is not an ELF image" >"$g/st-xlerror/garbage.xen"
    st_guest "$g/st-chatty" chatty
    st_guest "$g/st-dom0test" hang
    cat >"$g/st-dom0test/dom0-test.sh" <<'EOF'
#!/bin/sh
# Waits for the guest's console line, shows the environment, exits 7 (checked by selftest).
i=0
until grep -q 'XENLAB-SELFTEST console' "$CONSOLE"; do
    i=$((i + 1)); [ $i -lt 500 ] || exit 1; sleep 0.02
done
echo "saw console of $GUEST domid=$DOMID dir=$GUESTDIR"
xl list "$DOMID"
exit 7
EOF
    st_guest "$g/st-testhang" hang
    echo "timeout=5" >"$g/st-testhang/lab.conf"
    printf '#!/bin/sh\necho started\nsleep 1000\n' >"$g/st-testhang/dom0-test.sh"
    # dom0's tools (dom0/*.c) against busybox httpd inside dom0: no guest network needed.
    st_guest "$g/st-tools" hang
    cat >"$g/st-tools/dom0-test.sh" <<'EOF'
#!/bin/sh
case $XL_CREATE_US in '' | *[!0-9]*) echo "bad XL_CREATE_US '$XL_CREATE_US'"; exit 1 ;; esac
echo "XL_CREATE_US ok"
w=/tmp/st-www
mkdir -p $w && echo hello >$w/index.html && head -c 1048576 /dev/urandom >$w/big
httpd -p 127.0.0.1:18081 -h $w || exit 1
xenlab-httpwait -t 10 -s "$XL_CREATE_US" 127.0.0.1 18081 >/dev/null && echo "httpwait 200 ok"
xenlab-fwd 18082 127.0.0.1 18081 &
fwd=$!
xenlab-httpwait -t 10 -p /index.html 127.0.0.1 18082 >/dev/null && echo "fwd reachable"
[ "$(curl -s http://127.0.0.1:18082/big | md5sum)" = "$(md5sum <$w/big)" ] && echo "fwd 1 MiB intact"
xenlab-httpwait -t 10 -a -p /nonexistent 127.0.0.1 18082 | grep -q 'status=404' && echo "httpwait -a 404 ok"
xenlab-httpwait -t 1 127.0.0.1 18099 2>/dev/null; echo "httpwait timeout rc=$?"
kill $fwd
pkill -f 'httpd -p 127.0.0.1:18081'
exit 0
EOF

    local rc=0
    "$REPO/tools/xenlab" run --out "$out" "$g"/st-* || rc=$?
    [ $rc -ne "$EX_USAGE" ] || die_usage "selftest: run refused its arguments"
    [ $rc -ne "$EX_INFRA" ] || die_infra "selftest: the lab did not run (see above)"

    echo "--- xenlab selftest checks ($out)"
    st_check "run exits 0" [ $rc -eq 0 ]
    st_check "poweroff recorded (config's on_poweroff=destroy overridden)" \
        st_status "$out/st-poweroff" poweroff
    st_check "crash recorded (SCHEDOP_shutdown crash)" st_status "$out/st-crash" crash
    st_check "reboot recorded" st_status "$out/st-reboot" reboot
    st_check "triple fault recorded as reboot (Xen's default triple-fault action)" \
        st_status "$out/st-triple" reboot
    st_check "timeout recorded" st_status "$out/st-timeout" timeout
    st_check "xl-error recorded" st_status "$out/st-xlerror" xl-error
    st_check "xl-error keeps xl's message" grep -qi 'error\|fail' "$out/st-xlerror/xl.log"
    local d
    for d in st-poweroff st-crash st-reboot st-timeout st-chatty; do
        st_check "$d console line" grep -q "^XENLAB-SELFTEST console" "$out/$d/console.log"
        st_check "$d port 0xe9 line in xl-dmesg.log" grep -q 'XENLAB-SELFTEST e9' "$out/$d/xl-dmesg.log"
        st_check "$d timing fields" st_timing_ok "$out/$d"
    done
    st_check "chatty console complete (2001 lines)" \
        [ "$(grep -c '' "$out/st-chatty/console.log" 2>/dev/null)" = 2001 ]
    st_check "chatty last line intact" grep -qx 'chatty line 2000 of 2000: the quick brown fox jumps over the lazy dog' \
        "$out/st-chatty/console.log"
    st_check "dom0 test: guest destroyed after the test" st_status "$out/st-dom0test" destroyed
    st_check "dom0 test: exit code recorded" [ "$(cat "$out/st-dom0test/dom0-test.rc" 2>/dev/null)" = 7 ]
    st_check "dom0 test: output and environment" \
        grep -q "saw console of st-dom0test domid=[0-9]* dir=/guests/st-dom0test" "$out/st-dom0test/dom0-test.out"
    st_check "hung dom0 test: timeout" st_status "$out/st-testhang" timeout
    st_check "hung dom0 test: rc 124" [ "$(cat "$out/st-testhang/dom0-test.rc" 2>/dev/null)" = 124 ]
    st_check "lab.timing written" grep -q '^dom0_ready_s=[0-9]' "$out/lab.timing"
    local w
    for w in "XL_CREATE_US ok" "httpwait 200 ok" "fwd reachable" "fwd 1 MiB intact" \
        "httpwait -a 404 ok" "httpwait timeout rc=1"; do
        st_check "dom0 tools: $w" grep -qx "$w" "$out/st-tools/dom0-test.out"
    done
    [ "$serve" = 0 ] || selftest_serve
    echo "selftest: $ST_PASS passed, $ST_FAIL failed"
    [ $ST_FAIL -eq 0 ]
}

# `xenlab serve` end to end: a Linux + nginx guest behind 127.0.0.1:PORT, fetched with curl on
# this machine, then a Ctrl-C (SIGINT to the process group, as a terminal sends it) that must
# leave nothing behind.
selftest_serve() {
    local d=$LAB/selftest/serve g port pid i rd qpid rc=0
    rm -rf "$d"
    mkdir -p "$d/site"
    echo "xenlab serve selftest $$" >"$d/site/index.html"
    g=$d/st-serve
    "$REPO/tools/xenlab" linux-nginx --site "$d/site" --ip 10.99.0.3 "$g" >"$d/build.log" 2>&1 ||
        { st_check "serve: linux-nginx guest builds ($d/build.log)" false; return; }
    for ((port = 18000 + $$ % 1000; port < 19000; port++)); do
        [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ] || break
    done
    echo "--- xenlab serve selftest: 127.0.0.1:$port -> 10.99.0.3:80 ($d)"
    setsid "$REPO/tools/xenlab" serve --port "$port" --guest-ip 10.99.0.3 "$g" \
        >"$d/serve.out" 2>"$d/serve.err" </dev/null &
    pid=$!
    for ((i = 0; i < 300; i++)); do
        grep -q 'answers HTTP' "$d/serve.err" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    rd=$(sed -n 's/.*(run dir \(.*\))$/\1/p' "$d/serve.err" | head -n 1)
    qpid=$(cat "$rd/qemu.pid" 2>/dev/null || true)
    st_check "serve: the guest answers through the lab" grep -q 'answers HTTP' "$d/serve.err"
    curl -s --max-time 20 "http://127.0.0.1:$port/" >"$d/curl.out" 2>&1 || true
    st_check "serve: curl http://127.0.0.1:$port/ gets the page" cmp -s "$d/curl.out" "$d/site/index.html"
    sleep 2
    st_check "serve: guest console streamed to stdout" grep -q 'XENLAB-LINUX-NGINX READY' "$d/serve.out"
    kill -INT -- "-$pid" 2>/dev/null
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    wait "$pid" || rc=$?
    st_check "serve: Ctrl-C stops it with exit 0 (got $rc)" [ "$rc" = 0 ]
    st_check "serve: QEMU is gone" st_gone "$qpid"
    st_check "serve: port $port is free again" [ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]
    st_check "serve: a busy port is a usage error (exit 2)" st_busy_port "$port" "$g"
}
st_gone() { [ -n "$1" ] && ! kill -0 "$1" 2>/dev/null; }

# serve refuses a port that is in use (exit 2), before booting anything.
st_busy_port() { # port guestdir
    local pid rc=0
    busybox httpd -f -p "127.0.0.1:$1" -h "$LAB/selftest/serve/site" &
    pid=$!
    sleep 0.5
    "$REPO/tools/xenlab" serve --port "$1" "$2" >/dev/null 2>&1 </dev/null || rc=$?
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ "$rc" = 2 ]
}
