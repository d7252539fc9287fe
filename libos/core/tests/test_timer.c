/* Unit tests of the timer list (timer.c), driven directly by timers_run. */
#include "../core.h"
#include "plat_fake.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

static char order[64];

static void record(struct unik_timer *t)
{
	size_t n = strlen(order);

	order[n] = *(const char *)t->arg;
	order[n + 1] = 0;
}

static int setup(void **state)
{
	(void)state;
	order[0] = 0;
	timers_run(UINT64_MAX - 1); /* drain anything a failed test left */
	order[0] = 0;
	return 0;
}

static void test_fire_in_deadline_order_fifo_on_ties(void **state)
{
	struct unik_timer t[5];
	static const char tags[] = "cab2d";
	static const uint64_t when[] = {30, 10, 20, 20, 40};

	(void)state;
	for (int i = 0; i < 5; i++) {
		unik_timer_init(&t[i], record, (void *)&tags[i]);
		unik_timer_arm(&t[i], when[i]);
	}
	assert_int_equal(timers_run(5), 10);
	assert_string_equal(order, "");
	assert_int_equal(timers_run(20), 30);
	assert_string_equal(order, "ab2");
	assert_int_equal(timers_run(100), UNIK_FOREVER);
	assert_string_equal(order, "ab2cd");
}

static void test_cancel_and_rearm(void **state)
{
	struct unik_timer a, b;

	(void)state;
	unik_timer_init(&a, record, "a");
	unik_timer_init(&b, record, "b");
	unik_timer_arm(&a, 10);
	unik_timer_arm(&b, 20);
	assert_true(unik_timer_cancel(&a));
	assert_false(unik_timer_cancel(&a));
	unik_timer_arm(&b, 5); /* re-arming moves it, never duplicates it */
	assert_int_equal(timers_run(100), UNIK_FOREVER);
	assert_string_equal(order, "b");
	assert_false(b.armed);
}

static int rearms;

static void periodic(struct unik_timer *t)
{
	record(t);
	if (++rearms < 3)
		unik_timer_arm(t, t->deadline_ns + 10);
}

static void test_callback_may_rearm(void **state)
{
	struct unik_timer p;

	(void)state;
	rearms = 0;
	unik_timer_init(&p, periodic, "p");
	unik_timer_arm(&p, 10);
	/* Runs every expiry up to `now`, including re-armed ones. */
	assert_int_equal(timers_run(25), 30);
	assert_string_equal(order, "pp");
	assert_int_equal(timers_run(30), UNIK_FOREVER);
	assert_string_equal(order, "ppp");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_fire_in_deadline_order_fifo_on_ties, setup),
		cmocka_unit_test_setup(test_cancel_and_rearm, setup),
		cmocka_unit_test_setup(test_callback_may_rearm, setup),
	};
	return cmocka_run_group_tests_name("core/timer", tests, NULL, NULL);
}
