/*
 * The socket side of the server: moving bytes between a connection
 * (conn.c, no I/O) and its non-blocking socket, accepting, evicting.
 * Only the BSD socket subset lwIP offers: accept, recv, send (MSG_NOSIGNAL:
 * a host must not die of SIGPIPE; lwIP ignores it), shutdown, close,
 * setsockopt TCP_NODELAY, fcntl O_NONBLOCK.
 */
#include "http_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SEND_ROUNDS 64 /* sends per connection per loop turn: fairness */

int http_sock_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL, 0);

	return (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) ? -errno : 0;
}

void http_sock_drop(struct http_server *s, struct http_slot *sl)
{
	http_conn_abort(sl->c, &s->env);
	close(sl->fd);
	free(sl->c);
	sl->fd = -1;
	sl->c = NULL;
}

/* Answer, send and parse until the connection waits for the network. */
void http_sock_drive(struct http_server *s, struct http_slot *sl, uint64_t now)
{
	struct http_conn *c = sl->c;

	for (int round = 0; round < SEND_ROUNDS; round++) {
		const void *p;
		long k;
		ssize_t r;

		switch (http_conn_step(c, &s->env, now)) {
		case HTTP_WANT_READ:
			return;
		case HTTP_WANT_LINGER:
			shutdown(sl->fd, SHUT_WR);
			return;
		case HTTP_WANT_CLOSE:
			http_sock_drop(s, sl);
			return;
		case HTTP_WANT_WRITE:
			break;
		}
		k = http_conn_tx_chunk(c, &s->env, &p);
		if (k <= 0) {
			http_sock_drop(s, sl); /* the backend failed mid-body */
			return;
		}
		r = send(sl->fd, p, (size_t)k, MSG_NOSIGNAL);
		if (r > 0)
			http_conn_tx_done(c, &s->env, (size_t)r, now);
		else if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return; /* poll for POLLOUT */
		else if (!(r < 0 && errno == EINTR)) {
			http_sock_drop(s, sl); /* reset by the peer, ... */
			return;
		}
	}
}

void http_sock_service(struct http_server *s, struct http_slot *sl,
		       short revents, uint64_t now)
{
	struct http_conn *c = sl->c;
	char *p, junk[2048];
	size_t space;
	ssize_t r;

	if (c->want == HTTP_WANT_LINGER) {
		for (int i = 0; i < 16; i++) {
			r = recv(sl->fd, junk, sizeof(junk), 0);
			if (r > 0)
				continue;
			if (r == 0 || (errno != EAGAIN &&
				       errno != EWOULDBLOCK && errno != EINTR))
				http_sock_drop(s, sl);
			return;
		}
		return;
	}
	if (c->want == HTTP_WANT_READ &&
	    (revents & (POLLIN | POLLHUP | POLLERR))) {
		space = http_conn_rx_space(c, &p);
		if (space) {
			r = recv(sl->fd, p, space, 0);
			if (r >= 0) {
				http_conn_rx_done(c, (size_t)r);
			} else if (errno != EAGAIN && errno != EWOULDBLOCK &&
				   errno != EINTR) {
				http_sock_drop(s, sl);
				return;
			}
		}
	}
	http_sock_drive(s, sl, now);
}

/* A slot for a new connection: a free one, else evict the longest wait. */
static struct http_slot *slot_for_new(struct http_server *s)
{
	struct http_slot *victim = NULL;

	for (unsigned i = 0; i < s->n; i++)
		if (s->slots[i].fd < 0)
			return &s->slots[i];
	if (s->n < s->max)
		return &s->slots[s->n++];
	for (unsigned i = 0; i < s->n; i++) {
		struct http_conn *c = s->slots[i].c;
		if (c->want == HTTP_WANT_READ && !c->responding &&
		    (!victim || c->deadline < victim->c->deadline))
			victim = &s->slots[i];
	}
	if (victim)
		http_sock_drop(s, victim);
	return victim;
}

void http_sock_accept(struct http_server *s, uint64_t now)
{
	for (;;) {
		struct sockaddr_in a;
		socklen_t al = sizeof(a);
		int fd = accept(s->lfd, (struct sockaddr *)&a, &al), one = 1;
		struct http_slot *sl;
		char client[32];
		uint32_t ip;

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			return; /* EAGAIN, or out of descriptors: retry later */
		}
		if (http_sock_nonblocking(fd) < 0 || !(sl = slot_for_new(s))) {
			close(fd);
			continue;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (!(sl->c = malloc(sizeof(*sl->c)))) {
			close(fd);
			continue;
		}
		ip = ntohl(a.sin_addr.s_addr);
		snprintf(client, sizeof(client), "%u.%u.%u.%u:%u", ip >> 24,
			 (ip >> 16) & 255, (ip >> 8) & 255, ip & 255,
			 ntohs(a.sin_port));
		http_conn_init(sl->c, client, &s->env, now);
		sl->fd = fd;
	}
}
