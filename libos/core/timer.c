/*
 * One-shot timers on a list sorted by deadline.
 *
 * Insertion is O(n) in the number of armed timers, removal of the earliest
 * is O(1). Images arm few timers at once (one per sleeping or timed-out
 * thread, a few in lwIP), so a list beats a heap on constant factors; revisit
 * if a workload arms thousands.
 */
#include "core.h"

#include <unik/plat.h>
#include <unik/unik.h>

static struct unik_timer *timers; /* sorted by deadline, FIFO among equals */

void unik_timer_init(struct unik_timer *t, void (*fn)(struct unik_timer *),
                     void *arg)
{
	t->deadline_ns = 0;
	t->fn = fn;
	t->arg = arg;
	t->next = NULL;
	t->armed = false;
}

bool unik_timer_cancel(struct unik_timer *t)
{
	struct unik_timer **p = &timers;

	if (!t->armed)
		return false;
	while (*p && *p != t)
		p = &(*p)->next;
	UNIK_ASSERT(*p == t);
	*p = t->next;
	t->next = NULL;
	t->armed = false;
	return true;
}

void unik_timer_arm(struct unik_timer *t, uint64_t deadline_ns)
{
	struct unik_timer **p = &timers;

	UNIK_ASSERT(t->fn != NULL);
	unik_timer_cancel(t);
	/* "<=": a new timer goes after every timer with the same deadline. */
	while (*p && (*p)->deadline_ns <= deadline_ns)
		p = &(*p)->next;
	t->deadline_ns = deadline_ns;
	t->next = *p;
	*p = t;
	t->armed = true;
}

uint64_t timers_run(uint64_t now)
{
	while (timers && timers->deadline_ns <= now) {
		struct unik_timer *t = timers;

		timers = t->next;
		t->next = NULL;
		t->armed = false;
		t->fn(t); /* may re-arm t or arm others */
	}
	return timers ? timers->deadline_ns : UNIK_FOREVER;
}

uint64_t unik_now_ns(void) { return plat_monotonic_ns(); }
uint64_t unik_wallclock_ns(void) { return plat_wallclock_ns(); }
