/* Ending the domain. */
#include "hypercall.h"
#include "xen_plat.h"

#include <unik/plat.h>
#include <unik/unik.h>

#include "../../arch/x86_64/cpu.h"

/* Set once hypercall_init() succeeded; before that only halting works. */
bool xen_hypercalls_ready;

static _Noreturn void shutdown(unsigned reason)
{
	if (xen_hypercalls_ready)
		hyp_shutdown(reason);
	/* PV (hypercalls always work; Xen refused?!): cli and hlt are
	 * privileged, so only asking again is left. */
	while (xen_pv())
		hyp_shutdown(SHUTDOWN_crash);
	/* PVH, no hypercalls (too early) or Xen refused: halt with
	 * interrupts off. Xen takes a vCPU that halts with IF=0 as going
	 * down, and a domain whose vCPUs are all down as powered off. */
	for (;;) {
		x86_cli();
		__asm__ volatile("hlt");
	}
}

_Noreturn void plat_exit(int status)
{
	if (status != 0)
		unik_printk("unik: exit status %d: crashing the domain so that "
			    "the toolstack sees a failure\n",
			    status);
	shutdown(status == 0 ? SHUTDOWN_poweroff : SHUTDOWN_crash);
}

_Noreturn void plat_crash(void)
{
	shutdown(SHUTDOWN_crash);
}

const char *unik_target(void)
{
	return "xen";
}
