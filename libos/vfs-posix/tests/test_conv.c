/* Unit tests of the conversions (conv.c) against the host libc's values. */
#define _GNU_SOURCE /* O_TMPFILE, O_PATH */
#include "../vfs_posix.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static int uf(int flags)
{
	int u = -1;

	assert_int_equal(vp_oflags(flags, &u), 0);
	return u;
}

static void test_oflags(void **state)
{
	int u;

	(void)state;
	assert_int_equal(uf(O_RDONLY), UNIK_O_RDONLY);
	assert_int_equal(uf(O_WRONLY), UNIK_O_WRONLY);
	assert_int_equal(uf(O_RDWR), UNIK_O_RDWR);
	assert_int_equal(uf(O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_APPEND),
	                 UNIK_O_WRONLY | UNIK_O_CREAT | UNIK_O_EXCL |
	                     UNIK_O_TRUNC | UNIK_O_APPEND);
	assert_int_equal(uf(O_RDONLY | O_DIRECTORY), UNIK_O_DIRECTORY);
	/* accepted, nothing for the VFS to do (httpd's backend_dir uses them) */
	assert_int_equal(uf(O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
	                    O_NOCTTY | O_SYNC),
	                 UNIK_O_RDONLY);
	assert_int_equal(vp_oflags(O_ACCMODE, &u), -EINVAL);
	assert_int_equal(vp_oflags(O_RDWR | O_TMPFILE, &u), -EOPNOTSUPP);
	assert_int_equal(vp_oflags(O_PATH, &u), -EOPNOTSUPP);
}

static void test_stat(void **state)
{
	struct unik_stat u = {.ino = 42, .size = 1048576, .blocks = 2048,
	                      .mtime_ns = 1700000000123456789LL,
	                      .mode = UNIK_S_IFREG | 0644, .nlink = 1,
	                      .blksize = 4096, .dev = 2};
	struct stat st;

	(void)state;
	memset(&st, 0xff, sizeof(st));
	vp_stat(&st, &u);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(st.st_ino, 42);
	assert_int_equal(st.st_size, 1048576);
	assert_int_equal(st.st_blocks, 2048);
	assert_int_equal(st.st_blksize, 4096);
	assert_int_equal(st.st_nlink, 1);
	assert_int_equal(st.st_dev, VP_ST_DEV_BASE + 2);
	assert_int_equal(st.st_uid, 0);
	assert_int_equal(st.st_mtim.tv_sec, 1700000000);
	assert_int_equal(st.st_mtim.tv_nsec, 123456789);
	assert_int_equal(st.st_atim.tv_sec, st.st_mtim.tv_sec);
	u = (struct unik_stat){.mode = UNIK_S_IFDIR | 0755, .mtime_ns = -1};
	vp_stat(&st, &u);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_nlink, 1);     /* never 0 */
	assert_int_equal(st.st_blksize, 4096); /* a default, never 0 */
	assert_int_equal(st.st_mtim.tv_sec, -1); /* 1 ns before 1970 */
	assert_int_equal(st.st_mtim.tv_nsec, 999999999);
}

static void test_dirent(void **state)
{
	char name[UNIK_VFS_NAME_MAX + 1];
	struct dirent d;

	(void)state;
	assert_int_equal(vp_dtype(UNIK_DT_REG), DT_REG);
	assert_int_equal(vp_dtype(UNIK_DT_DIR), DT_DIR);
	assert_int_equal(vp_dtype(0), DT_UNKNOWN);
	vp_dirent(&d, 7, DT_REG, "hello world.txt");
	assert_string_equal(d.d_name, "hello world.txt");
	assert_int_equal(d.d_ino, 7);
	assert_int_equal(d.d_type, DT_REG);
	assert_int_equal(d.d_reclen, offsetof(struct dirent, d_name) + 16);
	memset(name, 'n', UNIK_VFS_NAME_MAX); /* the longest a VFS gives */
	name[UNIK_VFS_NAME_MAX] = '\0';
	vp_dirent(&d, 1, DT_DIR, name);
	assert_int_equal(strlen(d.d_name), UNIK_VFS_NAME_MAX);
	assert_int_equal(d.d_type, DT_DIR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oflags),
		cmocka_unit_test(test_stat),
		cmocka_unit_test(test_dirent),
	};
	return cmocka_run_group_tests_name("vfs-posix/conv", tests, NULL, NULL);
}
