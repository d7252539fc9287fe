/* Building the first frame of a new thread for arch_ctx_switch (switch.S). */
#include <unik/arch.h>

#include <stdint.h>

extern void arch_ctx_trampoline(void);

/* Default FPU state a new thread starts with: all exceptions masked,
 * round-to-nearest (the values the SysV ABI mandates at process start). */
#define MXCSR_DEFAULT 0x1f80u
#define FPUCW_DEFAULT 0x037fu

uintptr_t arch_ctx_init(void *stack_top, void (*entry)(void *), void *arg)
{
	uint64_t *sp = (uint64_t *)((uintptr_t)stack_top & ~(uintptr_t)15);

	*--sp = 0;                                /* alignment pad */
	*--sp = (uint64_t)(uintptr_t)arch_ctx_trampoline; /* return address */
	*--sp = 0;                                /* rbp */
	*--sp = 0;                                /* rbx */
	*--sp = (uint64_t)(uintptr_t)entry;       /* r12 */
	*--sp = (uint64_t)(uintptr_t)arg;         /* r13 */
	*--sp = 0;                                /* r14 */
	*--sp = 0;                                /* r15 */
	*--sp = MXCSR_DEFAULT | ((uint64_t)FPUCW_DEFAULT << 32);
	return (uintptr_t)sp;
}
