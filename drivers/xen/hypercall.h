/*
 * Hypercalls, in two layers:
 *
 *  1. raw per-arity macros: the x86_64 ABI. Call hypercall_page + nr * 32,
 *     arguments in rdi, rsi, rdx, r10, r8, result in rax. The stub Xen
 *     writes there depends on the mode: PVH `mov $nr,%eax; vmcall|vmmcall;
 *     ret` (for the CPU vendor it runs on); PV `push %rcx; push %r11; mov
 *     $nr,%eax; syscall; pop %r11; pop %rcx; ret` (so the stub uses our
 *     stack). A debug Xen deliberately scribbles over argument registers a
 *     call does not use, so all five are clobbered.
 *  2. typed static inline helpers: one per operation we use; they return 0
 *     or a negative Xen errno, and fill out-parameters only on success.
 *
 * PVH: nothing here works before hypercall_init() has asked Xen to fill
 * the page (until then it is int3 bytes: a call traps instead of running
 * garbage). PV: the domain builder filled it before our first instruction
 * (XEN_ELFNOTE_HYPERCALL_PAGE).
 */
#ifndef UNIK_XEN_HYPERCALL_H
#define UNIK_XEN_HYPERCALL_H

#include "xen_headers.h"

#include <stdint.h>

extern char hypercall_page[4096];

#define HYPERCALL_STR1(x)  #x
#define HYPERCALL_STR(x)   HYPERCALL_STR1(x)
#define HYPERCALL_CALL(nr) "call hypercall_page + (" HYPERCALL_STR(nr) " * 32)"

#define hypercall1(nr, a1)                                                     \
	({                                                                     \
		register long __res __asm__("rax");                            \
		register long __a1 __asm__("rdi") = (long)(a1);                \
		__asm__ volatile(HYPERCALL_CALL(nr)                            \
				 : "=r"(__res), "+r"(__a1)                     \
				 :                                             \
				 : "rsi", "rdx", "r10", "r8", "rcx", "r11",    \
				   "memory");                                  \
		__res;                                                         \
	})

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

#define hypercall4(nr, a1, a2, a3, a4)                                         \
	({                                                                     \
		register long __res __asm__("rax");                            \
		register long __a1 __asm__("rdi") = (long)(a1);                \
		register long __a2 __asm__("rsi") = (long)(a2);                \
		register long __a3 __asm__("rdx") = (long)(a3);                \
		register long __a4 __asm__("r10") = (long)(a4);                \
		__asm__ volatile(HYPERCALL_CALL(nr)                            \
				 : "=r"(__res), "+r"(__a1), "+r"(__a2),        \
				   "+r"(__a3), "+r"(__a4)                      \
				 :                                             \
				 : "r8", "rcx", "r11", "memory");              \
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

static inline int hyp_xen_version(void)
{
	return (int)hypercall2(__HYPERVISOR_xen_version, XENVER_version, 0);
}

/* ---- PV only: the MMU and the virtual CPU are Xen's ------------------ */

/* Apply count page-table writes (ptr = machine address of the entry |
 * MMU_NORMAL_PT_UPDATE, val = new entry), in order; Xen validates each.
 * *done counts those applied, also on failure. */
static inline int hyp_mmu_update(const mmu_update_t *req, unsigned count,
				 unsigned *done)
{
	return (int)hypercall4(__HYPERVISOR_mmu_update, req, count, done,
			       DOMID_SELF);
}

static inline int hyp_mmuext_op(struct mmuext_op *op, unsigned count)
{
	return (int)hypercall4(__HYPERVISOR_mmuext_op, op, count, 0,
			       DOMID_SELF);
}

/* Set the leaf entry that maps va (its L1 table must exist). flags:
 * UVMF_INVLPG to flush that one TLB entry. */
static inline int hyp_update_va_mapping(uintptr_t va, uint64_t pte,
					unsigned long flags)
{
	return (int)hypercall3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

/* The virtual IDT: entries up to one with address 0. */
static inline int hyp_set_trap_table(const struct trap_info *t)
{
	return (int)hypercall1(__HYPERVISOR_set_trap_table, t);
}

/* Event upcall and failsafe entry points (no syscall entry: we never run
 * guest user mode). */
static inline int hyp_set_callbacks(uintptr_t event, uintptr_t failsafe)
{
	return (int)hypercall3(__HYPERVISOR_set_callbacks, event, failsafe, 0);
}

/* Our virtual CR0.TS (0: FPU/SSE usable without a #NM). */
static inline int hyp_fpu_taskswitch(int set)
{
	return (int)hypercall1(__HYPERVISOR_fpu_taskswitch, set);
}

static inline int hyp_machphys_mapping(struct xen_machphys_mapping *m)
{
	return hyp_memory_op(XENMEM_machphys_mapping, m);
}

#endif
