/*
 * net_ping: the client pings the app over IPv4 and IPv6. Before serving,
 * the app checks socket options and timeouts through the BSD API (on unix
 * these cross the glibc -> lwIP conversions): SO_RCVTIMEO with a real
 * timeout, keep-alive settings read back, poll() timing out, and the
 * documented refusals (unknown option, poll mixing a socket with a host fd).
 */
#include <unik/unik.h>

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "net_test.h"
#include "unik_test.h"

#define NAME "net_ping"

static int getint(int s, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	CHECK(NAME, getsockopt(s, level, name, &v, &len) == 0, "getsockopt %d/%d: %s", level, name,
	      strerror(errno));
	return v;
}

static void check_options(void)
{
	struct timeval tv = {.tv_sec = 0, .tv_usec = 150000}, back;
	socklen_t len = sizeof(back);
	int u = socket(AF_INET, SOCK_DGRAM, 0), t = socket(AF_INET, SOCK_STREAM, 0), one = 1, idle = 42;
	struct pollfd p[2] = {{.fd = u, .events = POLLIN}, {.fd = 1, .events = POLLOUT}};
	uint64_t t0;
	char c;

	CHECK(NAME, u >= 0 && t >= 0, "socket: %s", strerror(errno));
	CHECK(NAME, setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "SO_RCVTIMEO");
	CHECK(NAME, getsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &back, &len) == 0 && back.tv_usec == 150000,
	      "SO_RCVTIMEO read back");
	t0 = unik_now_ns();
	CHECK(NAME, recv(u, &c, 1, 0) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK),
	      "recv with SO_RCVTIMEO: %s", strerror(errno));
	CHECK(NAME, unik_now_ns() - t0 >= 140000000u, "recv timed out after %llu ns",
	      (unsigned long long)(unik_now_ns() - t0));
	CHECK(NAME, getint(u, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM, "SO_TYPE");
	CHECK(NAME, setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one)) == 0, "SO_KEEPALIVE");
	CHECK(NAME, setsockopt(t, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle)) == 0, "TCP_KEEPIDLE");
	CHECK(NAME, setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0, "TCP_NODELAY");
	CHECK(NAME, getint(t, SOL_SOCKET, SO_KEEPALIVE) != 0, "SO_KEEPALIVE read back");
	CHECK(NAME, getint(t, IPPROTO_TCP, TCP_KEEPIDLE) == 42, "TCP_KEEPIDLE read back");
	CHECK(NAME, getint(t, SOL_SOCKET, SO_ERROR) == 0, "SO_ERROR");
	CHECK(NAME, setsockopt(t, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) < 0 && errno == ENOPROTOOPT,
	      "SO_REUSEPORT should be refused with ENOPROTOOPT");
	t0 = unik_now_ns();
	CHECK(NAME, poll(p, 1, 100) == 0, "poll on an idle socket: %s", strerror(errno));
	CHECK(NAME, unik_now_ns() - t0 >= 90000000u, "poll returned early");
	if (strcmp(unik_target(), "unix") == 0)
		CHECK(NAME, poll(p, 2, 0) < 0 && errno == ENOTSUP, "poll mixing a socket and fd 1");
	CHECK(NAME, close(u) == 0 && close(t) == 0, "close: %s", strerror(errno));
	CHECK(NAME, close(u) < 0 && errno == EBADF, "second close should be EBADF");
	printf("net_ping: socket options and timeouts ok\n");
}

int main(void)
{
	check_options();
	TEST_READY(NAME);
	for (;;)
		unik_sleep_ms(1000);
}
