/*
 * XenStore watches, delivered to waiting threads.
 *
 * The event handler cannot block or allocate, so each watch carries its
 * own bounded queue of event paths (XS_WATCH_QLEN slots inside struct
 * xs_watch). When it is full the event is dropped and the watch marked
 * `lost`; its next xs_watch_wait() reports -EOVERFLOW once, which tells
 * the thread to re-read what it watches instead of trusting the queue.
 * A watch event is only ever a hint that something changed, so this
 * loses no information a correct consumer needs.
 *
 * Events name their watch by token, not by path: two watches on one path
 * are distinct, and an event for a token we no longer hold (one already
 * in flight when the watch was removed) is dropped.
 */
#include "xs_internal.h"

#include <unik/unik.h>

#include <stdio.h>
#include <string.h>

static struct xs_watch *watches;
static unsigned next_token = 1;

static struct xs_watch *by_token(const char *token)
{
	for (struct xs_watch *w = watches; w; w = w->next)
		if (strcmp(w->token, token) == 0)
			return w;
	return NULL;
}

/* Scheduler context. */
void xs_watch_deliver(const struct xs_rx *rx)
{
	const char *path, *token;
	struct xs_watch *w;
	size_t len;

	if (xs_parse_event(rx->body, rx->hdr.len, &path, &token) < 0) {
		xs_stats.bad_replies++;
		return;
	}
	xs_stats.watch_events++;
	if (!(w = by_token(token))) {
		xs_stats.unknown_watch++;
		return;
	}
	w->events++;
	len = strlen(path);
	if (w->count == XS_WATCH_QLEN || len >= XS_WATCH_PATH_MAX) {
		w->lost = true;
		w->dropped++;
	} else {
		memcpy(w->queue[(w->head + w->count) % XS_WATCH_QLEN], path,
		       len + 1);
		w->count++;
	}
	unik_waitq_wake_all(&w->wq);
}

/* The connection broke: waiters must find out (xs_watch_wait checks). */
void xs_watch_wake_all(void)
{
	for (struct xs_watch *w = watches; w; w = w->next)
		unik_waitq_wake_all(&w->wq);
}

int xs_watch_add(struct xs_watch *w, const char *path)
{
	size_t len = strlen(path);
	int rc;

	if (len == 0 || len >= XS_WATCH_PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(w->path, path, len + 1);
	snprintf(w->token, sizeof(w->token), "unik%u", next_token++);
	w->head = w->count = 0;
	w->lost = false;
	w->events = w->dropped = 0;
	unik_waitq_init(&w->wq);
	/* Linked before the request goes out: xenstored fires the watch
	 * once on registration, possibly before we read its reply. */
	w->next = watches;
	watches = w;
	struct xs_iov iov[2] = {{w->path, len + 1},
				{w->token, strlen(w->token) + 1}};
	rc = xs_request(XS_WATCH, XS_NO_TXN, iov, 2, (char[8]){0}, 8, NULL);
	if (rc < 0)
		xs_watch_remove(w);
	return rc;
}

int xs_watch_remove(struct xs_watch *w)
{
	struct xs_iov iov[2] = {{w->path, strlen(w->path) + 1},
				{w->token, strlen(w->token) + 1}};
	bool linked = false;

	for (struct xs_watch **pp = &watches; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			linked = true;
			break;
		}
	}
	if (!linked)
		return -ENOENT;
	w->next = NULL;
	unik_waitq_wake_all(&w->wq); /* a waiter sees -ENOENT */
	/* Unlinked first: events already in flight now find no owner. The
	 * reply may be ENOENT if the XS_WATCH itself had failed. */
	if (xs_conn_status() < 0)
		return 0;
	int rc =
	    xs_request(XS_UNWATCH, XS_NO_TXN, iov, 2, (char[8]){0}, 8, NULL);
	return rc == -ENOENT ? 0 : rc;
}

static bool is_linked(const struct xs_watch *w)
{
	for (struct xs_watch *x = watches; x; x = x->next)
		if (x == w)
			return true;
	return false;
}

int xs_watch_wait(struct xs_watch *w, char *path, size_t size,
		  uint64_t deadline_ns)
{
	for (;;) {
		if (w->lost) {
			w->lost = false;
			w->count = 0; /* the survivors say nothing more */
			snprintf(path, size, "%s", w->path);
			return -EOVERFLOW;
		}
		if (w->count) {
			const char *p = w->queue[w->head];
			size_t len = strlen(p);

			if (len >= size)
				return -ERANGE;
			memcpy(path, p, len + 1);
			w->head = (w->head + 1) % XS_WATCH_QLEN;
			w->count--;
			return 0;
		}
		if (!is_linked(w))
			return -ENOENT;
		if (xs_conn_status() < 0)
			return xs_conn_status();
		if (unik_waitq_wait(&w->wq, deadline_ns) == -ETIMEDOUT &&
		    w->count == 0 && !w->lost)
			return -ETIMEDOUT;
	}
}
