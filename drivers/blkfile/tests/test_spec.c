#include "../blkfile.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

static void test_parse(void **state)
{
	char p[16];
	bool ro;

	(void)state;
	assert_int_equal(blkfile_parse_spec("disk.img", p, sizeof(p), &ro), 0);
	assert_string_equal(p, "disk.img");
	assert_false(ro);
	assert_int_equal(blkfile_parse_spec("/a:b.img:ro", p, sizeof(p), &ro), 0);
	assert_string_equal(p, "/a:b.img");
	assert_true(ro);
	assert_int_equal(blkfile_parse_spec("x:rw", p, sizeof(p), &ro), 0);
	assert_string_equal(p, "x");
	assert_false(ro);
	assert_int_equal(blkfile_parse_spec("x:r", p, sizeof(p), &ro), 0);
	assert_string_equal(p, "x:r");
	assert_int_equal(blkfile_parse_spec(":ro", p, sizeof(p), &ro), -EINVAL);
	assert_int_equal(blkfile_parse_spec("", p, sizeof(p), &ro), -EINVAL);
	assert_int_equal(blkfile_parse_spec("0123456789abcdef", p, sizeof(p), &ro),
	                 -ENAMETOOLONG);
	assert_int_equal(blkfile_parse_spec("0123456789abcde", p, sizeof(p), &ro), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests_name("drivers/blkfile", tests, NULL, NULL);
}
