/* sbrk over a region: growth, shrink, exhaustion, wrap-around. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>

#include "heap.h"

static void test_grow_and_shrink(void **state)
{
	struct heap h;
	void *old = NULL;

	(void)state;
	heap_init(&h, 0x10000, 0x1000);
	assert_int_equal(heap_sbrk(&h, 0, &old), 0);
	assert_ptr_equal(old, (void *)0x10000);
	assert_int_equal(heap_sbrk(&h, 0x100, &old), 0);
	assert_ptr_equal(old, (void *)0x10000);
	assert_int_equal(heap_sbrk(&h, 0x100, &old), 0);
	assert_ptr_equal(old, (void *)0x10100);
	assert_int_equal(heap_sbrk(&h, -0x200, &old), 0);
	assert_ptr_equal(old, (void *)0x10200);
	assert_int_equal(h.brk, 0x10000);
}

static void test_exhaustion_leaves_break_alone(void **state)
{
	struct heap h;
	void *old = (void *)0x1234;

	(void)state;
	heap_init(&h, 0x10000, 0x1000);
	assert_int_equal(heap_sbrk(&h, 0x1000, &old), 0); /* exactly full */
	old = (void *)0x1234;
	assert_int_equal(heap_sbrk(&h, 1, &old), -ENOMEM);
	assert_ptr_equal(old, (void *)0x1234); /* untouched on failure */
	assert_int_equal(h.brk, 0x11000);
	assert_int_equal(heap_sbrk(&h, -0x1001, &old),
			 -ENOMEM); /* below start */
	assert_int_equal(h.brk, 0x11000);
}

static void test_huge_requests_do_not_wrap(void **state)
{
	struct heap h;
	void *old;

	(void)state;
	heap_init(&h, UINTPTR_MAX - 0x2000, 0x1000);
	assert_int_equal(heap_sbrk(&h, INTPTR_MAX, &old), -ENOMEM);
	assert_int_equal(heap_sbrk(&h, INTPTR_MIN, &old), -ENOMEM);
	assert_int_equal(h.brk, UINTPTR_MAX - 0x2000);
	/* a region running past the top is clipped, not wrapped */
	heap_init(&h, UINTPTR_MAX - 0xfff, 0x2000);
	assert_int_equal(h.end, UINTPTR_MAX);
	assert_int_equal(heap_sbrk(&h, 0x1000, &old), -ENOMEM);
	assert_int_equal(heap_sbrk(&h, 0xfff, &old), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grow_and_shrink),
	    cmocka_unit_test(test_exhaustion_leaves_break_alone),
	    cmocka_unit_test(test_huge_requests_do_not_wrap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
