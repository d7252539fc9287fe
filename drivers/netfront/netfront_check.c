/*
 * Judging the backend's responses, and parsing the MAC the toolstack
 * wrote. Portable: see netfront_check.h for the rules.
 */
#include "netfront_check.h"

#include <errno.h>

enum nf_verdict nf_check_tx(const netif_tx_response_t *r, const bool *busy,
			    unsigned nbufs, bool *reclaim)
{
	*reclaim = r->id < nbufs && busy[r->id];
	if (!*reclaim)
		return NF_BAD;
	switch (r->status) {
	case NETIF_RSP_OKAY:
		return NF_OK;
	case NETIF_RSP_ERROR:
	case NETIF_RSP_DROPPED:
		return NF_DROP;
	default: /* NETIF_RSP_NULL answers extra-info slots: we send none */
		return NF_BAD;
	}
}

enum nf_verdict nf_check_rx(const netif_rx_response_t *r, const bool *busy,
			    unsigned nbufs, bool *repost)
{
	*repost = r->id < nbufs && busy[r->id];
	if (!*repost)
		return NF_BAD;
	if (r->status == NETIF_RSP_ERROR || r->status == NETIF_RSP_DROPPED)
		return NF_DROP;
	if (r->status < (int)NF_ETH_HLEN)
		return NF_BAD;
	/* Both are 16 bits: the sum cannot wrap in unsigned arithmetic. */
	if ((unsigned)r->offset + (unsigned)r->status > NF_PAGE_SIZE)
		return NF_BAD;
	if (r->flags & (uint16_t)~NETRXF_data_validated)
		return NF_BAD;
	return NF_OK;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int nf_parse_mac(const char *s, uint8_t mac[6])
{
	uint8_t m[6];
	unsigned any = 0;

	for (int i = 0; i < 6; i++) {
		int hi = hexval(s[3 * i]),
		    lo = hi < 0 ? -1 : hexval(s[3 * i + 1]);
		char sep = lo < 0 ? 'x' : s[3 * i + 2];

		if (lo < 0 || sep != (i == 5 ? '\0' : ':'))
			return -EINVAL;
		m[i] = (uint8_t)(hi << 4 | lo);
		any |= m[i];
	}
	if (!any || (m[0] & 1)) /* zero, or a multicast/broadcast address */
		return -EINVAL;
	memcpy(mac, m, 6);
	return 0;
}
