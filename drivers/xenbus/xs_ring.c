/*
 * The XenStore ring: two byte streams (requests to xenstored, replies and
 * watch events from it) of XENSTORE_RING_SIZE bytes each, in one page
 * shared with xenstored. Free-running 32-bit indices; a byte's position is
 * MASK_XENSTORE_IDX(index).
 *
 * Portable: only memory and fences, so the unit tests drive it with a
 * page in host memory. The other side is untrusted: every index it writes
 * is checked (prod - cons must be within a ring), every position is
 * masked, and no byte is read outside req[]/rsp[].
 */
#include "xs_internal.h"

#include <string.h>

#define RING XENSTORE_RING_SIZE
#define HDR  ((uint32_t)sizeof(struct xsd_sockmsg))

/* The other side's index: read exactly once per use (it may change under
 * us; two reads could disagree). */
static XENSTORE_RING_IDX load_idx(const XENSTORE_RING_IDX *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void store_idx(XENSTORE_RING_IDX *p, XENSTORE_RING_IDX v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

void xs_ring_init(struct xs_ring *r, struct xenstore_domain_interface *intf)
{
	r->intf = intf;
	/* A fresh domain starts at 0/0; a previous user of the page (a boot
	 * loader) may have left other values, which are ours to continue
	 * from. Only our own indices are taken from the page, once. */
	r->req_prod = load_idx(&intf->req_prod);
	r->rsp_cons = load_idx(&intf->rsp_cons);
}

int xs_ring_put(struct xs_ring *r, const void *data, size_t len)
{
	struct xenstore_domain_interface *in = r->intf;
	XENSTORE_RING_IDX cons = load_idx(&in->req_cons);
	XENSTORE_RING_IDX used = r->req_prod - cons;
	const char *src = data;
	size_t n = 0;

	if (used > RING)
		return -EPROTO;
	/* req_cons is read before we overwrite the bytes it frees: xenstored
	 * must be done reading them (it writes req_cons after reading). */
	xs_mb();
	while (n < len && used < RING) {
		uint32_t pos = MASK_XENSTORE_IDX(r->req_prod);
		size_t chunk = len - n;

		if (chunk > RING - used)
			chunk = RING - used;
		if (chunk > RING - pos)
			chunk =
			    RING - pos; /* up to the end of req[], wrap next */
		memcpy(in->req + pos, src + n, chunk);
		n += chunk;
		used += (uint32_t)chunk;
		r->req_prod += (uint32_t)chunk;
	}
	if (n) {
		/* The bytes become visible before the index that publishes
		 * them (xenstored reads req_prod, then the bytes). */
		xs_wmb();
		store_idx(&in->req_prod, r->req_prod);
	}
	return (int)n;
}

/* Where the next bytes of the message go, and how many are still wanted. */
static char *next_dst(struct xs_rx *rx, uint32_t *want)
{
	if (rx->got < HDR) {
		*want = HDR - rx->got;
		return (char *)&rx->hdr + rx->got;
	}
	*want = HDR + rx->hdr.len - rx->got;
	return rx->body + (rx->got - HDR);
}

int xs_ring_get(struct xs_ring *r, struct xs_rx *rx, size_t *taken)
{
	struct xenstore_domain_interface *in = r->intf;
	XENSTORE_RING_IDX prod = load_idx(&in->rsp_prod);
	XENSTORE_RING_IDX avail = prod - r->rsp_cons;
	int rc = 0;

	if (avail > RING)
		return -EPROTO;
	/* The index is read before the bytes it covers. */
	xs_rmb();
	for (;;) {
		uint32_t pos = MASK_XENSTORE_IDX(r->rsp_cons), want, chunk;
		char *dst;

		if (rx->got >= HDR && rx->got == HDR + rx->hdr.len) {
			rx->body[rx->hdr.len] = '\0';
			rc = 1;
			break;
		}
		if (avail == 0)
			break;
		dst = next_dst(rx, &want);
		chunk = want < avail ? want : avail;
		if (chunk > RING - pos)
			chunk = RING - pos;
		memcpy(dst, in->rsp + pos, chunk);
		rx->got += chunk;
		avail -= chunk;
		r->rsp_cons += chunk;
		*taken += chunk;
		/* The header is complete: from here on hdr.len sizes a copy
		 * into body[], so it is checked before the first body byte. */
		if (rx->got == HDR && rx->hdr.len > XENSTORE_PAYLOAD_MAX) {
			rc = -EPROTO;
			break;
		}
	}
	/* We are done reading the bytes before handing their space back:
	 * xenstored may overwrite them as soon as it sees rsp_cons. */
	xs_mb();
	store_idx(&in->rsp_cons, r->rsp_cons);
	return rc;
}
