/*
 * Hypercalls, in two layers:
 *
 *  1. raw per-arity macros: the x86_64 HVM/PVH ABI. Call
 *     hypercall_page + nr * 32 (Xen writes a `mov $nr,%eax; vmcall|vmmcall;
 *     ret` stub there for the CPU vendor it runs on), arguments in rdi, rsi,
 *     rdx, r10, r8, result in rax. A debug Xen deliberately scribbles over
 *     argument registers a call does not use, so all five are clobbered.
 *  2. typed static inline helpers: one per operation we use; they return 0
 *     or a negative Xen errno, and fill out-parameters only on success.
 *
 * Nothing here works before hypercall_init() has asked Xen to fill the page
 * (until then it is int3 bytes: a call traps instead of running garbage).
 */
#ifndef UNIK_XEN_HYPERCALL_H
#define UNIK_XEN_HYPERCALL_H

#include "xen_headers.h"

#include <stdint.h>

extern char hypercall_page[4096];

#define HYPERCALL_STR1(x)  #x
#define HYPERCALL_STR(x)   HYPERCALL_STR1(x)
#define HYPERCALL_CALL(nr) "call hypercall_page + (" HYPERCALL_STR(nr) " * 32)"

#define hypercall2(nr, a1, a2)                                                 \
	({                                                                     \
		register long __res __asm__("rax");                            \
		register long __a1 __asm__("rdi") = (long)(a1);                \
		register long __a2 __asm__("rsi") = (long)(a2);                \
		__asm__ volatile(HYPERCALL_CALL(nr)                            \
				 : "=r"(__res), "+r"(__a1), "+r"(__a2)         \
				 :                                             \
				 : "rdx", "r10", "r8", "rcx", "r11",           \
				   "memory");                                  \
		__res;                                                         \
	})

#define hypercall3(nr, a1, a2, a3)                                             \
	({                                                                     \
		register long __res __asm__("rax");                            \
		register long __a1 __asm__("rdi") = (long)(a1);                \
		register long __a2 __asm__("rsi") = (long)(a2);                \
		register long __a3 __asm__("rdx") = (long)(a3);                \
		__asm__ volatile(HYPERCALL_CALL(nr)                            \
				 : "=r"(__res), "+r"(__a1), "+r"(__a2),        \
				   "+r"(__a3)                                  \
				 :                                             \
				 : "r10", "r8", "rcx", "r11", "memory");       \
		__res;                                                         \
	})

/* ---- typed helpers --------------------------------------------------- */

static inline int hyp_sched_op(int cmd, void *arg)
{
	return (int)hypercall2(__HYPERVISOR_sched_op, cmd, arg);
}

static inline int hyp_event_channel_op(int cmd, void *arg)
{
	return (int)hypercall2(__HYPERVISOR_event_channel_op, cmd, arg);
}

static inline int hyp_hvm_op(int cmd, void *arg)
{
	return (int)hypercall2(__HYPERVISOR_hvm_op, cmd, arg);
}

static inline int hyp_memory_op(int cmd, void *arg)
{
	return (int)hypercall2(__HYPERVISOR_memory_op, cmd, arg);
}

static inline int hyp_vcpu_op(int cmd, int vcpu, void *arg)
{
	return (int)hypercall3(__HYPERVISOR_vcpu_op, cmd, vcpu, arg);
}

/* Ends the domain; returns only if Xen refused (it should not). */
static inline int hyp_shutdown(unsigned reason)
{
	struct sched_shutdown s = {.reason = reason};

	return hyp_sched_op(SCHEDOP_shutdown, &s);
}

/* Block until one of ports is pending or system time timeout_ns (0: no
 * timeout). Race-free by construction: Xen registers us as a poller before
 * it checks the ports, whatever the state of interrupts. */
static inline int hyp_poll(evtchn_port_t *ports, unsigned n,
			   uint64_t timeout_ns)
{
	struct sched_poll p = {.nr_ports = n, .timeout = timeout_ns};

	set_xen_guest_handle(p.ports, ports);
	return hyp_sched_op(SCHEDOP_poll, &p);
}

static inline int hyp_hvm_get_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = {.domid = DOMID_SELF, .index = index};
	int rc = hyp_hvm_op(HVMOP_get_param, &p);

	if (rc == 0)
		*value = p.value;
	return rc;
}

static inline int hyp_hvm_set_param(uint32_t index, uint64_t value)
{
	struct xen_hvm_param p = {
	    .domid = DOMID_SELF, .index = index, .value = value};

	return hyp_hvm_op(HVMOP_set_param, &p);
}

static inline int hyp_evtchn_send(evtchn_port_t port)
{
	struct evtchn_send s = {.port = port};

	return hyp_event_channel_op(EVTCHNOP_send, &s);
}

static inline int hyp_evtchn_bind_virq(uint32_t virq, uint32_t vcpu,
				       evtchn_port_t *port)
{
	struct evtchn_bind_virq b = {.virq = virq, .vcpu = vcpu};
	int rc = hyp_event_channel_op(EVTCHNOP_bind_virq, &b);

	if (rc == 0)
		*port = b.port;
	return rc;
}

static inline int hyp_evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
	struct evtchn_alloc_unbound a = {.dom = DOMID_SELF,
					 .remote_dom = remote};
	int rc = hyp_event_channel_op(EVTCHNOP_alloc_unbound, &a);

	if (rc == 0)
		*port = a.port;
	return rc;
}

static inline int hyp_evtchn_close(evtchn_port_t port)
{
	struct evtchn_close c = {.port = port};

	return hyp_event_channel_op(EVTCHNOP_close, &c);
}

/* Arm this vCPU's one-shot timer for absolute system time deadline_ns.
 * VCPU_SSHOTTMR_future: -ETIME instead of arming a deadline already past. */
static inline int hyp_set_singleshot_timer(int vcpu, uint64_t deadline_ns)
{
	struct vcpu_set_singleshot_timer t = {
	    .timeout_abs_ns = deadline_ns,
	    .flags = VCPU_SSHOTTMR_future,
	};

	return hyp_vcpu_op(VCPUOP_set_singleshot_timer, vcpu, &t);
}

/* Map Xen's shared_info page at guest frame gfn (replacing the RAM there). */
static inline int hyp_map_shared_info(uint64_t gfn)
{
	struct xen_add_to_physmap x = {
	    .domid = DOMID_SELF,
	    .space = XENMAPSPACE_shared_info,
	    .idx = 0,
	    .gpfn = gfn,
	};

	return hyp_memory_op(XENMEM_add_to_physmap, &x);
}

#endif
