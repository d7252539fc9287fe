/* A panic prints file:line and its message, then crashes the image
 * (xl reports the domain as crashed). */
#include <unik/unik.h>

#include "unik_test.h"

int main(void)
{
	TEST_EXPECT_CRASH("panic");
	UNIK_PANIC("deliberate panic %d", 42);
}
