/* Parsing the network settings (see netcfg.h). */
#include "netcfg.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Decimal number of 1..3 digits at *s, at most max; advances *s. */
static int number(const char **s, unsigned max, unsigned *out)
{
	unsigned v = 0, n = 0;

	while (**s >= '0' && **s <= '9' && n < 3) {
		v = v * 10 + (unsigned)(**s - '0');
		(*s)++;
		n++;
	}
	if (n == 0 || (**s >= '0' && **s <= '9') || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Parse an address at *s, advancing past it. */
static int ip4_at(const char **s, uint32_t *out)
{
	uint32_t ip = 0;

	for (int i = 0; i < 4; i++) {
		unsigned part;

		if (i > 0 && *(*s)++ != '.')
			return -EINVAL;
		if (number(s, 255, &part) < 0)
			return -EINVAL;
		ip = ip << 8 | part;
	}
	*out = ip;
	return 0;
}

int netcfg_parse_ip4(const char *s, uint32_t *out)
{
	uint32_t ip;

	if (ip4_at(&s, &ip) < 0 || *s != '\0')
		return -EINVAL;
	*out = ip;
	return 0;
}

uint32_t netcfg_mask(unsigned prefix)
{
	return prefix == 0 ? 0 : prefix >= 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
}

int netcfg_parse_ifaddr(const char *s, struct netcfg_if *c)
{
	uint32_t ip;
	unsigned prefix;

	if (strcmp(s, "") == 0 || strcmp(s, "none") == 0) {
		*c = (struct netcfg_if){.mode = NETCFG_NONE};
		return 0;
	}
	if (strcmp(s, "dhcp") == 0) {
		*c = (struct netcfg_if){.mode = NETCFG_DHCP};
		return 0;
	}
	if (ip4_at(&s, &ip) < 0 || *s++ != '/' || number(&s, 32, &prefix) < 0 ||
	    *s != '\0' || prefix == 0)
		return -EINVAL;
	*c = (struct netcfg_if){.mode = NETCFG_STATIC, .ip = ip,
	                        .mask = netcfg_mask(prefix), .prefix = prefix};
	return 0;
}

int netcfg_parse_gw(const char *s, uint32_t *gw)
{
	if (*s == '\0') {
		*gw = 0;
		return 0;
	}
	return netcfg_parse_ip4(s, gw);
}

int netcfg_parse_dns(const char *s, uint32_t dns[NETCFG_DNS_MAX], unsigned *n)
{
	uint32_t got[NETCFG_DNS_MAX];
	unsigned k = 0;

	for (;;) {
		while (*s == ',' || *s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if (k == NETCFG_DNS_MAX || ip4_at(&s, &got[k]) < 0)
			return -EINVAL;
		if (*s != '\0' && *s != ',' && *s != ' ' && *s != '\t')
			return -EINVAL;
		k++;
	}
	memcpy(dns, got, k * sizeof(got[0]));
	*n = k;
	return 0;
}

const char *netcfg_key(char *buf, size_t size, const char *base, unsigned i)
{
	if (i == 0)
		snprintf(buf, size, "%s", base);
	else
		snprintf(buf, size, "%s%u", base, i);
	return buf;
}
