/*
 * Per-thread newlib state, and libc start-up.
 *
 * newlib keeps errno, strtok's and rand's state, the dtoa buffers... in
 * a struct _reent reached through the global _impure_ptr. Each thread
 * gets its own, installed by the scheduler's switch hook; the scheduler
 * loop itself (boot stack, event handlers) runs on whichever was last
 * installed, or on the global one after that thread is gone.
 *
 * stdio streams must stay shared: newlib 3.3 (built without
 * _WANT_REENT_GLOBAL_STDIO_STREAMS) gives each _reent its own stdin/out/
 * err FILEs, so two threads' printf would fill two buffers, interleave
 * at flush time, and exit() would flush only the global one. So a new
 * _reent points its stream pointers at the global reent's FILEs and is
 * marked initialised, so that newlib's lazy __sinit never re-creates them
 * (it would re-initialise the shared FILEs under another thread's data).
 */
#include "libc_glue.h"
#include "libc_glue_internal.h"

#include "../core/core.h"

#include <unik/plat.h>

#include <reent.h>
#include <stdlib.h>
#include <string.h>

/* newlib internals (stdio/local.h), stable since 2.x. */
extern void __sinit(struct _reent *);
extern void __libc_init_array(void);

/* The image's constructors are run by __libc_init_array(), which calls
 * these around them; there is nothing for them to do. */
void _init(void) {}
void _fini(void) {}

static struct _reent *thread_reent(struct unik_thread *t)
{
	struct _reent *r = t->libc_state;

	if (r)
		return r;
	r = malloc(sizeof(*r));
	if (!r)
		return _GLOBAL_REENT; /* shares errno with the scheduler:
					 degraded, not broken */
	_REENT_INIT_PTR(r);
	r->_stdin = _GLOBAL_REENT->_stdin;
	r->_stdout = _GLOBAL_REENT->_stdout;
	r->_stderr = _GLOBAL_REENT->_stderr;
	r->__sdidinit = 1;
	t->libc_state = r;
	return r;
}

static void switch_hook(struct unik_thread *next)
{
	_impure_ptr = thread_reent(next);
}

/*
 * Called by the scheduler when a finished thread is freed (it may be the
 * one whose reent is still installed: the scheduler loop runs on it).
 */
static void free_hook(struct unik_thread *t)
{
	struct _reent *r = t->libc_state;

	t->libc_state = NULL;
	if (!r || r == _GLOBAL_REENT)
		return;
	if (_impure_ptr == r)
		_impure_ptr = _GLOBAL_REENT;
	/* Hazard: _reclaim_reent calls r->__cleanup when __sdidinit is set,
	 * and ours is NULL (__sinit never ran on r: its streams are the
	 * global ones, flushed at exit). Clear the flag so it only frees
	 * what newlib hung off r (dtoa buffers, asctime...). */
	r->__sdidinit = 0;
	_reclaim_reent(r);
	free(r);
}

void libc_glue_init(void)
{
	/* Create the shared std streams now, in the global reent, before
	 * any thread can copy their pointers. */
	__sinit(_GLOBAL_REENT);
	unik_sched_switch_hook = switch_hook;
	unik_sched_free_hook = free_hook;
	libc_start_ns = plat_monotonic_ns();
	__libc_init_array();
}
