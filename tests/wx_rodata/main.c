/* W^X: read-only data is not writable; the image must crash, loudly. */
#include "unik_test.h"

static const char greeting[] = "read-only";

int main(void)
{
	volatile char *p = (volatile char *)greeting;

	TEST_EXPECT_CRASH("wx_rodata");
	/* tests/run: the fault report must name this address. */
	printf("UNIK-TEST: EXPECT-FAULT-AT %p\n", (void *)p);
	fflush(stdout);
	p[0] = 'X';
	printf("UNIK-TEST: FAIL wx_rodata: wrote to rodata (%s)\n", greeting);
	return 1;
}
