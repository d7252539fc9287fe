#!/bin/sh
# DHCP and DNS server for net_dhcp: leases the one address 10.99.0.2 on
# tap0, names itself as the DNS server, and answers gw.unik.test with
# 10.99.0.1 (nothing else). Runs in the foreground inside the test's
# network namespace; the lease file goes to $TMPDIR (the test's results).
exec dnsmasq --no-daemon --conf-file=/dev/null --user=root \
	--interface=tap0 --bind-interfaces --dhcp-authoritative --no-ping \
	--no-resolv --no-hosts --address=/gw.unik.test/10.99.0.1 \
	--dhcp-range=10.99.0.2,10.99.0.2,255.255.255.0,10m \
	--dhcp-option=option:router,10.99.0.1 \
	--dhcp-leasefile="${TMPDIR:-/tmp}/net_dhcp.leases" --log-dhcp --log-queries
