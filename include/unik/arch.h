/*
 * The CPU seam used by the scheduler (implemented in arch/<cpu>/).
 * Internal to the libOS: applications do not call these.
 */
#ifndef UNIK_ARCH_H
#define UNIK_ARCH_H

#include <stdint.h>

/*
 * Save the callee-saved state of the running context, store its stack
 * pointer in *save_sp, and resume the context whose saved stack pointer is
 * new_sp. Returns when something switches back to the saved context.
 */
void arch_ctx_switch(uintptr_t *save_sp, uintptr_t new_sp);

/*
 * Prepare a stack so that switching to the returned stack pointer calls
 * entry(arg) on it. entry must never return.
 */
uintptr_t arch_ctx_init(void *stack_top, void (*entry)(void *), void *arg);

#endif
