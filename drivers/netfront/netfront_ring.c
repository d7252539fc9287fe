/*
 * netfront data path: the TX and RX rings (one page each, shared with
 * the backend), their buffers, transmit, and the event handler.
 *
 * Buffers are granted once at setup and stay granted (TX read-only, RX
 * read-write): a slot's page is only rewritten by us after the response
 * that returns it, so no grant churn per frame. RX is copy mode
 * (request-rx-copy): the backend copies each frame into our page with a
 * grant copy.
 *
 * Ring indices: req_prod and rsp_event are ours, rsp_prod and req_event
 * the backend's. We publish req_prod after writing the requests (wmb inside
 * RING_PUSH_REQUESTS_AND_CHECK_NOTIFY), read rsp_prod before the
 * responses it covers (rmb below), and copy each response out once before
 * judging it (RING_COPY_RESPONSE), since the backend can rewrite the
 * shared slot at any time. An rsp_prod claiming more responses than we
 * have requests outstanding marks the device broken: nothing after it
 * can be matched to anything.
 *
 * Context: transmit/flush run in threads (the stack), the handler and
 * the kick timer in scheduler context; none of them blocks, and with one
 * CPU and cooperative threads they never interleave.
 */
#include "netfront.h"

#include <unik/unik.h>

#include <errno.h>

static void nf_broken(struct netfront *nf, const char *why)
{
	if (nf->broken)
		return;
	nf->broken = true;
	nf->dev.stats.bad_responses++;
	unik_printk("netfront: %s: %s; device disabled\n", nf->dev.name, why);
}

/* Read rsp_prod into rp; true if it claims more responses than we have
 * requests outstanding (the backend is lying). */
#define RSP_BEYOND(ring, rp)                                                   \
	({                                                                     \
		(rp) = __atomic_load_n(&(ring).sring->rsp_prod,                \
				       __ATOMIC_RELAXED);                      \
		xen_rmb(); /* rsp_prod before the responses it covers */       \
		(RING_IDX)((rp) - (ring).rsp_cons) >                           \
		    (RING_IDX)((ring).req_prod_pvt - (ring).rsp_cons);         \
	})

static void tx_reclaim(struct netfront *nf)
{
	int more;

	do {
		RING_IDX rp;

		if (RSP_BEYOND(nf->tx, rp)) {
			nf_broken(nf, "TX rsp_prod beyond our requests");
			return;
		}
		for (; nf->tx.rsp_cons != rp; nf->tx.rsp_cons++) {
			netif_tx_response_t r;
			bool reclaim;
			enum nf_verdict v;

			RING_COPY_RESPONSE(&nf->tx, nf->tx.rsp_cons, &r);
			v = nf_check_tx(&r, nf->tx_busy, NF_TX_BUFS, &reclaim);
			if (reclaim) {
				nf->tx_busy[r.id] = false;
				nf->tx_free[nf->tx_nfree++] = r.id;
			}
			if (v == NF_OK) {
				nf->dev.stats.tx_packets++;
				nf->dev.stats.tx_bytes += nf->tx_len[r.id];
			} else if (v == NF_DROP) {
				nf->dev.stats.tx_drops++;
			} else {
				nf->dev.stats.bad_responses++;
			}
		}
		RING_FINAL_CHECK_FOR_RESPONSES(&nf->tx, more);
	} while (more);
}

static void rx_deliver(struct netfront *nf, const netif_rx_response_t *r)
{
	const uint8_t *frame = (const uint8_t *)nf->rxb[r->id].page + r->offset;

	nf->dev.stats.rx_packets++;
	nf->dev.stats.rx_bytes += (uint64_t)r->status;
	/* The frame is only valid during the call: the buffer is re-posted
	 * right after (the stack copies it). */
	if (nf->dev.receive)
		nf->dev.receive(&nf->dev, frame, (size_t)r->status);
	else
		nf->dev.stats.rx_drops++; /* no stack attached */
}

/* Handle up to budget responses; true if more are waiting. */
static bool rx_process(struct netfront *nf, unsigned budget)
{
	RING_IDX rp;
	int more;

	if (RSP_BEYOND(nf->rx, rp)) {
		nf_broken(nf, "RX rsp_prod beyond our requests");
		return false;
	}
	for (; nf->rx.rsp_cons != rp && budget; nf->rx.rsp_cons++, budget--) {
		netif_rx_response_t r;
		bool repost;
		enum nf_verdict v;

		RING_COPY_RESPONSE(&nf->rx, nf->rx.rsp_cons, &r);
		v = nf_check_rx(&r, nf->rx_busy, NF_RX_BUFS, &repost);
		if (repost) {
			/* The tail of a multi-slot packet (whose head we
			 * refused) is dropped too, not taken for a frame. */
			if (v == NF_OK && nf->rx_discard)
				v = NF_DROP;
			nf->rx_discard = (r.flags & NETRXF_more_data) != 0;
		}
		if (v == NF_OK)
			rx_deliver(nf, &r);
		else if (v == NF_DROP)
			nf->dev.stats.rx_drops++;
		else
			nf->dev.stats.bad_responses++;
		if (repost) {
			nf->rx_busy[r.id] = false;
			nf->rx_free[nf->rx_nfree++] = r.id;
		}
	}
	if (nf->rx.rsp_cons != rp)
		return true;
	RING_FINAL_CHECK_FOR_RESPONSES(&nf->rx, more);
	return more;
}

void nf_rx_fill(struct netfront *nf)
{
	while (nf->rx_nfree && !RING_FULL(&nf->rx)) {
		uint16_t id = nf->rx_free[--nf->rx_nfree];
		netif_rx_request_t *req =
		    RING_GET_REQUEST(&nf->rx, nf->rx.req_prod_pvt);

		req->id = id;
		req->gref = nf->rxb[id].gref;
		nf->rx_busy[id] = true;
		nf->rx.req_prod_pvt++;
	}
}

static void push(struct netfront *nf, bool tx)
{
	int notify;

	if (tx)
		RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->tx, notify);
	else
		RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&nf->rx, notify);
	/* Only if the backend asked (req_event): one kick per batch. */
	if (notify)
		evtchn_send(nf->port);
}

static void nf_poll(struct netfront *nf)
{
	bool more;

	if (nf->broken || !nf->connected)
		return;
	tx_reclaim(nf);
	more = rx_process(nf, NF_RX_BUDGET);
	if (nf->broken)
		return;
	nf_rx_fill(nf);
	push(nf, false);
	if (more)
		unik_timer_arm(&nf->kick, 0); /* after the threads had a turn */
}

void nf_event(evtchn_port_t port, void *arg)
{
	(void)port;
	nf_poll(arg);
}

static void nf_flush(struct unik_netdev *dev)
{
	struct netfront *nf = dev->priv;

	if (nf->tx_unpushed && !nf->broken) {
		nf->tx_unpushed = false;
		push(nf, true);
	}
}

/* Timer: requests nobody flushed, RX work left over by the budget. */
void nf_kick(struct unik_timer *t)
{
	struct netfront *nf = t->arg;

	nf_flush(&nf->dev);
	nf_poll(nf);
}

static int nf_transmit(struct unik_netdev *dev, const struct unik_iovec *iov,
		       int iovcnt)
{
	struct netfront *nf = dev->priv;
	netif_tx_request_t *req;
	size_t total = 0;
	uint8_t *p;
	uint16_t id;

	if (!nf->connected || nf->broken)
		return -EIO;
	for (int i = 0; i < iovcnt; i++)
		total += iov[i].len;
	if (total == 0 || total > (size_t)dev->mtu + NF_ETH_HLEN)
		return -EMSGSIZE;
	if (nf->tx_nfree == 0 || RING_FULL(&nf->tx))
		tx_reclaim(nf);
	if (nf->tx_nfree == 0 || RING_FULL(&nf->tx)) {
		nf_flush(dev);	/* let the backend drain what is queued */
		return -EAGAIN; /* counted by the caller (tx_ring_full) */
	}
	id = nf->tx_free[--nf->tx_nfree];
	p = nf->txb[id].page;
	for (int i = 0; i < iovcnt; i++) {
		memcpy(p, iov[i].base, iov[i].len);
		p += iov[i].len;
	}
	req = RING_GET_REQUEST(&nf->tx, nf->tx.req_prod_pvt);
	req->gref = nf->txb[id].gref;
	req->offset = 0;
	req->flags = 0; /* checksums are complete: no csum_blank */
	req->id = id;
	req->size = (uint16_t)total;
	nf->tx_busy[id] = true;
	nf->tx_len[id] = (uint16_t)total;
	nf->tx.req_prod_pvt++;
	/* Published by flush(); the timer does it for a caller that never
	 * flushes, at the next pass of the scheduler. */
	if (!nf->tx_unpushed) {
		nf->tx_unpushed = true;
		unik_timer_arm(&nf->kick, 0);
	}
	return 0;
}

const struct unik_netdev_ops nf_ops = {
    .transmit = nf_transmit,
    .flush = nf_flush,
};

void nf_ring_start(struct netfront *nf)
{
	nf->connected = true;
	nf_rx_fill(nf);
	push(nf, false);
	evtchn_send(nf->port); /* whatever req_event says: look now */
	nf_poll(nf);
}
