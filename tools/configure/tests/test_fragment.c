/* test_fragment.c: the lib.mk parser and library discovery. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "helpers.h"

#include "../fragment.h"

#include <errno.h>

static int parse(const char *text, struct lib *lib, struct err *e)
{
	FILE *f = text_stream(text);

	snprintf(lib->path, sizeof(lib->path), "x/lib.mk");
	int rc = fragment_parse(f, lib, e);
	fclose(f);
	return rc;
}

static void refuse(const char *text, const char *where, const char *what)
{
	struct lib lib;
	struct err e;

	assert_int_equal(parse(text, &lib, &e), -EINVAL);
	assert_msg(e.msg, where, what);
}

static void test_good(void **state)
{
	static const char text[] = "# libos/net/lib.mk\n"
				   "LIB      := net   # the stack\n"
				   "PROVIDES := netstack sockets\n"
				   "\n"
				   "REQUIRES := core netdev\n"
				   "TARGETS  := xen unix\n"
				   "SRCS     := a.c b.c\n"
				   "SRCS_xen := xen.c\n"
				   "SRCS_unix := unix.c\n"
				   "CFLAGS   := -I$(UNIK_ROOT)/net\n"
				   "CFLAGS_xen := -DXEN\n"
				   "LDFLAGS  :=\n"
				   "LDFLAGS_unix := -pthread\n"
				   "LDLIBS   := -lm\n"
				   "LDLIBS_xen := x.a\n"
				   "EXT_DIR  := $(LWIP_DIR)/src\n"
				   "EXT_SRCS := core/tcp.c core/udp.c\n"
				   "UNIT_TESTS := test_a test_b\n"
				   "UNIT_SRCS := a.c tests/fake.c\n"
				   "UNIT_CFLAGS := -I$(UNIK_ROOT)/x\n"
				   "UNIT_LDLIBS := -lm\n";
	struct lib lib;
	struct err e;

	(void)state;
	assert_int_equal(parse(text, &lib, &e), 0);
	assert_string_equal(lib.name, "net");
	assert_string_equal(lib.path, "x/lib.mk");
	assert_int_equal(lib.lib_line, 2);
	assert_int_equal(lib.provides.n, 2);
	assert_string_equal(lib.provides.v[1], "sockets");
	assert_int_equal(lib.requires.n, 2);
	assert_string_equal(lib.requires.v[0], "core");
	assert_int_equal(lib.requires_line, 5);
	assert_int_equal(lib.targets, TARGETS_ALL);
}

static void test_defaults(void **state)
{
	struct lib lib;
	struct err e;

	(void)state;
	assert_int_equal(parse("LIB := x86_64\n", &lib, &e), 0);
	assert_int_equal(lib.provides.n, 0);
	assert_int_equal(lib.requires.n, 0);
	assert_int_equal(lib.requires_line, 0);
	assert_int_equal(lib.targets, TARGETS_ALL);
	assert_true(lib_supports(&lib, TARGET_UNIX));
	assert_true(lib_supports(&lib, TARGET_XEN));
	assert_int_equal(parse("LIB := x\nTARGETS := xen\n", &lib, &e), 0);
	assert_false(lib_supports(&lib, TARGET_UNIX));
	assert_true(lib_supports(&lib, TARGET_XEN));
}

static void test_unknown_key(void **state)
{
	(void)state;
	refuse("LIB := a\n\nSOURCES := a.c\n", "x/lib.mk:3: ",
	       "unknown key 'SOURCES' (expected one of: LIB, PROVIDES, "
	       "REQUIRES, TARGETS, SRCS[_<target>], CFLAGS[_<target>], "
	       "LDFLAGS[_<target>], LDLIBS[_<target>], EXPORT_CFLAGS[_<target>], EXT_DIR, EXT_SRCS, "
	       "UNIT_TESTS, UNIT_SRCS, UNIT_CFLAGS, UNIT_LDLIBS)");
	refuse("LIB := a\nEXT_SRCS_xen := a.c\n",
	       "x/lib.mk:2: ", "unknown key 'EXT_SRCS_xen'");
	refuse("LIB := a\nSRCS_arm := a.c\n",
	       "x/lib.mk:2: ", "unknown key 'SRCS_arm'");
	refuse("LIB := a\nLIB_xen := a\n",
	       "x/lib.mk:2: ", "unknown key 'LIB_xen'");
	refuse("LIB := a\nUNIT_TESTS_xen := t\n",
	       "x/lib.mk:2: ", "unknown key 'UNIT_TESTS_xen'");
}

static void test_malformed(void **state)
{
	static const char *const lines[] = {
	    "LIB = a",	 "LIB += a",	"LIB ?= a",    "include a.mk",
	    "all: a.o",	 "lib := a",	"LIB A := a",  ":= a",
	    "LIB ::= a", "$(LIB) := a", "\tcc -c a.c",
	};
	char text[128];

	(void)state;
	for (unsigned i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		snprintf(text, sizeof(text), "# c\nLIB := a\n%s\n", lines[i]);
		refuse(text, "x/lib.mk:3: ",
		       "malformed line (expected KEY := words)");
	}
}

static void test_bad_values(void **state)
{
	(void)state;
	refuse("LIB := a b\n", "x/lib.mk:1: ", "bad LIB 'a b' (expected one");
	refuse("LIB :=\n", "x/lib.mk:1: ", "bad LIB ''");
	refuse("LIB := Core\n", "x/lib.mk:1: ", "bad LIB 'Core'");
	refuse("LIB := a\nREQUIRES := core Plat\n",
	       "x/lib.mk:2: ", "bad name 'Plat' in REQUIRES");
	refuse("LIB := a\nPROVIDES := $(X)\n",
	       "x/lib.mk:2: ", "bad name '$(X)' in PROVIDES");
	refuse("LIB := a\nTARGETS := unix arm\n", "x/lib.mk:2: ",
	       "unknown target 'arm' in TARGETS (expected unix or xen)");
	refuse("LIB := a\nTARGETS :=\n", "x/lib.mk:2: ", "TARGETS is empty");
}

static void test_duplicate_key(void **state)
{
	(void)state;
	refuse("LIB := a\nSRCS := a.c\nSRCS := b.c\n",
	       "x/lib.mk:3: ", "duplicate key 'SRCS' (first given on line 2");
	refuse("LIB := a\nSRCS_xen := a.c\nSRCS_xen := b.c\n",
	       "x/lib.mk:3: ", "duplicate key 'SRCS_xen'");
}

static void test_missing_lib(void **state)
{
	(void)state;
	refuse("REQUIRES := core\n",
	       "x/lib.mk: ", "missing LIB (expected a line LIB := name)");
	refuse("", "x/lib.mk: ", "missing LIB");
}

static void test_discover(void **state)
{
	static const char *const expect[][2] = {
	    {"core", "libos/core"},
	    {"plat-unix", "libos/plat-unix"},
	    {"blk", "libos/blk"},
	    {"xen", "drivers/xen"},
	    {"netfront", "drivers/netfront"},
	    {"tap", "drivers/tap"},
	    {"netstack", "net/stack"},
	    {"x86_64", "arch/x86_64"},
	};
	static struct libset set;
	char path[LIBPATH_LEN + 1];
	struct err e;

	(void)state;
	assert_int_equal(libset_discover(TESTDATA "/tree-basic", &set, &e), 0);
	assert_int_equal(set.n,
			 8); /* tests/ testdata/ build/ .hidden/ skipped */
	for (unsigned i = 0; i < 8; i++) {
		int k = libset_find(&set, expect[i][0]);
		assert_true(k >= 0);
		assert_string_equal(set.lib[k].dir, expect[i][1]);
		snprintf(path, sizeof(path), "%s/%s/lib.mk",
			 TESTDATA "/tree-basic", expect[i][1]);
		assert_string_equal(set.lib[k].path, path);
	}
	assert_int_equal(libset_find(&set, "plat"), -1);
	assert_int_equal(set.lib[libset_find(&set, "xen")].targets,
			 1u << TARGET_XEN);
}

static void test_discover_empty(void **state)
{
	static struct libset set;
	struct err e;

	(void)state;
	assert_int_equal(libset_discover(TESTDATA "/app", &set, &e), 0);
	assert_int_equal(set.n, 0);
}

static void test_discover_duplicate(void **state)
{
	static struct libset set;
	struct err e;

	(void)state;
	assert_int_equal(libset_discover(TESTDATA "/tree-dup", &set, &e),
			 -EINVAL);
	/* libos/ is scanned before drivers/: the second core is at fault. */
	assert_msg(e.msg, TESTDATA "/tree-dup/drivers/core/lib.mk:2: ",
		   "library 'core' already defined in " TESTDATA
		   "/tree-dup/libos/core/lib.mk (expected unique LIB names)");
}

static void test_discover_bad_fragment(void **state)
{
	static struct libset set;
	struct err e;

	(void)state;
	assert_int_equal(libset_discover(TESTDATA "/tree-badkey", &set, &e),
			 -EINVAL);
	assert_msg(e.msg, TESTDATA "/tree-badkey/libos/core/lib.mk:2: ",
		   "unknown key 'SOURCES'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good),
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_unknown_key),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_bad_values),
	    cmocka_unit_test(test_duplicate_key),
	    cmocka_unit_test(test_missing_lib),
	    cmocka_unit_test(test_discover),
	    cmocka_unit_test(test_discover_empty),
	    cmocka_unit_test(test_discover_duplicate),
	    cmocka_unit_test(test_discover_bad_fragment),
	};

	return cmocka_run_group_tests_name("fragment", tests, NULL, NULL);
}
