/*
 * Parsing the network settings (manifest values and unik.* options), pure
 * C for host unit tests (tests/test_netcfg.c). Addresses are host order.
 */
#ifndef UNIK_LWIP_NETCFG_H
#define UNIK_LWIP_NETCFG_H

#include <stddef.h>
#include <stdint.h>

enum netcfg_mode { NETCFG_NONE, NETCFG_STATIC, NETCFG_DHCP };

struct netcfg_if {
	enum netcfg_mode mode;
	uint32_t ip, mask, gw; /* static only; gw 0: none */
	unsigned prefix;
};

#define NETCFG_DNS_MAX 2

/* "A.B.C.D", each part 0..255 in decimal, nothing else: 0 or -EINVAL. */
int netcfg_parse_ip4(const char *s, uint32_t *out);

/*
 * An interface's address: "" or "none" (IPv4 off), "dhcp", or
 * "A.B.C.D/N" with N in 1..32. 0 or -EINVAL (c untouched then).
 */
int netcfg_parse_ifaddr(const char *s, struct netcfg_if *c);

/* A gateway: "" (none) or "A.B.C.D". 0 or -EINVAL. */
int netcfg_parse_gw(const char *s, uint32_t *gw);

/*
 * DNS servers: "" or addresses separated by commas or blanks, at most
 * NETCFG_DNS_MAX. Stores them and their number; 0 or -EINVAL.
 */
int netcfg_parse_dns(const char *s, uint32_t dns[NETCFG_DNS_MAX], unsigned *n);

/* Netmask of a prefix length 0..32. */
uint32_t netcfg_mask(unsigned prefix);

/*
 * The option name of setting `base` for interface i: "ip" for vif0, "ip1"
 * for vif1, ... Writes into buf (size >= 16) and returns it.
 */
const char *netcfg_key(char *buf, size_t size, const char *base, unsigned i);

#endif
