/* Target -> path: decoding, normalisation and every refusal. */
#include "fake_env.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* cmocka needs the headers above */
#include <cmocka.h>

static char out[256];
static bool dir;

static int norm(const char *t)
{
	out[0] = '\0';
	return http_path_normalize((struct http_str){t, strlen(t)}, out,
				   sizeof(out), &dir);
}

static void test_plain(void **state)
{
	(void)state;
	assert_int_equal(norm("/"), 0);
	assert_string_equal(out, "/");
	assert_true(dir);
	assert_int_equal(norm("/index.html"), 0);
	assert_string_equal(out, "/index.html");
	assert_false(dir);
	assert_int_equal(norm("/sub/"), 0);
	assert_string_equal(out, "/sub");
	assert_true(dir);
	assert_int_equal(norm("/a//b/./c"), 0);
	assert_string_equal(out, "/a/b/c");
	assert_false(dir);
	assert_int_equal(norm("/a/."), 0);
	assert_string_equal(out, "/a");
	assert_true(dir);
}

static void test_query_and_fragment_dropped(void **state)
{
	(void)state;
	assert_int_equal(norm("/a.css?v=1/../../x"), 0);
	assert_string_equal(out, "/a.css");
	assert_int_equal(norm("/a#frag"), 0);
	assert_string_equal(out, "/a");
	assert_int_equal(norm("/?q"), 0);
	assert_string_equal(out, "/");
	assert_true(dir);
}

static void test_percent_decoding(void **state)
{
	(void)state;
	assert_int_equal(norm("/a%20b.txt"), 0);
	assert_string_equal(out, "/a b.txt");
	assert_int_equal(norm("/%41%62c"), 0);
	assert_string_equal(out, "/Abc");
	assert_int_equal(norm("/caf%C3%A9"), 0);
	assert_string_equal(out, "/caf\xc3\xa9");
	assert_int_equal(norm("/a%3Fb"), 0); /* an encoded '?' is a name */
	assert_string_equal(out, "/a?b");
	assert_int_equal(norm("/a+b"), 0);
	assert_string_equal(out, "/a+b");
}

static void test_bad_escapes_400(void **state)
{
	(void)state;
	assert_int_equal(norm("/a%"), 400);
	assert_int_equal(norm("/a%2"), 400);
	assert_int_equal(norm("/a%zz"), 400);
	assert_int_equal(norm("/a%00b"), 400);
	assert_int_equal(norm("/a%0a"), 400);
	assert_int_equal(norm("/a%7F"), 400);
}

static void test_traversal(void **state)
{
	(void)state;
	assert_int_equal(norm("/../etc/passwd"), 403);
	assert_int_equal(norm("/a/../../etc/passwd"), 403);
	assert_int_equal(norm("/a/.."), 403);
	assert_int_equal(norm("/%2e%2e/etc/passwd"), 403);
	assert_int_equal(norm("/%2E./x"), 403);
	assert_int_equal(norm("/.%2e"), 403);
	assert_int_equal(norm("/..%2fetc/passwd"), 400);
	assert_int_equal(norm("/a%2fb"), 400);
	assert_int_equal(norm("/a%2Fb"), 400);
	assert_int_equal(norm("/..\\etc"), 400);
	assert_int_equal(norm("/a%5cb"), 400);
	assert_int_equal(norm("/.git/config"), 404);
	assert_int_equal(norm("/a/.htaccess"), 404);
	assert_int_equal(norm("/.git/../../x"), 403); /* worse wins */
	assert_int_equal(norm("/..."), 404);
}

static void test_forms(void **state)
{
	(void)state;
	assert_int_equal(norm("*"), 400);
	assert_int_equal(norm("index.html"), 400);
	assert_int_equal(norm("http://example.com/a/b"), 0);
	assert_string_equal(out, "/a/b");
	assert_int_equal(norm("HTTP://example.com"), 0);
	assert_string_equal(out, "/");
	assert_true(dir);
	assert_int_equal(norm("http://example.com?x"), 0);
	assert_string_equal(out, "/");
	assert_int_equal(norm("http://h/%2e%2e/x"), 403);
}

static void test_too_long_414(void **state)
{
	char t[600];

	(void)state;
	t[0] = '/';
	memset(t + 1, 'a', sizeof(t) - 2);
	t[sizeof(t) - 1] = '\0';
	assert_int_equal(norm(t), 414);
	t[sizeof(out) - 1] = '\0'; /* 254 'a' + '/' + NUL fit in 256 */
	assert_int_equal(norm(t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_query_and_fragment_dropped),
	    cmocka_unit_test(test_percent_decoding),
	    cmocka_unit_test(test_bad_escapes_400),
	    cmocka_unit_test(test_traversal),
	    cmocka_unit_test(test_forms),
	    cmocka_unit_test(test_too_long_414),
	};
	return cmocka_run_group_tests_name("net/http path", tests, NULL, NULL);
}
