/* HTTP dates: formatting and the three accepted forms. */
#include "fake_env.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* cmocka needs the headers above */
#include <cmocka.h>

static int64_t parse(const char *s)
{
	int64_t t = -1;

	if (http_date_parse((struct http_str){s, strlen(s)}, &t) < 0)
		return -1;
	return t;
}

static void test_format(void **state)
{
	char d[HTTP_DATE_LEN + 1];

	(void)state;
	http_date_format(784111777, d);
	assert_string_equal(d, "Sun, 06 Nov 1994 08:49:37 GMT");
	http_date_format(0, d);
	assert_string_equal(d, "Thu, 01 Jan 1970 00:00:00 GMT");
	http_date_format(951782400, d); /* leap day */
	assert_string_equal(d, "Tue, 29 Feb 2000 00:00:00 GMT");
	http_date_format(4102444799, d);
	assert_string_equal(d, "Thu, 31 Dec 2099 23:59:59 GMT");
	http_date_format(-5, d);
	assert_string_equal(d, "Thu, 01 Jan 1970 00:00:00 GMT");
	assert_int_equal(strlen(d), HTTP_DATE_LEN);
}

static void test_parse_forms(void **state)
{
	(void)state;
	assert_int_equal(parse("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
	assert_int_equal(parse("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
	assert_int_equal(parse("Sun Nov  6 08:49:37 1994"), 784111777);
	assert_int_equal(parse("Tue, 29 Feb 2000 00:00:00 GMT"), 951782400);
	assert_int_equal(parse("Thursday, 01-Jan-15 00:00:00 GMT"), 1420070400);
}

static void test_round_trip(void **state)
{
	char d[HTTP_DATE_LEN + 1];

	(void)state;
	for (int64_t t = 0; t < 4102444800; t += 86399 * 37 + 17) {
		http_date_format(t, d);
		assert_int_equal(parse(d), t);
	}
}

static void test_parse_invalid(void **state)
{
	(void)state;
	assert_int_equal(parse(""), -1);
	assert_int_equal(parse("yesterday"), -1);
	assert_int_equal(parse("Sun, 06 Nov 1994 08:49:37 UTC"), -1);
	assert_int_equal(parse("Sun, 06 Nov 1994 08:49:37 GMT "), -1);
	assert_int_equal(parse("Sun, 6 Nov 1994 08:49:37 GMT"), -1);
	assert_int_equal(parse("Sun, 06 Foo 1994 08:49:37 GMT"), -1);
	assert_int_equal(parse("Sun, 06 Nov 1994 24:49:37 GMT"), -1);
	assert_int_equal(parse("Sun, 00 Nov 1994 08:49:37 GMT"), -1);
	assert_int_equal(parse("Sun Nov 6 08:49:37 1994"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_parse_forms),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_parse_invalid),
	};
	return cmocka_run_group_tests_name("net/http date", tests, NULL, NULL);
}
