/* Unit tests of the run-time mount list (mountspec.c). */
#include "../vfs_posix.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static void test_good(void **state)
{
	const char *c = " /www:tar:0  /data:cow:1:format,/logs:cow:7:ro:format\t";
	struct vp_mount_ent e;
	char bad[32];

	(void)state;
	assert_int_equal(vp_mount_next(&c, &e, bad, sizeof(bad)), 1);
	assert_string_equal(e.path, "/www");
	assert_string_equal(e.type, "tar");
	assert_int_equal(e.disk, 0);
	assert_int_equal(e.opts, 0);
	assert_int_equal(vp_mount_next(&c, &e, bad, sizeof(bad)), 1);
	assert_string_equal(e.path, "/data");
	assert_string_equal(e.type, "cow");
	assert_int_equal(e.disk, 1);
	assert_int_equal(e.opts, VP_MOUNT_FORMAT);
	assert_int_equal(vp_mount_next(&c, &e, bad, sizeof(bad)), 1);
	assert_string_equal(e.path, "/logs");
	assert_int_equal(e.disk, 7);
	assert_int_equal(e.opts, VP_MOUNT_RO | VP_MOUNT_FORMAT);
	assert_int_equal(vp_mount_next(&c, &e, bad, sizeof(bad)), 0);
	assert_int_equal(vp_mount_next(&c, &e, bad, sizeof(bad)), 0);
	c = "";
	assert_int_equal(vp_mount_next(&c, &e, bad, sizeof(bad)), 0);
}

/* A bad entry is reported by its text and skipped; the next one parses. */
static void test_bad(void **state)
{
	static const char *const bad_entries[] = {
		"www:tar:0", "/www:tar", "/www:tar:", "/www::0", ":tar:0",
		"/www:tar:x", "/www:tar:-1", "/www:tar:123", "/www:tar:0:bogus",
		"/www:averyveryverylongtype:0",
	};
	struct vp_mount_ent e;
	char list[128], bad[12];
	const char *c;

	(void)state;
	for (unsigned i = 0; i < sizeof(bad_entries) / sizeof(bad_entries[0]); i++) {
		snprintf(list, sizeof(list), "%s /ok:tar:3", bad_entries[i]);
		c = list;
		assert_int_equal(vp_mount_next(&c, &e, bad, sizeof(bad)), -EINVAL);
		assert_int_equal(strncmp(bad, bad_entries[i], sizeof(bad) - 1), 0);
		assert_int_equal(vp_mount_next(&c, &e, bad, sizeof(bad)), 1);
		assert_string_equal(e.path, "/ok");
		assert_int_equal(e.disk, 3);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
	};
	return cmocka_run_group_tests_name("vfs-posix/mountspec", tests, NULL, NULL);
}
