/* W^X: the heap is not executable; jumping into it must crash the image. */
#include <stdint.h>
#include <string.h>

#include "unik_test.h"

int main(void)
{
	static const unsigned char ret_insn[] = {0xc3}; /* x86 `ret` */
	unsigned char *code = malloc(64);
	void (*fn)(void);

	CHECK("wx_heapexec", code != NULL, "malloc failed");
	memcpy(code, ret_insn, sizeof(ret_insn));
	fn = (void (*)(void))(uintptr_t)code;
	TEST_EXPECT_CRASH("wx_heapexec");
	/* tests/run: the fault report must name this address. */
	printf("UNIK-TEST: EXPECT-FAULT-AT %p\n", (void *)code);
	fflush(stdout);
	fn();
	printf("UNIK-TEST: FAIL wx_heapexec: executed code on the heap\n");
	return 1;
}
