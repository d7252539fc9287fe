/*
 * plat_wait(): block the domain until a deadline or an event.
 *
 * The deadline is armed with VCPUOP_set_singleshot_timer (Xen system time,
 * our monotonic clock). When it fires Xen sends VIRQ_TIMER, and only if
 * that VIRQ is bound to a port: an unbound timer VIRQ is dropped and
 * would never wake us, hence the no-op binding in idle_init().
 *
 * Why `sti; hlt` and not SCHEDOP_block. For PV guests SCHEDOP_block
 * "atomically re-enables event delivery": it clears
 * vcpu_info->evtchn_upcall_mask and checks for pending events before
 * descheduling. On PVH that mask is not what gates delivery; EFLAGS.IF is,
 * and Xen's pre-block check (hvm_local_events_need_delivery) asks whether
 * the upcall could be injected *now*. Hence both ways of calling it race:
 *  - with IF=0 the check always says "blocked", so an event that arrived
 *    after our last look leaves upcall_pending at 1; the next event sees
 *    no 0->1 edge, sends no kick, and we sleep through both;
 *  - with IF=1 the upcall can be taken between `sti` and the hypercall;
 *    the handler clears upcall_pending, and SCHEDOP_block then blocks
 *    with the event already consumed (woken only by the timer, if any).
 * `sti; hlt` closes the window: sti's one-instruction interrupt shadow
 * covers hlt, Xen intercepts hlt with the shadow already retired and IF=1,
 * and hvm_hlt() blocks only if no interrupt is deliverable. That is
 * SCHEDOP_block done by Xen at the one point where the check is exact;
 * Mini-OS and Linux idle PVH/HVM vCPUs the same way.
 *
 * PV is the case SCHEDOP_block was made for, and there `sti; hlt` does
 * not exist (both are privileged in our ring 3). Delivery is gated by
 * vcpu_info.evtchn_upcall_mask, the "virtual IF", and do_block() clears
 * it itself, marks the vCPU blocked, and only then checks
 * upcall_pending && !mask, un-blocking if set. So: mask, look, block.
 * An event after our look cannot be lost: with the mask set it only
 * sets upcall_pending (no upcall consumes it), and do_block sees it and
 * returns at once; one before our look we see. What must not happen is
 * blocking with the mask clear after the look (an upcall in between
 * would clear upcall_pending and we would sleep on a consumed event),
 * or looking with the mask clear. The hypercall returns with delivery
 * enabled, and Xen runs the upcall on its way back if one is pending.
 */
#include "evtchn.h"
#include "hypercall.h"
#include "xen_plat.h"

#include <unik/plat.h>

#include <errno.h>

#include "../../arch/x86_64/cpu.h"

static uint64_t timer_fires;

static void timer_virq(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	timer_fires++; /* the scheduler re-reads the clock; nothing to do */
}

void idle_init(void)
{
	evtchn_port_t port;
	int rc = evtchn_bind_virq(VIRQ_TIMER, timer_virq, NULL, &port);

	if (rc < 0)
		xen_boot_fail("cannot bind VIRQ_TIMER", rc);
	/* PV vCPUs start with a 100 Hz periodic VIRQ_TIMER (PVH ones with
	 * none): it would wake every idle wait after 10 ms for nothing. */
	if (xen_pv())
		hyp_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
}

void plat_wait(uint64_t deadline_ns)
{
	if (evtchn_dispatch())
		return; /* handlers ran: let the scheduler look first */
	/* A poll (the scheduler's every round) must not read the clock: on
	 * hosts where Xen emulates rdtsc that read is a VM exit. */
	if (deadline_ns == 0 || deadline_ns <= plat_monotonic_ns())
		return;
	if (deadline_ns != UINT64_MAX) {
		/* Xen keeps s_time_t signed. -ETIME: already past. */
		if (deadline_ns > (uint64_t)INT64_MAX)
			deadline_ns = (uint64_t)INT64_MAX;
		if (hyp_set_singleshot_timer(0, deadline_ns) < 0)
			return;
	}
	/* A stale timer from an earlier, earlier-woken wait may still fire:
	 * that is a spurious return, which plat.h allows. */
	if (xen_pv()) {
		xen_events_off();
		if (evtchn_work_pending())
			xen_events_on();
		else
			hyp_sched_op(SCHEDOP_block, NULL);
	} else {
		x86_cli();
		if (evtchn_work_pending())
			x86_sti();
		else
			x86_sti_hlt();
	}
	evtchn_dispatch();
}
