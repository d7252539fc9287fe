/*
 * plat_wait on unix: sleep in ppoll() until the deadline or until a
 * watched fd becomes readable, then run the watchers' handlers.
 */
#define _GNU_SOURCE
#include "unix.h"

#include <unik/plat.h>
#include <unik/thread.h>

#include <errno.h>
#include <poll.h>
#include <time.h>

#define MAX_WATCH 64

struct watch {
	void (*fn)(void *arg);
	void *arg;
};

static struct pollfd pfds[MAX_WATCH];
static struct watch watches[MAX_WATCH];
static int nwatch;

int plat_unix_watch_fd(int fd, void (*fn)(void *arg), void *arg)
{
	for (int i = 0; i < nwatch; i++)
		if (pfds[i].fd == fd)
			return -EEXIST;
	if (nwatch == MAX_WATCH)
		return -ENOSPC;
	pfds[nwatch] = (struct pollfd){.fd = fd, .events = POLLIN};
	watches[nwatch] = (struct watch){.fn = fn, .arg = arg};
	nwatch++;
	return 0;
}

void plat_unix_unwatch_fd(int fd)
{
	for (int i = 0; i < nwatch; i++) {
		if (pfds[i].fd == fd) {
			nwatch--;
			pfds[i] = pfds[nwatch];
			watches[i] = watches[nwatch];
			return;
		}
	}
}

void plat_wait(uint64_t deadline_ns)
{
	uint64_t now = plat_monotonic_ns();
	struct timespec ts = {0, 0}, *tsp = &ts;
	int n;

	if (deadline_ns == UNIK_FOREVER)
		tsp = NULL;
	else if (deadline_ns > now) {
		ts.tv_sec = (time_t)((deadline_ns - now) / 1000000000u);
		ts.tv_nsec = (long)((deadline_ns - now) % 1000000000u);
	}
	if (nwatch == 0 && tsp && ts.tv_sec == 0 && ts.tv_nsec == 0)
		return; /* a pure poll with nothing to poll */
	n = ppoll(pfds, (nfds_t)nwatch, tsp, NULL);
	if (n <= 0)
		return; /* timeout, or EINTR: callers re-check their state */
	for (int i = 0; i < nwatch; i++)
		if (pfds[i].revents & (POLLIN | POLLERR | POLLHUP))
			watches[i].fn(watches[i].arg);
}
