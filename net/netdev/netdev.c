/* The registry of network devices (see <unik/netdev.h>). */
#include <unik/net.h>
#include <unik/netdev.h>

#include <errno.h>
#include <stddef.h>

static struct unik_netdev *devs[UNIK_NETDEV_MAX];
static unsigned ndevs;

int unik_netdev_register(struct unik_netdev *dev)
{
	if (ndevs == UNIK_NETDEV_MAX)
		return -ENOSPC;
	dev->index = ndevs;
	devs[ndevs++] = dev;
	return 0;
}

unsigned unik_netdev_count(void) { return ndevs; }

struct unik_netdev *unik_netdev_get(unsigned i)
{
	return i < ndevs ? devs[i] : NULL;
}

int unik_net_stats(unsigned i, struct unik_netdev_stats *out)
{
	if (i >= ndevs)
		return -ENODEV;
	*out = devs[i]->stats;
	return 0;
}
