/*
 * netfront buffers: the two ring pages and one page per TX/RX slot, all
 * granted to the backend once, here, and the event channel. Undone by
 * nf_ring_teardown only when a handshake fails (a connected vif lives as
 * long as the image).
 */
#include "netfront.h"

#include <unik/unik.h>

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>

static void *page_alloc(size_t n)
{
	void *p = memalign(NF_PAGE_SIZE, n * NF_PAGE_SIZE);

	if (p)
		memset(p, 0, n * NF_PAGE_SIZE);
	return p;
}

int nf_ring_setup(struct netfront *nf)
{
	netif_tx_sring_t *txs = page_alloc(1);
	netif_rx_sring_t *rxs = page_alloc(1);
	uint8_t *tb = page_alloc(NF_TX_BUFS), *rb = page_alloc(NF_RX_BUFS);
	domid_t be = nf->backend_id;
	int rc;

	unik_timer_init(&nf->kick, nf_kick, nf);
	if (!txs || !rxs || !tb || !rb) {
		free(txs);
		free(rxs);
		free(tb);
		free(rb);
		return -ENOMEM;
	}
	nf->txb[0].page = tb; /* for teardown, even if a grant fails */
	nf->rxb[0].page = rb;
	SHARED_RING_INIT(txs);
	FRONT_RING_INIT(&nf->tx, txs, NF_PAGE_SIZE);
	SHARED_RING_INIT(rxs);
	FRONT_RING_INIT(&nf->rx, rxs, NF_PAGE_SIZE);
	rc = gnttab_grant_access(be, txs, false, &nf->tx_ring_ref);
	if (rc == 0)
		rc = gnttab_grant_access(be, rxs, false, &nf->rx_ring_ref);
	if (rc < 0)
		return rc;
	for (unsigned i = 0; i < NF_TX_BUFS + NF_RX_BUFS; i++, nf->ngrants++) {
		bool is_tx = i < NF_TX_BUFS;
		struct nf_buf *b =
		    is_tx ? &nf->txb[i] : &nf->rxb[i - NF_TX_BUFS];

		b->page = is_tx ? tb + (size_t)i * NF_PAGE_SIZE
				: rb + (size_t)(i - NF_TX_BUFS) * NF_PAGE_SIZE;
		rc = gnttab_grant_access(be, b->page, is_tx, &b->gref);
		if (rc < 0)
			return rc;
	}
	for (unsigned i = 0; i < NF_TX_BUFS; i++)
		nf->tx_free[nf->tx_nfree++] = (uint16_t)(NF_TX_BUFS - 1 - i);
	for (unsigned i = 0; i < NF_RX_BUFS; i++)
		nf->rx_free[nf->rx_nfree++] = (uint16_t)(NF_RX_BUFS - 1 - i);
	rc = evtchn_alloc_unbound(be, nf_event, nf, &nf->port);
	nf->have_port = rc == 0;
	return rc;
}

/* Undo a setup whose handshake failed. A grant the backend still maps
 * cannot be ended: then its page (and the buffers around it) are left
 * allocated for good rather than handed back to malloc. */
void nf_ring_teardown(struct netfront *nf)
{
	bool busy = false;

	if (nf->have_port)
		evtchn_unbind(nf->port);
	nf->have_port = false;
	for (unsigned i = 0; i < nf->ngrants; i++) {
		struct nf_buf *b =
		    i < NF_TX_BUFS ? &nf->txb[i] : &nf->rxb[i - NF_TX_BUFS];

		busy |= gnttab_end_access(b->gref) == -EBUSY;
	}
	if (nf->tx.sring) {
		busy |= gnttab_end_access(nf->tx_ring_ref) == -EBUSY;
		busy |= gnttab_end_access(nf->rx_ring_ref) == -EBUSY;
	}
	nf->ngrants = 0;
	if (busy) {
		unik_printk("netfront: %s: backend still maps our pages; "
			    "leaking them\n",
			    nf->dev.name);
		return;
	}
	free(nf->txb[0].page);
	free(nf->rxb[0].page);
	free(nf->tx.sring);
	free(nf->rx.sring);
	nf->tx.sring = NULL;
	nf->rx.sring = NULL;
}
