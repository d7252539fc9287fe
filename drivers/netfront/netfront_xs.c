/*
 * netfront: discovery and the XenStore handshake with netback.
 *
 * For each device/vif/N (all N, in numeric order), at UNIK_INIT_DEVICE:
 *   1. read backend, backend-id, mac (the toolstack wrote them);
 *   2. allocate and grant the rings and buffers, allocate an event
 *      channel (netfront_ring.c);
 *   3. wait for the backend to reach InitWait (or Connected);
 *   4. publish tx-ring-ref, rx-ring-ref, event-channel and our features
 *      in one transaction (retried on EAGAIN);
 *   5. switch to Connected, wait for the backend's Connected;
 *   6. fill the RX ring and register a unik_netdev "vifN".
 *
 * Features: request-rx-copy=1 and feature-rx-notify=1 (netback requires
 * both); feature-no-csum-offload=1, because neither we nor lwIP can
 * complete a partial checksum (NETRXF_csum_blank), so the backend must
 * hand us finished ones; feature-sg=0 and no GSO, so every frame fits one
 * slot of one page (netback then clamps the vif's MTU to 1500) and a
 * multi-slot response is a protocol violation we can drop cheaply.
 * One queue, one event channel for both rings.
 */
#include "netfront.h"

#include <unik/init.h>
#include <unik/unik.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* The toolstack may still be running hotplug scripts; the lab is slow. */
#define NF_HANDSHAKE_NS (60ull * 1000000000ull)
#define NF_MAX_VIFS	UNIK_NETDEV_MAX

static int read_config(struct netfront *nf)
{
	char path[64], mac[32];
	unsigned long id;
	int rc;

	if ((rc = xs_path(path, sizeof(path), nf->dir, "backend")) < 0 ||
	    (rc = xs_read(XS_NO_TXN, path, nf->backend, sizeof(nf->backend))) <
		0)
		return rc;
	if ((rc = xs_path(path, sizeof(path), nf->dir, "backend-id")) < 0 ||
	    (rc = xs_read_ulong(XS_NO_TXN, path, &id)) < 0)
		return rc;
	if (id >= DOMID_FIRST_RESERVED)
		return -EINVAL;
	nf->backend_id = (domid_t)id;
	if ((rc = xs_path(path, sizeof(path), nf->dir, "mac")) < 0 ||
	    (rc = xs_read(XS_NO_TXN, path, mac, sizeof(mac))) < 0)
		return rc;
	return nf_parse_mac(mac, nf->dev.mac);
}

static int publish_body(xs_txn_t t, void *arg)
{
	struct netfront *nf = arg;
	const struct {
		const char *key;
		unsigned long value;
	} keys[] = {
	    {"tx-ring-ref", nf->tx_ring_ref},
	    {"rx-ring-ref", nf->rx_ring_ref},
	    {"event-channel", nf->port},
	    {"request-rx-copy", 1},
	    {"feature-rx-notify", 1},
	    {"feature-no-csum-offload", 1},
	    {"feature-sg", 0},
	};
	char path[64];
	int rc;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if ((rc = xs_path(path, sizeof(path), nf->dir, keys[i].key)) <
			0 ||
		    (rc = xs_printf(t, path, "%lu", keys[i].value)) < 0)
			return rc;
	}
	return 0;
}

static int handshake(struct netfront *nf)
{
	uint64_t deadline = unik_now_ns() + NF_HANDSHAKE_NS;
	int st, last = -1, rc;

	st = xenbus_wait_state(nf->backend,
			       XENBUS_STATE_BIT(XenbusStateInitWait) |
				   XENBUS_STATE_BIT(XenbusStateConnected),
			       deadline, &last);
	if (st < 0) {
		unik_printk("netfront: %s: backend never reached InitWait "
			    "(state %s, rc %d)\n",
			    nf->dev.name, xenbus_state_name(last), st);
		return st;
	}
	if ((rc = xs_transaction(publish_body, nf)) < 0 ||
	    (rc = xenbus_switch_state(nf->dir, XenbusStateConnected)) < 0)
		return rc;
	st = xenbus_wait_state(nf->backend,
			       XENBUS_STATE_BIT(XenbusStateConnected) |
				   XENBUS_STATE_BIT(XenbusStateClosing) |
				   XENBUS_STATE_BIT(XenbusStateClosed),
			       deadline, &last);
	if (st != XenbusStateConnected) {
		unik_printk(
		    "netfront: %s: backend did not connect (state %s)\n",
		    nf->dev.name, xenbus_state_name(st < 0 ? last : st));
		return st < 0 ? st : -ECONNREFUSED;
	}
	return 0;
}

static int nf_probe(unsigned handle)
{
	struct netfront *nf = calloc(1, sizeof(*nf));
	const uint8_t *m;
	int rc;

	if (!nf)
		return -ENOMEM;
	nf->handle = handle;
	snprintf(nf->dir, sizeof(nf->dir), "device/vif/%u", handle);
	snprintf(nf->dev.name, sizeof(nf->dev.name), "vif%u", handle);
	nf->dev.mtu = NF_MTU;
	nf->dev.ops = &nf_ops;
	nf->dev.priv = nf;
	if ((rc = read_config(nf)) < 0) {
		unik_printk("netfront: %s: bad configuration (rc %d)\n",
			    nf->dev.name, rc);
		free(nf);
		return rc;
	}
	if ((rc = nf_ring_setup(nf)) < 0 || (rc = handshake(nf)) < 0) {
		/* Tell the backend we are gone before taking pages back. */
		xenbus_switch_state(nf->dir, XenbusStateClosed);
		nf_ring_teardown(nf);
		return rc; /* nf itself may still be named by live grants */
	}
	nf_ring_start(nf);
	m = nf->dev.mac;
	unik_printk("netfront: %s: %02x:%02x:%02x:%02x:%02x:%02x connected to "
		    "%s (tx-ring-ref %u rx-ring-ref %u event-channel %u)\n",
		    nf->dev.name, m[0], m[1], m[2], m[3], m[4], m[5],
		    nf->backend, nf->tx_ring_ref, nf->rx_ring_ref, nf->port);
	return unik_netdev_register(&nf->dev);
}

static int by_number(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a,
		      y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static int netfront_init(void)
{
	char buf[256];
	const char *names[NF_MAX_VIFS];
	unsigned long handles[NF_MAX_VIFS];
	int n, nh = 0, failed = 0;

	if (!xs_ready())
		return -ENODEV;
	n = xs_directory(XS_NO_TXN, "device/vif", buf, sizeof(buf), names,
			 NF_MAX_VIFS);
	if (n == -ENOENT || n == 0)
		return -ENODEV; /* no vif in the xl config */
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		if (xs_parse_ulong(names[i], &handles[nh]) == 0)
			nh++;
	qsort(handles, (size_t)nh, sizeof(handles[0]), by_number);
	for (int i = 0; i < nh; i++)
		if (nf_probe((unsigned)handles[i]) < 0)
			failed++;
	return failed ? -EIO : 0;
}
UNIK_INIT(UNIK_INIT_DEVICE, netfront_init);
