/* fs-tar on well-formed archives: every format feature we read, and
 * reads at awkward offsets through the cache, on a RAM device. */
#include "../../blk/host/host_shim.h"
#include "../tar.h"
#include "tar_gen.h"
#include "tar_walk.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#define BIG (100 * 1024 + 77)

static const struct unik_fs_ops *ops;
static struct tgen g;
static struct blk_mem dev;
static unsigned char big[BIG];
static char long1[200], long2[300], name100[101], deep[160];

static void build(void)
{
	for (int i = 0; i < BIG; i++)
		big[i] = (unsigned char)(i * 131 + i / 512);
	memset(long1, 'g', 150);
	memcpy(long1 + 150, "/gnu-long-name.txt", 19);
	memset(long2, 'p', 250);
	memcpy(long2 + 250, ".pax", 5);
	memset(name100, 'n', 100);
	strcpy(deep, "d1/d2/");
	memset(deep + 6, 'u', 120);
	strcpy(deep + 126, "/ustar-prefix.txt"); /* > 100: prefix split */
	tgen_init(&g);
	tgen_member(&g, TGEN_USTAR, '5', "./", NULL, 0, NULL);
	tgen_member(&g, TGEN_USTAR, '5', "./www/", NULL, 0, NULL);
	tgen_member(&g, TGEN_USTAR, '0', "./www/index.html", "<h1>hi</h1>\n", 12, NULL);
	tgen_member(&g, TGEN_USTAR, '0', "www/big.bin", big, BIG, NULL);
	tgen_member(&g, TGEN_USTAR, '0', "empty", NULL, 0, NULL);
	tgen_member(&g, TGEN_USTAR, '0', "implied/dirs/file", "x", 1, NULL);
	tgen_member(&g, TGEN_USTAR, '0', deep, "deep", 4, NULL);
	tgen_member(&g, TGEN_USTAR, '0', name100, "100", 3, NULL);
	tgen_longname(&g, 'L', long1);
	tgen_member(&g, TGEN_GNU, '0', "truncated-short-name", "gnu", 3, NULL);
	tgen_pax(&g, "path", long2);
	tgen_member(&g, TGEN_USTAR, '0', "short", "pax", 3, NULL);
	tgen_member(&g, TGEN_V7, '0', "v7file", "v7", 2, NULL);
	tgen_member(&g, TGEN_V7, '0', "v7dir/", NULL, 0, NULL);
	tgen_member(&g, TGEN_USTAR, '0', "dup", "old", 3, NULL);
	tgen_member(&g, TGEN_USTAR, '0', "dup", "newer", 5, NULL);
	tgen_member(&g, TGEN_USTAR, '1', "hard", NULL, 0, "./www/index.html");
	tgen_member(&g, TGEN_USTAR, '1', "badhard", NULL, 0, "nowhere");
	tgen_member(&g, TGEN_USTAR, '2', "sym", NULL, 0, "www/index.html");
	tgen_member(&g, TGEN_USTAR, '0', "../escape", "no", 2, NULL);
	tgen_pax(&g, "size", "3"); /* pax size wins over the header's 999 */
	tgen_member(&g, TGEN_USTAR, '0', "paxsize", "abc", 3, NULL);
	tgen_set_octal(&g, g.len - 1024, 124, 12, 999);
	tgen_end(&g);
}

static int setup(void **state)
{
	(void)state;
	ops = tarfs_type.ops;
	build();
	blk_mem_init(&dev, g.buf, g.len / 512, true);
	return 0;
}

static void *mount_ok(void)
{
	void *fs;

	host_console_reset();
	assert_int_equal(tarfs_type.mount(&dev.dev, 0, &fs), 0);
	return fs;
}

static void expect_file(void *fs, const char *path, const void *data,
                        size_t size)
{
	char buf[256];
	struct unik_stat st;
	void *f;

	assert_int_equal(ops->stat(fs, path, &st), 0);
	assert_int_equal(st.size, size);
	assert_int_equal(st.mode & UNIK_S_IFMT, UNIK_S_IFREG);
	assert_int_equal(ops->open(fs, path, UNIK_O_RDONLY, 0, &f), 0);
	assert_int_equal(ops->read(fs, f, buf, sizeof(buf), 0), (ssize_t)size);
	assert_memory_equal(buf, data, size);
}

static void test_members(void **state)
{
	void *fs = mount_ok();
	struct unik_stat st;

	(void)state;
	expect_file(fs, "www/index.html", "<h1>hi</h1>\n", 12);
	expect_file(fs, "empty", "", 0);
	expect_file(fs, "implied/dirs/file", "x", 1);
	expect_file(fs, deep, "deep", 4);
	expect_file(fs, name100, "100", 3);
	expect_file(fs, long1, "gnu", 3);
	expect_file(fs, long2, "pax", 3);
	expect_file(fs, "v7file", "v7", 2);
	expect_file(fs, "dup", "newer", 5);
	expect_file(fs, "hard", "<h1>hi</h1>\n", 12);
	expect_file(fs, "paxsize", "abc", 3);
	assert_int_equal(ops->stat(fs, "truncated-short-name", &st), -ENOENT);
	assert_int_equal(ops->stat(fs, "sym", &st), -ENOENT);
	assert_int_equal(ops->stat(fs, "badhard", &st), -ENOENT);
	assert_int_equal(ops->stat(fs, "escape", &st), -ENOENT);
	assert_int_equal(ops->stat(fs, "implied/dirs", &st), 0);
	assert_int_equal(st.mode & UNIK_S_IFMT, UNIK_S_IFDIR);
	assert_int_equal(ops->stat(fs, "v7dir", &st), 0);
	assert_int_equal(st.mode & UNIK_S_IFMT, UNIK_S_IFDIR);
	assert_int_equal(ops->stat(fs, "www/index.html", &st), 0);
	assert_int_equal(st.mtime_ns, 1700000000ll * 1000000000);
	assert_int_equal(st.mode, UNIK_S_IFREG | 0644);
	assert_non_null(strstr(host_console, "'sym' (type '2') skipped"));
	assert_non_null(strstr(host_console, "hard link 'badhard'"));
	assert_non_null(strstr(host_console, "'../escape' (type '0') skipped"));
	assert_int_equal(tarfs_type.umount(fs), 0);
}

static void test_readdir(void **state)
{
	void *fs = mount_ok(), *d, *f;
	struct unik_dirent e;
	char seen[512] = "";
	unsigned files;
	uint64_t bytes;

	(void)state;
	assert_int_equal(ops->opendir(fs, "www", &d), 0);
	while (ops->readdir(fs, d, &e) == 1) {
		strcat(seen, e.name);
		strcat(seen, e.type == UNIK_DT_DIR ? "/ " : " ");
	}
	ops->closedir(fs, d);
	assert_string_equal(seen, "big.bin index.html ");
	assert_int_equal(ops->opendir(fs, "www/index.html", &d), -ENOTDIR);
	assert_int_equal(ops->opendir(fs, "nope", &d), -ENOENT);
	assert_int_equal(ops->open(fs, "www", UNIK_O_RDONLY, 0, &f), 0);
	assert_int_equal(ops->read(fs, f, seen, 1, 0), -EISDIR);
	assert_int_equal(ops->open(fs, "empty", UNIK_O_DIRECTORY, 0, &f), -ENOTDIR);
	assert_int_equal(tar_walk(fs, &files, &bytes), 0);
	assert_int_equal(files, 12);
	assert_int_equal(bytes, BIG + 12 + 1 + 4 + 3 + 3 + 3 + 2 + 5 + 12 + 3);
	assert_int_equal(tarfs_type.umount(fs), 0);
}

/* Every (offset, length) class: in one cluster, across clusters, whole
 * clusters (direct), into aligned and unaligned buffers. */
static void test_read_offsets(void **state)
{
	static const uint64_t offs[] = {0, 1, 511, 512, 4095, 4096, 4097,
	                                8192, 50000, BIG - 1, BIG};
	static const size_t lens[] = {1, 100, 512, 4096, 8192, 9000, 70000};
	unsigned char *buf = aligned_alloc(4096, 80 * 1024);
	void *fs = mount_ok(), *f;

	(void)state;
	assert_int_equal(ops->open(fs, "www/big.bin", UNIK_O_RDONLY, 0, &f), 0);
	for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		for (size_t j = 0; j < sizeof(lens) / sizeof(lens[0]); j++) {
			for (int mis = 0; mis < 2; mis++) {
				size_t want = offs[i] + lens[j] > BIG ? BIG - offs[i] : lens[j];
				ssize_t n = ops->read(fs, f, buf + mis, lens[j], offs[i]);

				assert_int_equal(n, (ssize_t)want);
				assert_memory_equal(buf + mis, big + offs[i], want);
			}
		}
	}
	assert_int_equal(ops->read(fs, f, buf, 10, BIG + 100), 0);
	free(buf);
	assert_int_equal(tarfs_type.umount(fs), 0);
}

static void test_header_fields(void **state)
{
	unsigned char blk[512];
	struct tar_hdr h;
	const char *why;
	char name[40] = "./a//b/./c/";

	(void)state;
	memcpy(blk, g.buf, 512);
	assert_int_equal(tar_parse_header(blk, &h, &why), 0);
	/* GNU base-256 size */
	memset(blk + 124, 0, 12);
	blk[124] = 0x80;
	blk[135] = 0x10;
	struct tgen t = {.buf = blk, .len = 512, .cap = 512};
	tgen_fix_checksum(&t, 0);
	assert_int_equal(tar_parse_header(blk, &h, &why), 0);
	assert_int_equal(h.size, 16);
	assert_int_equal(tar_normalize_name(name), 5);
	assert_string_equal(name, "a/b/c");
	strcpy(name, "a/../b");
	assert_int_equal(tar_normalize_name(name), -EINVAL);
	strcpy(name, "/./");
	assert_int_equal(tar_normalize_name(name), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_readdir),
		cmocka_unit_test(test_read_offsets),
		cmocka_unit_test(test_header_fields),
	};
	return cmocka_run_group_tests_name("libos/fs-tar", tests, setup, NULL);
}
