/*
 * The cooperative scheduler.
 *
 * The scheduler loop runs on the boot stack (the one unik_start was called
 * on). A thread gives the CPU back by switching to that loop, which picks the
 * next runnable thread; there is no direct thread-to-thread switch. This
 * costs one extra switch per yield and buys one place where timers run,
 * events are polled, finished threads are reaped and the idle decision is
 * made. Nothing here runs in interrupt context: event handlers run inside
 * plat_wait(), called from this loop.
 */
#include "core.h"

#include <unik/arch.h>
#include <unik/plat.h>
#include <unik/unik.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void (*unik_sched_switch_hook)(struct unik_thread *next);
void (*unik_sched_free_hook)(struct unik_thread *t);

static uintptr_t sched_sp;           /* the scheduler loop's saved stack */
static struct unik_thread *current;  /* NULL while in the scheduler loop */
static struct unik_thread *runq_head, *runq_tail;
static struct unik_thread *all_threads;
static unsigned next_id = 1;

static void runq_push(struct unik_thread *t)
{
	t->next = NULL;
	if (runq_tail)
		runq_tail->next = t;
	else
		runq_head = t;
	runq_tail = t;
}

static struct unik_thread *runq_pop(void)
{
	struct unik_thread *t = runq_head;

	if (t) {
		runq_head = t->next;
		if (!runq_head)
			runq_tail = NULL;
		t->next = NULL;
	}
	return t;
}

static void thread_free(struct unik_thread *t)
{
	struct unik_thread **p = &all_threads;

	while (*p && *p != t)
		p = &(*p)->all_next;
	UNIK_ASSERT(*p == t);
	*p = t->all_next;
	if (unik_sched_free_hook)
		unik_sched_free_hook(t);
	plat_stack_free(t->stack, t->stack_size);
	free(t);
}

static void thread_entry(void *arg)
{
	struct unik_thread *t = arg;

	t->fn(t->arg);
	unik_thread_exit();
}

int unik_thread_create(struct unik_thread **out, const char *name,
                       void (*fn)(void *), void *arg, size_t stack_size)
{
	struct unik_thread *t = calloc(1, sizeof(*t));

	if (!t)
		return -ENOMEM;
	if (stack_size == 0)
		stack_size = UNIK_STACK_SIZE;
	stack_size = (stack_size + 4095) & ~(size_t)4095;
	t->stack = plat_stack_alloc(stack_size);
	if (!t->stack) {
		free(t);
		return -ENOMEM;
	}
	t->stack_size = stack_size;
	t->fn = fn;
	t->arg = arg;
	t->id = next_id++;
	t->detached = (out == NULL);
	strncpy(t->name, name ? name : "thread", sizeof(t->name) - 1);
	unik_waitq_init(&t->exited);
	unik_timer_init(&t->timer, NULL, t);
	t->sp = arch_ctx_init((char *)t->stack + stack_size, thread_entry, t);
	t->all_next = all_threads;
	all_threads = t;
	t->state = THREAD_RUNNABLE;
	runq_push(t);
	if (out)
		*out = t;
	return 0;
}

/* Switch from the running thread back to the scheduler loop. */
static void switch_to_scheduler(void)
{
	struct unik_thread *self = current;

	UNIK_ASSERT(self != NULL);
	arch_ctx_switch(&self->sp, sched_sp);
}

void sched_block(void)
{
	UNIK_ASSERT(current && current->state == THREAD_RUNNABLE);
	current->state = THREAD_BLOCKED;
	switch_to_scheduler();
}

void sched_wake(struct unik_thread *t)
{
	if (t->state != THREAD_BLOCKED)
		return;
	t->state = THREAD_RUNNABLE;
	runq_push(t);
}

void unik_yield(void)
{
	if (!current)
		return;
	runq_push(current);
	switch_to_scheduler();
}

_Noreturn void unik_thread_exit(void)
{
	struct unik_thread *self = current;

	UNIK_ASSERT(self != NULL);
	self->state = THREAD_DONE;
	unik_waitq_wake_all(&self->exited);
	switch_to_scheduler();
	UNIK_PANIC("finished thread '%s' was resumed", self->name);
}

int unik_thread_join(struct unik_thread *t)
{
	if (t == current)
		return -EINVAL;
	UNIK_ASSERT(!t->detached && !t->joined);
	t->joined = true;
	while (t->state != THREAD_DONE)
		unik_waitq_wait(&t->exited, UNIK_FOREVER);
	thread_free(t);
	return 0;
}

struct unik_thread *unik_thread_self(void) { return current; }

const char *unik_thread_name(const struct unik_thread *t)
{
	return t ? t->name : "scheduler";
}

unsigned sched_live_threads(void)
{
	unsigned n = 0;

	for (struct unik_thread *t = all_threads; t; t = t->all_next)
		n++;
	return n;
}

/* Run one thread until it gives the CPU back; reap it if it finished. */
static void run_one(struct unik_thread *t)
{
	current = t;
	if (unik_sched_switch_hook)
		unik_sched_switch_hook(t);
	arch_ctx_switch(&sched_sp, t->sp);
	current = NULL;
	if (t->state == THREAD_DONE && t->detached)
		thread_free(t);
}

void sched_run_until_done(struct unik_thread *until)
{
	UNIK_ASSERT(current == NULL);
	while (until->state != THREAD_DONE) {
		uint64_t next = timers_run(plat_monotonic_ns());
		struct unik_thread *t;

		/* Poll events even when busy, so a thread that only yields
		 * cannot starve the network or the console. */
		plat_wait(0);
		t = runq_pop();
		if (t)
			run_one(t);
		else
			plat_wait(next);
	}
}
