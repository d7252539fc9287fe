/*
 * Cooperative threads, wait queues and timers (library `core`).
 *
 * One CPU, no preemption: a thread runs until it yields, sleeps, waits or
 * exits. Code between two blocking calls is therefore atomic with respect
 * to other threads, which is what lets drivers and lwIP share state without
 * locks. Event handlers (Xen event channels, unix fds) run from the idle loop
 * in scheduler context and may only wake threads or arm timers.
 */
#ifndef UNIK_THREAD_H
#define UNIK_THREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct unik_thread;

/* Default stack size of a new thread (plus one guard page below it). */
#define UNIK_STACK_SIZE (64 * 1024)

/* Deadline that never expires, for waits without a timeout. */
#define UNIK_FOREVER UINT64_MAX

/*
 * Create a runnable thread running fn(arg); it starts at the next
 * scheduling point. name is copied (truncated to 15 chars). stack_size 0
 * means UNIK_STACK_SIZE. Returns 0 and stores the thread in *out (may be
 * NULL if the caller does not join), or -ENOMEM.
 */
int unik_thread_create(struct unik_thread **out, const char *name,
                       void (*fn)(void *), void *arg, size_t stack_size);

/* Give the CPU to every other runnable thread once, then continue. */
void unik_yield(void);

/* Sleep at least ns nanoseconds (never returns early). */
void unik_sleep_ns(uint64_t ns);
static inline void unik_sleep_ms(uint64_t ms) { unik_sleep_ns(ms * 1000000u); }

/*
 * Wait until t has finished and free it. Each thread is joined at most once;
 * a thread that is never joined is freed when it finishes only if it was
 * created with out == NULL. Returns 0, or -EINVAL when joining oneself.
 */
int unik_thread_join(struct unik_thread *t);

/* End the calling thread (same as returning from its function). */
_Noreturn void unik_thread_exit(void);

struct unik_thread *unik_thread_self(void);
const char *unik_thread_name(const struct unik_thread *t);

/* Monotonic nanoseconds; same clock as every deadline in this header. */
uint64_t unik_now_ns(void);

/* Wall clock, nanoseconds since the Unix epoch. */
uint64_t unik_wallclock_ns(void);

/* ---- wait queues ---------------------------------------------------- */

struct unik_waiter;

struct unik_waitq {
	struct unik_waiter *head, *tail;
};

#define UNIK_WAITQ_INIT {NULL, NULL}

static inline void unik_waitq_init(struct unik_waitq *wq)
{
	wq->head = wq->tail = NULL;
}

/*
 * Block the calling thread on wq until woken or until monotonic time
 * deadline_ns (UNIK_FOREVER: no timeout). Returns 0 when woken, -ETIMEDOUT
 * at the deadline. Wake-ups are not remembered: re-check the condition in a
 * loop around the wait, as with a condition variable.
 */
int unik_waitq_wait(struct unik_waitq *wq, uint64_t deadline_ns);

/* Wake the longest waiter / every waiter. Callable from event handlers. */
bool unik_waitq_wake_one(struct unik_waitq *wq);
void unik_waitq_wake_all(struct unik_waitq *wq);

/* ---- timers --------------------------------------------------------- */

/*
 * A one-shot timer. fn runs in scheduler context (not on a thread stack of
 * its own): it may wake threads and arm timers, never block. Timers with
 * equal deadlines fire in the order they were armed.
 */
struct unik_timer {
	uint64_t deadline_ns;
	void (*fn)(struct unik_timer *t);
	void *arg;
	struct unik_timer *next;
	bool armed;
};

void unik_timer_init(struct unik_timer *t, void (*fn)(struct unik_timer *),
                     void *arg);
/* Arm (or re-arm) t for monotonic time deadline_ns. */
void unik_timer_arm(struct unik_timer *t, uint64_t deadline_ns);
/* Disarm t; returns true if it was armed. */
bool unik_timer_cancel(struct unik_timer *t);

#endif
