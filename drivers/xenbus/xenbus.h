/*
 * XenStore client and XenBus state helpers (library `xenbus`, xen only).
 * Used by the Xen frontends (netfront, blkfront) and by tests; apps reach
 * it by adding `xenbus` to their libs and -I.../drivers/xenbus to cflags.
 *
 * Every call here blocks, so it runs in thread context only (UNIK_INIT
 * hooks and app threads), never in an event handler or a timer. Several
 * threads may have requests outstanding at once: replies are matched to
 * requests by req_id (docs/XENDEV.md).
 *
 * Errors: 0 or a value >= 0 on success, else a negative errno: what
 * xenstored answered (-ENOENT, -EACCES, -EEXIST, -EAGAIN, -EINVAL, ...),
 * -ERANGE when the caller's buffer is too small, -E2BIG when a request
 * exceeds XENSTORE_PAYLOAD_MAX, -ETIMEDOUT after XS_TIMEOUT_NS without a
 * reply, -EIO when the connection is broken (xenstored broke the protocol)
 * and -ENODEV before the client is up (UNIK_INIT_BUS).
 *
 * Paths without a leading '/' are relative to the domain's home,
 * /local/domain/<domid>/, as xenstored resolves them.
 */
#ifndef UNIK_XENBUS_H
#define UNIK_XENBUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unik/thread.h>
#include <xen/io/xenbus.h> /* enum xenbus_state */

typedef uint32_t xs_txn_t;
#define XS_NO_TXN 0u

/* Longest value, reply or request body (xs_wire.h XENSTORE_PAYLOAD_MAX). */
#define XS_PAYLOAD_MAX 4096
/* A request with no reply for this long fails with -ETIMEDOUT. */
#define XS_TIMEOUT_NS (30ull * 1000000000ull)
/* xs_transaction() gives up after this many -EAGAIN conflicts. */
#define XS_TXN_RETRIES 32

/* True once the ring is mapped and its event channel bound. */
bool xs_ready(void);

/* Read path into buf (NUL-terminated); returns the value's length.
 * -ERANGE when size <= length. */
int xs_read(xs_txn_t t, const char *path, char *buf, size_t size);
/* Read a decimal unsigned value; -EINVAL if it is not one. */
int xs_read_ulong(xs_txn_t t, const char *path, unsigned long *out);
int xs_write(xs_txn_t t, const char *path, const char *value);
int xs_printf(xs_txn_t t, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int xs_mkdir(xs_txn_t t, const char *path);
int xs_rm(xs_txn_t t, const char *path);
/*
 * List the children of path. Their names are stored into buf (size bytes)
 * and names[0..n) point into it; returns n. -ERANGE when buf is too small,
 * -E2BIG when there are more than max children.
 */
int xs_directory(xs_txn_t t, const char *path, char *buf, size_t size,
		 const char **names, unsigned max);

/* ---- transactions ----------------------------------------------------
 * xs_transaction_end(t, true) returns -EAGAIN when another writer changed
 * what the transaction read: nothing was written, redo it from the start.
 * xs_transaction() does that loop: body runs with a fresh transaction
 * each attempt; a body error (other than -EAGAIN) aborts and is returned.
 */
int xs_transaction_start(xs_txn_t *t);
int xs_transaction_end(xs_txn_t t, bool commit);
int xs_transaction(int (*body)(xs_txn_t t, void *arg), void *arg);

/* ---- watches ---------------------------------------------------------
 * A watch owns a bounded queue of event paths and a wait queue; events
 * arrive from the event handler and wait there until a thread takes them
 * with xs_watch_wait(). When the queue is full (or a path does not fit a
 * slot) events are dropped and the next xs_watch_wait() returns
 * -EOVERFLOW once: re-read everything under the watched path. xenstored
 * fires every new watch once right away, so the first event is the
 * registration itself. The object must stay alive until xs_watch_remove.
 */
#define XS_WATCH_QLEN	  8
#define XS_WATCH_PATH_MAX 256

struct xs_watch {
	char path[XS_WATCH_PATH_MAX];
	char token[16];
	char queue[XS_WATCH_QLEN][XS_WATCH_PATH_MAX];
	unsigned head, count; /* ring of queued event paths */
	bool lost;	      /* events dropped since the last wait */
	uint64_t events, dropped;
	struct unik_waitq wq;
	struct xs_watch *next;
};

int xs_watch_add(struct xs_watch *w, const char *path);
int xs_watch_remove(struct xs_watch *w);
/* Take the oldest event into path; 0, -ETIMEDOUT at deadline_ns
 * (UNIK_FOREVER: none), -EOVERFLOW (events were lost), -ERANGE. */
int xs_watch_wait(struct xs_watch *w, char *path, size_t size,
		  uint64_t deadline_ns);

/* ---- helpers ---------------------------------------------------------- */

/* buf = dir "/" node; -ENAMETOOLONG if it does not fit. */
int xs_path(char *buf, size_t size, const char *dir, const char *node);
/* A decimal unsigned long, the whole string; -EINVAL otherwise. */
int xs_parse_ulong(const char *s, unsigned long *out);

/* ---- XenBus device states --------------------------------------------
 * A device is a frontend directory (device/vif/0) and a backend directory
 * (/local/domain/0/backend/vif/<domid>/0), each with a `state` node.
 */
#define XENBUS_STATE_BIT(s) (1u << (s))

/* The state in dir/state, or a negative errno (-EINVAL: not a state). */
int xenbus_read_state(const char *dir);
/* Write dir/state = s (within its own transaction). */
int xenbus_switch_state(const char *dir, enum xenbus_state s);
/*
 * Wait until dir/state is one of the states in accept (a mask of
 * XENBUS_STATE_BIT) through a watch on dir/state; returns that state, or
 * -ETIMEDOUT at deadline_ns with *last (if not NULL) set to the state
 * seen last.
 */
int xenbus_wait_state(const char *dir, unsigned accept, uint64_t deadline_ns,
		      int *last);
const char *xenbus_state_name(int s);

/* ---- diagnostics ------------------------------------------------------ */
struct xs_stats {
	uint64_t requests, replies, watch_events;
	uint64_t bad_replies;	/* unknown req_id, wrong type, bad body */
	uint64_t unknown_watch; /* event for a token we do not hold */
	uint64_t broken;	/* 1 once the stream was found corrupt */
};
void xs_get_stats(struct xs_stats *out);

#endif
