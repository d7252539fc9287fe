/* Unit tests of the FIFO under lwIP's mailboxes (mbox_ring.c). */
#include "mbox_ring.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>

static void test_fifo_order_and_bounds(void **state)
{
	struct mbox_ring r;

	(void)state;
	assert_int_equal(mbox_ring_init(&r, 3), 0);
	assert_true(mbox_ring_empty(&r));
	for (uintptr_t i = 1; i <= 3; i++)
		mbox_ring_push(&r, (void *)i);
	assert_true(mbox_ring_full(&r));
	assert_ptr_equal(mbox_ring_pop(&r), (void *)1);
	assert_false(mbox_ring_full(&r));
	mbox_ring_push(&r, (void *)4); /* wraps around */
	for (uintptr_t i = 2; i <= 4; i++)
		assert_ptr_equal(mbox_ring_pop(&r), (void *)i);
	assert_true(mbox_ring_empty(&r));
	mbox_ring_destroy(&r);
}

static void test_long_interleaving(void **state)
{
	struct mbox_ring r;
	uintptr_t in = 0, out = 0;

	(void)state;
	assert_int_equal(mbox_ring_init(&r, 5), 0);
	for (int round = 0; round < 1000; round++) {
		int pushes = round % 4 + 1;

		for (int k = 0; k < pushes && !mbox_ring_full(&r); k++)
			mbox_ring_push(&r, (void *)++in);
		for (int k = 0; k < 3 && !mbox_ring_empty(&r); k++)
			assert_ptr_equal(mbox_ring_pop(&r), (void *)++out);
		assert_true(r.count <= r.size);
	}
	while (!mbox_ring_empty(&r))
		assert_ptr_equal(mbox_ring_pop(&r), (void *)++out);
	assert_int_equal(in, out);
	mbox_ring_destroy(&r);
}

static void test_size_zero_means_one(void **state)
{
	struct mbox_ring r;

	(void)state;
	assert_int_equal(mbox_ring_init(&r, 0), 0);
	mbox_ring_push(&r, &r);
	assert_true(mbox_ring_full(&r));
	assert_ptr_equal(mbox_ring_pop(&r), &r);
	mbox_ring_destroy(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fifo_order_and_bounds),
		cmocka_unit_test(test_long_interleaving),
		cmocka_unit_test(test_size_zero_means_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
