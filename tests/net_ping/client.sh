#!/bin/sh
# net_ping client: 5 pings to the guest's IPv4 address, then 3 to its IPv6
# link-local one (GUEST_IP6, with its %interface) when given.
# POSIX sh; ping from iputils or busybox.
: "${GUEST_IP:?}"
ping -c 5 -i 0.2 -W 2 "$GUEST_IP" || { echo "FAIL net_ping: no IPv4 echo replies"; exit 1; }
if [ -n "${GUEST_IP6:-}" ]; then
	# Duplicate address detection keeps a new address silent ~1 s: retry.
	ok=
	for try in 1 2 3; do
		if ping -6 -c 3 -i 0.2 -W 2 "$GUEST_IP6" 2>/dev/null || ping6 -c 3 -W 2 "$GUEST_IP6" 2>/dev/null; then
			ok=1; break
		fi
		sleep 1
	done
	[ -n "$ok" ] || { echo "FAIL net_ping: no IPv6 echo replies from $GUEST_IP6"; exit 1; }
fi
echo "net_ping: IPv4${GUEST_IP6:+ and IPv6} echo ok"
