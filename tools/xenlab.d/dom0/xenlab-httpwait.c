/*
 * xenlab-httpwait: wait for a web server's first good reply, finely timed.
 * For dom0 (tools/xenlab): one `curl` costs 0.14-0.19 s of dom0 CPU under
 * TCG, too coarse to time a guest's start; this polls in one process.
 *
 *   xenlab-httpwait [-i MS] [-t SECONDS] [-s START_US] [-p PATH] [-a] IP PORT
 *
 * Every MS milliseconds (default 50) it opens a new connection to IP:PORT
 * and sends "GET PATH HTTP/1.1" (PATH default /, Connection: close). Several
 * attempts may be in flight (each is given 2 s): a SYN lost while the
 * guest's network comes up does not hold the next attempts back. The first
 * reply whose status is 200 (-a: any HTTP status line) ends the wait, and
 * one line is printed:
 *
 *   first_reply_s=<seconds since START_US> status=<code> attempts=<n>
 *
 * START_US is a CLOCK_REALTIME time in microseconds since the epoch (bash:
 * ${EPOCHREALTIME/./}), default: when the program started. Exit 0 on
 * success, 1 when -t SECONDS (default 120) passed first, 2 bad usage.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_INFLIGHT 32
#define ATTEMPT_US 2000000LL

struct attempt {
	int fd;			/* -1: slot free */
	int sent;		/* request written */
	int64_t start;
	size_t n;
	char buf[64];
};

static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void drop(struct attempt *a)
{
	close(a->fd);
	a->fd = -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: xenlab-httpwait [-i MS] [-t SECONDS] [-s START_US] [-p PATH] [-a] "
			"IP PORT\n");
	return 2;
}

int main(int argc, char **argv)
{
	long interval_ms = 50, timeout_s = 120;
	long long start = 0;
	const char *path = "/";
	int any = 0, opt, attempts = 0;
	struct sockaddr_in sa = {.sin_family = AF_INET};
	struct attempt at[MAX_INFLIGHT];
	char req[512];
	size_t reqlen;

	while ((opt = getopt(argc, argv, "i:t:s:p:a")) != -1) {
		switch (opt) {
		case 'i': interval_ms = atol(optarg); break;
		case 't': timeout_s = atol(optarg); break;
		case 's': start = atoll(optarg); break;
		case 'p': path = optarg; break;
		case 'a': any = 1; break;
		default: return usage();
		}
	}
	if (argc - optind != 2 || interval_ms < 1 || timeout_s < 1 ||
	    inet_pton(AF_INET, argv[optind], &sa.sin_addr) != 1 || atoi(argv[optind + 1]) < 1 ||
	    atoi(argv[optind + 1]) > 65535)
		return usage();
	sa.sin_port = htons((uint16_t)atoi(argv[optind + 1]));
	reqlen = (size_t)snprintf(req, sizeof(req),
				  "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path,
				  argv[optind]);
	if (reqlen >= sizeof(req))
		return usage();

	int64_t t0 = now_us();
	if (start <= 0)
		start = t0;
	int64_t deadline = t0 + (int64_t)timeout_s * 1000000, next = t0;
	for (int i = 0; i < MAX_INFLIGHT; i++)
		at[i].fd = -1;

	for (;;) {
		int64_t now = now_us();
		if (now >= deadline) {
			fprintf(stderr, "xenlab-httpwait: no %s reply from %s:%s within %ld s "
					"(%d attempts)\n", any ? "HTTP" : "200", argv[optind],
				argv[optind + 1], timeout_s, attempts);
			return 1;
		}
		if (now >= next) {
			next = now + interval_ms * 1000;
			for (int i = 0; i < MAX_INFLIGHT; i++) {
				if (at[i].fd >= 0)
					continue;
				int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
				if (fd < 0)
					break;
				attempts++;
				if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
				    errno != EINPROGRESS) {
					close(fd);	/* e.g. no route yet: try again next tick */
					break;
				}
				at[i] = (struct attempt){.fd = fd, .start = now};
				break;
			}
		}

		struct pollfd p[MAX_INFLIGHT];
		int idx[MAX_INFLIGHT], np = 0;
		for (int i = 0; i < MAX_INFLIGHT; i++) {
			if (at[i].fd < 0)
				continue;
			if (now - at[i].start > ATTEMPT_US) {
				drop(&at[i]);
				continue;
			}
			p[np] = (struct pollfd){.fd = at[i].fd, .events = at[i].sent ? POLLIN : POLLOUT};
			idx[np++] = i;
		}
		int wait_ms = (int)((next - now + 999) / 1000);
		if (wait_ms < 0)
			wait_ms = 0;
		if (poll(p, (nfds_t)np, wait_ms) < 0 && errno != EINTR)
			return 1;
		for (int k = 0; k < np; k++) {
			struct attempt *a = &at[idx[k]];
			if (!p[k].revents)
				continue;
			if (!a->sent) {
				int err = 0;
				socklen_t len = sizeof(err);
				getsockopt(a->fd, SOL_SOCKET, SO_ERROR, &err, &len);
				if (err || write(a->fd, req, reqlen) != (ssize_t)reqlen) {
					drop(a);	/* refused, unreachable: next tick retries */
					continue;
				}
				a->sent = 1;
				continue;
			}
			ssize_t r = read(a->fd, a->buf + a->n, sizeof(a->buf) - 1 - a->n);
			if (r <= 0) {
				if (r < 0 && errno == EAGAIN)
					continue;
				drop(a);
				continue;
			}
			a->n += (size_t)r;
			a->buf[a->n] = '\0';
			char *eol = strstr(a->buf, "\r\n");
			if (!eol && a->n < sizeof(a->buf) - 1)
				continue;
			int code = 0;
			if (sscanf(a->buf, "HTTP/%*d.%*d %d", &code) == 1 && (any || code == 200)) {
				int64_t t = now_us();
				printf("first_reply_s=%.3f status=%d attempts=%d\n",
				       (double)(t - start) / 1e6, code, attempts);
				return 0;
			}
			drop(a);
		}
	}
}
