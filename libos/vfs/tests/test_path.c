#include "../vfs_impl.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

static bool www_barrier(const char *p, size_t len)
{
	return len == 4 && memcmp(p, "/www", 4) == 0;
}

static void expect(const char *in, int rc, const char *want)
{
	char out[UNIK_VFS_PATH_MAX];

	assert_int_equal(vfs_path_normalize(in, out, sizeof(out), www_barrier),
	                 rc);
	if (rc == 0)
		assert_string_equal(out, want);
}

static void test_normalize(void **state)
{
	(void)state;
	expect("/", 0, "/");
	expect("///", 0, "/");
	expect("//a//b/", 0, "/a/b");
	expect("/a/./b/.", 0, "/a/b");
	expect("a/b", 0, "/a/b");            /* relative: from "/" */
	expect("/a/b/../c", 0, "/a/c");
	expect("/a/..", 0, "/");
	expect("/a/.../b", 0, "/a/.../b");   /* "..." is a name */
	expect("/a/..b", 0, "/a/..b");
	expect("/..", -EACCES, NULL);        /* above the root */
	expect("/a/../..", -EACCES, NULL);
	expect("..", -EACCES, NULL);
	expect("/www/../etc", -EACCES, NULL); /* out of a mount */
	expect("/www/a/../b", 0, "/www/b");
	expect("/www/a/../..", -EACCES, NULL);
	expect("", -ENOENT, NULL);
}

static void test_lengths(void **state)
{
	char in[UNIK_VFS_PATH_MAX + 8], out[UNIK_VFS_PATH_MAX];

	(void)state;
	in[0] = '/';
	memset(in + 1, 'n', 255);
	in[256] = '\0';
	expect(in, 0, in);
	memset(in + 1, 'n', 256);
	in[257] = '\0';
	expect(in, -ENAMETOOLONG, NULL);
	/* 1023 bytes of path: the longest that fits with its NUL */
	for (int i = 0; i < 1023; i += 4)
		memcpy(in + i, "/abc", 4);
	in[1023] = '\0';
	assert_int_equal(vfs_path_normalize(in, out, sizeof(out), NULL), 0);
	in[1023] = 'd';
	in[1024] = '\0';
	assert_int_equal(vfs_path_normalize(in, out, sizeof(out), NULL),
	                 -ENAMETOOLONG);
	/* long input that normalises short is still refused: bounded work */
	assert_int_equal(vfs_path_normalize(in, out, 8, NULL), -ENAMETOOLONG);
	assert_int_equal(vfs_path_normalize("/abcdefg", out, 8, NULL),
	                 -ENAMETOOLONG);
	assert_int_equal(vfs_path_normalize("/abcdef", out, 8, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_lengths),
	};
	return cmocka_run_group_tests_name("libos/vfs path", tests, NULL, NULL);
}
