/*
 * Unit tests of the binding's calls (ops.c, dir.c) over the real VFS and
 * the VFS tests' fake filesystem (libos/vfs/tests/fake_fs.c: "hello" =
 * "world", "slow", directory "sub"), in a thread of the real scheduler.
 */
#include "../../core/core.h"
#include "../../core/tests/plat_fake.h"
#include "../../vfs/tests/fake_fs.h"
#include "../vfs_posix.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static struct unik_blkdev devs[2]; /* only compared by the VFS */
static const struct unik_fd_ops *o = &vp_fd_ops;

static void run(void (*fn)(void *))
{
	struct unik_thread *t;

	fake_reset();
	assert_int_equal(unik_thread_create(&t, "root", fn, NULL, 0), 0);
	sched_run_until_done(t);
	assert_int_equal(unik_thread_join(t), 0);
}

static void setup_once(void)
{
	static bool done;

	if (done)
		return;
	assert_int_equal(unik_vfs_mount("/data", "fake", &devs[0], 0), 0);
	assert_int_equal(unik_vfs_mount("/ro", "fakero", &devs[1], 0), 0);
	done = true;
}

static void files_body(void *arg)
{
	char buf[16] = {0};
	struct stat st;
	int fd, fd2;

	(void)arg;
	setup_once();
	vp_fd_init(&vp_fds, 3, 509);
	fd = vp_open("/data/hello", O_RDONLY, 0);
	assert_int_equal(fd, 3);
	assert_true(vp_fd_open(3));
	assert_int_equal(o->read(fd, buf, 3), 3);
	assert_string_equal(buf, "wor");
	assert_int_equal(o->pread(fd, buf, 5, 1), 4);
	assert_memory_equal(buf, "orld", 4);
	assert_int_equal(o->lseek(fd, 0, SEEK_CUR), 3); /* pread kept it */
	assert_int_equal(o->lseek(fd, -1, SEEK_END), 4);
	assert_int_equal(o->lseek(fd, 0, 7), -EINVAL);
	assert_int_equal(o->pread(fd, buf, 1, -1), -EINVAL);
	assert_int_equal(o->fstat(fd, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, 5);
	assert_int_equal(st.st_dev, VP_ST_DEV_BASE + 0);
	assert_int_equal(o->write(fd, "x", 1), -EBADF); /* read-only fd */
	assert_int_equal(o->fcntl(fd, F_GETFL, 0), O_RDONLY);
	assert_int_equal(o->fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(o->fcntl(fd, F_GETFL, 0), O_NONBLOCK);
	assert_int_equal(o->fcntl(fd, F_SETFL, O_APPEND), -EINVAL);
	assert_int_equal(o->fcntl(fd, F_DUPFD, 0), -EINVAL);
	/* the lowest free fd, as POSIX open() gives */
	fd2 = vp_open("/data/new", O_RDWR | O_CREAT | O_APPEND, 0644);
	assert_int_equal(fd2, 4);
	assert_int_equal(o->write(fd2, "abc", 3), 3);
	assert_int_equal(o->pwrite(fd2, "Z", 1, 0), 1);
	assert_int_equal(o->pread(fd2, buf, 3, 0), 3);
	assert_memory_equal(buf, "Zbc", 3);
	assert_int_equal(o->fsync(fd2), 0);
	assert_int_equal(o->fcntl(fd2, F_GETFL, 0), O_RDWR | O_APPEND);
	assert_int_equal(o->close(fd), 0);
	assert_int_equal(o->close(fd), -EBADF);
	assert_false(vp_fd_open(3));
	assert_int_equal(o->read(fd, buf, 1), -EBADF);
	assert_int_equal(vp_open("/data/hello", O_RDONLY, 0), 3);
	assert_int_equal(o->close(3), 0);
	assert_int_equal(o->close(fd2), 0);
	/* errors pass through as -errno */
	assert_int_equal(vp_open("/data/nope", O_RDONLY, 0), -ENOENT);
	assert_int_equal(vp_open("/ro/hello", O_WRONLY, 0), -EROFS);
	assert_int_equal(vp_open("/data/hello", O_ACCMODE, 0), -EINVAL);
	assert_int_equal(vp_open("/data/../x", O_RDONLY, 0), -EACCES);
	assert_int_equal(vp_open(NULL, O_RDONLY, 0), -EFAULT);
}

static void test_files(void **state)
{
	(void)state;
	run(files_body);
}

/* A full table: -EMFILE, and the file the VFS opened is closed again. */
static void full_body(void *arg)
{
	(void)arg;
	setup_once(); /* "/ro" was mounted last */
	vp_fd_init(&vp_fds, 3, 2);
	assert_int_equal(vp_open("/ro/hello", O_RDONLY, 0), 3);
	assert_int_equal(vp_open("/ro/hello", O_RDONLY, 0), 4);
	assert_int_equal(vp_open("/ro/hello", O_RDONLY, 0), -EMFILE);
	assert_int_equal(fake_last_mounted->files[0].open, 2);
	assert_int_equal(o->close(3), 0);
	assert_int_equal(o->close(4), 0);
	assert_int_equal(fake_last_mounted->files[0].open, 0);
}

static void test_full(void **state)
{
	(void)state;
	run(full_body);
}

static void paths_body(void *arg)
{
	struct stat st;

	(void)arg;
	setup_once();
	assert_int_equal(vp_stat_path("/data/sub", &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(vp_stat_path("/ro", &st), 0);
	assert_int_equal(st.st_dev, VP_ST_DEV_BASE + 1);
	assert_int_equal(vp_access("/data/hello", F_OK), 0);
	assert_int_equal(vp_access("/data/hello", R_OK | W_OK), 0);
	assert_int_equal(vp_access("/ro/hello", R_OK), 0);
	assert_int_equal(vp_access("/ro/hello", W_OK), -EROFS);
	assert_int_equal(vp_access("/data/hello", X_OK), -EACCES);
	assert_int_equal(vp_access("/data/nope", F_OK), -ENOENT);
	assert_int_equal(vp_access("/data/hello", 0x40), -EINVAL);
	assert_int_equal(vp_path_ops.mkdir("/data/d", 0755), 0);
	assert_int_equal(vp_path_ops.rename("/data/d", "/data/e"), 0);
	assert_int_equal(vp_path_ops.rename("/data/e", "/ro/e"), -EXDEV);
	assert_int_equal(vp_path_ops.rmdir("/ro/hello"), -EROFS);
	assert_int_equal(vp_path_ops.unlink("/ro/hello"), -EROFS);
	assert_int_equal(vp_sync(), 0);
	/* what the unix wraps send to the VFS: absolute paths below a mount */
	assert_true(vp_routes("/data"));
	assert_true(vp_routes("/data/x/y"));
	assert_true(vp_routes("//data/./x"));
	assert_true(vp_routes("/data/../etc/passwd")); /* the VFS says EACCES */
	assert_false(vp_routes("/datax"));
	assert_false(vp_routes("/etc/passwd"));
	assert_false(vp_routes("data/x")); /* relative: the host's cwd */
	assert_false(vp_routes("/"));
	assert_false(vp_routes(""));
	assert_false(vp_routes(NULL));
}

static void test_paths(void **state)
{
	(void)state;
	run(paths_body);
}

/* The names a listing of /data returns, in order, joined by spaces. */
static void list(struct unik_dirstream *d, char *out, size_t cap)
{
	struct dirent *e;

	out[0] = '\0';
	while (vp_readdir(d, &e) == 1) {
		strncat(out, e->d_name, cap - strlen(out) - 1);
		strncat(out, e->d_type == DT_DIR ? "/ " : " ", cap - strlen(out) - 1);
	}
}

static void dirs_body(void *arg)
{
	struct unik_dirstream *d;
	struct dirent *e;
	char got[256];

	(void)arg;
	setup_once();
	assert_int_equal(vp_opendir("/data", &d), 0);
	assert_true(vp_dir_is(d));
	assert_false(vp_dir_is(got));
	list(d, got, sizeof(got));
	assert_string_equal(got, "./ ../ hello slow sub/ new e/ "); /* test_files, test_paths */
	assert_int_equal(vp_readdir(d, &e), 0); /* stays at the end */
	assert_int_equal(vp_rewinddir(d), 0);
	assert_int_equal(vp_readdir(d, &e), 1);
	assert_string_equal(e->d_name, ".");
	assert_int_equal(vp_closedir(d), 0);
	assert_false(vp_dir_is(d));
	assert_int_equal(vp_opendir("/data/hello", &d), -ENOTDIR);
	assert_int_equal(vp_opendir("/data/nope", &d), -ENOENT);
	assert_int_equal(vp_opendir("/ro", &d), -ENOSYS); /* fakero: no listing */
}

static void test_dirs(void **state)
{
	(void)state;
	run(dirs_body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_dirs),
	};
	return cmocka_run_group_tests_name("vfs-posix/ops", tests, NULL, NULL);
}
