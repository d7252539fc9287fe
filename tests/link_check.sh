#!/bin/sh
# link_check.sh: an image holds only the libraries its manifest selected.
# Builds examples/hello (libs = core) for unix and checks with nm that
# nothing of the network stack, its drivers or the HTTP server got in,
# while the libraries hello does use are there. Prints one line per check.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
app=$root/examples/hello
fail=0
(cd "$app" && "$root/tools/unik-configure" -q --target unix && make -s >/dev/null 2>&1) ||
	{ echo "FAIL link_check: examples/hello did not build"; exit 1; }
syms=$(nm "$app/hello") || exit 1
for lib in "lwip:lwip_|tcpip_|netif_add" "netdev:unik_netdev_" "tap:tap_ops|tap_init" \
	"http:http_server_" "blk:unik_blk_" "vfs:vfs_"; do
	name=${lib%%:*} pat=${lib#*:}
	if printf '%s\n' "$syms" | grep -Eq " [TtDdBbRr] ($pat)"; then
		echo "FAIL link_check: hello links $name, which its manifest did not ask for"; fail=1
	else
		echo "ok   link_check: no $name in hello"
	fi
done
for want in unik_thread_create plat_wait arch_ctx_switch; do
	printf '%s\n' "$syms" | grep -q " T $want\$" ||
		{ echo "FAIL link_check: hello lacks $want"; fail=1; }
done
exit $fail
