/*
 * lwIP's OS layer (NO_SYS=0) on unik's cooperative threads.
 *
 * Every wait is a loop around unik_waitq_wait that re-checks its condition:
 * a wake-up is a hint, and a woken thread may find that a thread running
 * before it took the message. Posting and signalling never block and may
 * run from event handlers (tcpip_input posts from scheduler context).
 */
#include "lwip/opt.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"

#include <unik/unik.h>

#include <errno.h>

/* Milliseconds since start, for lwIP's return values (never SYS_ARCH_TIMEOUT). */
static u32_t ms_since(uint64_t start_ns)
{
	uint64_t ms = (unik_now_ns() - start_ns) / 1000000u;

	return ms >= SYS_ARCH_TIMEOUT ? SYS_ARCH_TIMEOUT - 1 : (u32_t)ms;
}

static uint64_t deadline_of(uint64_t start_ns, u32_t timeout_ms)
{
	return timeout_ms ? start_ns + (uint64_t)timeout_ms * 1000000u : UNIK_FOREVER;
}

void sys_init(void) {}

u32_t sys_now(void) { return (u32_t)(unik_now_ns() / 1000000u); }

/* ---- semaphores ----------------------------------------------------- */

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	unik_waitq_init(&sem->wq);
	sem->count = count;
	sem->valid = true;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	UNIK_ASSERT(sem->wq.head == NULL);
	sem->valid = false;
}

void sys_sem_signal(sys_sem_t *sem)
{
	sem->count++;
	unik_waitq_wake_one(&sem->wq);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	uint64_t start = unik_now_ns(), deadline = deadline_of(start, timeout);

	while (sem->count == 0)
		if (unik_waitq_wait(&sem->wq, deadline) == -ETIMEDOUT && sem->count == 0)
			return SYS_ARCH_TIMEOUT;
	sem->count--;
	return ms_since(start);
}

/* ---- mutexes: only the core lock in practice ------------------------- */

err_t sys_mutex_new(sys_mutex_t *m)
{
	unik_waitq_init(&m->wq);
	m->owner = NULL;
	m->valid = true;
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *m) { m->valid = false; }

void sys_mutex_lock(sys_mutex_t *m)
{
	struct unik_thread *self = unik_thread_self();

	/* Scheduler context cannot wait: an event handler must post instead. */
	UNIK_ASSERT(self != NULL);
	UNIK_ASSERT(m->owner != self); /* not recursive */
	while (m->owner)
		unik_waitq_wait(&m->wq, UNIK_FOREVER);
	m->owner = self;
}

void sys_mutex_unlock(sys_mutex_t *m)
{
	UNIK_ASSERT(m->owner == unik_thread_self());
	m->owner = NULL;
	unik_waitq_wake_one(&m->wq);
}

/* ---- mailboxes ------------------------------------------------------ */

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	if (mbox_ring_init(&mbox->ring, size > 0 ? (unsigned)size : 64) < 0)
		return ERR_MEM;
	unik_waitq_init(&mbox->readers);
	unik_waitq_init(&mbox->writers);
	mbox->valid = true;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	UNIK_ASSERT(mbox->readers.head == NULL && mbox->writers.head == NULL);
	mbox_ring_destroy(&mbox->ring);
	mbox->valid = false;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	while (mbox_ring_full(&mbox->ring))
		unik_waitq_wait(&mbox->writers, UNIK_FOREVER);
	mbox_ring_push(&mbox->ring, msg);
	unik_waitq_wake_one(&mbox->readers);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (!mbox->valid || mbox_ring_full(&mbox->ring))
		return ERR_MEM;
	mbox_ring_push(&mbox->ring, msg);
	unik_waitq_wake_one(&mbox->readers);
	return ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

static void *take(sys_mbox_t *mbox)
{
	void *msg = mbox_ring_pop(&mbox->ring);

	unik_waitq_wake_one(&mbox->writers);
	return msg;
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	uint64_t start = unik_now_ns(), deadline = deadline_of(start, timeout);
	void *m;

	while (mbox_ring_empty(&mbox->ring)) {
		if (unik_waitq_wait(&mbox->readers, deadline) == -ETIMEDOUT &&
		    mbox_ring_empty(&mbox->ring)) {
			if (msg)
				*msg = NULL;
			return SYS_ARCH_TIMEOUT;
		}
	}
	m = take(mbox);
	if (msg)
		*msg = m;
	return ms_since(start);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (mbox_ring_empty(&mbox->ring))
		return SYS_MBOX_EMPTY;
	m = take(mbox);
	if (msg)
		*msg = m;
	return 0;
}

/* ---- threads -------------------------------------------------------- */

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg,
                            int stacksize, int prio)
{
	(void)prio; /* one priority: round robin */
	/* Detached (out == NULL): freed if it ever returns. lwIP ignores the
	 * handle; the tcpip thread identifies itself through
	 * LWIP_MARK_TCPIP_THREAD instead. */
	if (unik_thread_create(NULL, name, fn, arg,
	                       stacksize > 0 ? (size_t)stacksize : 0) < 0)
		UNIK_PANIC("lwIP: cannot create thread %s", name);
	return NULL;
}

/* ---- core-lock checking --------------------------------------------- */

static struct unik_thread *tcpip_thread;

void sys_mark_tcpip_thread(void) { tcpip_thread = unik_thread_self(); }

void sys_check_core_locking(void)
{
	struct unik_thread *self = unik_thread_self();

	if (!tcpip_thread)
		return; /* lwip_init() runs before the tcpip thread exists */
	if (!self)
		UNIK_PANIC("lwIP core called from an event handler: use tcpip_input or tcpip_try_callback");
	if (lock_tcpip_core.owner != self)
		UNIK_PANIC("lwIP core called without the core lock in thread '%s'",
		           unik_thread_name(self));
}

/* ---- randomness: xorshift64*, seeded from time and device addresses -- */

static uint64_t rand_state;

void sys_rand_seed(uint64_t seed)
{
	rand_state ^= seed ^ unik_wallclock_ns() ^ (unik_now_ns() << 17);
	if (!rand_state)
		rand_state = 0x9e3779b97f4a7c15u;
}

uint32_t sys_rand32(void)
{
	if (!rand_state)
		sys_rand_seed(0);
	rand_state ^= rand_state >> 12;
	rand_state ^= rand_state << 25;
	rand_state ^= rand_state >> 27;
	return (uint32_t)((rand_state * 0x2545f4914f6cdd1du) >> 32);
}
