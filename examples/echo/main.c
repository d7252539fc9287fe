/*
 * echo: a TCP echo server (RFC 862) on port 7, or on the port given as the
 * first argument. One cooperative thread per connection: each blocks in
 * read() while the others run. Prints one access line per connection.
 *
 * The same source builds for unix (over a TAP, see docs/NETWORK.md) and xen:
 *   ./echo unik.tap=tap0 unik.ip=10.99.0.2/24
 */
#include <unik/unik.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
	int fd;
	char peer[64];
	char buf[16384]; /* a thread blocked in write() still owns its data */
};

static unsigned long served, active;

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void serve(void *arg)
{
	struct conn *c = arg;
	unsigned long long total = 0;
	uint64_t start = unik_now_ns();
	ssize_t n;

	while ((n = read(c->fd, c->buf, sizeof(c->buf))) > 0) {
		if (write_all(c->fd, c->buf, (size_t)n) < 0)
			break;
		total += (unsigned long long)n;
	}
	close(c->fd);
	active--;
	printf("echo: %s %llu bytes in %.3f s%s\n", c->peer, total,
	       (double)(unik_now_ns() - start) / 1e9, n < 0 ? " (error)" : "");
	free(c);
}

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 7, one = 1;
	struct sockaddr_in6 addr;
	int s = socket(AF_INET6, SOCK_STREAM, 0);

	/* One IPv6 socket serves both families (IPV6_V6ONLY off by default). */
	memset(&addr, 0, sizeof(addr));
	addr.sin6_family = AF_INET6;
	addr.sin6_port = htons((uint16_t)port);
	addr.sin6_addr = in6addr_any;
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(s, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(s, 128) < 0) {
		perror("echo: cannot listen");
		return 1;
	}
	printf("echo: listening on port %d\n", port);
	for (;;) {
		struct sockaddr_storage peer;
		socklen_t len = sizeof(peer);
		struct conn *c = malloc(sizeof(*c));
		int fd = accept(s, (struct sockaddr *)&peer, &len);
		char host[INET6_ADDRSTRLEN] = "?";

		if (fd < 0 || !c) {
			perror("echo: accept");
			free(c);
			if (fd >= 0)
				close(fd);
			continue;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (peer.ss_family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)&peer)->sin_addr, host, sizeof(host));
		else
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&peer)->sin6_addr, host, sizeof(host));
		c->fd = fd;
		snprintf(c->peer, sizeof(c->peer), "%s:%u", host,
		         ntohs(((struct sockaddr_in *)&peer)->sin_port));
		if (unik_thread_create(NULL, "conn", serve, c, 32 * 1024) < 0) {
			close(fd);
			free(c);
			continue;
		}
		active++;
		served++;
	}
}
