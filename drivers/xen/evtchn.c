/*
 * Event channels, 2-level ABI, on one vCPU.
 *
 * Xen marks port p pending by setting bit p in shared_info->evtchn_pending;
 * if the port is not masked it also sets bit p/64 in vcpu_info's
 * evtchn_pending_sel and then evtchn_upcall_pending, and on that 0->1 edge
 * raises our upcall vector.
 *
 * Upcall delivery, PVH: HVM_PARAM_CALLBACK_IRQ with type VECTOR (Xen 4.17
 * PVH supports it, as does the per-vCPU HVMOP_set_evtchn_upcall_vector).
 * We use the former because it bypasses the emulated LAPIC entirely: no
 * LAPIC page to map, no EOI to write. PV: the event callback registered
 * by start_pv.c, whose stub joins the same vector's path. Either way the
 * semantics are level-like: Xen delivers again while
 * vcpu_info->evtchn_upcall_pending is 1 and delivery is enabled (PVH:
 * EFLAGS.IF; PV: evtchn_upcall_mask clear), so the interrupt handler must
 * clear it, and that is all it does. Handlers run from evtchn_dispatch(),
 * called by plat_wait() in scheduler context.
 */
#include "evtchn.h"
#include "hypercall.h"
#include "xen_plat.h"

#include <errno.h>

#include "../../arch/x86_64/cpu.h"
#include "../../arch/x86_64/vectors.h"
#include "../../arch/x86_64/x86.h"

#define BITS 64

struct handler {
	evtchn_handler_t fn;
	void *arg;
};

static struct handler handlers[EVTCHN_MAX_PORTS];
static volatile uint64_t upcalls; /* interrupts taken, for diagnostics */

static xen_ulong_t *pending_words(void)
{
	return xen_shared_info->evtchn_pending;
}
static xen_ulong_t *mask_words(void)
{
	return xen_shared_info->evtchn_mask;
}

static void upcall_isr(void)
{
	/* Acknowledge: stop Xen re-injecting. The pending bits stay set for
	 * evtchn_dispatch(); nothing else may happen here (we may have
	 * interrupted any code, including a handler or the scheduler). */
	xen_vcpu0()->evtchn_upcall_pending = 0;
	upcalls++;
}

void evtchn_init(void)
{
	unsigned words =
	    sizeof(xen_shared_info->evtchn_mask) / sizeof(xen_ulong_t);
	static bool done; /* PV runs it early, for its console */
	int rc;

	if (done)
		return;
	done = true;

	/* Start with every port masked: we unmask what we bind. */
	for (unsigned i = 0; i < words; i++)
		__atomic_store_n(&mask_words()[i], ~(xen_ulong_t)0,
				 __ATOMIC_SEQ_CST);
	x86_set_irq_handler(X86_EVENT_VECTOR, upcall_isr);
	if (xen_pv())
		return; /* the callback is registered (start_pv.c) */
	rc =
	    hyp_hvm_set_param(HVM_PARAM_CALLBACK_IRQ,
			      ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) |
				  X86_EVENT_VECTOR);
	if (rc < 0)
		xen_boot_fail("HVM_PARAM_CALLBACK_IRQ (vector) refused", rc);
}

void xen_events_off(void)
{
	if (!xen_pv()) {
		x86_cli();
		return;
	}
	xen_vcpu0()->evtchn_upcall_mask = 1;
	x86_barrier(); /* no access of ours moves above the mask */
}

void xen_events_on(void)
{
	struct vcpu_info *v;

	if (!xen_pv()) {
		x86_sti();
		return;
	}
	v = xen_vcpu0();
	x86_barrier();
	v->evtchn_upcall_mask = 0;
	/* The mask store must be visible before we read pending (Xen sets
	 * pending, then reads the mask): store->load needs a full fence. An
	 * event that came while masked raised no upcall and will not now:
	 * any hypercall makes Xen check on its way back to us. */
	x86_mb();
	if (v->evtchn_upcall_pending)
		hyp_xen_version();
}

bool evtchn_is_pending(evtchn_port_t port)
{
	return (__atomic_load_n(&pending_words()[port / BITS],
				__ATOMIC_SEQ_CST) >>
		(port % BITS)) &
	       1;
}

void evtchn_clear(evtchn_port_t port)
{
	__atomic_fetch_and(&pending_words()[port / BITS],
			   ~((xen_ulong_t)1 << (port % BITS)),
			   __ATOMIC_SEQ_CST);
}

void evtchn_mask(evtchn_port_t port)
{
	__atomic_fetch_or(&mask_words()[port / BITS],
			  (xen_ulong_t)1 << (port % BITS), __ATOMIC_SEQ_CST);
}

/*
 * The lost-upcall race: an event that arrives while its port is masked
 * sets only the port's pending bit; Xen does not touch pending_sel or
 * upcall_pending for it, and will not later, because the bit is already
 * set. Merely clearing the mask would leave it pending forever. So:
 * clear the mask first, then re-check pending; if set, do by hand what
 * Xen skipped (selector bit, upcall_pending) so the next dispatch sees
 * it. In this order an event racing with the unmask is caught either by
 * Xen (mask already clear) or by our re-check (bit already set), and at
 * worst by both, which only costs an empty scan.
 */
void evtchn_unmask(evtchn_port_t port)
{
	struct vcpu_info *v = xen_vcpu0();

	__atomic_fetch_and(&mask_words()[port / BITS],
			   ~((xen_ulong_t)1 << (port % BITS)),
			   __ATOMIC_SEQ_CST);
	if (evtchn_is_pending(port)) {
		__atomic_fetch_or(&v->evtchn_pending_sel,
				  (xen_ulong_t)1 << (port / BITS),
				  __ATOMIC_SEQ_CST);
		v->evtchn_upcall_pending = 1;
	}
}

int evtchn_send(evtchn_port_t port)
{
	return hyp_evtchn_send(port);
}

int evtchn_attach(evtchn_port_t port, evtchn_handler_t h, void *arg)
{
	if (port >= EVTCHN_MAX_PORTS)
		return -EINVAL;
	handlers[port] = (struct handler){h, arg};
	evtchn_unmask(port);
	return 0;
}

static int bound(int rc, evtchn_port_t port, evtchn_handler_t h, void *arg,
		 evtchn_port_t *out)
{
	if (rc < 0)
		return rc;
	if (port >= EVTCHN_MAX_PORTS) {
		hyp_evtchn_close(port);
		return -ENOSPC;
	}
	evtchn_attach(port, h, arg);
	*out = port;
	return 0;
}

int evtchn_bind_virq(uint32_t virq, evtchn_handler_t h, void *arg,
		     evtchn_port_t *port)
{
	evtchn_port_t p = 0;
	int rc = hyp_evtchn_bind_virq(virq, 0, &p);

	return bound(rc, p, h, arg, port);
}

int evtchn_alloc_unbound(domid_t remote, evtchn_handler_t h, void *arg,
			 evtchn_port_t *port)
{
	evtchn_port_t p = 0;
	int rc = hyp_evtchn_alloc_unbound(remote, &p);

	return bound(rc, p, h, arg, port);
}

void evtchn_unbind(evtchn_port_t port)
{
	if (port >= EVTCHN_MAX_PORTS)
		return;
	evtchn_mask(port);
	handlers[port] = (struct handler){NULL, NULL};
	hyp_evtchn_close(port);
	evtchn_clear(port);
}

bool evtchn_work_pending(void)
{
	struct vcpu_info *v = xen_vcpu0();

	return v->evtchn_upcall_pending ||
	       __atomic_load_n(&v->evtchn_pending_sel, __ATOMIC_SEQ_CST) != 0;
}

bool evtchn_dispatch(void)
{
	struct vcpu_info *v = xen_vcpu0();
	bool ran = false;
	xen_ulong_t sel;

	/* Clear upcall_pending before taking the selector (xchg is a full
	 * barrier): an event arriving after the xchg raises it again. */
	__atomic_store_n(&v->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
	sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	while (sel) {
		unsigned w = (unsigned)__builtin_ctzll(sel);
		xen_ulong_t bits;

		sel &= sel - 1;
		bits = __atomic_load_n(&pending_words()[w], __ATOMIC_SEQ_CST) &
		       ~__atomic_load_n(&mask_words()[w], __ATOMIC_SEQ_CST);
		while (bits) {
			evtchn_port_t port =
			    w * BITS + (unsigned)__builtin_ctzll(bits);

			bits &= bits - 1;
			/* Clear before the handler: an event during it is
			 * kept for the next round, not lost. */
			evtchn_clear(port);
			if (port < EVTCHN_MAX_PORTS && handlers[port].fn) {
				handlers[port].fn(port, handlers[port].arg);
				ran = true;
			}
		}
	}
	return ran;
}
