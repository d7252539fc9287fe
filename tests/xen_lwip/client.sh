#!/bin/sh
# xen_lwip client, run in dom0 (xenbr0 = 10.99.0.1): ICMP, then TCP echo.
: "${GUEST_IP:?}"
ping -c 5 -i 0.2 -W 2 "$GUEST_IP" || { echo "FAIL xen_lwip: no echo replies"; exit 1; }
tcpecho "$GUEST_IP" 7 20 20000 || exit 1
tcpecho "$GUEST_IP" 7 1 1000000 || exit 1
echo "xen_lwip: ping and TCP echo ok"
