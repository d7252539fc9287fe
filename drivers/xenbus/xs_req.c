/*
 * XenStore requests and transactions.
 *
 * req_id matching: each request gets an id no other outstanding request
 * has, and is linked into `pending` before its first byte is written.
 * The event handler completes the request whose id the reply echoes;
 * a reply naming no pending id (a late reply to a request that timed out,
 * a duplicate, or garbage) is dropped and counted, never delivered to
 * whoever happens to be waiting. So several threads may have requests in
 * flight, and xenstored may answer them in any order.
 */
#include "xs_internal.h"

#include <unik/unik.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static struct xs_pending *pending;
static uint32_t next_id = 1;

static bool id_in_use(uint32_t id)
{
	for (struct xs_pending *p = pending; p; p = p->next)
		if (p->req_id == id)
			return true;
	return false;
}

static uint32_t new_req_id(void)
{
	/* 0 is skipped: xenstored uses it in watch events. After 2^32
	 * requests the counter wraps; an id still pending is skipped. */
	while (next_id == 0 || id_in_use(next_id))
		next_id++;
	return next_id++;
}

void xs_req_deliver(const struct xs_rx *rx)
{
	struct xs_pending *p = xs_pending_take(&pending, rx->hdr.req_id);

	if (!p) {
		xs_stats.bad_replies++;
		return;
	}
	xs_stats.replies++;
	if (xs_complete(p, rx))
		xs_stats.bad_replies++;
	unik_waitq_wake_all(&p->wq);
}

void xs_req_fail_all(int err)
{
	while (pending) {
		struct xs_pending *p = pending;

		pending = p->next;
		p->next = NULL;
		p->err = err;
		p->done = true;
		unik_waitq_wake_all(&p->wq);
	}
}

int xs_request(uint32_t type, xs_txn_t t, const struct xs_iov *iov, unsigned n,
	       char *buf, size_t size, uint32_t *len)
{
	uint64_t deadline = unik_now_ns() + XS_TIMEOUT_NS;
	struct xsd_sockmsg hdr = {.type = type, .tx_id = t};
	struct xs_pending p = {.type = type, .buf = buf, .size = size};
	size_t total = 0;
	int rc;

	if ((rc = xs_conn_status()) < 0)
		return rc;
	for (unsigned i = 0; i < n; i++)
		total += iov[i].len;
	if (total > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	hdr.len = (uint32_t)total;
	unik_waitq_init(&p.wq);
	hdr.req_id = p.req_id = new_req_id();
	p.next = pending;
	pending = &p;
	xs_stats.requests++;
	rc = xs_conn_send(&hdr, iov, n, deadline);
	while (rc == 0 && !p.done)
		rc = unik_waitq_wait(&p.wq, deadline);
	if (!p.done) {
		/* Timed out (or the send failed): unlink, so that a reply
		 * arriving later finds no owner and is dropped. */
		xs_pending_take(&pending, p.req_id);
		return rc < 0 ? rc : -ETIMEDOUT;
	}
	if (p.err == 0 && len)
		*len = p.len;
	return p.err;
}

/* Requests whose body is "path\0" (and maybe more strings). */
static int path_req(uint32_t type, xs_txn_t t, const char *path,
		    const char *extra, size_t extra_len, char *buf, size_t size,
		    uint32_t *len)
{
	struct xs_iov iov[2] = {{path, strlen(path) + 1}, {extra, extra_len}};
	char ack[8]; /* "OK" */

	if (!buf) {
		buf = ack;
		size = sizeof(ack);
	}
	return xs_request(type, t, iov, extra ? 2 : 1, buf, size, len);
}

int xs_read(xs_txn_t t, const char *path, char *buf, size_t size)
{
	uint32_t len = 0;
	int rc = path_req(XS_READ, t, path, NULL, 0, buf, size, &len);

	return rc < 0 ? rc : (int)len;
}

int xs_read_ulong(xs_txn_t t, const char *path, unsigned long *out)
{
	char buf[24];
	int rc = xs_read(t, path, buf, sizeof(buf));

	return rc < 0 ? (rc == -ERANGE ? -EINVAL : rc)
		      : xs_parse_ulong(buf, out);
}

int xs_write(xs_txn_t t, const char *path, const char *value)
{
	/* The value goes without its NUL: xenstored stores bytes. */
	return path_req(XS_WRITE, t, path, value, strlen(value), NULL, 0, NULL);
}

int xs_printf(xs_txn_t t, const char *path, const char *fmt, ...)
{
	char value[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(value))
		return -E2BIG;
	return xs_write(t, path, value);
}

int xs_mkdir(xs_txn_t t, const char *path)
{
	return path_req(XS_MKDIR, t, path, NULL, 0, NULL, 0, NULL);
}

int xs_rm(xs_txn_t t, const char *path)
{
	return path_req(XS_RM, t, path, NULL, 0, NULL, 0, NULL);
}

int xs_directory(xs_txn_t t, const char *path, char *buf, size_t size,
		 const char **names, unsigned max)
{
	uint32_t len = 0;
	int rc = path_req(XS_DIRECTORY, t, path, NULL, 0, buf, size, &len);

	return rc < 0 ? rc : xs_split_dir(buf, len, names, max);
}

int xs_transaction_start(xs_txn_t *t)
{
	struct xs_iov iov = {"", 1};
	char id[16];
	unsigned long v;
	int rc = xs_request(XS_TRANSACTION_START, XS_NO_TXN, &iov, 1, id,
			    sizeof(id), NULL);

	if (rc < 0)
		return rc;
	if (xs_parse_ulong(id, &v) < 0 || v == 0 || v > UINT32_MAX) {
		xs_stats.bad_replies++;
		return -EIO;
	}
	*t = (xs_txn_t)v;
	return 0;
}

int xs_transaction_end(xs_txn_t t, bool commit)
{
	struct xs_iov iov = {commit ? "T" : "F", 2};
	char ack[8];

	return xs_request(XS_TRANSACTION_END, t, &iov, 1, ack, sizeof(ack),
			  NULL);
}

int xs_transaction(int (*body)(xs_txn_t t, void *arg), void *arg)
{
	for (int i = 0; i < XS_TXN_RETRIES; i++) {
		xs_txn_t t;
		int rc = xs_transaction_start(&t);

		if (rc < 0)
			return rc;
		rc = body(t, arg);
		if (rc < 0) {
			xs_transaction_end(t, false);
			if (rc == -EAGAIN)
				continue;
			return rc;
		}
		rc = xs_transaction_end(t, true);
		if (rc != -EAGAIN)
			return rc;
		/* Someone else changed what we read: run body again on a
		 * fresh snapshot. */
	}
	return -EAGAIN;
}

void xs_get_stats(struct xs_stats *out)
{
	*out = xs_stats;
}
