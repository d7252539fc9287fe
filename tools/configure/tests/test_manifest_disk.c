/* test_manifest_disk.c: the storage keys, disk and mount (manifest_disk.c). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "helpers.h"

#include "../manifest.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

/* An app folder with hello.c, site.tar, data.img and a folder www/. */
static char app[64];

static int make_app(void **state)
{
	static const char *const files[] = {"hello.c", "site.tar", "data.img"};
	char p[128];

	(void)state;
	snprintf(app, sizeof(app), "/tmp/unik-disk-test.XXXXXX");
	assert_non_null(mkdtemp(app));
	for (unsigned i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/%s", app, files[i]);
		FILE *f = fopen(p, "w");
		assert_non_null(f);
		fclose(f);
	}
	snprintf(p, sizeof(p), "%s/www", app);
	assert_int_equal(mkdir(p, 0755), 0);
	return 0;
}

static int remove_app(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", app);
	return system(cmd) == 0 ? 0 : -1;
}

#define MIN "name = hello\nsrcs = hello.c\n"

static int parse(const char *text, struct manifest *m, struct err *e)
{
	FILE *f = text_stream(text);

	manifest_init(m, "unik.conf");
	int rc = manifest_parse(f, app, m, e);
	fclose(f);
	return rc;
}

static void refuse(const char *text, const char *where, const char *what)
{
	struct manifest m;
	struct err e;

	assert_int_equal(parse(text, &m, &e), -EINVAL);
	assert_msg(e.msg, where, what);
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);

	return n >= k && strcmp(s + n - k, end) == 0;
}

static void test_good(void **state)
{
	struct manifest m;
	struct err e;
	char text[256];

	(void)state;
	assert_int_equal(parse(MIN "disk = site.tar:ro data.img:rw\n"
	                           "mount = /www:tar:0 /data/x:cow:1:format\n",
	                       &m, &e), 0);
	assert_int_equal(m.disk.n, 2);
	assert_string_equal(m.disk.path[0], "site.tar");
	assert_true(m.disk.ro[0]);
	assert_false(m.disk.ro[1]);
	assert_true(m.disk.abs[0][0] == '/' && ends_with(m.disk.abs[0], "/site.tar"));
	assert_true(ends_with(m.disk.abs[1], "/data.img"));
	assert_int_equal(m.disk.nmounts, 2);
	assert_string_equal(m.disk.mount[1].path, "/data/x");
	assert_string_equal(m.disk.mount[1].type, "cow");
	assert_int_equal(m.disk.mount[1].disk, 1);
	assert_true(m.disk.mount[1].format);
	manifest_mounts_text(&m.disk, text, sizeof(text));
	assert_string_equal(text, "/www:tar:0 /data/x:cow:1:format");
	/* the libraries the mounts need join libs, once */
	assert_int_equal(m.libs.n, 3);
	assert_string_equal(m.libs.v[0], "vfs-posix");
	assert_string_equal(m.libs.v[1], "fs-tar");
	assert_string_equal(m.libs.v[2], "fs-cow");
	assert_int_equal(parse(MIN "libs = http fs-tar\nmount = /w:tar:0 /x:tar:1:ro\n",
	                       &m, &e), 0);
	assert_int_equal(m.libs.n, 3);
	assert_string_equal(m.libs.v[2], "vfs-posix");
	manifest_mounts_text(&m.disk, text, sizeof(text));
	assert_string_equal(text, "/w:tar:0 /x:tar:1:ro");
	/* without a disk line, disks come at run time: any index 0..7 */
	assert_int_equal(parse(MIN "mount = /:cow:7\n", &m, &e), 0);
	assert_int_equal(m.disk.n, 0);
	/* disks alone: no library added, no mount */
	assert_int_equal(parse(MIN "disk = data.img\n", &m, &e), 0);
	assert_int_equal(m.libs.n, 0);
	assert_int_equal(m.disk.nmounts, 0);
}

static void test_bad_disk(void **state)
{
	(void)state;
	refuse(MIN "disk = nope.tar\n", "unik.conf:3: ",
	       "disk 'nope.tar' not found (expected an existing file in the app folder)");
	refuse(MIN "disk = www\n", "unik.conf:3: ", "disk 'www' not found");
	refuse(MIN "disk = /tmp/site.tar\n", "unik.conf:3: ",
	       "bad disk '/tmp/site.tar' (expected a path relative to the app folder)");
	refuse(MIN "disk = site.tar data.img site.tar:ro\n", "unik.conf:3: ",
	       "disk 'site.tar' listed twice");
	refuse(MIN "disk = a b c d e f g h i\n", "unik.conf:3: ",
	       "too many disks (expected at most 8)");
	refuse(MIN "disk = si'te.tar\n", "unik.conf:3: ", "bad disk 'si'te.tar' (expected characters");
	refuse(MIN "disk = site.tar:rx\n", "unik.conf:3: ", "bad disk 'site.tar:rx'");
	refuse(MIN "disk = :ro\n", "unik.conf:3: ", "bad disk ''");
	refuse(MIN "disk =\n", "unik.conf:3: ", "disk is empty");
}

static void test_bad_mount(void **state)
{
	(void)state;
	refuse(MIN "mount = /www:ext4:0\n", "unik.conf:3: ",
	       "unknown filesystem type 'ext4' in mount /www (expected tar or cow)");
	refuse(MIN "disk = site.tar\nmount = /www:tar:1\n", "unik.conf:4: ",
	       "disk index 1 in mount /www out of range (expected 0..0: the disk line lists 1)");
	/* across keys the mount line is blamed, whatever the order */
	refuse(MIN "mount = /a:tar:0 /b:tar:2\n\ndisk = site.tar data.img\n",
	       "unik.conf:3: ", "disk index 2 in mount /b out of range");
	refuse(MIN "mount = www:tar:0\n", "unik.conf:3: ",
	       "mount point 'www' is relative (expected an absolute path like /www)");
	refuse(MIN "mount = /www:tar:0 /data:cow:1 /www:cow:2\n", "unik.conf:3: ",
	       "duplicate mount point '/www' (expected each mount point once)");
	refuse(MIN "mount = /www:tar:0 /x:cow:0\n", "unik.conf:3: ",
	       "disk 0 mounted twice (on /www and /x)");
	refuse(MIN "mount = /www/:tar:0\n", "unik.conf:3: ", "bad mount point '/www/'");
	refuse(MIN "mount = /a/../b:tar:0\n", "unik.conf:3: ", "bad mount point '/a/../b'");
	refuse(MIN "mount = /a$b:tar:0\n", "unik.conf:3: ", "bad mount point '/a$b'");
	refuse(MIN "mount = /www:tar\n", "unik.conf:3: ",
	       "bad mount '/www' (expected PATH:TYPE:DISK[:ro][:format])");
	refuse(MIN "mount = /www:tar:8\n", "unik.conf:3: ",
	       "bad disk index '8' in mount /www (expected 0..7)");
	refuse(MIN "mount = /www:tar:-1\n", "unik.conf:3: ", "bad disk index '-1'");
	refuse(MIN "mount = /www:tar:0:fast\n", "unik.conf:3: ",
	       "unknown mount option 'fast' in mount /www (expected ro or format)");
	refuse(MIN "mount = /www:tar:0:format\n", "unik.conf:3: ",
	       "option 'format' in mount /www needs a writable cow mount");
	refuse(MIN "mount = /d:cow:0:ro:format\n", "unik.conf:3: ",
	       "option 'format' in mount /d needs a writable cow mount");
	refuse(MIN "disk = site.tar:ro\nmount = /d:cow:0:format\n", "unik.conf:4: ",
	       "option 'format' in mount /d on read-only disk 0");
	refuse(MIN "mount = /1:tar:0 /2:tar:1 /3:tar:2 /4:tar:3 /5:tar:4 /6:tar:5 "
	           "/7:tar:6 /8:tar:7 /9:tar:0\n",
	       "unik.conf:3: ", "too many mounts (expected at most 8)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good),
	    cmocka_unit_test(test_bad_disk),
	    cmocka_unit_test(test_bad_mount),
	};

	return cmocka_run_group_tests_name("manifest_disk", tests, make_app,
	                                   remove_app);
}
