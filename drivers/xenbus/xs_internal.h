/*
 * Internals of the XenStore client, shared by its files:
 *
 *   xs_ring.c   byte streams over the shared page (portable, host-tested)
 *   xs_proto.c  wire-format parsing: errors, directories, watch events,
 *               reply completion (portable, host-tested)
 *   xs_conn.c   the connection: ring mapping, event handler, writer lock
 *   xs_req.c    requests, req_id matching, transactions
 *   xs_watch.c  watches
 *   xs_state.c  XenBus device states
 */
#ifndef UNIK_XS_INTERNAL_H
#define UNIK_XS_INTERNAL_H

#include "xenbus.h"

#include <errno.h> /* before xs_wire.h: its xsd_errors table needs EINVAL & co */
#include <stdint.h>

#include <xen/io/xs_wire.h>

/*
 * Barriers for memory shared with another domain (running on another
 * CPU). x86 is TSO: loads are not reordered with older loads, stores not
 * with older stores, stores not with older loads; acquire and release
 * fences are therefore compiler barriers, and only store->load ordering
 * would need a real fence. They are written as fences anyway, so the
 * required ordering is stated where it matters.
 */
#define xs_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define xs_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define xs_mb()	 __atomic_thread_fence(__ATOMIC_SEQ_CST)

/* ---- xs_ring.c ---------------------------------------------------------- */

struct xs_ring {
	struct xenstore_domain_interface *intf;
	/* Private copies of the two indices we own. The page's copies are
	 * mirrors that xenstored (or anyone who can write the page) may
	 * scribble on; we never read them back. */
	XENSTORE_RING_IDX req_prod, rsp_cons;
};

/* A reply or watch event being assembled from the response stream. */
struct xs_rx {
	struct xsd_sockmsg hdr;
	char body[XENSTORE_PAYLOAD_MAX + 1]; /* +1: always NUL-terminated */
	uint32_t got;			     /* bytes of hdr + body so far */
};

void xs_ring_init(struct xs_ring *r, struct xenstore_domain_interface *intf);
/* Copy up to len bytes into the request ring and publish them. Returns
 * the number written (0: ring full), or -EPROTO when req_cons is
 * impossible (more than a ring's worth behind or ahead of us). */
int xs_ring_put(struct xs_ring *r, const void *data, size_t len);
/* Take response bytes into rx. Returns 1 when rx holds a whole message
 * (the caller handles it, then sets rx->got = 0), 0 when more bytes are
 * needed, -EPROTO for a corrupt stream (impossible rsp_prod, or a header
 * announcing more than XENSTORE_PAYLOAD_MAX). Adds the bytes taken to
 * *taken (so the caller knows to notify xenstored). */
int xs_ring_get(struct xs_ring *r, struct xs_rx *rx, size_t *taken);

/* ---- xs_proto.c --------------------------------------------------------- */

/* A request waiting for its reply; lives on the requesting thread's stack
 * and is linked in the pending list from before the request is written
 * until the reply (or a timeout, or the connection's end) unlinks it. */
struct xs_pending {
	uint32_t req_id, type;
	char *buf;   /* reply body, NUL-terminated */
	size_t size; /* of buf */
	uint32_t len;
	int err;
	bool done;
	struct unik_waitq wq;
	struct xs_pending *next;
};

/* Unlink and return the pending request with this req_id, or NULL. */
struct xs_pending *xs_pending_take(struct xs_pending **head, uint32_t req_id);
/* Fill p from the reply in rx: p->err = 0, xenstored's error as -errno,
 * -ERANGE (buf too small) or -EIO (reply of the wrong type). Returns true
 * if the reply was malformed (counted as a bad reply). */
bool xs_complete(struct xs_pending *p, const struct xs_rx *rx);
/* xenstored error string ("ENOENT") -> -errno; unknown strings -> -EIO. */
int xs_errno(const char *s);
/* Split a directory reply body (NUL-separated names, body[len] == 0). */
int xs_split_dir(const char *body, uint32_t len, const char **names,
		 unsigned max);
/* path\0token\0 of a watch event; -EPROTO when malformed. */
int xs_parse_event(const char *body, uint32_t len, const char **path,
		   const char **token);

/* ---- xs_conn.c ---------------------------------------------------------- */

struct xs_iov {
	const void *base;
	size_t len;
};

/* 0 when requests can be sent, -ENODEV (not up) or -EIO (broken). */
int xs_conn_status(void);
/* Write one whole message (header then the pieces) under the writer
 * lock, waiting for ring space until deadline_ns. */
int xs_conn_send(const struct xsd_sockmsg *hdr, const struct xs_iov *iov,
		 unsigned n, uint64_t deadline_ns);
extern struct xs_stats xs_stats;

/* ---- xs_req.c / xs_watch.c: called by the event handler ----------------- */

void xs_req_deliver(const struct xs_rx *rx);
void xs_req_fail_all(int err);
void xs_watch_deliver(const struct xs_rx *rx);
void xs_watch_wake_all(void);
/* Send a request and wait for its reply (thread context). */
int xs_request(uint32_t type, xs_txn_t t, const struct xs_iov *iov, unsigned n,
	       char *buf, size_t size, uint32_t *len);

#endif
