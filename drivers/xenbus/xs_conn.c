/*
 * The connection to xenstored: the ring page and event channel Xen names
 * in HVM_PARAM_STORE_PFN / HVM_PARAM_STORE_EVTCHN, the event handler that
 * reads replies and watch events, and the writer lock.
 *
 * One event channel carries both directions: xenstored kicks it when it
 * has written replies or consumed requests, and we kick it after either.
 *
 * Corruption policy: the stream has no resynchronisation point, so an
 * impossible index or an oversized header ends the connection for good
 * ("broken"): every pending request fails with -EIO and later ones too.
 * A reply that is merely wrong (unknown req_id, wrong type) is dropped and
 * counted; the stream stays usable.
 */
#include "xs_internal.h"

#include "../xen/evtchn.h"
#include "../xen/hypercall.h"
#include "../xen/xen_plat.h"

#include <unik/init.h>
#include <unik/unik.h>

struct xs_stats xs_stats;

static struct xs_ring ring;
static evtchn_port_t port;
static bool up, broken;
/* Assembly buffer of the message being received: the handler is the only
 * reader of the ring, so one is enough. */
static struct xs_rx rx;

/* A message longer than the free space goes in several pieces, so two
 * writers must not interleave: the first takes the lock for its whole
 * message, the others wait on writer_wq. Writers waiting for ring space
 * sleep on space_wq, woken by every event from xenstored. */
static bool writer_busy;
static struct unik_waitq writer_wq = UNIK_WAITQ_INIT;
static struct unik_waitq space_wq = UNIK_WAITQ_INIT;

bool xs_ready(void)
{
	return up && !broken;
}

int xs_conn_status(void)
{
	return !up ? -ENODEV : broken ? -EIO : 0;
}

static void conn_broken(const char *why)
{
	if (broken)
		return;
	broken = true;
	xs_stats.broken = 1;
	unik_printk("xenbus: %s: XenStore connection unusable\n", why);
	xs_req_fail_all(-EIO);
	xs_watch_wake_all();
	unik_waitq_wake_all(&space_wq);
	unik_waitq_wake_all(&writer_wq);
}

static void dispatch(void)
{
	if (rx.hdr.type == XS_WATCH_EVENT)
		xs_watch_deliver(&rx);
	else
		xs_req_deliver(&rx);
}

/* Event handler, scheduler context: drain every whole message. */
static void xs_event(evtchn_port_t p, void *arg)
{
	size_t taken = 0;
	int rc;

	(void)p;
	(void)arg;
	if (broken)
		return;
	while ((rc = xs_ring_get(&ring, &rx, &taken)) == 1) {
		dispatch();
		rx.got = 0;
	}
	if (rc < 0)
		conn_broken("corrupt reply stream");
	/* xenstored may be waiting for room in rsp[]. */
	if (taken)
		evtchn_send(port);
	/* It may also have consumed requests: let blocked writers retry. */
	unik_waitq_wake_all(&space_wq);
}

static int put_all(const void *data, size_t len, uint64_t deadline_ns,
		   bool *partial)
{
	const char *p = data;

	while (len) {
		int n = xs_ring_put(&ring, p, len);

		if (n < 0) {
			conn_broken("impossible req_cons");
			return -EIO;
		}
		if (n > 0) {
			*partial = true;
			evtchn_send(port);
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (broken)
			return -EIO;
		if (unik_waitq_wait(&space_wq, deadline_ns) == -ETIMEDOUT)
			return -ETIMEDOUT;
	}
	return 0;
}

int xs_conn_send(const struct xsd_sockmsg *hdr, const struct xs_iov *iov,
		 unsigned n, uint64_t deadline_ns)
{
	bool partial = false;
	int rc;

	while (writer_busy) {
		if (unik_waitq_wait(&writer_wq, deadline_ns) == -ETIMEDOUT)
			return -ETIMEDOUT;
	}
	if ((rc = xs_conn_status()) < 0)
		return rc;
	writer_busy = true;
	rc = put_all(hdr, sizeof(*hdr), deadline_ns, &partial);
	for (unsigned i = 0; rc == 0 && i < n; i++)
		rc = put_all(iov[i].base, iov[i].len, deadline_ns, &partial);
	/* Half a message in the ring desynchronises xenstored's parser:
	 * nothing sent afterwards could be trusted to be read right. */
	if (rc == -ETIMEDOUT && partial)
		conn_broken("request stuck half-written");
	writer_busy = false;
	unik_waitq_wake_one(&writer_wq);
	return rc;
}

static int xs_init(void)
{
	uint64_t pfn = 0, evt = 0;
	void *page;
	int rc;

	if (hyp_hvm_get_param(HVM_PARAM_STORE_PFN, &pfn) < 0 || pfn == 0 ||
	    hyp_hvm_get_param(HVM_PARAM_STORE_EVTCHN, &evt) < 0 ||
	    evt >= EVTCHN_MAX_PORTS)
		return -ENODEV; /* a domain without XenStore */
	page = xen_map_frame(pfn);
	if (!page)
		return -ENOMEM;
	xs_ring_init(&ring, page);
	port = (evtchn_port_t)evt;
	rc = evtchn_attach(port, xs_event, NULL);
	if (rc < 0)
		return rc;
	up = true;
	/* Anything that arrived before the handler was attached. */
	xs_event(port, NULL);
	return 0;
}
UNIK_INIT(UNIK_INIT_BUS, xs_init);
