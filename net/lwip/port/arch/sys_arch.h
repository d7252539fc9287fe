/*
 * lwIP's OS layer on unik threads (sys_arch.c): semaphores and mutexes on
 * wait queues, mailboxes as bounded rings with two wait queues.
 */
#ifndef UNIK_LWIP_SYS_ARCH_H
#define UNIK_LWIP_SYS_ARCH_H

#include "mbox_ring.h"

#include <unik/thread.h>

#include <stdbool.h>

typedef struct sys_sem {
	struct unik_waitq wq;
	unsigned count;
	bool valid;
} sys_sem_t;

typedef struct sys_mutex {
	struct unik_waitq wq;
	struct unik_thread *owner;
	bool valid;
} sys_mutex_t;

typedef struct sys_mbox {
	struct mbox_ring ring;
	struct unik_waitq readers, writers;
	bool valid;
} sys_mbox_t;

typedef struct unik_thread *sys_thread_t;

#define sys_sem_valid(s) ((s)->valid)
#define sys_sem_set_invalid(s) ((s)->valid = false)
#define sys_mutex_valid(m) ((m)->valid)
#define sys_mutex_set_invalid(m) ((m)->valid = false)
#define sys_mbox_valid(m) ((m)->valid)
#define sys_mbox_set_invalid(m) ((m)->valid = false)

/*
 * SYS_ARCH_PROTECT guards lwIP's pools and heap against "interrupts" and
 * other tasks. Neither exists here: one CPU, threads switch only when they
 * block, and event handlers run in scheduler context, i.e. only while every
 * thread is switched out at a blocking point. lwIP never blocks inside a
 * protected region, so each region already runs to its end undisturbed,
 * and the protection is a no-op. This holds as long as event handlers call
 * into lwIP only through the non-blocking entry points (pbuf_alloc from
 * PBUF_POOL, tcpip_input, tcpip_try_callback); LWIP_ASSERT_CORE_LOCKED
 * (sys_check_core_locking) panics when core code runs without the core
 * lock, which catches a handler calling anything else. With preemption or
 * a second vCPU this must become a real lock.
 */
typedef int sys_prot_t;
#define SYS_ARCH_DECL_PROTECT(lev) sys_prot_t lev __attribute__((unused))
#define SYS_ARCH_PROTECT(lev) ((void)0)
#define SYS_ARCH_UNPROTECT(lev) ((void)0)

/* Mix device addresses or other per-image entropy into sys_rand32(). */
void sys_rand_seed(uint64_t seed);

#endif
