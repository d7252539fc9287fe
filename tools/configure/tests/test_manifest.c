/* test_manifest.c: the unik.conf parser, every key good and bad. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "helpers.h"

#include "../manifest.h"

#include <errno.h>

static int parse(const char *text, struct manifest *m, struct err *e)
{
	FILE *f = text_stream(text);

	manifest_init(m, "unik.conf");
	int rc = manifest_parse(f, TEST_APP, m, e);
	fclose(f);
	return rc;
}

/* text is refused with a message starting with where, holding what. */
static void refuse(const char *text, const char *where, const char *what)
{
	struct manifest m;
	struct err e;

	assert_int_equal(parse(text, &m, &e), -EINVAL);
	assert_msg(e.msg, where, what);
}

#define MIN "name = hello\nsrcs = hello.c\n"

static void test_minimal_defaults(void **state)
{
	struct manifest m;
	struct err e;

	(void)state;
	assert_int_equal(parse(MIN, &m, &e), 0);
	assert_string_equal(m.name, "hello");
	assert_int_equal(m.srcs.n, 1);
	assert_string_equal(m.srcs.v[0], "hello.c");
	assert_int_equal(m.libs.n, 0);
	assert_int_equal(m.target, TARGET_UNIX);
	assert_int_equal(m.memory_mb, 32);
	assert_string_equal(m.type, "pvh");
	assert_string_equal(m.on_crash, "destroy");
	assert_string_equal(m.cmdline, "");
	assert_string_equal(m.cflags, "");
	assert_int_equal(m.line[MK_NAME], 1);
	assert_int_equal(m.line[MK_SRCS], 2);
	assert_int_equal(m.line[MK_LIBS], 0);
}

static void test_every_key(void **state)
{
	static const char text[] = "# every key\n"
				   "\n"
				   "name    = my_app-2   # trailing comment\n"
				   "  srcs  =  hello.c   start.S  \n"
				   "libs    = netstack tap\n"
				   "target  = xen\n"
				   "memory  = 1G\n"
				   "type    = pvh\n"
				   "cmdline = -v \"quoted\" $HOME back\\slash\n"
				   "cflags  = -O0 -DX=1\n"
				   "on_crash= preserve\n";
	struct manifest m;
	struct err e;

	(void)state;
	assert_int_equal(parse(text, &m, &e), 0);
	assert_string_equal(m.name, "my_app-2");
	assert_int_equal(m.srcs.n, 2);
	assert_string_equal(m.srcs.v[1], "start.S");
	assert_int_equal(m.libs.n, 2);
	assert_string_equal(m.libs.v[0], "netstack");
	assert_string_equal(m.libs.v[1], "tap");
	assert_int_equal(m.target, TARGET_XEN);
	assert_int_equal(m.memory_mb, 1024);
	assert_string_equal(m.type, "pvh");
	assert_string_equal(m.cmdline, "-v \"quoted\" $HOME back\\slash");
	assert_string_equal(m.cflags, "-O0 -DX=1");
	assert_string_equal(m.on_crash, "preserve");
	assert_int_equal(m.line[MK_NAME], 3);
	assert_int_equal(m.line[MK_LIBS], 5);
	assert_int_equal(m.line[MK_ON_CRASH], 11);
}

static void test_memory_good(void **state)
{
	static const struct {
		const char *v;
		unsigned mb;
	} cases[] = {{"8M", 8},	   {"32M", 32},	   {"4096M", 4096},
		     {"2G", 2048}, {"64G", 65536}, {"0016M", 16}};
	char text[128];
	struct manifest m;
	struct err e;

	(void)state;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), MIN "memory = %s\n", cases[i].v);
		assert_int_equal(parse(text, &m, &e), 0);
		assert_int_equal(m.memory_mb, cases[i].mb);
	}
}

static void test_memory_bad(void **state)
{
	static const struct {
		const char *v, *what;
	} cases[] = {
	    {"0M", "memory '0M' out of range (expected 8M..64G)"},
	    {"7M", "out of range"},
	    {"65G", "out of range"},
	    {"65537M", "out of range"},
	    {"99999G", "memory '99999G' out of range"},
	    {"99999999999999999999G", "out of range"},
	    {"12X", "bad memory '12X' (expected an integer with suffix M"},
	    {"32", "bad memory '32'"},
	    {"32m", "bad memory '32m'"},
	    {"M", "bad memory 'M'"},
	    {"-1M", "bad memory '-1M'"},
	    {"32 M", "bad memory '32 M'"},
	    {"1.5G", "bad memory '1.5G'"},
	};
	char text[128];

	(void)state;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), MIN "\nmemory = %s\n", cases[i].v);
		refuse(text, "unik.conf:4: ", cases[i].what);
	}
}

static void test_missing_equals(void **state)
{
	(void)state;
	refuse(MIN "# ok\nlibs netstack\n", "unik.conf:4: ",
	       "missing '=' in 'libs netstack' (expected key = value)");
}

static void test_missing_key(void **state)
{
	(void)state;
	refuse(MIN "= hello\n", "unik.conf:3: ", "missing key before '='");
}

static void test_duplicate_key(void **state)
{
	(void)state;
	refuse("name = a\nsrcs = hello.c\n\nname = b\n",
	       "unik.conf:4: ", "duplicate key 'name' (first given on line 1");
}

static void test_unknown_key(void **state)
{
	(void)state;
	refuse(MIN "memroy = 32M\n", "unik.conf:3: ",
	       "unknown key 'memroy' (expected one of: name, srcs, libs, "
	       "target, memory, type, cmdline, cflags, on_crash, ip, gateway, dns, "
	       "bridge, disk, mount)");
	refuse(MIN "Name = x\n", "unik.conf:3: ", "unknown key 'Name'");
}

static void test_network_keys(void **state)
{
	struct manifest m;
	struct err e;

	(void)state;
	assert_int_equal(parse(MIN "ip = 10.99.0.2/24 dhcp\ngateway = 10.99.0.1\n"
	                           "dns = 9.9.9.9\nbridge = xenbr0 br1\n", &m, &e), 0);
	assert_int_equal(m.net.n, 2);
	assert_string_equal(m.net.ip[0], "10.99.0.2/24");
	assert_string_equal(m.net.ip[1], "dhcp");
	assert_string_equal(m.net.bridge[1], "br1");
	assert_string_equal(m.net.gateway, "10.99.0.1");
	assert_string_equal(m.net.dns, "9.9.9.9");
	/* one bridge, or none, serves every interface */
	assert_int_equal(parse(MIN "ip = dhcp dhcp\n", &m, &e), 0);
	assert_string_equal(m.net.bridge[1], "xenbr0");
	assert_int_equal(parse(MIN "ip = dhcp dhcp\nbridge = br7\n", &m, &e), 0);
	assert_string_equal(m.net.bridge[0], "br7");
	assert_string_equal(m.net.bridge[1], "br7");
}

static void test_bad_network_keys(void **state)
{
	static const char *const bad_ips[] = {
	    "10.0.0.1", "10.0.0.1/33", "10.0.0.1/0", "10.0.0/24",
	    "256.0.0.1/8", "01.2.3.4/8", "10.0.0.1/2x", "static",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad_ips) / sizeof(bad_ips[0]); i++) {
		char text[128];

		snprintf(text, sizeof(text), MIN "ip = %s\n", bad_ips[i]);
		refuse(text, "unik.conf:3: ", "bad ip");
	}
	refuse(MIN "ip = dhcp\ngateway = 10.1\n", "unik.conf:4: ",
	       "bad gateway '10.1' (expected an IPv4 address A.B.C.D)");
	refuse(MIN "ip = dhcp\ndns = x\n", "unik.conf:4: ", "bad dns 'x'");
	refuse(MIN "gateway = 10.0.0.1\n", "unik.conf:3: ",
	       "network settings without an interface");
	refuse(MIN "ip = dhcp dhcp dhcp\nbridge = a b\n", "unik.conf:4: ",
	       "2 bridges for 3 interfaces");
	refuse(MIN "ip = dhcp\nbridge = this-name-is-too-long\n",
	       "unik.conf:4: ", "bad bridge");
	refuse(MIN "ip = dhcp dhcp dhcp dhcp dhcp dhcp dhcp dhcp dhcp\n",
	       "unik.conf:3: ", "too many interfaces");
}

static void test_bad_name(void **state)
{
	static const char *const names[] = {
	    "Hello",
	    "1app",
	    "-app",
	    "my.app",
	    "a b",
	    "app!",
	    "abcdefghijklmnopqrstuvwxyz0123456", /* 33 characters */
	};
	char text[128];

	(void)state;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(text, sizeof(text), "name = %s\nsrcs = hello.c\n",
			 names[i]);
		refuse(text, "unik.conf:1: ", "bad name '");
	}
	refuse("name =\nsrcs = hello.c\n", "unik.conf:1: ",
	       "bad name '' (expected [a-z][a-z0-9_-]*, at most 32");
}

static void test_name_longest(void **state)
{
	struct manifest m;
	struct err e;

	(void)state;
	assert_int_equal(parse("name = abcdefghijklmnopqrstuvwxyz012345\n"
			       "srcs = hello.c\n",
			       &m, &e),
			 0);
	assert_int_equal(strlen(m.name), 32);
}

static void test_bad_target(void **state)
{
	(void)state;
	refuse(MIN "target = arm\n",
	       "unik.conf:3: ", "unknown target 'arm' (expected unix or xen)");
}

static void test_bad_type(void **state)
{
	(void)state;
	refuse(MIN "type = hvm\n",
	       "unik.conf:3: ", "bad type 'hvm' (expected pvh or pv)");
}

static void test_type_pv(void **state)
{
	struct manifest m;
	struct err e;

	(void)state;
	assert_int_equal(parse(MIN "type = pv\n", &m, &e), 0);
	assert_string_equal(m.type, "pv");
}

static void test_bad_on_crash(void **state)
{
	(void)state;
	refuse(MIN "on_crash = reboot\n", "unik.conf:3: ",
	       "bad on_crash 'reboot' (expected destroy, preserve or restart)");
}

static void test_bad_srcs(void **state)
{
	(void)state;
	refuse("name = a\nsrcs = hello.c missing.c\n",
	       "unik.conf:2: ", "source 'missing.c' not found");
	refuse("name = a\nsrcs = notes.txt\n", "unik.conf:2: ",
	       "bad source 'notes.txt' (expected a .c or .S file)");
	refuse("name = a\nsrcs = /etc/hello.c\n",
	       "unik.conf:2: ", "(expected a path relative to the app folder)");
	refuse("name = a\nsrcs =\n", "unik.conf:2: ", "srcs is empty");
	refuse("name = a\nsrcs = .c\n", "unik.conf:2: ", "bad source '.c'");
	refuse("name = a\nsrcs = hello.c start.S hello.c\n",
	       "unik.conf:2: ", "source 'hello.c' listed twice");
}

static void test_bad_libs(void **state)
{
	(void)state;
	refuse(MIN "libs = core Net\n",
	       "unik.conf:3: ", "bad library name 'Net'");
	refuse(MIN "libs = tap core tap\n",
	       "unik.conf:3: ", "library 'tap' listed twice");
}

static void test_missing_required(void **state)
{
	(void)state;
	refuse("srcs = hello.c\n", "unik.conf: ",
	       "missing key 'name' (expected a line 'name = ...')");
	refuse("name = a\n", "unik.conf: ", "missing key 'srcs'");
	refuse("", "unik.conf: ", "missing key 'name'");
}

static void test_line_too_long(void **state)
{
	char text[LINE_LEN + 64];

	(void)state;
	snprintf(text, sizeof(text), MIN "cflags = ");
	size_t n = strlen(text);
	memset(text + n, 'x', LINE_LEN);
	strcpy(text + n + LINE_LEN, "\n");
	refuse(text, "unik.conf:3: ", "line too long");
}

static void test_load(void **state)
{
	struct manifest m;
	struct err e;

	(void)state;
	assert_int_equal(
	    manifest_load(TESTDATA "/nowhere", "x/unik.conf", &m, &e), -ENOENT);
	assert_msg(e.msg, "x/unik.conf: ", "cannot open");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_minimal_defaults),
	    cmocka_unit_test(test_every_key),
	    cmocka_unit_test(test_memory_good),
	    cmocka_unit_test(test_memory_bad),
	    cmocka_unit_test(test_missing_equals),
	    cmocka_unit_test(test_missing_key),
	    cmocka_unit_test(test_duplicate_key),
	    cmocka_unit_test(test_unknown_key),
	    cmocka_unit_test(test_network_keys),
	    cmocka_unit_test(test_bad_network_keys),
	    cmocka_unit_test(test_bad_name),
	    cmocka_unit_test(test_name_longest),
	    cmocka_unit_test(test_bad_target),
	    cmocka_unit_test(test_bad_type),
	    cmocka_unit_test(test_type_pv),
	    cmocka_unit_test(test_bad_on_crash),
	    cmocka_unit_test(test_bad_srcs),
	    cmocka_unit_test(test_bad_libs),
	    cmocka_unit_test(test_missing_required),
	    cmocka_unit_test(test_line_too_long),
	    cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests_name("manifest", tests, NULL, NULL);
}
