/* Unit tests of MAC parsing and TAP name lists (mac.c). */
#include "mac.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <errno.h>

static void test_parse(void **state)
{
	uint8_t m[6] = {0}, want[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0xab};

	(void)state;
	assert_int_equal(mac_parse("52:54:00:12:34:ab", m), 0);
	assert_memory_equal(m, want, 6);
	assert_int_equal(mac_parse("52-54-00-12-34-AB", m), 0);
	assert_memory_equal(m, want, 6);
	const char *bad[] = {"", "52:54:00:12:34", "52:54:00:12:34:ab:cd", "52:54:00:12:34:a",
	                     "52:54:00:12:34:abc", "01:00:5e:00:00:01" /* multicast */,
	                     "00:00:00:00:00:00", "52 54 00 12 34 ab", "g2:54:00:12:34:ab"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(mac_parse(bad[i], m), -EINVAL);
}

static void test_make_local(void **state)
{
	uint8_t m[6] = {0xff, 1, 2, 3, 4, 5};

	(void)state;
	mac_make_local(m);
	assert_int_equal(m[0], 0xfe); /* unicast, locally administered */
	m[0] = 0x00;
	mac_make_local(m);
	assert_int_equal(m[0], 0x02);
}

static void test_names(void **state)
{
	char names[4][16];

	(void)state;
	assert_int_equal(tap_split_names("tap0", names, 4), 1);
	assert_string_equal(names[0], "tap0");
	assert_int_equal(tap_split_names("tap0,unik-tap1", names, 4), 2);
	assert_string_equal(names[1], "unik-tap1");
	assert_int_equal(tap_split_names("a,b,c,d,e", names, 4), -EINVAL);
	assert_int_equal(tap_split_names("tap0,", names, 4), -EINVAL);
	assert_int_equal(tap_split_names(",tap0", names, 4), -EINVAL);
	assert_int_equal(tap_split_names("0123456789abcdef", names, 4), -EINVAL); /* 16 chars */
	assert_int_equal(tap_split_names("0123456789abcde", names, 4), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_make_local),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
