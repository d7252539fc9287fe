# tools/xenlab.d/linux-guest/build.sh - `xenlab linux-nginx [options] GUESTDIR`: make GUESTDIR
# a Debian Linux PV guest serving a folder with Debian's nginx, the baseline unik's httpd is
# measured against (tools/bench-httpd).
#
# Kernel: the lab's own (the dom0 kernel, $LAB/vmlinuz). initramfs: busybox-static and the
# kernel's xen-netfront module (both from the debs `xenlab fetch` keeps), Debian's nginx
# (`nginx-light` in bookworm is a metapackage over the `nginx` binary package) with
# nginx-common's mime.types and the libraries nginx links, apt-get download + dpkg-deb -x into
# $LAB/linux-guest (nothing installed on the host), init + nginx.conf from this folder, the
# site in /srv/www. Needs fetch.sh (copy_elf, is_elf).

LG_SRC=$XENLAB_D/linux-guest
LG_DIR=$LAB/linux-guest
# nginx-light's binary package and the libraries nginx links (ldd of /usr/sbin/nginx), so that
# the guest does not depend on what the host has installed (libc6 aside: the host's bookworm one).
LG_DEBS="nginx nginx-common libpcre2-8-0 libssl3 zlib1g libcrypt1"

lg_fetch() {
    local want have
    want="debs=$(echo $LG_DEBS)"
    if [ -f "$LG_DIR/debs.stamp" ] && grep -qxF "$want" "$LG_DIR/debs.stamp"; then return 0; fi
    log "linux-nginx: downloading $LG_DEBS (apt-get download)"
    rm -rf "$LG_DIR/debs.new"
    mkdir -p "$LG_DIR/debs.new"
    (cd "$LG_DIR/debs.new" && apt-get download -q $LG_DEBS >/dev/null 2>&1) || {
        apt-get update -qq >/dev/null 2>&1 || true
        (cd "$LG_DIR/debs.new" && apt-get download -q $LG_DEBS >/dev/null)
    } || die_infra "apt-get download $LG_DEBS failed"
    rm -rf "$LG_DIR/debs"
    mv "$LG_DIR/debs.new" "$LG_DIR/debs"
    {
        echo "$want"
        for have in "$LG_DIR"/debs/*.deb; do
            dpkg-deb -W --showformat='${Package}=${Version}\n' "$have"
        done
    } >"$LG_DIR/debs.stamp"
}

lg_usage() {
    cat <<'EOF'
usage: tools/xenlab linux-nginx [--ip A.B.C.D] [--mac MAC] [--memory MB] [--name NAME]
                                [--site DIR] GUESTDIR
Make GUESTDIR a Debian Linux PV guest (the lab's Debian kernel, busybox, xen-netfront, Debian's
nginx 1.22) serving DIR (default: a one-page site) on IP:80 (default 10.99.0.3/24 on xenbr0,
MAC 00:16:3e:99:00:03, 128 MB, name = basename of GUESTDIR). Its console prints
"XENLAB-LINUX-NGINX READY <ip>/24 uptime=<s> s" once nginx listens. Writes GUESTDIR/guest.xl,
vmlinuz, initrd.gz. Downloads the nginx packages once (cached in $UNIK_BUILD/xenlab/linux-guest).
EOF
}

linux_nginx_main() {
    local ip=10.99.0.3 mac=00:16:3e:99:00:03 mem=128 name="" site="" gdir=""
    while [ $# -gt 0 ]; do
        case $1 in
            --ip) ip=${2:?--ip needs an address}; shift 2 ;;
            --mac) mac=${2:?--mac needs a MAC address}; shift 2 ;;
            --memory) mem=${2:?--memory needs MB}; shift 2 ;;
            --name) name=${2:?--name needs a name}; shift 2 ;;
            --site) site=${2:?--site needs a folder}; shift 2 ;;
            -h | --help) lg_usage; exit 0 ;;
            -*) die_usage "linux-nginx: unknown option $1" ;;
            *) [ -z "$gdir" ] || die_usage "linux-nginx takes one GUESTDIR"; gdir=$1; shift ;;
        esac
    done
    [ -n "$gdir" ] || { lg_usage >&2; exit "$EX_USAGE"; }
    [[ $ip =~ ^10\.99\.0\.([2-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-4])$ ]] ||
        die_usage "linux-nginx: --ip must be 10.99.0.2-254 (xenbr0's network)"
    [[ $mac =~ ^([0-9a-f]{2}:){5}[0-9a-f]{2}$ ]] || die_usage "linux-nginx: bad --mac '$mac'"
    [[ $mem =~ ^[0-9]+$ && $mem -ge 64 ]] || die_usage "linux-nginx: --memory must be >= 64 (MB)"
    [ -z "$site" ] || [ -d "$site" ] || die_usage "linux-nginx: --site $site is not a folder"
    mkdir -p "$gdir"
    gdir=$(cd "$gdir" && pwd)
    [ -n "$name" ] || name=$(basename "$gdir")
    [[ $name =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$ ]] || die_usage "linux-nginx: bad name '$name'"

    fetch_up_to_date || fetch_main
    lg_fetch
    local kdeb bdeb
    kdeb=$(ls "$LAB"/debs/linux-image-*.deb 2>/dev/null | head -n 1)
    bdeb=$(ls "$LAB"/debs/busybox-static_*.deb 2>/dev/null | head -n 1)
    [ -n "$kdeb" ] && [ -n "$bdeb" ] || die_infra "the lab's debs are missing: rm $LAB/fetch.stamp and re-run"

    # copy_elf and friends work on $ROOT and $STAGE.
    STAGE=$LG_DIR/stage.$$
    ROOT=$LG_DIR/root.$$
    rm -rf "$STAGE" "$ROOT"
    mkdir -p "$STAGE" "$ROOT"/usr/{bin,sbin,lib,lib64} "$ROOT"/{dev,proc,sys,run,tmp,etc,mods,srv}
    mkdir -p "$ROOT"/var/{lib,log}
    ln -s usr/bin "$ROOT/bin"; ln -s usr/sbin "$ROOT/sbin"
    ln -s usr/lib "$ROOT/lib"; ln -s usr/lib64 "$ROOT/lib64"; ln -s ../run "$ROOT/var/run"
    local d a
    for d in "$LG_DIR"/debs/*.deb "$bdeb"; do dpkg-deb -x "$d" "$STAGE"; done
    dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$STAGE" --wildcards '*/xen-netfront.ko*' ||
        die_infra "no xen-netfront module in $kdeb"

    cp "$STAGE/bin/busybox" "$ROOT/usr/bin/busybox"
    for a in $("$STAGE/bin/busybox" --list); do
        [ "$a" = busybox ] || ln -sf busybox "$ROOT/usr/bin/$a"
    done
    local m
    m=$(find "$STAGE/lib/modules" -name 'xen-netfront.ko*' | head -n 1)
    case $m in
        *.ko.xz) xz -dc "$m" >"$ROOT/mods/xen-netfront.ko" ;;
        *.ko.zst) zstd -qdc "$m" >"$ROOT/mods/xen-netfront.ko" ;;
        *) cp "$m" "$ROOT/mods/xen-netfront.ko" ;;
    esac
    copy_elf "$STAGE/usr/sbin/nginx" /usr/sbin/nginx
    mkdir -p "$ROOT/etc/nginx"
    cp "$STAGE/etc/nginx/mime.types" "$ROOT/etc/nginx/"
    install -m 644 "$LG_SRC/nginx.conf" "$ROOT/etc/nginx/nginx.conf"
    install -m 755 "$LG_SRC/init" "$ROOT/init"
    printf 'root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33:www-data:/var/www:/bin/false\n' \
        >"$ROOT/etc/passwd"
    printf 'root:x:0:\nwww-data:x:33:\n' >"$ROOT/etc/group"
    mkdir -p "$ROOT/srv/www"
    if [ -n "$site" ]; then
        cp -rL "$site/." "$ROOT/srv/www/"
    else
        printf '<!doctype html>\n<title>Linux + nginx</title>\n<p>Debian Linux + nginx in the xenlab.</p>\n' \
            >"$ROOT/srv/www/index.html"
    fi
    # nginx must be able to start in this root: check its libraries resolve here and now.
    local miss
    miss=$(LD_LIBRARY_PATH=$STAGE/usr/lib/x86_64-linux-gnu:$STAGE/lib/x86_64-linux-gnu \
        ldd "$STAGE/usr/sbin/nginx" | grep 'not found' || true)
    [ -z "$miss" ] || die_infra "nginx's libraries do not resolve: $miss"

    (cd "$ROOT" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -9 >"$gdir/initrd.gz.new"
    mv "$gdir/initrd.gz.new" "$gdir/initrd.gz"
    cp "$LAB/vmlinuz" "$gdir/vmlinuz"
    rm -rf "$STAGE" "$ROOT"
    find "$gdir" -maxdepth 1 -name '*.xl' ! -name guest.xl -delete
    cat >"$gdir/guest.xl" <<EOF
# Debian Linux + nginx baseline guest, made by tools/xenlab linux-nginx.
name = "$name"
type = "pv"
kernel = "vmlinuz"
ramdisk = "initrd.gz"
extra = "console=hvc0 quiet xenlab.ip=$ip/24"
memory = $mem
vcpus = 1
vif = [ 'bridge=xenbr0,mac=$mac' ]
EOF
    log "linux-nginx: $gdir: kernel $(stat -c %s "$gdir/vmlinuz") B + initrd $(stat -c %s "$gdir/initrd.gz") B," \
        "$ip/24, $mem MB, $(grep -o 'nginx=[^ ]*' "$LG_DIR/debs.stamp")"
}
