/*
 * xen_netfront: every vif connects, its MAC is the one the toolstack
 * gave it, a raw broadcast ARP request for 10.99.0.1 (dom0's xenbr0) gets
 * dom0's reply; on vif0 a burst larger than the TX ring is refused with
 * -EAGAIN and then fully completes; the counters show it all. No TCP/IP
 * stack: the test is the netdev's receiver itself. (The manifest gives
 * one vif; with more `ip` entries the same test covers each.)
 */
#include <unik/netdev.h>
#include <unik/unik.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "unik_test.h"
#include "xenbus.h"

#define T "xen_netfront"

static uint8_t self_ip[4] = {10, 99, 0, 2};
static const uint8_t dom0_ip[4] = {10, 99, 0, 1};
static uint8_t dom0_mac[6];
static bool got_reply;
static unsigned frames;
static struct unik_waitq wq = UNIK_WAITQ_INIT;

/* Scheduler context: look, copy, wake; never block. */
static void receive(struct unik_netdev *dev, const void *frame, size_t len)
{
	const uint8_t *f = frame;

	frames++;
	if (len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[20] == 0 &&
	    f[21] == 2 && !memcmp(f + 28, dom0_ip, 4) &&
	    !memcmp(f + 32, dev->mac, 6) && !memcmp(f + 38, self_ip, 4)) {
		memcpy(dom0_mac, f + 22, 6);
		got_reply = true;
		unik_waitq_wake_all(&wq);
	}
}

static uint8_t arp_frame[60];

static void arp_request(const struct unik_netdev *dev, uint8_t f[60])
{
	static const uint8_t hdr[] = {0, 1, 8, 0, 6, 4, 0, 1};

	memset(f, 0, 60);
	memset(f, 0xff, 6);
	memcpy(f + 6, dev->mac, 6);
	f[12] = 0x08, f[13] = 0x06;
	memcpy(f + 14, hdr, sizeof(hdr));
	memcpy(f + 22, dev->mac, 6);
	memcpy(f + 28, self_ip, 4);
	memcpy(f + 38, dom0_ip, 4);
	memcpy(arp_frame, f, 60);
}

static void mac_str(const uint8_t *m, char *s)
{
	sprintf(s, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
		m[4], m[5]);
}

static void check_mac(const struct unik_netdev *dev, unsigned handle)
{
	char path[160], be[128], want[32], have[32];
	int rc;

	mac_str(dev->mac, have);
	snprintf(path, sizeof(path), "device/vif/%u/mac", handle);
	rc = xs_read(XS_NO_TXN, path, want, sizeof(want));
	CHECK(T, rc == 17 && !strcmp(want, have), "mac %s, %s %s", have, path,
	      want);
	/* The backend's copy, written by the toolstack from the xl vif. */
	snprintf(path, sizeof(path), "device/vif/%u/backend", handle);
	rc = xs_read(XS_NO_TXN, path, be, sizeof(be));
	CHECK(T, rc > 0, "backend path: %d", rc);
	snprintf(path, sizeof(path), "%s/mac", be);
	rc = xs_read(XS_NO_TXN, path, want, sizeof(want));
	CHECK(T, rc == 17 && !strcmp(want, have), "mac %s, %s = %s (rc %d)",
	      have, path, want, rc);
	printf("%s: mac %s = frontend and backend (%s) mac\n", dev->name, have,
	       be);
}

/* ARP for dom0 from dev, as 10.99.0.(2 + i); returns requests sent. */
static int arp_dom0(struct unik_netdev *dev, unsigned i)
{
	uint8_t f[60];
	char m[32];
	int sent = 0;

	self_ip[3] = (uint8_t)(2 + i);
	got_reply = false;
	arp_request(dev, f);
	for (int k = 0; k < 20 && !got_reply; k++) {
		const struct unik_iovec iov[2] = {{f, 14}, {f + 14, 46}};
		int rc = dev->ops->transmit(dev, iov, 2);

		CHECK(T, rc == 0, "%s: transmit: %d", dev->name, rc);
		dev->ops->flush(dev);
		sent++;
		unik_waitq_wait(&wq, unik_now_ns() + 500000000ull);
	}
	CHECK(T, got_reply, "%s: no ARP reply from 10.99.0.1 after %d requests",
	      dev->name, sent);
	mac_str(dom0_mac, m);
	printf("%s: ARP reply: 10.99.0.1 is at %s (after %d request(s))\n",
	       dev->name, m, sent);
	return sent;
}

/* A burst without flushing: every TX buffer queued, then -EAGAIN. */
static int burst(struct unik_netdev *dev)
{
	const struct unik_iovec iov = {arp_frame, 60};
	uint64_t tx0 = dev->stats.tx_packets;
	int queued = 0, rc;

	while ((rc = dev->ops->transmit(dev, &iov, 1)) == 0)
		queued++;
	CHECK(T, rc == -EAGAIN && queued >= 64, "burst: %d queued, then %d",
	      queued, rc);
	for (int i = 0;
	     i < 100 && dev->stats.tx_packets - tx0 < (uint64_t)queued; i++)
		unik_sleep_ms(50);
	CHECK(T, dev->stats.tx_packets - tx0 == (uint64_t)queued,
	      "burst: %llu of %d completed",
	      (unsigned long long)(dev->stats.tx_packets - tx0), queued);
	CHECK(T, dev->ops->transmit(dev, &iov, 1) == 0, "after burst");
	dev->ops->flush(dev);
	CHECK(T,
	      dev->ops->transmit(dev, &(struct unik_iovec){arp_frame, 1515},
				 1) == -EMSGSIZE,
	      "oversized frame accepted");
	printf("%s: burst: %d frames queued, then -EAGAIN; all completed\n",
	       dev->name, queued);
	return queued + 1;
}

int main(void)
{
	unsigned n = unik_netdev_count();
	int sent[UNIK_NETDEV_MAX] = {0};

	CHECK(T, n >= 1, "no network device registered");
	for (unsigned i = 0; i < n; i++) {
		struct unik_netdev *dev = unik_netdev_get(i);
		char name[16];

		/* Registered in handle order; the lab's vifs are 0..n-1. */
		snprintf(name, sizeof(name), "vif%u", i);
		CHECK(T, !strcmp(dev->name, name) && dev->mtu == 1500,
		      "%s mtu %u", dev->name, dev->mtu);
		check_mac(dev, i);
		dev->receive = receive; /* no stack: the test is the stack */
		sent[i] = arp_dom0(dev, i);
	}
	sent[0] += burst(unik_netdev_get(0));
	unik_sleep_ms(200);

	for (unsigned i = 0; i < n; i++) {
		struct unik_netdev_stats s = unik_netdev_get(i)->stats;

		printf("%s counters: rx_packets %llu rx_bytes %llu rx_drops "
		       "%llu tx_packets %llu tx_bytes %llu tx_drops %llu "
		       "tx_ring_full %llu bad_responses %llu\n",
		       unik_netdev_get(i)->name,
		       (unsigned long long)s.rx_packets,
		       (unsigned long long)s.rx_bytes,
		       (unsigned long long)s.rx_drops,
		       (unsigned long long)s.tx_packets,
		       (unsigned long long)s.tx_bytes,
		       (unsigned long long)s.tx_drops,
		       (unsigned long long)s.tx_ring_full,
		       (unsigned long long)s.bad_responses);
		CHECK(T, s.rx_packets >= 1 && s.tx_packets >= (uint64_t)sent[i],
		      "counters do not show the traffic");
		CHECK(T, s.bad_responses == 0, "bad responses from netback");
	}
	printf("frames seen by the test: %u\n", frames);
	TEST_PASS(T);
	return 0;
}
