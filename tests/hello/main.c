/* Two threads sleep and interleave; the order of their turns is checked. */
#include <unik/unik.h>

#include <stdio.h>
#include <string.h>

#include "unik_test.h"

static char order[16];

static void worker(void *arg)
{
	const char *tag = arg;
	/* a wakes at 40 80 120 ms, b at 100 200 300: 20 ms apart at least,
	 * so scheduling jitter (large in the emulated lab) cannot swap them */
	unsigned period = tag[0] == 'a' ? 40 : 100;

	for (int i = 0; i < 3; i++) {
		unik_sleep_ms(period);
		strncat(order, tag, 1);
		printf("%s: turn %d\n", tag, i + 1);
	}
}

int main(void)
{
	struct unik_thread *a, *b;

	printf("hello from unik on %s\n", unik_target());
	CHECK("hello", unik_thread_create(&a, "a", worker, "a", 0) == 0, "create a");
	CHECK("hello", unik_thread_create(&b, "b", worker, "b", 0) == 0, "create b");
	unik_thread_join(a);
	unik_thread_join(b);
	CHECK("hello", strcmp(order, "aababb") == 0, "order %s, want aababb", order);
	TEST_PASS("hello");
	return 0;
}
