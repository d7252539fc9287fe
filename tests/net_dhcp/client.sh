#!/bin/sh
# net_dhcp client: the only address the DHCP server hands out answers.
: "${GUEST_IP:?}"
ping -c 3 -i 0.2 -W 2 "$GUEST_IP" || { echo "FAIL net_dhcp: leased address $GUEST_IP silent"; exit 1; }
echo "net_dhcp: $GUEST_IP leased and answering"
