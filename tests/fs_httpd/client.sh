#!/bin/sh
# fs_httpd client, once per boot (UNIK_BOOT): every check of net/http's
# client.sh against the tree this boot's tar holds, regenerated here with
# gen.sh, then the file only this boot has and the one it must not.
: "${GUEST_IP:?}"
b=${UNIK_BOOT:-1}
sh ./gen.sh ./tree "$b" || exit 2
sh ./httpclient.sh "$GUEST_IP" 80 ./tree 2 || exit 1
other=$((b == 1 ? 2 : 1))
st=$(curl -sS --max-time 20 -o got.txt -w '%{http_code}' "http://$GUEST_IP/boot$b.txt") &&
	[ "$st" = 200 ] && cmp -s got.txt "./tree/boot$b.txt" ||
	{ echo "FAIL - GET /boot$b.txt: $st, not this boot's file"; exit 1; }
st=$(curl -sS --max-time 20 -o /dev/null -w '%{http_code}' "http://$GUEST_IP/boot$other.txt")
[ "$st" = 404 ] || { echo "FAIL - GET /boot$other.txt: $st (expected 404)"; exit 1; }
echo "fs_httpd boot $b: every file of the tar byte-exact, boot$other.txt gone"
