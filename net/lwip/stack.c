/*
 * Start-up of the TCP/IP stack (UNIK_INIT_STACK): the tcpip thread, one
 * netif per registered network device, IPv4 from the manifest or the
 * command line (static or DHCP), IPv6 link-local, DNS servers; then one
 * console line per interface.
 *
 *   settings (vif0 / vif1...)   manifest     command line
 *   address: dhcp | A.B.C.D/N   ip           unik.ip=  / unik.ip1=  ...
 *   gateway: A.B.C.D            gateway      unik.gw=  / unik.gw1=  ...
 *   DNS servers (global)        dns          unik.dns=A.B.C.D[,E.F.G.H]
 *
 * The manifest's values apply to the first device only.
 */
#include "netcfg.h"
#include "stack.h"

#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/tcpip.h"

#include <unik/cmdline.h>
#include <unik/config.h>
#include <unik/init.h>
#include <unik/unik.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define DHCP_WAIT_MS 10000

/* A setting of interface i: the command line's, else the manifest's (i = 0). */
static const char *setting(const char *base, unsigned i, const char *manifest)
{
	char key[16];
	const char *v = unik_cmdline_get(netcfg_key(key, sizeof(key), base, i));

	return v ? v : i == 0 ? manifest : "";
}

static void set_ip4(ip4_addr_t *a, uint32_t host_order) { ip4_addr_set_u32(a, lwip_htonl(host_order)); }

static void configure(struct netif *nif, unsigned i, struct netcfg_if *c)
{
	const char *addr = setting("ip", i, unik_config_net_ip);
	const char *gw = setting("gw", i, unik_config_net_gateway);
	ip4_addr_t ip, mask, gw4;

	if (netcfg_parse_ifaddr(addr, c) < 0) {
		unik_printk("net: bad address '%s' for %s (expected dhcp, none or A.B.C.D/N): IPv4 off\n",
		            addr, unik_netdev_get(i)->name);
		c->mode = NETCFG_NONE;
	}
	if (c->mode == NETCFG_STATIC && netcfg_parse_gw(gw, &c->gw) < 0) {
		unik_printk("net: bad gateway '%s' (expected A.B.C.D): none\n", gw);
		c->gw = 0;
	}
	LOCK_TCPIP_CORE();
	netif_create_ip6_linklocal_address(nif, 1);
	netif_set_ip6_autoconfig_enabled(nif, 1);
	if (c->mode == NETCFG_STATIC) {
		set_ip4(&ip, c->ip);
		set_ip4(&mask, c->mask);
		set_ip4(&gw4, c->gw);
		netif_set_addr(nif, &ip, &mask, &gw4);
	}
	netif_set_up(nif);
	if (c->mode == NETCFG_DHCP)
		dhcp_start(nif);
	UNLOCK_TCPIP_CORE();
}

static void set_dns(void)
{
	const char *s = unik_cmdline_get("dns");
	uint32_t dns[NETCFG_DNS_MAX];
	unsigned n;

	if (!s)
		s = unik_config_net_dns;
	if (netcfg_parse_dns(s, dns, &n) < 0) {
		unik_printk("net: bad DNS servers '%s' (expected A.B.C.D[,A.B.C.D])\n", s);
		return;
	}
	LOCK_TCPIP_CORE();
	for (unsigned k = 0; k < n; k++) {
		ip_addr_t a;

		ip_addr_set_ip4_u32_val(a, lwip_htonl(dns[k]));
		dns_setserver((u8_t)k, &a);
	}
	UNLOCK_TCPIP_CORE();
}

static void report_dns(void)
{
	char a[2][IPADDR_STRLEN_MAX];
	unsigned n = 0;

	LOCK_TCPIP_CORE();
	for (u8_t k = 0; k < DNS_MAX_SERVERS; k++)
		if (!ip_addr_isany(dns_getserver(k)))
			ipaddr_ntoa_r(dns_getserver(k), a[n++], sizeof(a[0]));
	UNLOCK_TCPIP_CORE();
	if (n)
		unik_printk("net: dns %s%s%s\n", a[0], n > 1 ? " " : "", n > 1 ? a[1] : "");
}

static bool has_lease(struct netif *nif)
{
	bool ok;

	LOCK_TCPIP_CORE();
	ok = dhcp_supplied_address(nif);
	UNLOCK_TCPIP_CORE();
	return ok;
}

/* Wait for the DHCP leases of every interface asking for one, together. */
static void wait_dhcp(struct netif **nifs, struct netcfg_if *cfg, unsigned n)
{
	uint64_t deadline = unik_now_ns() + (uint64_t)DHCP_WAIT_MS * 1000000u;
	bool waiting = true;

	while (waiting && unik_now_ns() < deadline) {
		waiting = false;
		for (unsigned i = 0; i < n; i++)
			if (cfg[i].mode == NETCFG_DHCP && !has_lease(nifs[i]))
				waiting = true;
		if (waiting)
			unik_sleep_ms(20);
	}
}

static void report(struct netif *nif, struct unik_netdev *dev, const struct netcfg_if *c)
{
	char v4[64] = "", ll[64] = "";
	const uint8_t *m = dev->mac;

	LOCK_TCPIP_CORE();
	if (!ip4_addr_isany_val(*netif_ip4_addr(nif))) {
		char a[16], g[20] = "";

		ip4addr_ntoa_r(netif_ip4_addr(nif), a, sizeof(a));
		if (!ip4_addr_isany_val(*netif_ip4_gw(nif))) {
			strcpy(g, " gw ");
			ip4addr_ntoa_r(netif_ip4_gw(nif), g + 4, sizeof(g) - 4);
		}
		snprintf(v4, sizeof(v4), " %s/%d%s%s", a,
		         __builtin_popcount(ip4_addr_get_u32(netif_ip4_netmask(nif))),
		         g, c->mode == NETCFG_DHCP ? " (dhcp)" : "");
	} else if (c->mode == NETCFG_DHCP) {
		snprintf(v4, sizeof(v4), " no DHCP lease after %d s (still asking)", DHCP_WAIT_MS / 1000);
	}
	ip6addr_ntoa_r(netif_ip6_addr(nif, 0), ll, sizeof(ll));
	UNLOCK_TCPIP_CORE();
	for (char *p = ll; *p; p++) /* lwIP writes hex digits upper case */
		if (*p >= 'A' && *p <= 'F')
			*p = (char)(*p - 'A' + 'a');
	unik_printk("net: %s %02x:%02x:%02x:%02x:%02x:%02x%s %s\n", dev->name,
	            m[0], m[1], m[2], m[3], m[4], m[5], v4, ll);
}

static void tcpip_ready(void *arg) { sys_sem_signal(arg); }

static int net_init(void)
{
	unsigned n = unik_netdev_count();
	struct netif *nifs[UNIK_NETDEV_MAX];
	struct netcfg_if cfg[UNIK_NETDEV_MAX];
	bool default_set = false;
	sys_sem_t ready;
	int rc;

	rc = net_port_init();
	if (rc < 0)
		unik_printk("net: sockets unavailable (%d)\n", rc);
	sys_sem_new(&ready, 0);
	tcpip_init(tcpip_ready, &ready);
	sys_arch_sem_wait(&ready, 0);
	sys_sem_free(&ready);
	if (n == 0) {
		unik_printk("net: no network device: only the loopback works\n");
		return -ENODEV;
	}
	for (unsigned i = 0; i < n; i++) {
		struct unik_netdev *dev = unik_netdev_get(i);
		const uint8_t *m = dev->mac;

		sys_rand_seed((uint64_t)m[0] << 40 | (uint64_t)m[1] << 32 | (uint64_t)m[2] << 24 |
		              (uint64_t)m[3] << 16 | (uint64_t)m[4] << 8 | m[5]);
		LOCK_TCPIP_CORE();
		rc = ethif_add(dev, &nifs[i]);
		UNLOCK_TCPIP_CORE();
		if (rc < 0)
			return rc;
		configure(nifs[i], i, &cfg[i]);
		if (!default_set && cfg[i].mode != NETCFG_NONE) {
			LOCK_TCPIP_CORE();
			netif_set_default(nifs[i]);
			UNLOCK_TCPIP_CORE();
			default_set = true;
		}
	}
	wait_dhcp(nifs, cfg, n);
	set_dns(); /* after DHCP: explicit servers override the lease's */
	for (unsigned i = 0; i < n; i++)
		report(nifs[i], unik_netdev_get(i), &cfg[i]);
	report_dns();
	return 0;
}

UNIK_INIT(UNIK_INIT_STACK, net_init);
