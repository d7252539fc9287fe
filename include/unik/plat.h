/*
 * The platform seam: the only interface the portable libOS core needs from a
 * target. One implementation per target, chosen at link time by
 * unik-configure (library that PROVIDES "plat"): libos/plat-unix for the
 * `unix` target (the app runs as a Linux process), drivers/xen for `xen`.
 *
 * Applications do not call these; they use <unik/unik.h>. Every function here
 * is called from thread context with the scheduler idle or the calling thread
 * running; none is called from an interrupt/upcall handler.
 */
#ifndef UNIK_PLAT_H
#define UNIK_PLAT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Write len bytes to the console. Returns when the bytes are handed to the
 * console backend (on Xen: copied into the PV console ring; it may wait for
 * the backend to drain a full ring). Safe to call from a panic.
 */
void plat_console_write(const char *buf, size_t len);

/* Monotonic time in nanoseconds since an arbitrary point before boot. */
uint64_t plat_monotonic_ns(void);

/* Wall-clock time in nanoseconds since the Unix epoch (UTC). */
uint64_t plat_wallclock_ns(void);

/*
 * Block the whole image until monotonic time `deadline_ns` or until an
 * external event (Xen event channel, fd readiness on unix) arrives,
 * whichever is first. Before returning, the platform runs the handlers of the
 * events that arrived (they may wake threads; they never block). A deadline
 * in the past, including 0, polls: handlers run, nothing blocks.
 * Spurious early returns are allowed; callers re-check their own state.
 */
void plat_wait(uint64_t deadline_ns);

/*
 * The memory the heap may use: [*start, *start + *size). Called once at
 * start-up by the libc glue. On Xen this is the guest RAM after the image
 * and the platform's own tables; on unix a region mmap'd at the manifest's
 * memory size, so exhaustion behaves the same on both targets.
 */
void plat_heap_region(uintptr_t *start, size_t *size);

/*
 * Allocate a thread stack of `size` bytes (a multiple of 4096) with an
 * unmapped guard page immediately below it, so that an overflow faults
 * instead of corrupting memory. Returns the lowest usable address (the
 * guard page is at base - 4096) or NULL when out of memory.
 */
void *plat_stack_alloc(size_t size);

/* Release a stack returned by plat_stack_alloc(base, size). */
void plat_stack_free(void *base, size_t size);

/*
 * End the image. status 0: clean exit (Xen: SHUTDOWN_poweroff). Any other
 * status: failure (Xen: SHUTDOWN_crash so that `xl` reports "crashed";
 * unix: exit(status)).
 */
_Noreturn void plat_exit(int status);

/*
 * End the image after a broken invariant (panic, fatal fault). Never
 * returns; the console has already been written by the caller.
 * Xen: SHUTDOWN_crash. unix: abort().
 */
_Noreturn void plat_crash(void);

/*
 * Entry into the portable core, called by the platform exactly once, on the
 * boot stack, once console, time and memory work. argv[argc] is NULL. The
 * core runs main() in a thread and calls plat_exit() with its result.
 */
_Noreturn void unik_start(int argc, char **argv);

#endif
