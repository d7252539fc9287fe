#include "plat_fake.h"

#include <unik/plat.h>
#include <unik/thread.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

uint64_t fake_now;
char fake_console[4096];
size_t fake_console_len;
int fake_stack_fail;
unsigned fake_waits;

void fake_reset(void)
{
	fake_now = 1000000;
	fake_console_len = 0;
	fake_console[0] = 0;
	fake_stack_fail = 0;
	fake_waits = 0;
}

void plat_console_write(const char *buf, size_t len)
{
	size_t room = sizeof(fake_console) - 1 - fake_console_len;

	if (len > room)
		len = room;
	memcpy(fake_console + fake_console_len, buf, len);
	fake_console_len += len;
	fake_console[fake_console_len] = 0;
}

uint64_t plat_monotonic_ns(void) { return fake_now; }
uint64_t plat_wallclock_ns(void) { return 1700000000000000000ull + fake_now; }

void plat_wait(uint64_t deadline_ns)
{
	if (deadline_ns <= fake_now)
		return;
	/* Nothing external can happen in a unit test: waiting forever means
	 * every thread is blocked with no timer left, a deadlock. */
	if (deadline_ns == UNIK_FOREVER)
		fail_msg("deadlock: plat_wait(FOREVER) with no timer armed");
	fake_waits++;
	fake_now = deadline_ns;
}

void plat_heap_region(uintptr_t *start, size_t *size)
{
	*start = 0;
	*size = 0;
}

void *plat_stack_alloc(size_t size)
{
	if (fake_stack_fail > 0) {
		fake_stack_fail--;
		return NULL;
	}
	return aligned_alloc(4096, size);
}

void plat_stack_free(void *base, size_t size)
{
	(void)size;
	free(base);
}

_Noreturn void plat_exit(int status)
{
	fail_msg("plat_exit(%d) called", status);
	abort();
}

_Noreturn void plat_crash(void)
{
	fail_msg("crash: %s", fake_console);
	abort();
}
