#!/bin/sh
# net_echo client: 50 concurrent connections with distinct data, then one
# larger transfer, then UDP; every echo must be byte-exact (echoclient).
# POSIX sh + echoclient (static, built by tests/run from echoclient.c).
set -e
: "${GUEST_IP:?}"
many=$(echoclient "$GUEST_IP" 7 50 100000) || { echo "$many"; echo "FAIL net_echo: 50 parallel echoes failed"; exit 1; }
echo "$many"
echoclient "$GUEST_IP" 7 1 4000000
echoclient -u "$GUEST_IP" 7 200 1200
if [ -n "${GUEST_IP6:-}" ]; then
	# A fresh link-local address of our own may still be tentative: retry.
	try=0
	until echoclient "$GUEST_IP6" 7 1 10000; do
		try=$((try + 1))
		[ $try -lt 5 ] || { echo "FAIL net_echo: no IPv6 echo"; exit 1; }
		sleep 1
	done
fi
echo "${many#echoclient: }"
