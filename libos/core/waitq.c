/*
 * Wait queues and sleeping.
 *
 * A waiter lives on the blocked thread's stack, so waiting allocates
 * nothing and cannot fail. A timed wait arms the thread's own timer; the
 * timer and a wake-up may race within one scheduler pass, so the waiter's
 * `woken` flag, not the timer, decides the result.
 */
#include "core.h"

#include <unik/unik.h>

#include <errno.h>

struct unik_waiter {
	struct unik_thread *thread;
	struct unik_waiter *next;
	bool woken;
};

static void waiter_remove(struct unik_waitq *wq, struct unik_waiter *w)
{
	struct unik_waiter **p = &wq->head, *prev = NULL;

	while (*p && *p != w) {
		prev = *p;
		p = &(*p)->next;
	}
	if (!*p)
		return;
	*p = w->next;
	if (wq->tail == w)
		wq->tail = prev;
}

static void timeout_fn(struct unik_timer *t)
{
	sched_wake(t->arg);
}

int unik_waitq_wait(struct unik_waitq *wq, uint64_t deadline_ns)
{
	struct unik_thread *self = unik_thread_self();
	struct unik_waiter w = {.thread = self};

	UNIK_ASSERT(self != NULL);
	if (deadline_ns != UNIK_FOREVER && deadline_ns <= unik_now_ns())
		return -ETIMEDOUT;
	if (wq->tail)
		wq->tail->next = &w;
	else
		wq->head = &w;
	wq->tail = &w;
	if (deadline_ns != UNIK_FOREVER) {
		self->timer.fn = timeout_fn;
		unik_timer_arm(&self->timer, deadline_ns);
	}
	sched_block();
	unik_timer_cancel(&self->timer);
	if (w.woken)
		return 0;
	waiter_remove(wq, &w);
	return -ETIMEDOUT;
}

bool unik_waitq_wake_one(struct unik_waitq *wq)
{
	struct unik_waiter *w = wq->head;

	if (!w)
		return false;
	wq->head = w->next;
	if (!wq->head)
		wq->tail = NULL;
	w->woken = true;
	sched_wake(w->thread);
	return true;
}

void unik_waitq_wake_all(struct unik_waitq *wq)
{
	while (unik_waitq_wake_one(wq))
		;
}

void unik_sleep_ns(uint64_t ns)
{
	struct unik_thread *self = unik_thread_self();
	uint64_t deadline = unik_now_ns() + ns;

	UNIK_ASSERT(self != NULL);
	self->timer.fn = timeout_fn;
	/* Loop: a spurious wake (none expected today) must not end the
	 * sleep early. */
	while (unik_now_ns() < deadline) {
		unik_timer_arm(&self->timer, deadline);
		sched_block();
		unik_timer_cancel(&self->timer);
	}
}
