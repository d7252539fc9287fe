/*
 * The seam between network device drivers (netfront on Xen, TAP on unix)
 * and the TCP/IP stack (net/lwip). Internal to the libOS; apps read the
 * counters through <unik/net.h>.
 *
 * A driver fills a struct unik_netdev and registers it from a UNIK_INIT
 * hook at UNIK_INIT_DEVICE; the stack attaches to every registered device at
 * UNIK_INIT_STACK by setting `receive`. Both sides run in thread or
 * scheduler context (never in an interrupt), so no locking is needed.
 */
#ifndef UNIK_NETDEV_H
#define UNIK_NETDEV_H

#include <stddef.h>
#include <stdint.h>

#define UNIK_NETDEV_MAX 8

struct unik_netdev_stats {
	uint64_t rx_packets, rx_bytes, rx_drops; /* drops: no buffer, bad frame */
	uint64_t tx_packets, tx_bytes, tx_drops;
	uint64_t tx_ring_full;  /* transmit refused: ring full (-EAGAIN) */
	uint64_t bad_responses; /* malformed responses from the backend, dropped */
};

struct unik_iovec {
	const void *base;
	size_t len;
};

struct unik_netdev;

struct unik_netdev_ops {
	/*
	 * Queue one Ethernet frame (header included, no FCS) given as iovcnt
	 * pieces; the driver copies it before returning. Never blocks.
	 * Returns 0, -EAGAIN when the ring is full, -EMSGSIZE when the frame
	 * is larger than mtu + 14, -EIO when the device is down.
	 */
	int (*transmit)(struct unik_netdev *dev, const struct unik_iovec *iov,
	                int iovcnt);
	/* Optional: push out notifications batched by transmit(). */
	void (*flush)(struct unik_netdev *dev);
};

struct unik_netdev {
	char name[16];       /* "vif0", "tap0" */
	uint8_t mac[6];
	uint16_t mtu;        /* payload bytes, 1500 typically */
	const struct unik_netdev_ops *ops;
	void *priv;          /* the driver's */
	/*
	 * Set by the stack: called by the driver for each received frame,
	 * which is only valid during the call (the stack copies it).
	 */
	void (*receive)(struct unik_netdev *dev, const void *frame, size_t len);
	void *stack_priv;    /* the stack's */
	struct unik_netdev_stats stats;
	unsigned index;      /* position in registration order, from 0 */
};

/* Register a device; returns 0 or -ENOSPC beyond UNIK_NETDEV_MAX. */
int unik_netdev_register(struct unik_netdev *dev);

/* Number of registered devices and the i-th one (NULL when out of range). */
unsigned unik_netdev_count(void);
struct unik_netdev *unik_netdev_get(unsigned i);

#endif
