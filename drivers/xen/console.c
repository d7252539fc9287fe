/*
 * The PV console: a page shared with xenconsoled in dom0, holding an
 * output ring (we produce, it consumes) and an input ring (unused), plus
 * an event channel to kick it. Frame and port come from xen_rings (PVH:
 * HVM params; PV: start_info, where the ring is one of our RAM pages).
 *
 * PVH: before console_init() (and if it failed) output goes to I/O port
 * 0xe9, which Xen turns into "(dN) ..." lines in its own log (`xl dmesg`).
 * PV has no port access (an `out` would fault); it starts the console
 * before anything that could fail, and output before that is lost.
 *
 * Ring protocol (xen/io/console.h): out_prod is ours, out_cons is dom0's.
 * We write bytes, then publish out_prod; the release order matters
 * (bytes before index) and on x86 stores are not reordered with stores, so
 * a compiler barrier is the whole fence. Before reusing slots we read
 * out_cons, whose loads x86 does not reorder with our later stores.
 * out_cons is written by another domain: never trusted beyond masking.
 */
#include "evtchn.h"
#include "hypercall.h"
#include "xen_plat.h"

#include <unik/plat.h>

#include "../../arch/x86_64/cpu.h"

/* Give up waiting for a stuck backend after this long without progress:
 * better to lose output than to hang the domain in a print. */
#define CONSOLE_STALL_NS (5ull * 1000000000u)
#define CONSOLE_POLL_NS	 (10ull * 1000000u)

static struct xencons_interface *ring;
static XENCONS_RING_IDX out_prod; /* ours; the copy in the page is a mirror */
static evtchn_port_t port;
static bool stalled;	 /* backend made no progress: drop, do not wait */
static uint64_t dropped; /* bytes lost to a stalled or broken backend */

void xen_e9_write(const char *s, size_t len)
{
	if (xen_pv())
		return;
	for (size_t i = 0; i < len; i++)
		x86_outb(0xe9, (uint8_t)s[i]);
}

void xen_e9_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	xen_e9_write(s, n);
}

void console_init(void)
{
	uint64_t gfn = xen_rings.console_gfn;
	evtchn_port_t evtchn = xen_rings.console_port;

	if (ring)
		return; /* PV starts it early; xen_boot_finish asks again */
	if (gfn == 0 || evtchn == 0 || evtchn >= EVTCHN_MAX_PORTS) {
		xen_e9_puts("unik: no PV console; output stays on port 0xe9\n");
		return;
	}
	ring = xen_map_frame(gfn);
	if (!ring)
		xen_boot_fail("cannot map the console ring", 0);
	port = evtchn;
	out_prod = ring->out_prod; /* continue after whatever is there */
	/* No handler: xenconsoled's kicks (it drained the ring) are consumed
	 * by console_wait() polling the port itself. */
	evtchn_attach(port, NULL, NULL);
}

/* Free slots in the output ring, or -1 if out_cons is impossible. */
static long ring_space(XENCONS_RING_IDX prod)
{
	XENCONS_RING_IDX cons =
	    ((volatile struct xencons_interface *)ring)->out_cons;
	XENCONS_RING_IDX used = prod - cons;

	x86_barrier(); /* read cons before overwriting the slots it frees */
	if (used > sizeof(ring->out))
		return -1;
	return (long)(sizeof(ring->out) - used);
}

static void publish(XENCONS_RING_IDX prod)
{
	x86_barrier(); /* bytes before the index that exposes them */
	((volatile struct xencons_interface *)ring)->out_prod = prod;
	hyp_evtchn_send(port);
}

/*
 * Ring full: sleep until xenconsoled drains some (it kicks our port after
 * reading) or a short timeout. SCHEDOP_poll blocks the vCPU without
 * needing interrupts, so this is safe from a panic or a trap handler too.
 * Clear the pending bit first, then re-check the ring, then block: a kick
 * landing between the check and the poll leaves the bit set and the poll
 * returns at once.
 */
static bool wait_for_space(XENCONS_RING_IDX prod)
{
	uint64_t start = xen_system_time_ns();
	XENCONS_RING_IDX last_cons = ring->out_cons;
	long space;

	for (;;) {
		evtchn_clear(port);
		space = ring_space(prod);
		if (space != 0)
			return space > 0;
		if (ring->out_cons != last_cons) {
			last_cons = ring->out_cons;
			start = xen_system_time_ns();
		} else if (xen_system_time_ns() - start > CONSOLE_STALL_NS) {
			return false;
		}
		hyp_poll(&port, 1, xen_system_time_ns() + CONSOLE_POLL_NS);
	}
}

void plat_console_write(const char *buf, size_t len)
{
	XENCONS_RING_IDX prod = out_prod;

	if (!ring) {
		xen_e9_write(buf, len);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		/* "\n" -> "\r\n": the console is a terminal, not a file. */
		int n = buf[i] == '\n' ? 2 : 1;
		long space = ring_space(prod);

		if (space >= 0 && space < n && !stalled) {
			publish(prod);
			stalled = !wait_for_space(prod);
			space = ring_space(prod);
		}
		if (space < n) {
			dropped += (uint64_t)(len - i);
			break;
		}
		stalled = false;
		if (n == 2)
			ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = '\r';
		ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = buf[i];
	}
	out_prod = prod;
	publish(prod);
}
