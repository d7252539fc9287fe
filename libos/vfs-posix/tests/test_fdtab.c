/* Unit tests of the binding's fd table (fdtab.c): xen's range 3..511. */
#include "../vfs_posix.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static struct vp_fdtab t;
/* Only compared, never dereferenced. */
#define FILE_N(i) ((struct unik_file *)(uintptr_t)(0x1000 + (i)))

static void test_lowest_free(void **state)
{
	(void)state;
	vp_fd_init(&t, 3, 509);
	assert_int_equal(vp_fd_alloc(&t, FILE_N(0), 0), 3);
	assert_int_equal(vp_fd_alloc(&t, FILE_N(1), 1), 4);
	assert_int_equal(vp_fd_alloc(&t, FILE_N(2), 2), 5);
	assert_ptr_equal(vp_fd_release(&t, 4), FILE_N(1));
	assert_null(vp_fd_get(&t, 4));
	assert_null(vp_fd_release(&t, 4)); /* twice: nothing */
	assert_int_equal(vp_fd_alloc(&t, FILE_N(3), 3), 4); /* reused */
	assert_ptr_equal(vp_fd_get(&t, 4)->f, FILE_N(3));
	assert_int_equal(vp_fd_get(&t, 4)->oflags, 3);
	assert_ptr_equal(vp_fd_get(&t, 5)->f, FILE_N(2));
}

static void test_range(void **state)
{
	(void)state;
	vp_fd_init(&t, 3, 509);
	for (int i = 0; i < 509; i++)
		assert_int_equal(vp_fd_alloc(&t, FILE_N(i), 0), 3 + i);
	assert_int_equal(vp_fd_alloc(&t, FILE_N(999), 0), -EMFILE);
	assert_ptr_equal(vp_fd_get(&t, 511)->f, FILE_N(508));
	/* outside the range: the console's, the sockets', negative */
	assert_null(vp_fd_get(&t, 2));
	assert_null(vp_fd_get(&t, 512));
	assert_null(vp_fd_get(&t, -1));
	assert_null(vp_fd_release(&t, 512));
	assert_ptr_equal(vp_fd_release(&t, 511), FILE_N(508));
	assert_int_equal(vp_fd_alloc(&t, FILE_N(7), 0), 511);
}

/* unix's range (256..511), and a count the table cannot hold. */
static void test_other_ranges(void **state)
{
	(void)state;
	vp_fd_init(&t, 256, 256);
	assert_int_equal(vp_fd_alloc(&t, FILE_N(0), 0), 256);
	assert_null(vp_fd_get(&t, 3));
	assert_null(vp_fd_get(&t, 512));
	vp_fd_init(&t, 3, VP_FDS_MAX + 100);
	assert_int_equal(t.count, VP_FDS_MAX);
	vp_fd_init(&t, 3, 0);
	assert_int_equal(vp_fd_alloc(&t, FILE_N(0), 0), -EMFILE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lowest_free),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_other_ranges),
	};
	return cmocka_run_group_tests_name("vfs-posix/fdtab", tests, NULL, NULL);
}
