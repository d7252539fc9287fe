/*
 * Validation of what the backend writes, and MAC parsing: the pure parts
 * of netfront (host-tested in tests/test_netfront_check.c).
 *
 * The backend is untrusted. Each response is copied out of the shared
 * ring once (RING_COPY_RESPONSE) and judged here on the copy, so the
 * backend cannot change it between the check and the use.
 */
#ifndef UNIK_NETFRONT_CHECK_H
#define UNIK_NETFRONT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h> /* memcpy, for ring.h's macros */

/* Barriers for ring.h's macros (the latest interface leaves them to us).
 * x86 is TSO: rmb and wmb are compiler barriers; mb (store->load, as in
 * "publish req_prod, then read req_event") is a real fence. */
#define xen_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define xen_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define xen_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

#include <xen/grant_table.h>
#include <xen/io/netif.h>

#define NF_PAGE_SIZE 4096u
#define NF_ETH_HLEN  14u

enum nf_verdict {
	NF_OK,	 /* a good frame / a frame sent */
	NF_DROP, /* the backend reports a lost frame: a drop, not an attack */
	NF_BAD,	 /* outside the protocol we negotiated: bad_responses */
};

/*
 * TX response. *reclaim is set when r->id names a slot in flight: the
 * backend is done with it (whatever the status), so it is freed. An id
 * out of range or not in flight touches no slot, so a duplicated or
 * forged response can never free a slot twice.
 */
enum nf_verdict nf_check_tx(const netif_tx_response_t *r, const bool *busy,
			    unsigned nbufs, bool *reclaim);

/*
 * RX response. *repost as above (the buffer comes back to us). NF_OK
 * only for one whole frame in one slot: status (its length) at least an
 * Ethernet header, offset + status within the page, and no flag beyond
 * NETRXF_data_validated: we advertised neither feature-sg (more_data),
 * GSO (extra_info, gso_prefix) nor checksum offload (csum_blank).
 */
enum nf_verdict nf_check_rx(const netif_rx_response_t *r, const bool *busy,
			    unsigned nbufs, bool *repost);

/* "00:16:3e:01:02:03" -> 6 bytes; -EINVAL unless exactly that form of a
 * unicast, non-zero address. */
int nf_parse_mac(const char *s, uint8_t mac[6]);

#endif
