/*
 * TAP network devices on the unix target: each one a Linux TAP interface
 * opened through /dev/net/tun, registered as a unik_netdev.
 *
 *   unik.tap=NAME[,NAME...]   interfaces to attach (else $UNIK_TAP, else tap0)
 *   unik.mac=52:54:00:..      address of the first (unik.mac1= second, ...);
 *                             default: random, locally administered
 *
 * The interface must exist and be usable by this user; it is never created
 * here, so that a missing one is a clear error, not a silent new device:
 *   ip tuntap add tap0 mode tap user $USER && ip link set tap0 up
 * Frames arrive through a plat_unix_watch_fd handler (scheduler context),
 * which drains the fd and hands each frame to the stack; frames leave with
 * one writev() each. The fd is non-blocking, IFF_NO_PI (bare Ethernet).
 */
#define _GNU_SOURCE
#include "mac.h"
#include "unix.h"

#include <unik/cmdline.h>
#include <unik/init.h>
#include <unik/netdev.h>
#include <unik/unik.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_IOV 32
/* Frames handed over per wake-up at most, so that a flood cannot keep the
 * scheduler from running threads; the fd stays readable, ppoll returns at
 * once and the rest follows on the next pass. */
#define RX_BURST 256

struct tap {
	struct unik_netdev dev;
	int fd;
};

static struct tap taps[UNIK_NETDEV_MAX];

static int tap_transmit(struct unik_netdev *dev, const struct unik_iovec *iov, int n)
{
	struct tap *t = dev->priv;
	struct iovec v[MAX_IOV];
	size_t total = 0;
	ssize_t rc;

	if (n > MAX_IOV)
		return -EMSGSIZE;
	for (int i = 0; i < n; i++) {
		v[i] = (struct iovec){(void *)iov[i].base, iov[i].len};
		total += iov[i].len;
	}
	if (total > (size_t)dev->mtu + 14)
		return -EMSGSIZE;
	rc = writev(t->fd, v, n);
	if (rc < 0)
		return errno == EAGAIN || errno == ENOBUFS ? -EAGAIN : -EIO;
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += (uint64_t)rc;
	return 0;
}

static const struct unik_netdev_ops tap_ops = {.transmit = tap_transmit};

/* fd watcher, scheduler context: may not block, the stack's receive won't. */
static void tap_readable(void *arg)
{
	static uint8_t frame[65536];
	struct tap *t = arg;

	for (int i = 0; i < RX_BURST; i++) {
		ssize_t n = read(t->fd, frame, sizeof(frame));

		if (n <= 0)
			return; /* EAGAIN: drained */
		t->dev.stats.rx_packets++;
		t->dev.stats.rx_bytes += (uint64_t)n;
		if (t->dev.receive)
			t->dev.receive(&t->dev, frame, (size_t)n);
		else
			t->dev.stats.rx_drops++; /* no stack linked */
	}
}

static int tap_open(const char name[IFNAMSIZ])
{
	struct ifreq ifr;
	int fd, e;

	if (if_nametoindex(name) == 0) {
		unik_printk("net: cannot open %s: no such interface (create it with: "
		            "ip tuntap add %s mode tap user $USER; ip link set %s up)\n",
		            name, name, name);
		return -ENODEV;
	}
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		unik_printk("net: cannot open %s: /dev/net/tun: %s (no TUN/TAP support? modprobe tun)\n",
		            name, strerror(e));
		return -e;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	memcpy(ifr.ifr_name, name, IFNAMSIZ); /* both 16 bytes, NUL-terminated */
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		e = errno;
		close(fd);
		unik_printk("net: cannot open %s: %s (%s)\n", name, strerror(e),
		            e == EPERM ? "is it a TAP owned by this user? ip tuntap add NAME mode tap user $USER"
		            : e == EBUSY ? "another process has it open"
		            : e == EINVAL ? "is it a TUN, not a TAP?" : "ip tuntap show");
		return -e;
	}
	return fd;
}

static void choose_mac(unsigned i, uint8_t mac[6])
{
	char key[16];
	const char *s;

	snprintf(key, sizeof(key), i ? "mac%u" : "mac", i);
	s = unik_cmdline_get(key);
	if (s && mac_parse(s, mac) == 0)
		return;
	if (s)
		unik_printk("net: bad unik.%s=%s (expected 6 hex pairs, unicast): random\n", key, s);
	if (getrandom(mac, 6, 0) != 6)
		for (int k = 0; k < 6; k++)
			mac[k] = (uint8_t)rand();
	mac_make_local(mac);
}

static int tap_init(void)
{
	const char *list = unik_cmdline_get("tap");
	char names[UNIK_NETDEV_MAX][16];
	int n, rc = 0;

	if (!list)
		list = getenv("UNIK_TAP");
	if (!list || !*list)
		list = "tap0";
	n = tap_split_names(list, names, UNIK_NETDEV_MAX);
	if (n < 0) {
		unik_printk("net: bad TAP list '%s' (expected NAME[,NAME], at most %d)\n",
		            list, UNIK_NETDEV_MAX);
		return -EINVAL;
	}
	for (int i = 0; i < n; i++) {
		struct tap *t = &taps[i];
		int fd = tap_open(names[i]);

		if (fd < 0) {
			rc = fd;
			continue;
		}
		t->fd = fd;
		memcpy(t->dev.name, names[i], sizeof(t->dev.name)); /* both 16 bytes */
		choose_mac((unsigned)i, t->dev.mac);
		t->dev.mtu = 1500;
		t->dev.ops = &tap_ops;
		t->dev.priv = t;
		if (unik_netdev_register(&t->dev) < 0 ||
		    plat_unix_watch_fd(fd, tap_readable, t) < 0) {
			close(fd);
			rc = -ENOSPC;
		}
	}
	/* Reported above in the user's terms; the core need not repeat it. */
	return rc < 0 ? -ENODEV : 0;
}

UNIK_INIT(UNIK_INIT_DEVICE, tap_init);
