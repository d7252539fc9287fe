/*
 * Event channels (2-level ABI) for the xen platform and its frontends.
 *
 * Delivery model: Xen raises one interrupt vector (the "upcall") when an
 * unmasked port becomes pending. The interrupt handler only acknowledges
 * it; handlers run later from plat_wait(), in scheduler context, where
 * they may wake threads and arm timers but never block. So a handler never
 * interrupts a thread, and frontends need no locking against it.
 */
#ifndef UNIK_XEN_EVTCHN_H
#define UNIK_XEN_EVTCHN_H

#include "xen_headers.h"

#include <stdbool.h>

/* Ports we keep handlers for; Xen hands out the lowest free port, so a
 * unikernel stays far below this. Binding a higher port fails. */
#define EVTCHN_MAX_PORTS 1024

typedef void (*evtchn_handler_t)(evtchn_port_t port, void *arg);

/* Bind a virtual IRQ of vCPU 0 to a new port, handler installed and port
 * unmasked. 0 or a negative errno; *port set on success only. */
int evtchn_bind_virq(uint32_t virq, evtchn_handler_t h, void *arg,
		     evtchn_port_t *port);

/* Allocate a port for domain `remote` to bind to (frontend side). */
int evtchn_alloc_unbound(domid_t remote, evtchn_handler_t h, void *arg,
			 evtchn_port_t *port);

/* Install the handler of a port Xen already bound for us (console,
 * xenstore) and unmask it. h may be NULL: events are then only consumed. */
int evtchn_attach(evtchn_port_t port, evtchn_handler_t h, void *arg);

/* Mask, forget the handler, close the port. */
void evtchn_unbind(evtchn_port_t port);

void evtchn_mask(evtchn_port_t port);
/* Unmask; an event that arrived while masked is then dispatched. */
void evtchn_unmask(evtchn_port_t port);
/* Clear the pending bit (for code that polls a port itself). */
void evtchn_clear(evtchn_port_t port);
bool evtchn_is_pending(evtchn_port_t port);
int evtchn_send(evtchn_port_t port);

/* Run the handlers of every pending, unmasked port; true if any ran. */
bool evtchn_dispatch(void);

/* With interrupts off: is there anything evtchn_dispatch() would do? */
bool evtchn_work_pending(void);

#endif
