/*
 * netfront internals, shared by its two halves:
 *   netfront_xs.c    discovery and the XenStore handshake (thread context)
 *   netfront_setup.c rings, buffers, grants and event channel: set up once
 *   netfront_ring.c  the data path: transmit, receive, the event handler
 */
#ifndef UNIK_NETFRONT_H
#define UNIK_NETFRONT_H

#include "netfront_check.h"

#include "../gnttab/gnttab.h"
#include "../xen/evtchn.h"
#include "../xenbus/xenbus.h"

#include <unik/netdev.h>
#include <unik/thread.h>

/* One page per ring: 256 slots each (xen/io/netif.h). */
#define NF_TX_RING_SIZE __CONST_RING_SIZE(netif_tx, NF_PAGE_SIZE)
#define NF_RX_RING_SIZE __CONST_RING_SIZE(netif_rx, NF_PAGE_SIZE)
/* Buffers, one granted page each, as many as ring slots: RX bursts come
 * unannounced, and a TX frame refused for want of a buffer is dropped by
 * the stack and costs a TCP retransmission (slow in the lab: dom0 under
 * TCG can take a while to drain 128 frames). 2 MiB per vif. */
#define NF_TX_BUFS NF_TX_RING_SIZE
#define NF_RX_BUFS NF_RX_RING_SIZE
/* RX responses handled per event before the scheduler gets to run
 * threads again (the rest follows from a timer). */
#define NF_RX_BUDGET 64
#define NF_MTU	     1500

struct nf_buf {
	void *page;
	grant_ref_t gref;
};

struct netfront {
	struct unik_netdev dev;
	unsigned handle;   /* N of device/vif/N */
	char dir[32];	   /* device/vif/N */
	char backend[128]; /* /local/domain/<id>/backend/vif/<domid>/N */
	domid_t backend_id;
	evtchn_port_t port;
	bool have_port;

	netif_tx_front_ring_t tx;
	netif_rx_front_ring_t rx;
	grant_ref_t tx_ring_ref, rx_ring_ref;

	/* A slot's buffer is busy from the request that hands it to the
	 * backend until the one response that returns it. Free ids wait on
	 * a stack; busy[] is what the validator checks responses against. */
	struct nf_buf txb[NF_TX_BUFS], rxb[NF_RX_BUFS];
	bool tx_busy[NF_TX_BUFS], rx_busy[NF_RX_BUFS];
	uint16_t tx_len[NF_TX_BUFS];
	uint16_t tx_free[NF_TX_BUFS], rx_free[NF_RX_BUFS];
	unsigned tx_nfree, rx_nfree;
	unsigned ngrants; /* buffer grants made, for teardown */

	bool rx_discard;  /* inside a multi-slot packet we refuse */
	bool connected;	  /* backend Connected: transmit allowed */
	bool broken;	  /* the backend broke the ring protocol */
	bool tx_unpushed; /* requests written, req_prod not yet published */
	struct unik_timer kick; /* deferred push / RX continuation */
};

/* netfront_setup.c: rings, buffers, grants, event channel. */
int nf_ring_setup(struct netfront *nf);
void nf_ring_teardown(struct netfront *nf);

/* netfront_ring.c */
void nf_event(evtchn_port_t port, void *arg); /* event handler */
void nf_kick(struct unik_timer *t);	      /* deferred push / RX */
/* Post every free RX buffer (the backend sees them once pushed). */
void nf_rx_fill(struct netfront *nf);
/* The backend is Connected: push what is queued and start moving. */
void nf_ring_start(struct netfront *nf);
extern const struct unik_netdev_ops nf_ops;

#endif
