/* Command line splitting: blanks, quotes, escapes, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "libc_glue.h"

#define MAX 8

static int split(const char *line, char *buf, size_t len, char **argv, int max)
{
	strncpy(buf, line, len - 1);
	buf[len - 1] = '\0';
	return libc_split_args(buf, argv, max);
}

static void test_empty_and_blank(void **state)
{
	char buf[64], *argv[MAX + 1];

	(void)state;
	assert_int_equal(split("", buf, sizeof(buf), argv, MAX), 0);
	assert_null(argv[0]);
	assert_int_equal(split(" \t \n", buf, sizeof(buf), argv, MAX), 0);
	assert_null(argv[0]);
}

static void test_words(void **state)
{
	char buf[64], *argv[MAX + 1];

	(void)state;
	assert_int_equal(
	    split("  -v  port=80\tx ", buf, sizeof(buf), argv, MAX), 3);
	assert_string_equal(argv[0], "-v");
	assert_string_equal(argv[1], "port=80");
	assert_string_equal(argv[2], "x");
	assert_null(argv[3]);
}

static void test_quotes_and_escapes(void **state)
{
	char buf[128], *argv[MAX + 1];

	(void)state;
	assert_int_equal(
	    split("a\"b c\"d 'it''s' \"say \\\"hi\\\"\" x\\ y '\\n' \"\"", buf,
		  sizeof(buf), argv, MAX),
	    6);
	assert_string_equal(argv[0], "ab cd");
	assert_string_equal(argv[1], "its");
	assert_string_equal(argv[2], "say \"hi\"");
	assert_string_equal(argv[3], "x y");
	assert_string_equal(argv[4], "\\n"); /* no escapes inside '' */
	assert_string_equal(argv[5], "");    /* "" is an empty word */
	assert_null(argv[6]);
}

static void test_unterminated_quote_runs_to_end(void **state)
{
	char buf[64], *argv[MAX + 1];

	(void)state;
	assert_int_equal(split("a \"b c", buf, sizeof(buf), argv, MAX), 2);
	assert_string_equal(argv[1], "b c");
	assert_int_equal(split("trailing\\", buf, sizeof(buf), argv, MAX), 1);
	assert_string_equal(argv[0], "trailing\\");
}

static void test_too_many_words(void **state)
{
	char buf[64], *argv[3 + 1];

	(void)state;
	assert_int_equal(split("a b c", buf, sizeof(buf), argv, 3), 3);
	assert_int_equal(split("a b c d", buf, sizeof(buf), argv, 3), -E2BIG);
	assert_string_equal(argv[2], "c");
	assert_null(argv[3]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty_and_blank),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_quotes_and_escapes),
	    cmocka_unit_test(test_unterminated_quote_runs_to_end),
	    cmocka_unit_test(test_too_many_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
