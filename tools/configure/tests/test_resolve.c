/* test_resolve.c: library selection, errors, order and reasons. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "helpers.h"

#include "../resolve.h"

#include <errno.h>

/* Large: one of each, shared by the tests (each starts from scratch). */
static struct libset set;
static struct resolution res;
static struct manifest man;
static struct err err;

/* Load tree and a manifest "name = app / srcs = hello.c / libs = LIBS". */
static void setup(const char *tree, const char *libs)
{
	char text[256];

	snprintf(text, sizeof(text), "name = app\nsrcs = hello.c\n%s%s%s",
		 libs ? "libs = " : "", libs ? libs : "", libs ? "\n" : "");
	FILE *f = text_stream(text);
	manifest_init(&man, "unik.conf");
	assert_int_equal(manifest_parse(f, TEST_APP, &man, &err), 0);
	fclose(f);
	char root[512];
	snprintf(root, sizeof(root), "%s/%s", TESTDATA, tree);
	assert_int_equal(libset_discover(root, &set, &err), 0);
}

/* The resolution is exactly "name: why" for each library, in order. */
static void expect(const char *const *lines, unsigned n)
{
	char got[256];

	assert_int_equal(res.n, n);
	for (unsigned k = 0; k < n; k++) {
		unsigned i = res.order[k];
		snprintf(got, sizeof(got), "%s: %s", set.lib[i].name,
			 res.why[i]);
		assert_string_equal(got, lines[k]);
	}
}

static int run(enum target t)
{
	return resolve(&set, &man, t, &res, &err);
}

static void test_plat_per_target(void **state)
{
	static const char *const unix_libs[] = {
	    "core: always linked",
	    "plat-unix: provides plat, required by core",
	    "x86_64: provides arch, required by core",
	};
	static const char *const xen_libs[] = {
	    "core: always linked",
	    "xen: provides plat, required by core",
	    "x86_64: provides arch, required by core",
	};

	(void)state;
	setup("tree-basic", NULL);
	assert_int_equal(run(TARGET_UNIX), 0);
	expect(unix_libs, 3);
	assert_int_equal(run(TARGET_XEN), 0);
	expect(xen_libs, 3);
}

static void test_order_and_reasons(void **state)
{
	static const char *const unix_libs[] = {
	    "netstack: requested by unik.conf",
	    "core: always linked",
	    "plat-unix: provides plat, required by core",
	    "tap: provides netdev, required by netstack",
	    "x86_64: provides arch, required by core",
	};
	/* netfront and xen both need xen/arch: dependents come first. */
	static const char *const xen_libs[] = {
	    "netstack: requested by unik.conf",
	    "core: always linked",
	    "netfront: provides netdev, required by netstack",
	    "xen: provides plat, required by core",
	    "x86_64: provides arch, required by core",
	};

	(void)state;
	setup("tree-basic", "netstack");
	assert_int_equal(run(TARGET_UNIX), 0);
	expect(unix_libs, 5);
	assert_int_equal(run(TARGET_XEN), 0);
	expect(xen_libs, 5);
}

static void test_request_abstract_and_core(void **state)
{
	static const char *const libs[] = {
	    "core: always linked",
	    "plat-unix: provides plat, required by core",
	    "tap: provides netdev, requested by unik.conf",
	    "x86_64: provides arch, required by core",
	};

	(void)state;
	setup("tree-basic", "core netdev");
	assert_int_equal(run(TARGET_UNIX), 0);
	expect(libs, 4);
}

static void test_missing_provider(void **state)
{
	(void)state;
	setup("tree-noprov", NULL);
	assert_int_equal(run(TARGET_UNIX), -EINVAL);
	assert_msg(
	    err.msg, TESTDATA "/tree-noprov/libos/core/lib.mk:2: ",
	    "nothing provides 'plat' for target unix (required by core)");
	assert_int_equal(run(TARGET_XEN), 0);
	assert_int_equal(res.n, 2);
}

static void test_two_providers(void **state)
{
	(void)state;
	setup("tree-twoprov", NULL);
	assert_int_equal(run(TARGET_UNIX), -EINVAL);
	assert_msg(err.msg, TESTDATA "/tree-twoprov/libos/core/lib.mk:2: ",
		   "several libraries provide 'plat' for target unix "
		   "(required by core): plat-a, plat-b (expected one");
	/* Only plat-a supports xen. */
	assert_int_equal(run(TARGET_XEN), 0);
	assert_string_equal(set.lib[res.order[1]].name, "plat-a");
}

static void test_manifest_picks_provider(void **state)
{
	static const char *const libs[] = {
	    "core: always linked",
	    "plat-b: requested by unik.conf",
	};

	(void)state;
	setup("tree-twoprov", "plat-b");
	assert_int_equal(run(TARGET_UNIX), 0);
	expect(libs, 2);
	assert_int_equal(res.ndeps[libset_find(&set, "core")], 1);
	assert_int_equal(res.deps[libset_find(&set, "core")][0],
			 libset_find(&set, "plat-b"));
}

static void test_unknown_library(void **state)
{
	(void)state;
	setup("tree-basic", "netstack foo");
	assert_int_equal(run(TARGET_UNIX), -EINVAL);
	assert_msg(err.msg, "unik.conf:3: ",
		   "unknown library 'foo' (known: blk, core, netfront, "
		   "netstack, plat-unix, tap, x86_64, xen)");
}

static void test_no_core(void **state)
{
	(void)state;
	setup("app", NULL); /* no library at all */
	assert_int_equal(run(TARGET_UNIX), -EINVAL);
	assert_string_equal(err.msg, "unik-configure: unknown library 'core' "
				     "(known: none)");
}

static void test_requested_unsupported(void **state)
{
	(void)state;
	setup("tree-basic", "netfront");
	assert_int_equal(run(TARGET_UNIX), -EINVAL);
	assert_msg(err.msg, "unik.conf:3: ",
		   "library 'netfront' does not support target unix "
		   "(requested by unik.conf; supports: xen)");
}

static void test_required_unsupported(void **state)
{
	(void)state;
	setup("tree-basic", "blk");
	assert_int_equal(run(TARGET_UNIX), -EINVAL);
	assert_msg(err.msg, TESTDATA "/tree-basic/libos/blk/lib.mk:4: ",
		   "library 'xen' does not support target unix "
		   "(required by blk; supports: xen)");
	assert_int_equal(run(TARGET_XEN), 0);
}

static void test_provider_elsewhere_only(void **state)
{
	(void)state;
	/* A manifest naming an abstract name met only on the other target. */
	setup("tree-noprov", "plat");
	assert_int_equal(run(TARGET_UNIX), -EINVAL);
	assert_msg(err.msg, "unik.conf:3: ",
		   "nothing provides 'plat' for target unix (requested by "
		   "unik.conf)");
}

static void test_cycle(void **state)
{
	(void)state;
	setup("tree-cycle", NULL);
	assert_int_equal(run(TARGET_UNIX), -EINVAL);
	assert_msg(err.msg, TESTDATA "/tree-cycle/libos/b/lib.mk:3: ",
		   "dependency cycle: a -> b -> a (expected REQUIRES without "
		   "cycles)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plat_per_target),
	    cmocka_unit_test(test_order_and_reasons),
	    cmocka_unit_test(test_request_abstract_and_core),
	    cmocka_unit_test(test_missing_provider),
	    cmocka_unit_test(test_two_providers),
	    cmocka_unit_test(test_manifest_picks_provider),
	    cmocka_unit_test(test_unknown_library),
	    cmocka_unit_test(test_no_core),
	    cmocka_unit_test(test_requested_unsupported),
	    cmocka_unit_test(test_required_unsupported),
	    cmocka_unit_test(test_provider_elsewhere_only),
	    cmocka_unit_test(test_cycle),
	};

	return cmocka_run_group_tests_name("resolve", tests, NULL, NULL);
}
