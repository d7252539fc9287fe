/*
 * xen_netfront: the vif connects, its MAC is the one the toolstack gave
 * it, a raw broadcast ARP request for 10.99.0.1 (dom0's xenbr0) gets
 * dom0's reply, a burst larger than the TX ring is refused with -EAGAIN
 * and then fully completes, and the counters show it all. No TCP/IP
 * stack: the test is the netdev's receiver itself.
 */
#include <unik/netdev.h>
#include <unik/unik.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "unik_test.h"
#include "xenbus.h"

#define T "xen_netfront"

static const uint8_t self_ip[4] = {10, 99, 0, 2}, dom0_ip[4] = {10, 99, 0, 1};
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
}

static void mac_str(const uint8_t *m, char *s)
{
	sprintf(s, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void check_mac(const struct unik_netdev *dev)
{
	char path[160], be[128], want[32], have[32];
	int rc;

	mac_str(dev->mac, have);
	rc = xs_read(XS_NO_TXN, "device/vif/0/mac", want, sizeof(want));
	CHECK(T, rc == 17 && !strcmp(want, have), "mac %s, device/vif/0/mac %s", have, want);
	/* The backend's copy, written by the toolstack from the xl vif. */
	rc = xs_read(XS_NO_TXN, "device/vif/0/backend", be, sizeof(be));
	CHECK(T, rc > 0, "backend path: %d", rc);
	snprintf(path, sizeof(path), "%s/mac", be);
	rc = xs_read(XS_NO_TXN, path, want, sizeof(want));
	CHECK(T, rc == 17 && !strcmp(want, have), "mac %s, %s = %s (rc %d)", have, path, want, rc);
	printf("%s: mac %s = frontend and backend (%s) mac\n", dev->name, have, be);
}

int main(void)
{
	struct unik_netdev *dev = unik_netdev_get(0);
	struct unik_netdev_stats s;
	uint8_t f[60];
	char m[32];
	int rc, sent = 0;

	CHECK(T, unik_netdev_count() >= 1 && dev, "no network device registered");
	CHECK(T, !strcmp(dev->name, "vif0") && dev->mtu == 1500, "%s mtu %u", dev->name, dev->mtu);
	check_mac(dev);
	dev->receive = receive; /* no stack linked: the test is the stack */

	arp_request(dev, f);
	for (int i = 0; i < 20 && !got_reply; i++) {
		const struct unik_iovec iov[2] = {{f, 14}, {f + 14, 46}};

		rc = dev->ops->transmit(dev, iov, 2);
		CHECK(T, rc == 0, "transmit: %d", rc);
		dev->ops->flush(dev);
		sent++;
		unik_waitq_wait(&wq, unik_now_ns() + 500000000ull);
	}
	CHECK(T, got_reply, "no ARP reply from 10.99.0.1 after %d requests", sent);
	mac_str(dom0_mac, m);
	printf("ARP reply: 10.99.0.1 is at %s (after %d request(s))\n", m, sent);

	/* A burst without flushing: every TX buffer queued, then -EAGAIN. */
	uint64_t tx0 = dev->stats.tx_packets;
	int queued = 0;
	while ((rc = dev->ops->transmit(dev, &(struct unik_iovec){f, 60}, 1)) == 0)
		queued++;
	CHECK(T, rc == -EAGAIN && queued >= 64, "burst: %d queued, then %d", queued, rc);
	for (int i = 0; i < 100 && dev->stats.tx_packets - tx0 < (uint64_t)queued; i++)
		unik_sleep_ms(50);
	CHECK(T, dev->stats.tx_packets - tx0 == (uint64_t)queued, "burst: %llu of %d completed",
	      (unsigned long long)(dev->stats.tx_packets - tx0), queued);
	CHECK(T, dev->ops->transmit(dev, &(struct unik_iovec){f, 60}, 1) == 0, "after burst");
	dev->ops->flush(dev);
	CHECK(T, dev->ops->transmit(dev, &(struct unik_iovec){f, 1515}, 1) == -EMSGSIZE,
	      "oversized frame accepted");
	printf("burst: %d frames queued, then -EAGAIN; all completed\n", queued);
	unik_sleep_ms(200);

	s = dev->stats;
	printf("counters: rx_packets %llu rx_bytes %llu rx_drops %llu tx_packets %llu "
	       "tx_bytes %llu tx_drops %llu tx_ring_full %llu bad_responses %llu (frames seen %u)\n",
	       (unsigned long long)s.rx_packets, (unsigned long long)s.rx_bytes,
	       (unsigned long long)s.rx_drops, (unsigned long long)s.tx_packets,
	       (unsigned long long)s.tx_bytes, (unsigned long long)s.tx_drops,
	       (unsigned long long)s.tx_ring_full, (unsigned long long)s.bad_responses, frames);
	CHECK(T, s.rx_packets >= 1 && s.tx_packets >= (uint64_t)sent + queued,
	      "counters do not show the traffic");
	CHECK(T, s.bad_responses == 0, "bad responses from netback: %llu",
	      (unsigned long long)s.bad_responses);
	TEST_PASS(T);
	return 0;
}
