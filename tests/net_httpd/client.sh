#!/bin/sh
# net_httpd client: every check of net/http/tests/client.sh (status lines,
# headers, byte-exact 1 MiB body, HEAD, 304, ranges, errors, traversal,
# pipelining, keep-alive, slowloris) against the image, which serves the
# same fixture tree that was staged here, with a 2 s request timeout.
: "${GUEST_IP:?}"
sh ./httpclient.sh "$GUEST_IP" 80 ./fixture 2
