/*
 * net_echo: a TCP echo server on port 7 driven by poll() over non-blocking
 * lwIP sockets in one thread (the example in examples/echo uses a thread
 * per connection instead), plus a UDP echo on port 7 served by a second
 * thread with select(). Address from getaddrinfo(NULL, "7", AI_PASSIVE).
 * The client (client.sh) checks the echoes; this side reports FAIL only
 * for an unexpected error.
 */
#include <unik/unik.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net_test.h"
#include "unik_test.h"

#define NAME "net_echo"
#define MAXC 200
#define BUFSZ 8192

struct conn {
	char buf[BUFSZ];
	size_t off, len; /* bytes still to echo: buf[off..len) */
	unsigned long long total;
	char peer[64];
};

static struct pollfd pfd[MAXC + 1]; /* [0]: the listener */
static struct conn conns[MAXC + 1];
static int nfds = 1;

/* TCP: one IPv6 socket serves both families (IPV6_V6ONLY is off). */
static int listen_on(int type)
{
	struct addrinfo hints = {.ai_flags = AI_PASSIVE, .ai_socktype = type,
	                         .ai_family = type == SOCK_STREAM ? AF_INET6 : AF_INET};
	struct addrinfo *ai;
	int one = 1, s;

	CHECK(NAME, getaddrinfo(NULL, "7", &hints, &ai) == 0, "getaddrinfo");
	s = socket(ai->ai_family, ai->ai_socktype, 0);
	CHECK(NAME, s >= 0, "socket: %s", strerror(errno));
	CHECK(NAME, setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0, "SO_REUSEADDR");
	CHECK(NAME, bind(s, ai->ai_addr, ai->ai_addrlen) == 0, "bind: %s", strerror(errno));
	CHECK(NAME, type == SOCK_DGRAM || listen(s, 128) == 0, "listen: %s", strerror(errno));
	freeaddrinfo(ai);
	return s;
}

static void drop(int i)
{
	printf("echo: %s %llu bytes\n", conns[i].peer, conns[i].total);
	close(pfd[i].fd);
	nfds--;
	pfd[i] = pfd[nfds];
	conns[i] = conns[nfds];
}

static void accept_all(int ls)
{
	for (;;) {
		struct sockaddr_storage peer;
		struct sockaddr_in *p4 = (struct sockaddr_in *)&peer;
		struct sockaddr_in6 *p6 = (struct sockaddr_in6 *)&peer;
		socklen_t len = sizeof(peer);
		int fd = accept(ls, (struct sockaddr *)&peer, &len);
		char a[INET6_ADDRSTRLEN];

		if (fd < 0) {
			CHECK(NAME, errno == EAGAIN || errno == EWOULDBLOCK, "accept: %s", strerror(errno));
			return;
		}
		if (nfds > MAXC) {
			close(fd);
			continue;
		}
		CHECK(NAME, fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0, "O_NONBLOCK");
		pfd[nfds] = (struct pollfd){.fd = fd, .events = POLLIN};
		conns[nfds].off = conns[nfds].len = 0;
		conns[nfds].total = 0;
		if (peer.ss_family == AF_INET6)
			inet_ntop(AF_INET6, &p6->sin6_addr, a, sizeof(a));
		else
			inet_ntop(AF_INET, &p4->sin_addr, a, sizeof(a));
		/* sin_port and sin6_port are at the same offset */
		snprintf(conns[nfds].peer, sizeof(conns[0].peer), "%s:%u", a, ntohs(p4->sin_port));
		nfds++;
	}
}

/* Echo what is pending; returns false when the connection is over. */
static bool service(int i)
{
	struct conn *c = &conns[i];
	ssize_t n;

	if (c->off == c->len) {
		n = read(pfd[i].fd, c->buf, BUFSZ);
		if (n == 0 || (n < 0 && errno != EAGAIN))
			return false;
		if (n < 0)
			return true;
		c->off = 0;
		c->len = (size_t)n;
		c->total += (unsigned long long)n;
	}
	n = write(pfd[i].fd, c->buf + c->off, c->len - c->off);
	if (n < 0 && errno != EAGAIN)
		return false;
	if (n > 0)
		c->off += (size_t)n;
	/* Wait for room before reading more: back-pressure, no buffering. */
	pfd[i].events = c->off < c->len ? POLLOUT : POLLIN;
	return true;
}

static void udp_echo(void *arg)
{
	int s = *(int *)arg;
	char buf[2048];

	for (;;) {
		struct sockaddr_in from;
		socklen_t len = sizeof(from);
		fd_set r;
		ssize_t n;

		FD_ZERO(&r);
		FD_SET(s, &r);
		CHECK(NAME, select(s + 1, &r, NULL, NULL, NULL) == 1, "select: %s", strerror(errno));
		n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
		CHECK(NAME, n >= 0, "recvfrom: %s", strerror(errno));
		CHECK(NAME, sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&from, len) == n,
		      "sendto: %s", strerror(errno));
	}
}

int main(void)
{
	static int us;
	int ls = listen_on(SOCK_STREAM);

	us = listen_on(SOCK_DGRAM);
	CHECK(NAME, unik_thread_create(NULL, "udp", udp_echo, &us, 0) == 0, "thread");
	CHECK(NAME, fcntl(ls, F_SETFL, O_NONBLOCK) == 0, "O_NONBLOCK on the listener");
	pfd[0] = (struct pollfd){.fd = ls, .events = POLLIN};
	TEST_READY(NAME);
	for (;;) {
		int n = poll(pfd, (nfds_t)nfds, -1);

		CHECK(NAME, n > 0, "poll: %s", strerror(errno));
		if (pfd[0].revents & POLLIN)
			accept_all(ls);
		for (int i = nfds - 1; i >= 1; i--) /* backwards: drop() moves the last */
			if (pfd[i].revents && !service(i))
				drop(i);
	}
}
