/*
 * Time from Xen's pvclock: vcpu_info[0].time in shared_info holds a
 * (tsc_timestamp, system_time) pair and the TSC->ns scale; Xen rewrites it
 * now and then (on vCPU migration, frequency changes, periodic resync).
 *
 * System time = ns since Xen booted. It is the clock of every deadline
 * Xen takes (VCPUOP_set_singleshot_timer, SCHEDOP_poll), so using it as
 * plat_monotonic_ns lets deadlines pass through untranslated.
 */
#include "xen_plat.h"

#include <unik/plat.h>

#include "../../arch/x86_64/cpu.h"

/*
 * Seqlock read: Xen makes version odd while updating and bumps it again
 * when done, so an even version that did not change across the reads
 * proves a consistent snapshot. rdtsc sits inside the loop, so the TSC
 * value belongs to the same epoch as the snapshot.
 */
static uint64_t pvclock_read(const volatile struct vcpu_time_info *t)
{
	uint32_t version, mul;
	uint64_t tsc_stamp, sys, delta;
	int8_t shift;

	do {
		version = t->version;
		x86_barrier();
		tsc_stamp = t->tsc_timestamp;
		sys = t->system_time;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		delta = x86_rdtsc() - tsc_stamp;
		x86_barrier();
	} while ((version & 1) || version != t->version);

	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	/* mul is a 32.32 fixed-point factor: the product needs 96 bits. */
	return sys + (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t xen_system_time_ns(void)
{
	return pvclock_read(&xen_vcpu0()->time);
}

uint64_t plat_monotonic_ns(void)
{
	/*
	 * One vCPU, so pvclock is monotonic unless Xen steps the scale
	 * under us; clamp anyway so callers never see time go back. Not
	 * atomic with respect to an upcall, which never reads the clock.
	 */
	static uint64_t last;
	uint64_t now = xen_system_time_ns();

	if (now < last)
		return last;
	last = now;
	return now;
}

uint64_t plat_wallclock_ns(void)
{
	const volatile struct shared_info *s = xen_shared_info;
	uint32_t version, nsec;
	uint64_t sec;

	/* Same seqlock protocol as pvclock, on wc_version. wc_* is the wall
	 * clock at system time 0. */
	do {
		version = s->wc_version;
		x86_barrier();
		sec = ((uint64_t)s->wc_sec_hi << 32) | s->wc_sec;
		nsec = s->wc_nsec;
		x86_barrier();
	} while ((version & 1) || version != s->wc_version);

	return sec * 1000000000u + nsec + plat_monotonic_ns();
}

void time_init(void)
{
	/* A zero scale means Xen never published the clock: every deadline
	 * would be wrong, so stop here rather than hang later. */
	if (xen_vcpu0()->time.tsc_to_system_mul == 0)
		xen_boot_fail("pvclock not initialised by Xen", 0);
}
