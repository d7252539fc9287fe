/*
 * xen_lwip: a TCP echo server on port 7 over lwIP over netfront. The
 * client (client.sh, in dom0) pings the guest, then checks byte-exact
 * echoes over many short connections and one long one. After each
 * connection the server prints the vif's counters.
 */
#include <unik/net.h>
#include <unik/netdev.h>
#include <unik/unik.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net_test.h"
#include "unik_test.h"

#define T "xen_lwip"

static void counters(unsigned conn, unsigned long long bytes)
{
	struct unik_netdev_stats s;

	if (unik_net_stats(0, &s) < 0)
		return;
	printf(
	    "conn %u: echoed %llu bytes; vif0 rx %llu pkts %llu B drops %llu, "
	    "tx %llu pkts %llu B drops %llu ring_full %llu, bad_responses "
	    "%llu\n",
	    conn, bytes, (unsigned long long)s.rx_packets,
	    (unsigned long long)s.rx_bytes, (unsigned long long)s.rx_drops,
	    (unsigned long long)s.tx_packets, (unsigned long long)s.tx_bytes,
	    (unsigned long long)s.tx_drops, (unsigned long long)s.tx_ring_full,
	    (unsigned long long)s.bad_responses);
	CHECK(T, s.bad_responses == 0, "netback sent bad responses");
	fflush(stdout);
}

int main(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(7)};
	static char buf[16384];
	int s, one = 1;

	s = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(T, s >= 0, "socket: %s", strerror(errno));
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	CHECK(T, bind(s, (struct sockaddr *)&a, sizeof(a)) == 0, "bind: %s",
	      strerror(errno));
	CHECK(T, listen(s, 8) == 0, "listen: %s", strerror(errno));
	TEST_READY(T);
	for (unsigned conn = 1;; conn++) {
		unsigned long long total = 0;
		int c = accept(s, NULL, NULL);
		ssize_t n;

		CHECK(T, c >= 0, "accept: %s", strerror(errno));
		while ((n = recv(c, buf, sizeof(buf), 0)) > 0) {
			for (ssize_t off = 0; off < n;) {
				ssize_t w =
				    send(c, buf + off, (size_t)(n - off), 0);

				CHECK(T, w > 0, "send: %s", strerror(errno));
				off += w;
			}
			total += (unsigned long long)n;
		}
		close(c);
		counters(conn, total);
	}
}
