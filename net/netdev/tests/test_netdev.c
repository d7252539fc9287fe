#include <unik/net.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static void test_register_and_limits(void **state)
{
	static struct unik_netdev d[UNIK_NETDEV_MAX + 1];
	struct unik_netdev_stats s;

	(void)state;
	assert_int_equal(unik_netdev_count(), 0);
	assert_null(unik_netdev_get(0));
	assert_int_equal(unik_net_stats(0, &s), -ENODEV);
	for (unsigned i = 0; i < UNIK_NETDEV_MAX; i++) {
		assert_int_equal(unik_netdev_register(&d[i]), 0);
		assert_int_equal(d[i].index, i);
	}
	assert_int_equal(unik_netdev_register(&d[UNIK_NETDEV_MAX]), -ENOSPC);
	assert_int_equal(unik_netdev_count(), UNIK_NETDEV_MAX);
	assert_ptr_equal(unik_netdev_get(3), &d[3]);
	d[2].stats.rx_packets = 7;
	assert_int_equal(unik_net_stats(2, &s), 0);
	assert_int_equal(s.rx_packets, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_and_limits),
	};
	return cmocka_run_group_tests_name("net/netdev", tests, NULL, NULL);
}
