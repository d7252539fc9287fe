/*
 * newlib's retargetable locks as real locks on the cooperative scheduler.
 *
 * newlib (configured --enable-newlib-retargetable-locking) takes these
 * around malloc, stdio streams, atexit, the environment... With one CPU
 * and no preemption they are only ever contended when the holder blocks
 * inside the critical section (a stream whose write waits on a device),
 * but then they must hold, so a contender sleeps on a wait queue.
 *
 * Every lock here is recursive-capable; the non-recursive entry points
 * panic on self-deadlock instead of hanging. The owner is the current
 * thread, or a sentinel for scheduler context (event handlers, timers,
 * boot), which must never find a lock taken: it cannot sleep.
 */
#include <unik/thread.h>
#include <unik/unik.h>

#include <stdlib.h>
#include <sys/lock.h>

struct __lock {
	struct unik_thread *owner;
	unsigned depth;
	struct unik_waitq waiters;
};

/* The static locks newlib names (the set of newlib/libc/misc/lock.c, all
 * of which must be defined here or that file gets linked in as well). */
struct __lock __lock___sinit_recursive_mutex;
struct __lock __lock___sfp_recursive_mutex;
struct __lock __lock___atexit_recursive_mutex;
struct __lock __lock___at_quick_exit_mutex;
struct __lock __lock___malloc_recursive_mutex;
struct __lock __lock___env_recursive_mutex;
struct __lock __lock___tz_mutex;
struct __lock __lock___dd_hash_mutex;
struct __lock __lock___arc4random_mutex;

#define SCHEDULER_CONTEXT ((struct unik_thread *)1)

static struct unik_thread *self(void)
{
	struct unik_thread *t = unik_thread_self();

	return t ? t : SCHEDULER_CONTEXT;
}

static int try_take(struct __lock *l, int recursive)
{
	struct unik_thread *me = self();

	if (!l)
		return 1; /* a lock whose allocation failed: see init below */
	if (!l->owner) {
		l->owner = me;
		l->depth = 1;
		return 1;
	}
	if (l->owner == me) {
		if (!recursive)
			UNIK_PANIC(
			    "self-deadlock on a non-recursive libc lock");
		l->depth++;
		return 1;
	}
	return 0;
}

static void take(struct __lock *l, int recursive)
{
	while (!try_take(l, recursive)) {
		if (self() == SCHEDULER_CONTEXT)
			UNIK_PANIC("libc lock held by thread '%s' wanted in "
				   "scheduler context",
				   unik_thread_name(l->owner));
		unik_waitq_wait(&l->waiters, UNIK_FOREVER);
	}
}

static void give(struct __lock *l)
{
	if (!l)
		return;
	UNIK_ASSERT(l->owner == self() && l->depth > 0);
	if (--l->depth == 0) {
		l->owner = NULL;
		unik_waitq_wake_one(&l->waiters);
	}
}

/*
 * Dynamic locks (one per FILE). If the allocation fails the lock is NULL
 * and acts as always free: newlib offers no way to report the failure,
 * and an unlocked stream is still safe between blocking points.
 */
void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = calloc(1, sizeof(**lock));
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	__retarget_lock_init(lock);
}

void __retarget_lock_close(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	take(lock, 0);
}
void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	take(lock, 1);
}
int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return try_take(lock, 0);
}
int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	return try_take(lock, 1);
}
void __retarget_lock_release(_LOCK_T lock)
{
	give(lock);
}
void __retarget_lock_release_recursive(_LOCK_T lock)
{
	give(lock);
}
