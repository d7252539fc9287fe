/* Unit tests of the cooperative scheduler, wait queues and sleeping, on the
 * real sched.c/waitq.c/timer.c and the real context switch, with virtual
 * time from plat_fake.c. */
#include "../core.h"
#include "plat_fake.h"

#include <unik/unik.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include <xmmintrin.h>

static char trace[256];

static void note(char c)
{
	size_t n = strlen(trace);

	assert_true(n + 1 < sizeof(trace));
	trace[n] = c;
	trace[n + 1] = 0;
}

static int setup(void **state)
{
	(void)state;
	fake_reset();
	trace[0] = 0;
	return 0;
}

/* Run `fn` as the first thread and the scheduler until it is done. */
static void run(void (*fn)(void *), void *arg)
{
	struct unik_thread *t;

	assert_int_equal(unik_thread_create(&t, "root", fn, arg, 0), 0);
	sched_run_until_done(t);
	assert_int_equal(unik_thread_join(t), 0);
}

static void yielder(void *arg)
{
	for (int i = 0; i < 3; i++) {
		note(*(const char *)arg);
		unik_yield();
	}
}

static void spawn_abc(void *arg)
{
	static const char a = 'a', b = 'b', c = 'c';
	struct unik_thread *t[3];

	(void)arg;
	assert_int_equal(unik_thread_create(&t[0], "a", yielder, (void *)&a, 0), 0);
	assert_int_equal(unik_thread_create(&t[1], "b", yielder, (void *)&b, 0), 0);
	assert_int_equal(unik_thread_create(&t[2], "c", yielder, (void *)&c, 0), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(unik_thread_join(t[i]), 0);
	note('J');
}

static void test_round_robin(void **state)
{
	(void)state;
	run(spawn_abc, NULL);
	assert_string_equal(trace, "abcabcabcJ");
	assert_int_equal(sched_live_threads(), 0);
}

static void join_self(void *arg)
{
	(void)arg;
	assert_int_equal(unik_thread_join(unik_thread_self()), -EINVAL);
	assert_string_equal(unik_thread_name(unik_thread_self()), "root");
}

static void test_join_self_refused(void **state)
{
	(void)state;
	run(join_self, NULL);
}

struct sleeper {
	uint64_t ns;
	char tag;
	uint64_t woke_at;
};

static void sleep_fn(void *arg)
{
	struct sleeper *s = arg;
	uint64_t t0 = unik_now_ns();

	unik_sleep_ns(s->ns);
	s->woke_at = unik_now_ns();
	assert_true(s->woke_at - t0 >= s->ns); /* never early */
	note(s->tag);
}

static void spawn_sleepers(void *arg)
{
	struct sleeper *s = arg;
	struct unik_thread *t[3];

	for (int i = 0; i < 3; i++)
		assert_int_equal(unik_thread_create(&t[i], "s", sleep_fn, &s[i], 0), 0);
	for (int i = 0; i < 3; i++)
		unik_thread_join(t[i]);
}

static void test_sleep_wakes_in_deadline_order(void **state)
{
	struct sleeper s[3] = {{30000000, '3', 0}, {10000000, '1', 0}, {20000000, '2', 0}};
	uint64_t start = fake_now;

	(void)state;
	run(spawn_sleepers, s);
	assert_string_equal(trace, "123");
	assert_int_equal(s[1].woke_at, start + 10000000);
	assert_int_equal(s[0].woke_at, start + 30000000);
	/* The idle loop blocked once per distinct deadline, no busy polling. */
	assert_int_equal(fake_waits, 3);
}

static struct unik_waitq wq = UNIK_WAITQ_INIT;

static void waiter(void *arg)
{
	assert_int_equal(unik_waitq_wait(&wq, UNIK_FOREVER), 0);
	note(*(const char *)arg);
}

static void spawn_waiters(void *arg)
{
	static const char x = 'x', y = 'y', z = 'z';
	struct unik_thread *t[3];

	(void)arg;
	unik_thread_create(&t[0], "x", waiter, (void *)&x, 0);
	unik_thread_create(&t[1], "y", waiter, (void *)&y, 0);
	unik_thread_create(&t[2], "z", waiter, (void *)&z, 0);
	unik_yield(); /* let all three block */
	assert_true(unik_waitq_wake_one(&wq));
	unik_yield();
	note('|');
	unik_waitq_wake_all(&wq);
	for (int i = 0; i < 3; i++)
		unik_thread_join(t[i]);
	assert_false(unik_waitq_wake_one(&wq));
}

static void test_waitq_fifo_and_wake_all(void **state)
{
	(void)state;
	run(spawn_waiters, NULL);
	assert_string_equal(trace, "x|yz");
}

static void timed_waits(void *arg)
{
	uint64_t t0 = unik_now_ns();

	(void)arg;
	assert_int_equal(unik_waitq_wait(&wq, t0 + 5000000), -ETIMEDOUT);
	assert_int_equal(unik_now_ns(), t0 + 5000000);
	assert_null(wq.head); /* the timed-out waiter left the queue */
	assert_int_equal(unik_waitq_wait(&wq, t0), -ETIMEDOUT); /* past */
}

static void test_waitq_timeout(void **state)
{
	(void)state;
	run(timed_waits, NULL);
}

static void waker(void *arg)
{
	unik_sleep_ns(1000000);
	unik_waitq_wake_one(arg);
}

static void woken_before_deadline(void *arg)
{
	uint64_t t0 = unik_now_ns();

	(void)arg;
	unik_thread_create(NULL, "waker", waker, &wq, 0);
	assert_int_equal(unik_waitq_wait(&wq, t0 + 50000000), 0);
	assert_int_equal(unik_now_ns(), t0 + 1000000);
	unik_sleep_ns(100000000); /* the cancelled timeout must not fire */
}

static void test_waitq_woken_before_timeout(void **state)
{
	(void)state;
	run(woken_before_deadline, NULL);
	assert_int_equal(sched_live_threads(), 0); /* detached waker freed */
}

static void create_fails(void *arg)
{
	struct unik_thread *t = NULL;

	(void)arg;
	fake_stack_fail = 1;
	assert_int_equal(unik_thread_create(&t, "x", yielder, "q", 0), -ENOMEM);
	assert_null(t);
}

static void test_create_out_of_memory(void **state)
{
	(void)state;
	run(create_fails, NULL);
	assert_int_equal(sched_live_threads(), 0);
}

static void rounding_changer(void *arg)
{
	(void)arg;
	_MM_SET_ROUNDING_MODE(_MM_ROUND_TOWARD_ZERO);
	unik_yield();
	assert_int_equal(_MM_GET_ROUNDING_MODE(), _MM_ROUND_TOWARD_ZERO);
}

static void rounding_checker(void *arg)
{
	(void)arg;
	assert_int_equal(_MM_GET_ROUNDING_MODE(), _MM_ROUND_NEAREST);
	note('f');
}

static void fpu_isolation(void *arg)
{
	struct unik_thread *a, *b;

	(void)arg;
	unik_thread_create(&a, "chg", rounding_changer, NULL, 0);
	unik_thread_create(&b, "chk", rounding_checker, NULL, 0);
	unik_thread_join(a);
	unik_thread_join(b);
}

static void test_fpu_control_is_per_thread(void **state)
{
	(void)state;
	run(fpu_isolation, NULL);
	assert_string_equal(trace, "f");
	assert_int_equal(_MM_GET_ROUNDING_MODE(), _MM_ROUND_NEAREST);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_round_robin, setup),
		cmocka_unit_test_setup(test_join_self_refused, setup),
		cmocka_unit_test_setup(test_sleep_wakes_in_deadline_order, setup),
		cmocka_unit_test_setup(test_waitq_fifo_and_wake_all, setup),
		cmocka_unit_test_setup(test_waitq_timeout, setup),
		cmocka_unit_test_setup(test_waitq_woken_before_timeout, setup),
		cmocka_unit_test_setup(test_create_out_of_memory, setup),
		cmocka_unit_test_setup(test_fpu_control_is_per_thread, setup),
	};
	return cmocka_run_group_tests_name("core/sched", tests, NULL, NULL);
}
