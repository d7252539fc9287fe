/*
 * XenBus device states: each end of a split device publishes its state
 * in <dir>/state, and each end moves on when the other reaches a given
 * state (Initialising -> InitWait -> Initialised -> Connected -> Closing
 * -> Closed). The frontends use these helpers and watch the other end's
 * state node instead of polling it.
 */
#include "xs_internal.h"

#include <stdlib.h>

static const char *const state_names[] = {
    "Unknown", "Initialising", "InitWait",	"Initialised",	"Connected",
    "Closing", "Closed",       "Reconfiguring", "Reconfigured",
};
#define NSTATES ((int)(sizeof(state_names) / sizeof(state_names[0])))

const char *xenbus_state_name(int s)
{
	return s >= 0 && s < NSTATES ? state_names[s] : "invalid";
}

int xenbus_read_state(const char *dir)
{
	char path[XS_WATCH_PATH_MAX];
	unsigned long v;
	int rc = xs_path(path, sizeof(path), dir, "state");

	if (rc == 0)
		rc = xs_read_ulong(XS_NO_TXN, path, &v);
	if (rc < 0)
		return rc;
	return v < (unsigned long)NSTATES ? (int)v : -EINVAL;
}

struct switch_arg {
	char path[XS_WATCH_PATH_MAX];
	enum xenbus_state state;
};

static int switch_body(xs_txn_t t, void *arg)
{
	struct switch_arg *a = arg;
	char cur[16];
	int rc = xs_read(t, a->path, cur, sizeof(cur));

	/* A missing node means the toolstack removed the device: writing
	 * would resurrect a directory nobody will ever clean up. */
	if (rc < 0)
		return rc;
	return xs_printf(t, a->path, "%d", (int)a->state);
}

int xenbus_switch_state(const char *dir, enum xenbus_state s)
{
	struct switch_arg a = {.state = s};
	int rc = xs_path(a.path, sizeof(a.path), dir, "state");

	return rc < 0 ? rc : xs_transaction(switch_body, &a);
}

int xenbus_wait_state(const char *dir, unsigned accept, uint64_t deadline_ns,
		      int *last)
{
	char path[XS_WATCH_PATH_MAX], ev[XS_WATCH_PATH_MAX];
	struct xs_watch *w = malloc(sizeof(*w));
	int st, rc;

	if (!w)
		return -ENOMEM;
	rc = xs_path(path, sizeof(path), dir, "state");
	if (rc == 0)
		rc = xs_watch_add(w, path);
	if (rc < 0) {
		free(w);
		return rc;
	}
	/* Read after the watch is in place: a change between the read and
	 * the wait then leaves an event, so it cannot be slept through. */
	for (;;) {
		st = xenbus_read_state(dir);
		if (st >= 0 && (accept & XENBUS_STATE_BIT(st)))
			break;
		if (last)
			*last = st;
		rc = xs_watch_wait(w, ev, sizeof(ev), deadline_ns);
		if (rc < 0 && rc != -EOVERFLOW) {
			st = rc;
			break;
		}
	}
	xs_watch_remove(w);
	free(w);
	return st;
}
