# tools/xenlab.d/fetch.sh - `xenlab fetch`: download Xen, the dom0 kernel and busybox from Debian
# (apt-get download + dpkg-deb -x: nothing of it is installed on the host) and build the dom0
# base initramfs into $LAB. Stamped: a re-run with the same recipe is a no-op and needs no network.
#
# Outputs:  $LAB/xen                    Xen hypervisor (multiboot ELF, loaded by QEMU -kernel)
#           $LAB/vmlinuz                dom0 kernel
#           $LAB/dom0-base.cpio.gz      dom0 root: busybox, Xen tools + libs, modules, host binaries
#           $LAB/fetch.stamp            what was built, from which package versions

# Host programs that go into dom0 with their shared libraries. Add one path to add a tool
# bash, ip, stat, losetup, flock: Xen's hotplug scripts need them; curl: test clients.
DOM0_HOST_BINS="/usr/bin/bash /usr/bin/stat /usr/sbin/ip /usr/sbin/losetup /usr/bin/flock
 /usr/bin/curl"
# Same, but only when the host has them (benchmark clients for tools/bench-httpd: Debian's wrk
# and apache2-utils). The stamp records which were there: installing one later rebuilds.
DOM0_HOST_BINS_OPTIONAL="/usr/bin/wrk /usr/bin/ab"

# Kernel modules dom0 loads, in order (dependencies first).
DOM0_MODULES="llc stp bridge xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs xen-netback
 xen-blkback loop"
# Modules copied into /mods but not loaded at boot: e1000 is the NIC of `xenlab serve` (QEMU user
# networking), loaded only then, so that `run` keeps `-nic none` and an identical dom0.
DOM0_EXTRA_MODULES="e1000"

XEN_DEBS="xen-hypervisor-$XENVER-amd64 xen-utils-$XENVER xen-utils-common xenstore-utils
 libxencall1 libxenevtchn1 libxenforeignmemory1 libxengnttab1 libxenhypfs1 libxenmisc$XENVER
 libxenstore4 libxentoollog1 libxendevicemodel1 libxentoolcore1 libyajl2 busybox-static"

STAGE=$LAB/stage        # unpacked packages, removed once the image is built
ROOT=$LAB/dom0root      # dom0 base root tree

# Install a host package (only qemu-system-x86 and cpio are ever asked for).
host_need() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    log "fetch: installing $2 on the host (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "$2" >/dev/null ||
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$2" >/dev/null; } ||
        die_infra "cannot install $2 on the host"
}

# The ABI name of the kernel that linux-image-amd64 points at, e.g. 6.1.0-41-amd64.
kernel_abi() {
    local k
    k=$(apt-cache depends linux-image-amd64 2>/dev/null |
        awk '/Depends: linux-image-[0-9]/ { sub("linux-image-", "", $2); print $2; exit }')
    if [ -z "$k" ]; then
        apt-get update -qq >/dev/null 2>&1 || true
        k=$(apt-cache depends linux-image-amd64 2>/dev/null |
            awk '/Depends: linux-image-[0-9]/ { sub("linux-image-", "", $2); print $2; exit }')
    fi
    [ -n "$k" ] || die_infra "apt-cache cannot resolve linux-image-amd64"
    echo "$k"
}

# Copy an ELF (from the host or the stage) and its shared-library closure into $ROOT,
# keeping the merged-/usr layout: libraries land under /usr/lib or where the stage had them.
copy_elf() { # src [dest-in-root]
    local src=$1 dst=${2:-$1} lib t
    mkdir -p "$ROOT$(dirname "$dst")"
    [ -e "$ROOT$dst" ] || cp -L "$src" "$ROOT$dst"
    LD_LIBRARY_PATH=$STAGE/usr/lib/x86_64-linux-gnu:$STAGE/lib/x86_64-linux-gnu ldd "$src" 2>/dev/null |
        awk '/=> \// { print $3 } /^\t\/lib64/ { print $1 }' | while read -r lib; do
            case $lib in
                "$STAGE"/*) t=${lib#"$STAGE"} ;;
                *) t=/usr${lib#/usr} ;;
            esac
            [ -e "$ROOT$t" ] || { mkdir -p "$ROOT$(dirname "$t")" && cp -L "$lib" "$ROOT$t"; }
        done
}

is_elf() { [ "$(head -c 4 "$1" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ]; }

build_root() { # kver
    local kver=$1 bb=$STAGE/bin/busybox a b m f
    rm -rf "$ROOT"
    mkdir -p "$ROOT"/usr/{bin,sbin,lib,lib64} "$ROOT"/{dev,proc,sys,run,tmp,etc,root,mods,guests}
    mkdir -p "$ROOT"/var/{lib,log,lock}
    ln -s usr/bin "$ROOT/bin"; ln -s usr/sbin "$ROOT/sbin"
    ln -s usr/lib "$ROOT/lib"; ln -s usr/lib64 "$ROOT/lib64"; ln -s ../run "$ROOT/var/run"

    cp "$bb" "$ROOT/usr/bin/busybox"
    for a in $("$bb" --list); do
        [ "$a" = busybox ] || ln -sf busybox "$ROOT/usr/bin/$a"
    done

    for b in $DOM0_HOST_BINS; do
        [ -x "$b" ] || die_infra "host binary $b (DOM0_HOST_BINS) is missing"
        rm -f "$ROOT$b"             # replace the busybox applet of the same name
        copy_elf "$b"
    done
    for b in $(optional_bins_present); do
        rm -f "$ROOT$b"
        copy_elf "$b"
    done
    # /bin/sh is bash: busybox's ash runs its own applets before $PATH, so in a #!/bin/sh
    # script `ip` would be busybox's, not the host's iproute2 from DOM0_HOST_BINS.
    ln -sf bash "$ROOT/usr/bin/sh"
    # glibc dlopen()s libgcc_s for pthread_cancel; without it xl aborts.
    copy_elf "$(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64/ { print $NF; exit }')" \
        /usr/lib/x86_64-linux-gnu/libgcc_s.so.1

    # Xen tools: the whole bin dir (ELFs with their libraries, plus scripts), hotplug scripts.
    mkdir -p "$ROOT/usr/lib/xen-$XENVER" "$ROOT/etc/xen"
    cp -a "$STAGE/usr/lib/xen-$XENVER/bin" "$ROOT/usr/lib/xen-$XENVER/"
    cp -a "$STAGE/usr/lib/x86_64-linux-gnu/." "$ROOT/usr/lib/x86_64-linux-gnu/"
    cp -a "$STAGE/etc/xen/." "$ROOT/etc/xen/"
    for f in "$STAGE"/usr/bin/xenstore*; do cp -a "$f" "$ROOT/usr/bin/"; done
    for f in "$ROOT"/usr/lib/xen-$XENVER/bin/*; do
        is_elf "$f" && copy_elf "$f" "${f#"$ROOT"}"
    done
    for b in xl xenstored xenconsoled xen-init-dom0; do
        ln -sf /usr/lib/xen-$XENVER/bin/$b "$ROOT/usr/sbin/$b"
    done

    for m in $DOM0_MODULES $DOM0_EXTRA_MODULES; do
        f=$(find "$STAGE/lib/modules/$kver" -name "$m.ko*" | head -n 1)
        [ -n "$f" ] || die_infra "module $m not found in linux-image-$kver"
        case $f in
            *.ko.xz) xz -dc "$f" > "$ROOT/mods/$m.ko" ;;
            *.ko.zst) zstd -qdc "$f" > "$ROOT/mods/$m.ko" ;;
            *) cp "$f" "$ROOT/mods/$m.ko" ;;
        esac
    done
    printf '%s\n' $DOM0_MODULES >"$ROOT/mods/order"

    echo "root:x:0:0:root:/root:/bin/sh" > "$ROOT/etc/passwd"
    echo "root:x:0:" > "$ROOT/etc/group"
}

# The optional host programs this host has (one line).
optional_bins_present() {
    local b out=""
    for b in $DOM0_HOST_BINS_OPTIONAL; do [ ! -x "$b" ] || out+="${out:+ }$b"; done
    echo "$out"
}

# The stamp records the recipe: editing DOM0_HOST_BINS or DOM0_MODULES rebuilds the image.
fetch_up_to_date() {
    [ -e "$LAB/fetch.stamp" ] && [ -e "$LAB/dom0-base.cpio.gz" ] && [ -e "$LAB/xen" ] &&
        [ -e "$LAB/vmlinuz" ] && grep -qx "rev=$FETCH_REV" "$LAB/fetch.stamp" &&
        grep -qxF "host_bins=$(echo $DOM0_HOST_BINS)" "$LAB/fetch.stamp" &&
        grep -qxF "modules=$(echo $DOM0_MODULES)" "$LAB/fetch.stamp" &&
        grep -qxF "extra_modules=$(echo $DOM0_EXTRA_MODULES)" "$LAB/fetch.stamp" &&
        grep -qxF "host_bins_optional=$(optional_bins_present)" "$LAB/fetch.stamp"
}

fetch_main() {
    [ $# -eq 0 ] || die_usage "fetch takes no arguments"
    mkdir -p "$LAB"
    exec 8>"$LAB/.fetch.lock"
    flock 8                         # two callers may fetch at once: the second waits, then no-ops
    if fetch_up_to_date; then
        log "fetch: up to date ($LAB/fetch.stamp)"
        exec 8>&-
        return 0
    fi
    host_need "$XENLAB_QEMU" qemu-system-x86
    host_need cpio cpio

    local kver t0=$SECONDS
    kver=$(kernel_abi)
    log "fetch: downloading Xen $XENVER, linux-image-$kver, busybox-static (apt-get download)"
    rm -rf "$LAB/debs.new" "$STAGE"
    mkdir -p "$LAB/debs.new" "$STAGE"
    (cd "$LAB/debs.new" && apt-get download -q $XEN_DEBS "linux-image-$kver" >/dev/null 2>&1) || {
        apt-get update -qq >/dev/null 2>&1 || true
        (cd "$LAB/debs.new" && apt-get download -q $XEN_DEBS "linux-image-$kver" >/dev/null)
    } || die_infra "apt-get download failed"
    rm -rf "$LAB/debs"; mv "$LAB/debs.new" "$LAB/debs"

    local d
    for d in "$LAB"/debs/*.deb; do dpkg-deb -x "$d" "$STAGE"; done
    gunzip -c "$STAGE/boot/xen-$XENVER-amd64.gz" > "$LAB/xen.new" && mv "$LAB/xen.new" "$LAB/xen"
    cp "$STAGE/boot/vmlinuz-$kver" "$LAB/vmlinuz"

    log "fetch: building the dom0 base image"
    build_root "$kver"
    (cd "$ROOT" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 > "$LAB/dom0-base.cpio.gz.new"
    mv "$LAB/dom0-base.cpio.gz.new" "$LAB/dom0-base.cpio.gz"
    rm -rf "$STAGE" "$ROOT"

    {
        echo "rev=$FETCH_REV"
        echo "kernel=$kver"
        for d in "$LAB"/debs/*.deb; do dpkg-deb -W --showformat='${Package}=${Version}\n' "$d"; done
        echo "host_bins="$DOM0_HOST_BINS
        echo "modules="$DOM0_MODULES
        echo "extra_modules="$DOM0_EXTRA_MODULES
        echo "host_bins_optional=$(optional_bins_present)"
    } > "$LAB/fetch.stamp"
    log "fetch: done in $((SECONDS - t0)) s: $(du -h "$LAB/dom0-base.cpio.gz" | cut -f1) dom0 image"
    exec 8>&-
}
