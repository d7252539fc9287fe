# http: a static HTTP/1.1 server over BSD sockets (docs/HTTPD.md).
# Its public header is include/unik/http.h; on xen the socket headers are
# lwIP's, exported by net/lwip (docs/NETWORK.md, "Sockets on xen").
LIB         := http
REQUIRES    := core lwip libc
SRCS        := parse.c path.c date.c mime.c range.c response.c conn.c log.c backend_site.c backend_dir.c server.c sock.c
UNIT_TESTS  := test_parse test_path test_date test_range test_response test_conn test_backends
UNIT_SRCS   := parse.c path.c date.c mime.c range.c response.c conn.c log.c backend_site.c backend_dir.c tests/fake_env.c
