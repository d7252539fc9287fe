/*
 * The two unik calls net/http makes, for the host-only build of the
 * server (host_smoke.sh): there the library runs as a plain process on
 * the host's sockets, with no unik core linked.
 */
#define _POSIX_C_SOURCE 200809L
#include <unik/thread.h>

#include <time.h>

static uint64_t ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t unik_now_ns(void)
{
	return ns(CLOCK_MONOTONIC);
}

uint64_t unik_wallclock_ns(void)
{
	return ns(CLOCK_REALTIME);
}
