/* The two content backends: the in-image site table and a directory. */
#include "fake_env.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cmocka needs the headers above */
#include <cmocka.h>

static struct http_backend b;
static struct http_file f;

static int op(const char *path)
{
	return b.ops->open(b.ctx, path, &f);
}

static void test_site_lookup(void **state)
{
	char buf[8];

	(void)state;
	fake_site_init();
	http_site_backend(&b, &fake_site);
	assert_string_equal(b.ops->name, "site");
	assert_int_equal(op("/index.html"), 0);
	assert_int_equal(f.size, 15);
	assert_string_equal(f.etag, "\"e-index\"");
	assert_non_null(f.data);
	assert_int_equal(op("/a b.txt"), 0);
	assert_int_equal(op("/sub/page.txt"), 0);
	assert_int_equal(op("/sub"), -EISDIR);
	assert_int_equal(op("/su"), -ENOENT);
	assert_int_equal(op("/sub/page"), -ENOENT);
	assert_int_equal(op("/zzz"), -ENOENT);
	assert_int_equal(op("/"), -EISDIR);
	assert_int_equal(op("/index.html/x"), -ENOENT);
	assert_int_equal(op("/big.bin"), 0);
	assert_int_equal(b.ops->read(b.ctx, &f, 99996, buf, sizeof(buf)), 4);
	assert_memory_equal(buf, fake_big + 99996, 4);
	assert_int_equal(b.ops->read(b.ctx, &f, 100000, buf, sizeof(buf)), 0);
}

/* "/sub" sorts after "/sub-x" and "/sub.txt": a directory must still be
 * found behind them. */
static void test_site_dir_behind_siblings(void **state)
{
	static const unsigned char d[] = "x";
	static const struct http_site_file files[] = {
	    {"/sub-x", d, 1, 0, "\"1\""},
	    {"/sub.txt", d, 1, 0, "\"2\""},
	    {"/sub/a", d, 1, 0, "\"3\""},
	    {"/subway", d, 1, 0, "\"4\""},
	};
	static const struct http_site s = {files, 4, 4};

	(void)state;
	http_site_backend(&b, &s);
	assert_int_equal(op("/sub"), -EISDIR);
	assert_int_equal(op("/sub-x"), 0);
	assert_int_equal(op("/subway"), 0);
	assert_int_equal(op("/sub/a"), 0);
	assert_int_equal(op("/sub/"), -ENOENT);
	http_site_backend(&b, &(struct http_site){files, 0, 0});
	assert_int_equal(op("/sub"), -ENOENT);
}

static char root[64];
static struct http_dir dir;

static void put(const char *rel, const char *content)
{
	char p[256];
	FILE *fp;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(content, fp);
	fclose(fp);
}

static int dir_setup(void **state)
{
	char p[256];

	(void)state;
	strcpy(root, "/tmp/unik-http-test-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	snprintf(p, sizeof(p), "%s/sub", root);
	mkdir(p, 0755);
	put("index.html", "<h1>hi</h1>\n");
	put("sub/page.txt", "0123456789");
	snprintf(p, sizeof(p), "%s/fifo", root);
	mkfifo(p, 0644);
	snprintf(p, sizeof(p), "%s/link", root);
	symlink("/etc/passwd", p);
	snprintf(p, sizeof(p), "%s/linkdir", root);
	symlink("/etc", p);
	snprintf(p, sizeof(p), "%s/inside", root);
	symlink("index.html", p);
	return 0;
}

static int dir_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_dir_files(void **state)
{
	char buf[16], with_slash[80];

	(void)state;
	snprintf(with_slash, sizeof(with_slash), "%s//", root);
	assert_int_equal(http_dir_backend(&b, &dir, with_slash), 0);
	assert_string_equal(b.ops->name, "dir");
	assert_int_equal(op("/index.html"), 0);
	assert_int_equal(f.size, 12);
	assert_null(f.data);
	assert_true(f.etag[0] == '"' && f.etag[strlen(f.etag) - 1] == '"');
	assert_int_equal(b.ops->read(b.ctx, &f, 4, buf, 3), 3);
	assert_memory_equal(buf, "hi<", 3);
	assert_int_equal(b.ops->read(b.ctx, &f, 0, buf, sizeof(buf)), 12);
	assert_int_equal(b.ops->read(b.ctx, &f, 12, buf, sizeof(buf)), 0);
	b.ops->close(b.ctx, &f);
	assert_int_equal(op("/sub/page.txt"), 0);
	assert_int_equal(b.ops->read(b.ctx, &f, 8, buf, 8), 2);
	b.ops->close(b.ctx, &f);
	assert_int_equal(op("/sub"), -EISDIR);
	assert_int_equal(op("/nope"), -ENOENT);
	assert_int_equal(op("/index.html/x"), -ENOTDIR);
}

static void test_dir_refusals(void **state)
{
	int rc;

	(void)state;
	assert_int_equal(http_dir_backend(&b, &dir, root), 0);
	assert_int_equal(op("/fifo"), -ENOENT);	  /* and it did not block */
	assert_int_equal(op("/link"), -ENOENT);	  /* symlink out */
	assert_int_equal(op("/inside"), -ENOENT); /* any symlink */
	/* A link on the way: Linux says ENOTDIR (O_DIRECTORY), others ELOOP. */
	rc = op("/linkdir/passwd");
	assert_true(rc == -ENOENT || rc == -ENOTDIR);
	assert_int_equal(http_dir_backend(&b, &dir, "/nonexistent/x"), -ENOENT);
	{
		char p[128];
		snprintf(p, sizeof(p), "%s/index.html", root);
		assert_int_equal(http_dir_backend(&b, &dir, p), -ENOTDIR);
	}
}

static void test_dir_etag_changes(void **state)
{
	char e1[64];

	(void)state;
	assert_int_equal(http_dir_backend(&b, &dir, root), 0);
	assert_int_equal(op("/sub/page.txt"), 0);
	strcpy(e1, f.etag);
	b.ops->close(b.ctx, &f);
	usleep(20000);
	put("sub/page.txt", "9876543210"); /* same size, new mtime */
	assert_int_equal(op("/sub/page.txt"), 0);
	assert_string_not_equal(e1, f.etag);
	b.ops->close(b.ctx, &f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_site_lookup),
	    cmocka_unit_test(test_site_dir_behind_siblings),
	    cmocka_unit_test(test_dir_files),
	    cmocka_unit_test(test_dir_refusals),
	    cmocka_unit_test(test_dir_etag_changes),
	};
	return cmocka_run_group_tests_name("net/http backends", tests,
					   dir_setup, dir_teardown);
}
