/*
 * Interrupt vectors the xen target uses beyond the 32 exceptions. Plain
 * #defines: included from C and from .S files.
 */
#ifndef UNIK_X86_VECTORS_H
#define UNIK_X86_VECTORS_H

/*
 * The event-channel upcall. PVH: Xen injects it through the IDT
 * (HVM_PARAM_CALLBACK_IRQ, type VECTOR; Linux uses 0xf3 too). PV: Xen
 * calls the event callback instead, whose stub (pv_entry.S) joins the
 * same path as if this vector had been raised, so one C handler serves
 * both modes.
 */
#define X86_EVENT_VECTOR 0xf3

/* PV only: Xen's failsafe callback (it could not reload a segment
 * register when returning to us), reported as this pseudo-vector. */
#define X86_PV_FAILSAFE_VECTOR 0xfe

#endif
