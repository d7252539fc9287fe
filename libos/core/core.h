/* Internals shared by the files of libos/core. Not for applications. */
#ifndef UNIK_CORE_H
#define UNIK_CORE_H

#include <unik/thread.h>

#include <stdbool.h>
#include <stdint.h>

enum thread_state { THREAD_RUNNABLE, THREAD_BLOCKED, THREAD_DONE };

struct unik_thread {
	uintptr_t sp;              /* saved stack pointer while switched out */
	void *stack;               /* lowest usable byte, from plat_stack_alloc */
	size_t stack_size;
	void (*fn)(void *);
	void *arg;
	enum thread_state state;
	bool detached;             /* nobody joins: freed by the scheduler */
	bool joined;               /* a join is in progress or done */
	struct unik_thread *next;  /* run queue link */
	struct unik_thread *all_next; /* list of live threads */
	struct unik_waitq exited;  /* joiners wait here */
	struct unik_timer timer;   /* sleeps and wait timeouts */
	void *libc_state;          /* owned by the libc glue (per-thread reent) */
	unsigned id;
	char name[16];
};

/* Block the running thread until sched_wake(); must be RUNNABLE->BLOCKED. */
void sched_block(void);
/* Make a blocked thread runnable; no effect on a runnable or done one. */
void sched_wake(struct unik_thread *t);

/* Run expired timers; return the earliest pending deadline or UNIK_FOREVER. */
uint64_t timers_run(uint64_t now);

/* Run threads until none is left runnable and nothing can wake one. Used by
 * unik_start and by unit tests. Returns when `until` has finished. */
void sched_run_until_done(struct unik_thread *until);

/* Optional hooks for the libc glue: called on every switch to `next`, and
 * when a finished thread is freed (to release its per-thread libc state). */
extern void (*unik_sched_switch_hook)(struct unik_thread *next);
extern void (*unik_sched_free_hook)(struct unik_thread *t);

/* Number of live (not yet freed) threads, for tests and diagnostics. */
unsigned sched_live_threads(void);

#endif
