/* W^X: read-only data is not writable; the image must crash, loudly. */
#include "unik_test.h"

static const char greeting[] = "read-only";

int main(void)
{
	volatile char *p = (volatile char *)greeting;

	TEST_EXPECT_CRASH("wx_rodata");
	p[0] = 'X';
	printf("UNIK-TEST: FAIL wx_rodata: wrote to rodata (%s)\n", greeting);
	return 1;
}
