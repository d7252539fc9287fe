/*
 * tcpecho HOST PORT CONNS BYTES: CONNS connections one after another,
 * each sending BYTES of a per-connection pattern and checking that
 * exactly those bytes come back. Runs in dom0 (static, no libc extras).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static double now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static int one(const char *host, int port, int conn, long bytes)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((unsigned short)port)};
	static unsigned char out[8192], in[8192];
	long sent = 0, got = 0;
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0 || inet_pton(AF_INET, host, &a.sin_addr) != 1 ||
	    connect(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
		printf("FAIL tcpecho: connection %d: connect failed\n", conn);
		return -1;
	}
	while (got < bytes) {
		struct pollfd p = {s, POLLIN | (sent < bytes ? POLLOUT : 0), 0};

		if (poll(&p, 1, 20000) <= 0) {
			printf("FAIL tcpecho: connection %d: stalled at "
			       "%ld/%ld bytes back\n",
			       conn, got, bytes);
			return -1;
		}
		if (p.revents & POLLOUT) {
			long n = bytes - sent < (long)sizeof(out)
				     ? bytes - sent
				     : (long)sizeof(out);
			for (long i = 0; i < n; i++)
				out[i] = (unsigned char)((sent + i) * 7 + conn);
			n = write(s, out, (size_t)n);
			if (n <= 0)
				return -1;
			sent += n;
		}
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			long n = read(s, in, sizeof(in));
			if (n <= 0) {
				printf("FAIL tcpecho: connection %d: closed at "
				       "%ld/%ld\n",
				       conn, got, bytes);
				return -1;
			}
			for (long i = 0; i < n; i++)
				if (in[i] !=
				    (unsigned char)((got + i) * 7 + conn)) {
					printf("FAIL tcpecho: connection %d: "
					       "wrong byte at %ld\n",
					       conn, got + i);
					return -1;
				}
			got += n;
		}
	}
	close(s);
	return 0;
}

int main(int argc, char **argv)
{
	double t0 = now(), dt;
	int conns;
	long bytes;

	if (argc != 5)
		return 2;
	conns = atoi(argv[3]);
	bytes = atol(argv[4]);
	for (int c = 0; c < conns; c++)
		if (one(argv[1], atoi(argv[2]), c, bytes) < 0)
			return 1;
	dt = now() - t0;
	printf("tcpecho: %d connection(s) x %ld bytes echoed in %.2f s (%.0f "
	       "KB/s)\n",
	       conns, bytes, dt, (double)conns * (double)bytes / 1024 / dt);
	return 0;
}
