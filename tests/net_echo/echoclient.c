/*
 * echoclient: load and check an echo server (a host program, run by the
 * test's client.sh; linked static so that it runs in the Xen lab's dom0).
 *
 *   echoclient HOST PORT CONNS BYTES      TCP: CONNS connections at once,
 *                                          each sends BYTES of its own data
 *   echoclient -u HOST PORT COUNT SIZE    UDP: COUNT datagrams of SIZE bytes
 *
 * Every byte echoed must equal what was sent (per-connection pseudo-random
 * streams, so a mix-up between connections is caught). Prints one summary
 * line with the time taken; exits 0, or prints a FAIL line and exits 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXCONN 1000
#define TIMEOUT_MS 30000

struct conn {
	int fd;
	uint64_t wseed, rseed; /* stream generator for sending / checking */
	size_t sent, got;
	int connected;
};

static struct conn conns[MAXCONN];

static uint8_t next_byte(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (uint8_t)(*s >> 24);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

__attribute__((format(printf, 1, 2))) static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL echoclient: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(1);
}

/* A numeric address (IPv6 with an optional %scope): no NSS in a static binary. */
struct target {
	struct sockaddr_storage ss;
	socklen_t len;
	int family;
};

static void resolve(const char *host, const char *port, struct target *t)
{
	struct sockaddr_in *in = (struct sockaddr_in *)&t->ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&t->ss;
	char h[128];
	char *pct;

	memset(t, 0, sizeof(*t));
	snprintf(h, sizeof(h), "%s", host);
	if (inet_pton(AF_INET, h, &in->sin_addr) == 1) {
		in->sin_family = t->family = AF_INET;
		in->sin_port = htons((uint16_t)atoi(port));
		t->len = sizeof(*in);
		return;
	}
	pct = strchr(h, '%');
	if (pct) {
		*pct++ = '\0';
		in6->sin6_scope_id = if_nametoindex(pct);
	}
	if (inet_pton(AF_INET6, h, &in6->sin6_addr) != 1)
		fail("not a numeric address: %s", host);
	in6->sin6_family = t->family = AF_INET6;
	in6->sin6_port = htons((uint16_t)atoi(port));
	t->len = sizeof(*in6);
}

static int run_tcp(const char *host, const char *port, int n, size_t bytes)
{
	struct target ai;
	struct pollfd pfd[MAXCONN];
	uint8_t buf[16384];
	double t0 = now();
	int done = 0;

	resolve(host, port, &ai);
	for (int i = 0; i < n; i++) {
		struct conn *c = &conns[i];

		c->wseed = c->rseed = 0x9e3779b97f4a7c15u * (uint64_t)(i + 1);
		c->fd = socket(ai.family, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (c->fd < 0 || (connect(c->fd, (struct sockaddr *)&ai.ss, ai.len) < 0 && errno != EINPROGRESS))
			fail("connection %d: %s", i, strerror(errno));
	}
	while (done < n) {
		for (int i = 0; i < n; i++) {
			pfd[i].fd = conns[i].fd;
			pfd[i].events = POLLIN | (conns[i].sent < bytes ? POLLOUT : 0);
		}
		if (poll(pfd, (nfds_t)n, 1000) < 0)
			fail("poll: %s", strerror(errno));
		if ((now() - t0) * 1000 > TIMEOUT_MS)
			fail("timeout after %d ms, %d of %d connections done", TIMEOUT_MS, done, n);
		for (int i = 0; i < n; i++) {
			struct conn *c = &conns[i];
			ssize_t k;

			if (c->fd < 0)
				continue;
			if ((pfd[i].revents & POLLOUT) && c->sent < bytes) {
				size_t len = bytes - c->sent < sizeof(buf) ? bytes - c->sent : sizeof(buf);
				uint64_t s = c->wseed;

				for (size_t j = 0; j < len; j++)
					buf[j] = next_byte(&s);
				k = send(c->fd, buf, len, MSG_NOSIGNAL);
				if (k < 0 && errno != EAGAIN)
					fail("connection %d: send: %s", i, strerror(errno));
				if (k > 0) {
					for (ssize_t j = 0; j < k; j++) /* advance by what went */
						next_byte(&c->wseed);
					c->sent += (size_t)k;
					if (c->sent == bytes)
						shutdown(c->fd, SHUT_WR);
				}
			}
			if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) {
				k = recv(c->fd, buf, sizeof(buf), 0);
				if (k < 0 && errno == EAGAIN)
					continue;
				if (k < 0)
					fail("connection %d: recv: %s", i, strerror(errno));
				for (ssize_t j = 0; j < k; j++)
					if (buf[j] != next_byte(&c->rseed))
						fail("connection %d: byte %zu differs", i, c->got + (size_t)j);
				c->got += (size_t)k;
				if (k == 0) {
					if (c->got != bytes)
						fail("connection %d: closed after %zu of %zu bytes", i, c->got, bytes);
					close(c->fd);
					c->fd = -1;
					pfd[i].fd = -1;
					done++;
				}
			}
		}
	}
	double dt = now() - t0;
	printf("echoclient: %d connections x %zu bytes echoed byte-exact in %.3f s (%.1f MB/s each way)\n",
	       n, bytes, dt, (double)n * (double)bytes / dt / 1e6);
	return 0;
}

static int run_udp(const char *host, const char *port, int count, size_t size)
{
	struct target ai;
	int fd;
	uint8_t out[65536], in[65536];
	uint64_t seed = 12345;
	double t0 = now();

	resolve(host, port, &ai);
	fd = socket(ai.family, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&ai.ss, ai.len) < 0 || size > sizeof(out))
		fail("udp socket: %s", strerror(errno));
	for (int i = 0; i < count; i++) {
		struct pollfd p = {fd, POLLIN, 0};
		int tries = 0;
		ssize_t k = -1;

		for (size_t j = 0; j < size; j++)
			out[j] = next_byte(&seed);
		while (k < 0 && tries++ < 3) { /* datagrams may be lost: resend */
			send(fd, out, size, 0);
			if (poll(&p, 1, 1000) == 1)
				k = recv(fd, in, sizeof(in), 0);
		}
		if (k != (ssize_t)size || memcmp(in, out, size) != 0)
			fail("datagram %d: echo wrong or missing (got %zd bytes)", i, k);
	}
	printf("echoclient: %d datagrams x %zu bytes echoed in %.3f s\n", count, size, now() - t0);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	int udp = argc > 1 && strcmp(argv[1], "-u") == 0;
	char **a = argv + udp;

	if (argc - udp != 5 || atoi(a[3]) < 1 || atoi(a[3]) > MAXCONN) {
		fprintf(stderr, "usage: echoclient [-u] HOST PORT CONNS|COUNT BYTES\n");
		return 2;
	}
	if (udp)
		return run_udp(a[1], a[2], atoi(a[3]), (size_t)atol(a[4]));
	return run_tcp(a[1], a[2], atoi(a[3]), (size_t)atol(a[4]));
}
