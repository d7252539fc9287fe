/*
 * An lwIP Ethernet netif for each unik_netdev: frames out through the
 * driver's transmit(), frames in through tcpip_input.
 *
 * Receive runs in the driver's context, which is scheduler context (a fd
 * watcher on unix, an event handler on Xen) where nothing may block: it
 * only takes a pbuf from PBUF_POOL and posts it to the tcpip thread's
 * mailbox, both non-blocking. When either is exhausted the frame is
 * dropped and counted; TCP retransmits.
 */
#include "stack.h"

#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"

#include <unik/config.h>

#include <errno.h>
#include <string.h>

/* Pieces of a frame handed to transmit() at once; longer pbuf chains are
 * copied into one buffer first (rare: lwIP's TCP frames have 2-3). */
#define MAX_IOV 16

struct ethif {
	struct netif netif;
	struct unik_netdev *dev;
};

static struct ethif ethifs[UNIK_NETDEV_MAX];
static unsigned nethifs;

static err_t linkoutput(struct netif *nif, struct pbuf *p)
{
	struct unik_netdev *dev = ((struct ethif *)nif->state)->dev;
	struct unik_iovec iov[MAX_IOV];
	static uint8_t flat[UINT16_MAX];
	int n = 0, rc;

	if (pbuf_clen(p) <= MAX_IOV) {
		for (struct pbuf *q = p; q; q = q->next)
			if (q->len)
				iov[n++] = (struct unik_iovec){q->payload, q->len};
	} else {
		/* Runs under the core lock, so one static buffer is enough. */
		iov[n++] = (struct unik_iovec){flat, pbuf_copy_partial(p, flat, sizeof(flat), 0)};
	}
	rc = dev->ops->transmit(dev, iov, n);
	if (dev->ops->flush)
		dev->ops->flush(dev);
	if (rc == -EAGAIN) {
		/* Ring full: drop it; TCP retransmits, UDP is best effort. */
		dev->stats.tx_ring_full++;
		return ERR_OK;
	}
	if (rc < 0) {
		dev->stats.tx_drops++;
		return ERR_IF;
	}
	return ERR_OK;
}

/* The driver's receive callback (scheduler or thread context). */
static void receive(struct unik_netdev *dev, const void *frame, size_t len)
{
	struct ethif *e = dev->stack_priv;
	struct pbuf *p;

	if (len > UINT16_MAX || len < 14) {
		dev->stats.rx_drops++;
		return;
	}
	p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (!p) {
		dev->stats.rx_drops++;
		return;
	}
	pbuf_take(p, frame, (u16_t)len);
	if (e->netif.input(p, &e->netif) != ERR_OK) { /* tcpip mailbox full */
		pbuf_free(p);
		dev->stats.rx_drops++;
	}
}

static err_t ethif_init(struct netif *nif)
{
	struct unik_netdev *dev = ((struct ethif *)nif->state)->dev;

	nif->name[0] = 'e';
	nif->name[1] = 'n';
	nif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(nif->hwaddr, dev->mac, ETH_HWADDR_LEN);
	nif->mtu = dev->mtu ? dev->mtu : 1500;
	nif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET |
	             NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	nif->output = etharp_output;
	nif->output_ip6 = ethip6_output;
	nif->linkoutput = linkoutput;
	netif_set_hostname(nif, unik_config_name);
	return ERR_OK;
}

int ethif_add(struct unik_netdev *dev, struct netif **out)
{
	struct ethif *e;

	if (nethifs == UNIK_NETDEV_MAX)
		return -ENOSPC;
	e = &ethifs[nethifs];
	e->dev = dev;
	/* Addresses are set later by the caller (static or DHCP). */
	if (!netif_add(&e->netif, NULL, NULL, NULL, e, ethif_init, tcpip_input))
		return -ENOMEM;
	nethifs++;
	dev->stack_priv = e;
	dev->receive = receive;
	netif_set_link_up(&e->netif);
	*out = &e->netif;
	return 0;
}
