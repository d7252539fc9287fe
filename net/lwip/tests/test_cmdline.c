/* Unit tests of the libOS command-line filter (libos/core/cmdline.c). */
#include <unik/cmdline.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

extern char printk_last[256];
extern int printk_count;

static void test_options_removed_order_kept(void **state)
{
	char *argv[] = {"app", "-v", "unik.ip=10.0.0.2/24", "file", "unik.tap=tap1", "x", NULL};
	int argc = unik_cmdline_init(6, argv);

	(void)state;
	assert_int_equal(argc, 4);
	assert_string_equal(argv[0], "app");
	assert_string_equal(argv[1], "-v");
	assert_string_equal(argv[2], "file");
	assert_string_equal(argv[3], "x");
	assert_null(argv[4]);
	assert_string_equal(unik_cmdline_get("ip"), "10.0.0.2/24");
	assert_string_equal(unik_cmdline_get("tap"), "tap1");
	assert_null(unik_cmdline_get("gw"));
}

static void test_last_wins_and_prefixes_are_exact(void **state)
{
	char *argv[] = {"app", "unik.ip=1.1.1.1/8", "unik.ip1=2.2.2.2/8", "unik.ip=3.3.3.3/8", NULL};

	(void)state;
	assert_int_equal(unik_cmdline_init(4, argv), 1);
	assert_string_equal(unik_cmdline_get("ip"), "3.3.3.3/8");
	assert_string_equal(unik_cmdline_get("ip1"), "2.2.2.2/8");
	assert_null(unik_cmdline_get("i"));
}

static void test_bare_key_empty_value_and_non_options(void **state)
{
	/* argv[0] never an option; "unik." and "unik.=x" are not options;
	 * "UNIK.x" is case-sensitive: the app's. */
	char *argv[] = {"unik.x=1", "unik.debug", "unik.", "unik.=x", "UNIK.ip=1", "unik.a=b=c", NULL};

	(void)state;
	assert_int_equal(unik_cmdline_init(6, argv), 4);
	assert_string_equal(argv[0], "unik.x=1");
	assert_string_equal(argv[1], "unik.");
	assert_string_equal(argv[2], "unik.=x");
	assert_string_equal(argv[3], "UNIK.ip=1");
	assert_string_equal(unik_cmdline_get("debug"), "");
	assert_string_equal(unik_cmdline_get("a"), "b=c");
	assert_null(unik_cmdline_get("x"));
}

static void test_unused_options_reported(void **state)
{
	char *argv[] = {"app", "unik.tap=tap0", "unik.ipp=1.2.3.4/24", NULL};

	(void)state;
	unik_cmdline_init(3, argv);
	unik_cmdline_get("tap");
	printk_count = 0;
	unik_cmdline_report_unused();
	assert_int_equal(printk_count, 1);
	assert_non_null(strstr(printk_last, "unik.ipp=1.2.3.4/24"));
}

static void test_too_many_options_kept_out_of_argv(void **state)
{
	char *argv[UNIK_CMDLINE_MAX + 3];
	char bufs[UNIK_CMDLINE_MAX + 2][32];

	(void)state;
	argv[0] = "app";
	for (int i = 0; i < UNIK_CMDLINE_MAX + 1; i++) {
		snprintf(bufs[i], sizeof(bufs[i]), "unik.k%d=%d", i, i);
		argv[i + 1] = bufs[i];
	}
	argv[UNIK_CMDLINE_MAX + 2] = NULL;
	printk_count = 0;
	assert_int_equal(unik_cmdline_init(UNIK_CMDLINE_MAX + 2, argv), 1);
	assert_int_equal(printk_count, 1); /* the one beyond the limit */
	assert_string_equal(unik_cmdline_get("k0"), "0");
	assert_null(unik_cmdline_get("k32"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_removed_order_kept),
		cmocka_unit_test(test_last_wins_and_prefixes_are_exact),
		cmocka_unit_test(test_bare_key_empty_value_and_non_options),
		cmocka_unit_test(test_unused_options_reported),
		cmocka_unit_test(test_too_many_options_kept_out_of_argv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
