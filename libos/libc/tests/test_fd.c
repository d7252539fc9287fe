/* Unit tests of the fd range table (fd.c). */
#include <unik/fd.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static const struct unik_fd_ops a = {.name = "a"}, b = {.name = "b"};

static void test_claims(void **state)
{
	(void)state;
	assert_null(unik_fd_owner(5));
	assert_int_equal(unik_fd_claim(0, 3, &a), -EBUSY); /* the console's */
	assert_int_equal(unik_fd_claim(2, 10, &a), -EBUSY);
	assert_int_equal(unik_fd_claim(3, 509, &a), 0);
	assert_int_equal(unik_fd_claim(511, 2, &b), -EBUSY); /* overlaps */
	assert_int_equal(unik_fd_claim(512, 256, &b), 0);
	assert_ptr_equal(unik_fd_owner(3), &a);
	assert_ptr_equal(unik_fd_owner(511), &a);
	assert_ptr_equal(unik_fd_owner(512), &b);
	assert_ptr_equal(unik_fd_owner(767), &b);
	assert_null(unik_fd_owner(768));
	assert_null(unik_fd_owner(-1));
	assert_null(unik_fd_owner(1));
	assert_int_equal(unik_fd_claim(1000, 1, &a), 0);
	assert_int_equal(unik_fd_claim(2000, 1, &a), 0);
	assert_int_equal(unik_fd_claim(3000, 1, &a), -ENOSPC);
}

static void test_path_owner(void **state)
{
	static const struct unik_path_ops p1, p2;

	(void)state;
	assert_null(unik_path_owner());
	assert_int_equal(unik_path_claim(&p1), 0);
	assert_int_equal(unik_path_claim(&p2), -EBUSY);
	assert_ptr_equal(unik_path_owner(), &p1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claims),
		cmocka_unit_test(test_path_owner),
	};
	return cmocka_run_group_tests_name("libc/fd", tests, NULL, NULL);
}
