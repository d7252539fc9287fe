/*
 * xenlab-fwd: a tiny TCP forwarder for dom0 (tools/xenlab serve).
 *
 *   xenlab-fwd LISTEN_PORT DEST_IP DEST_PORT
 *
 * Listens on 0.0.0.0:LISTEN_PORT; each accepted connection gets a child
 * process that connects to DEST_IP:DEST_PORT and copies bytes both ways
 * until both sides have closed (a half-close is passed on with shutdown()).
 * Built statically on the host by tools/xenlab.d (no libraries in dom0
 * needed). Quiet except for errors on stderr.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int port_arg(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 1 || v > 65535)
		return -1;
	return (int)v;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copy a <-> b until both directions reached end of file (or an error). */
static void relay(int a, int b)
{
	static char buf[65536];
	struct pollfd p[2] = {{.fd = a, .events = POLLIN}, {.fd = b, .events = POLLIN}};
	int open_dirs = 2;

	while (open_dirs > 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			int from = i ? b : a, to = i ? a : b;
			ssize_t n = read(from, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n == 0) {			/* end of file: pass it on */
				shutdown(to, SHUT_WR);
				p[i].fd = -1;
				open_dirs--;
			} else if (n < 0 || write_all(to, buf, (size_t)n) < 0) {
				return;			/* error: tear both down */
			}
		}
	}
}

int main(int argc, char **argv)
{
	int lport, dport, one = 1, ls;
	struct sockaddr_in la = {.sin_family = AF_INET}, da = {.sin_family = AF_INET};

	if (argc != 4 || (lport = port_arg(argv[1])) < 0 ||
	    (dport = port_arg(argv[3])) < 0 ||
	    inet_pton(AF_INET, argv[2], &da.sin_addr) != 1) {
		fprintf(stderr, "usage: xenlab-fwd LISTEN_PORT DEST_IP DEST_PORT\n");
		return 2;
	}
	la.sin_port = htons((uint16_t)lport);
	da.sin_port = htons((uint16_t)dport);
	signal(SIGCHLD, SIG_IGN);	/* children are reaped by the kernel */
	signal(SIGPIPE, SIG_IGN);

	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(ls, (struct sockaddr *)&la, sizeof(la)) < 0 || listen(ls, 64) < 0) {
		fprintf(stderr, "xenlab-fwd: listen on port %d: %s\n", lport, strerror(errno));
		return 1;
	}
	for (;;) {
		int c = accept(ls, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			fprintf(stderr, "xenlab-fwd: accept: %s\n", strerror(errno));
			sleep(1);
			continue;
		}
		pid_t pid = fork();
		if (pid == 0) {
			struct timeval tv = {.tv_sec = 10};
			int d = socket(AF_INET, SOCK_STREAM, 0);

			close(ls);
			/* bounded connect: a guest that is not up yet must not hang the client */
			if (d < 0 || setsockopt(d, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0 ||
			    connect(d, (struct sockaddr *)&da, sizeof(da)) < 0) {
				fprintf(stderr, "xenlab-fwd: connect to %s:%d: %s\n", argv[2], dport,
					strerror(errno));
				_exit(1);
			}
			tv.tv_sec = 0;
			setsockopt(d, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
			setsockopt(d, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
			setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
			relay(c, d);
			_exit(0);
		}
		if (pid < 0)
			fprintf(stderr, "xenlab-fwd: fork: %s\n", strerror(errno));
		close(c);
	}
}
