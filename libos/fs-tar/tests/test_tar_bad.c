/* fs-tar on bad archives: each must fail the mount with -EINVAL (or -EIO)
 * and a console line saying what is wrong and where; never crash (the
 * tests run under ASan and UBSan). */
#include "../../blk/host/host_shim.h"
#include "../tar.h"
#include "tar_gen.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tgen g;

static int setup(void **state)
{
	(void)state;
	tgen_init(&g);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tgen_free(&g);
	return 0;
}

/* Mount the first `bytes` of the archive; expect rc and a message. */
static void expect_mount(size_t bytes, int rc, const char *msg)
{
	struct blk_mem dev;
	void *fs;

	host_console_reset();
	blk_mem_init(&dev, g.buf, bytes / 512, true);
	assert_int_equal(tarfs_type.mount(&dev.dev, 0, &fs), rc);
	if (rc == 0)
		tarfs_type.umount(fs);
	if (msg && !strstr(host_console, msg))
		fail_msg("console lacks '%s':\n%s", msg, host_console);
}

static void one_file(void)
{
	static char data[3000];

	g.len = 0;
	memset(data, 'z', sizeof(data));
	tgen_member(&g, TGEN_USTAR, '0', "a", "hello", 5, NULL);
	tgen_member(&g, TGEN_USTAR, '0', "b", data, sizeof(data), NULL);
}

static void test_truncated(void **state)
{
	(void)state;
	one_file();
	tgen_end(&g);
	expect_mount(g.len, 0, "2 entries");
	/* cut inside b's data: its size runs past the device */
	expect_mount(512 * 4, -EINVAL, "sector 2 ('b'): member size runs past");
	/* cut right after a member: no end-of-archive block */
	expect_mount(512 * 2, -EINVAL, "sector 2: device ends without an "
	                               "end-of-archive");
	expect_mount(512 * 9, -EINVAL, "sector 9: device ends without");
}

static void test_checksum(void **state)
{
	(void)state;
	one_file();
	tgen_end(&g);
	g.buf[512 * 2 + 1] = 'X'; /* name of b, checksum not fixed */
	expect_mount(g.len, -EINVAL, "sector 2: header checksum mismatch");
	one_file();
	tgen_end(&g);
	memcpy(g.buf + 148, "junk!!\0 ", 8);
	expect_mount(g.len, -EINVAL, "sector 0: checksum field is not a number");
	/* random bytes where the archive should be: a clear error too */
	for (size_t i = 0; i < 4096; i++)
		g.buf[i] = (unsigned char)(i * 7 + 1);
	expect_mount(4096, -EINVAL, "sector 0: ");
}

static void test_sizes(void **state)
{
	(void)state;
	one_file();
	tgen_end(&g);
	tgen_set_octal(&g, 512 * 2, 124, 12, 077777777777ull); /* 8 GiB */
	expect_mount(g.len, -EINVAL, "('b'): member size runs past the end");
	one_file();
	tgen_end(&g);
	memcpy(g.buf + 124, "0000000012a4", 12);
	tgen_fix_checksum(&g, 0);
	expect_mount(g.len, -EINVAL, "sector 0: bad size field");
	one_file();
	tgen_end(&g);
	memset(g.buf + 124, 0xff, 12); /* base-256, negative */
	g.buf[124] = 0xff;
	tgen_fix_checksum(&g, 0);
	expect_mount(g.len, -EINVAL, "bad size field");
	one_file();
	tgen_end(&g);
	memset(g.buf + 124, 0x7f, 12); /* base-256 with every bit: overflow */
	g.buf[124] = 0x80;
	tgen_fix_checksum(&g, 0);
	expect_mount(g.len, -EINVAL, "bad size field");
}

static void test_names(void **state)
{
	size_t h;

	(void)state;
	g.len = 0;
	h = tgen_longname(&g, 'L', "abc");
	g.buf[h + 512 + 3] = 'd'; /* the NUL inside the size is gone */
	tgen_member(&g, TGEN_GNU, '0', "x", "1", 1, NULL);
	tgen_end(&g);
	expect_mount(g.len, -EINVAL, "sector 0: GNU long name without a NUL");
	g.len = 0;
	h = tgen_longname(&g, 'L', "abc");
	tgen_set_octal(&g, h, 124, 12, 1 << 20);
	for (int i = 0; i < 2050; i++) /* room for it on the device */
		tgen_end(&g);
	expect_mount(g.len, -EINVAL, "GNU long name of absurd length");
	g.len = 0;
	h = tgen_pax(&g, "path", "fine");
	g.buf[h + 512] = '9'; /* record length no longer matches */
	tgen_member(&g, TGEN_USTAR, '0', "x", "1", 1, NULL);
	tgen_end(&g);
	expect_mount(g.len, -EINVAL, "sector 0: malformed pax record");
	g.len = 0;
	h = tgen_pax(&g, "size", "12x");
	tgen_member(&g, TGEN_USTAR, '0', "x", "1", 1, NULL);
	tgen_end(&g);
	expect_mount(g.len, -EINVAL, "bad pax value");
	g.len = 0;
	h = tgen_pax(&g, "comment", "x");
	tgen_set_octal(&g, h, 124, 12, TAR_MAX_PAX + 1);
	for (int i = 0; i < 70; i++)
		tgen_end(&g);
	expect_mount(g.len, -EINVAL, "pax header too large");
	/* a file and a member below it */
	g.len = 0;
	tgen_member(&g, TGEN_USTAR, '0', "f", "1", 1, NULL);
	tgen_member(&g, TGEN_USTAR, '0', "f/g", "2", 1, NULL);
	tgen_end(&g);
	expect_mount(g.len, -EINVAL, "'f/g' is below a member that is not a dir");
}

static void test_counts_and_io(void **state)
{
	char name[16];
	struct blk_mem dev;
	void *fs;

	(void)state;
	g.len = 0;
	for (int i = 0; i <= TAR_MAX_ENTRIES; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		tgen_member(&g, TGEN_USTAR, '0', name, NULL, 0, NULL);
	}
	tgen_end(&g);
	expect_mount(g.len, -EINVAL, "too many members");
	/* a read error in the middle of the scan */
	one_file();
	tgen_end(&g);
	blk_mem_init(&dev, g.buf, g.len / 512, true);
	dev.fail_sector = 9;
	host_console_reset();
	assert_int_equal(tarfs_type.mount(&dev.dev, 0, &fs), -EIO);
	assert_non_null(strstr(host_console, "read error"));
	/* an all-zero device is an empty archive */
	memset(g.buf, 0, 1024);
	expect_mount(1024, 0, "0 entries");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_checksum),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_counts_and_io),
	};
	return cmocka_run_group_tests_name("libos/fs-tar bad archives", tests,
	                                   setup, teardown);
}
