/*
 * Network keys of the manifest: ip (one entry per interface: "dhcp" or
 * A.B.C.D/N), gateway, dns, bridge (one for all interfaces or one each).
 * The values reach the image's run-time config (NET_* make variables) and
 * the xl config's vif list.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "manifest_pctx.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Strict dotted quad: four decimal octets, no leading zeros, no blanks. */
static bool ipv4_valid(const char *s)
{
	for (int i = 0; i < 4; i++) {
		unsigned v = 0, digits = 0;

		while (isdigit((unsigned char)*s)) {
			v = v * 10 + (unsigned)(*s++ - '0');
			if (++digits > 3)
				return false;
		}
		if (digits == 0 || v > 255 || (digits > 1 && s[-(int)digits] == '0'))
			return false;
		if (i < 3 && *s++ != '.')
			return false;
	}
	return *s == '\0';
}

static bool cidr_valid(const char *s)
{
	char addr[24];
	const char *slash = strchr(s, '/');
	unsigned len = 0;

	if (!slash || (size_t)(slash - s) >= sizeof(addr))
		return false;
	memcpy(addr, s, (size_t)(slash - s));
	addr[slash - s] = '\0';
	if (!ipv4_valid(addr) || !slash[1] || strlen(slash + 1) > 2)
		return false;
	for (const char *p = slash + 1; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return false;
		len = len * 10 + (unsigned)(*p - '0');
	}
	return len >= 1 && len <= 32;
}

static bool ifname_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > IFNAME_LEN)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_.-", *s))
			return false;
	return true;
}

int manifest_parse_ip(const struct pctx *c, const char *v)
{
	struct net_conf *n = &c->m->net;
	char words[NET_IFS_MAX][24];
	unsigned count;
	int rc = split_words(v, &words[0][0], sizeof(words[0]), NET_IFS_MAX,
	                     &count);

	if (rc == -E2BIG)
		return BAD(c, "too many interfaces in ip (expected at most %d)",
		           NET_IFS_MAX);
	if (rc || count == 0)
		return BAD(c, "bad ip '%s' (expected dhcp or A.B.C.D/N, one "
		              "per interface)", v);
	for (unsigned i = 0; i < count; i++) {
		if (strcmp(words[i], "dhcp") != 0 && !cidr_valid(words[i]))
			return BAD(c, "bad ip '%s' (expected dhcp or A.B.C.D/N "
			              "with N in 1..32)", words[i]);
		strcpy(n->ip[i], words[i]);
	}
	n->n = count;
	return 0;
}

static int parse_addr(const struct pctx *c, const char *key, const char *v,
                      char out[16])
{
	if (!ipv4_valid(v))
		return BAD(c, "bad %s '%s' (expected an IPv4 address A.B.C.D)",
		           key, v);
	strcpy(out, v);
	return 0;
}

int manifest_parse_gateway(const struct pctx *c, const char *v)
{
	return parse_addr(c, "gateway", v, c->m->net.gateway);
}

int manifest_parse_dns(const struct pctx *c, const char *v)
{
	return parse_addr(c, "dns", v, c->m->net.dns);
}

int manifest_parse_bridge(const struct pctx *c, const char *v)
{
	struct net_conf *n = &c->m->net;
	unsigned count;
	int rc = split_words(v, &n->bridge[0][0], sizeof(n->bridge[0]),
	                     NET_IFS_MAX, &count);

	if (rc == -E2BIG)
		return BAD(c, "too many bridges (expected at most %d)",
		           NET_IFS_MAX);
	for (unsigned i = 0; rc == 0 && i < count; i++)
		if (!ifname_valid(n->bridge[i]))
			rc = -EINVAL;
	if (rc || count == 0)
		return BAD(c, "bad bridge '%s' (expected interface names of at "
		              "most %d characters [A-Za-z0-9_.-])", v, IFNAME_LEN);
	n->nbridges = count;
	return 0;
}

/* Across keys: bridges match the interfaces; gateway/dns need an ip. */
int manifest_check_net(struct manifest *m, struct err *e)
{
	struct net_conf *n = &m->net;
	unsigned line = m->line[MK_BRIDGE];

	if (n->n == 0 && (m->line[MK_GATEWAY] || m->line[MK_DNS] || line))
		return err_at(e, -EINVAL, m->path,
		              m->line[MK_GATEWAY] ? m->line[MK_GATEWAY]
		              : m->line[MK_DNS]   ? m->line[MK_DNS]
		                                  : line,
		              "network settings without an interface (expected "
		              "an 'ip = ...' line)");
	if (n->nbridges > 1 && n->nbridges != n->n)
		return err_at(e, -EINVAL, m->path, line,
		              "%u bridges for %u interfaces (expected one bridge "
		              "for all, or one per ip entry)", n->nbridges, n->n);
	for (unsigned i = n->nbridges; i < n->n; i++)
		strcpy(n->bridge[i], n->nbridges ? n->bridge[0] : "xenbr0");
	return 0;
}
