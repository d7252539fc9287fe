/* A fake platform for the core's unit tests: virtual time that jumps to
 * each deadline, console captured in memory, stacks from malloc. */
#ifndef PLAT_FAKE_H
#define PLAT_FAKE_H

#include <stddef.h>
#include <stdint.h>

extern uint64_t fake_now;         /* virtual monotonic clock */
extern char fake_console[4096];   /* everything written, NUL-terminated */
extern size_t fake_console_len;
extern int fake_stack_fail;       /* > 0: the next N stack allocations fail */
extern unsigned fake_waits;       /* plat_wait calls that blocked */

void fake_reset(void);

#endif
