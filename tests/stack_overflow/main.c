/* A thread that recurses without bound must hit the guard page under its
 * stack and crash the image, not silently corrupt memory below it. */
#include <unik/unik.h>

#include "unik_test.h"

static volatile unsigned depth;
static volatile unsigned limit = ~0u; /* unbounded, unknown to the compiler */

static unsigned recurse(unsigned n)
{
	volatile char frame[256]; /* < one page: cannot jump over the guard */

	frame[0] = (char)n;
	depth = n;
	if (n == limit)
		return 0;
	return recurse(n + 1) + frame[0];
}

static void overflow(void *arg)
{
	(void)arg;
	recurse(0);
}

int main(void)
{
	struct unik_thread *t;

	CHECK("stack_overflow", unik_thread_create(&t, "deep", overflow, NULL, 16384) == 0,
	      "create");
	TEST_EXPECT_CRASH("stack_overflow");
	unik_thread_join(t);
	printf("UNIK-TEST: FAIL stack_overflow: survived depth %u\n", depth);
	return 1;
}
