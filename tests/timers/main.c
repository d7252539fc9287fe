/* Sleep semantics and timer order, on the platform's real clock. */
#include <unik/unik.h>

#include <stdio.h>
#include <string.h>

#include "unik_test.h"

#define MS 1000000ull

static char fired[8];

static void on_timer(struct unik_timer *t)
{
	strncat(fired, t->arg, 1);
}

static void check_sleeps(void)
{
	uint64_t worst = 0;

	for (int i = 0; i < 20; i++) {
		uint64_t t0 = unik_now_ns(), dt;

		unik_sleep_ms(10);
		dt = unik_now_ns() - t0;
		CHECK("timers", dt >= 10 * MS, "10 ms sleep returned after %llu ns",
		      (unsigned long long)dt);
		/* Generous: the Xen lab runs under software emulation. */
		CHECK("timers", dt < 100 * MS, "10 ms sleep took %llu ms",
		      (unsigned long long)(dt / MS));
		if (dt > worst)
			worst = dt;
	}
	printf("timers: 20 sleeps of 10 ms, longest %llu us\n",
	       (unsigned long long)(worst / 1000));
}

static void check_timer_order(void)
{
	struct unik_timer t[4];
	static const char *tags[] = {"c", "a", "d", "b"};
	static const unsigned when_ms[] = {30, 10, 40, 20};
	uint64_t now = unik_now_ns();

	for (int i = 0; i < 4; i++) {
		unik_timer_init(&t[i], on_timer, (void *)tags[i]);
		unik_timer_arm(&t[i], now + when_ms[i] * MS);
	}
	unik_timer_cancel(&t[2]); /* d never fires */
	unik_sleep_ms(60);
	CHECK("timers", strcmp(fired, "abc") == 0, "fired '%s', want 'abc'", fired);
}

static void check_clocks(void)
{
	uint64_t wall = unik_wallclock_ns();
	uint64_t a = unik_now_ns(), b = unik_now_ns();

	CHECK("timers", b >= a, "monotonic clock went backwards");
	/* 2020-01-01 .. 2100-01-01 */
	CHECK("timers", wall > 1577836800ull * 1000000000ull &&
	                    wall < 4102444800ull * 1000000000ull,
	      "wall clock %llu s is not plausible",
	      (unsigned long long)(wall / 1000000000ull));
}

int main(void)
{
	check_clocks();
	check_sleeps();
	check_timer_order();
	TEST_PASS("timers");
	return 0;
}
