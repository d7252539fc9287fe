/*
 * The server: one poll() loop over non-blocking sockets (sock.c moves the
 * bytes), using only the BSD socket subset lwIP offers (socket, bind,
 * listen, getsockname, poll, setsockopt SO_REUSEADDR here). On unik, poll() is
 * where the main thread blocks and other threads run; on a plain host this
 * file is an ordinary single-threaded server (net/http/tests/host_smoke.sh).
 *
 * Each connection has a deadline (conn.c moves it): a request must arrive
 * whole within the timeout of the previous response (or accept), and a
 * response must make progress within it. A slow drip of bytes does not
 * extend it, which is what stops slowloris. When every slot is taken, the
 * connection waiting longest for a request is closed for the newcomer.
 */
#include "http_impl.h"

#include <unik/thread.h>

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int http_server_open(struct http_server **out,
		     const struct http_server_config *cfg)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t al = sizeof(a);
	struct http_server *s;
	int one = 1, rc = -ENOMEM;

	if (!cfg->backend)
		return -EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->max = cfg->max_conns ? cfg->max_conns : HTTP_DEFAULT_MAX_CONNS;
	s->slots = calloc(s->max, sizeof(*s->slots));
	s->pfds = calloc(s->max + 1, sizeof(*s->pfds));
	s->lfd = -1;
	if (!s->slots || !s->pfds)
		goto fail;
	s->env.backend = cfg->backend;
	s->env.timeout_ns =
	    (uint64_t)(cfg->timeout_ms ? cfg->timeout_ms
				       : HTTP_DEFAULT_TIMEOUT_MS) *
	    1000000u;
	s->env.access_log = cfg->access_log;
	s->env.log = cfg->log;
	s->env.log_arg = cfg->log_arg;
	http_env_tick(&s->env);

	a.sin_port = htons(cfg->port);
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if ((s->lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(s->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s->lfd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(s->lfd, 64) ||
	    getsockname(s->lfd, (struct sockaddr *)&a, &al)) {
		rc = -errno;
		goto fail;
	}
	if ((rc = http_sock_nonblocking(s->lfd)) < 0)
		goto fail;
	s->port = ntohs(a.sin_port);
	*out = s;
	return 0;
fail:
	if (s->lfd >= 0)
		close(s->lfd);
	free(s->slots);
	free(s->pfds);
	free(s);
	return rc;
}

uint16_t http_server_port(const struct http_server *s)
{
	return s->port;
}

int http_server_step(struct http_server *s, int timeout_ms)
{
	uint64_t now = unik_now_ns(), next = UINT64_MAX;
	unsigned n;
	int rc;

	http_env_tick(&s->env);
	for (unsigned i = 0; i < s->n; i++) {
		struct http_slot *sl = &s->slots[i];
		if (sl->fd >= 0 && now >= sl->c->deadline) {
			if (http_conn_expire(sl->c, &s->env, now) ==
			    HTTP_WANT_CLOSE)
				http_sock_drop(s, sl);
			else
				http_sock_drive(s, sl, now); /* the 408 */
		}
	}
	while (s->n && s->slots[s->n - 1].fd < 0)
		s->n--;
	n = s->n;
	s->pfds[0] = (struct pollfd){.fd = s->lfd, .events = POLLIN};
	for (unsigned i = 0; i < n; i++) {
		struct http_slot *sl = &s->slots[i];
		s->pfds[1 + i] = (struct pollfd){.fd = sl->fd};
		if (sl->fd < 0)
			continue;
		s->pfds[1 + i].events =
		    sl->c->want == HTTP_WANT_WRITE ? POLLOUT : POLLIN;
		if (sl->c->deadline < next)
			next = sl->c->deadline;
	}
	if (next != UINT64_MAX) {
		uint64_t ms = next > now ? (next - now + 999999) / 1000000 : 0;
		if (ms > 3600000)
			ms = 3600000;
		if (timeout_ms < 0 || ms < (uint64_t)timeout_ms)
			timeout_ms = (int)ms;
	}
	rc = poll(s->pfds, n + 1, timeout_ms);
	if (rc < 0)
		return errno == EINTR ? 0 : -errno;
	now = unik_now_ns();
	for (unsigned i = 0; i < n; i++)
		if (s->slots[i].fd >= 0 && s->pfds[1 + i].revents)
			http_sock_service(s, &s->slots[i],
					  s->pfds[1 + i].revents, now);
	if (s->pfds[0].revents & POLLIN)
		http_sock_accept(s, now);
	return 0;
}

int http_server_run(struct http_server *s)
{
	int rc = 0;

	while (!s->stop && rc == 0)
		rc = http_server_step(s, -1);
	return rc;
}

void http_server_stop(struct http_server *s)
{
	s->stop = true;
}

void http_server_close(struct http_server *s)
{
	for (unsigned i = 0; i < s->n; i++)
		if (s->slots[i].fd >= 0)
			http_sock_drop(s, &s->slots[i]);
	close(s->lfd);
	free(s->slots);
	free(s->pfds);
	free(s);
}
