/* Range parsing, and Content-Type by extension. */
#include "fake_env.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* cmocka needs the headers above */
#include <cmocka.h>

static uint64_t a, b;

static enum http_range_result range(const char *s, uint64_t size)
{
	a = b = 12345;
	return http_range_parse((struct http_str){s, strlen(s)}, size, &a, &b);
}

static void test_forms(void **state)
{
	(void)state;
	assert_int_equal(range("bytes=0-9", 100), HTTP_RANGE_OK);
	assert_int_equal(a, 0);
	assert_int_equal(b, 9);
	assert_int_equal(range("bytes=90-", 100), HTTP_RANGE_OK);
	assert_int_equal(a, 90);
	assert_int_equal(b, 99);
	assert_int_equal(range("bytes=-10", 100), HTTP_RANGE_OK);
	assert_int_equal(a, 90);
	assert_int_equal(b, 99);
	assert_int_equal(range("bytes=-1000", 100), HTTP_RANGE_OK);
	assert_int_equal(a, 0);
	assert_int_equal(b, 99);
	assert_int_equal(range("bytes=50-5000", 100), HTTP_RANGE_OK);
	assert_int_equal(b, 99);
	assert_int_equal(range("Bytes= 5-5 ", 100), HTTP_RANGE_OK);
	assert_int_equal(a, 5);
	assert_int_equal(b, 5);
	assert_int_equal(range("bytes=0-99999999999999999999999", 100),
			 HTTP_RANGE_OK);
	assert_int_equal(b, 99);
}

static void test_unsatisfiable(void **state)
{
	(void)state;
	assert_int_equal(range("bytes=100-", 100), HTTP_RANGE_UNSATISFIABLE);
	assert_int_equal(range("bytes=200-300", 100), HTTP_RANGE_UNSATISFIABLE);
	assert_int_equal(range("bytes=-0", 100), HTTP_RANGE_UNSATISFIABLE);
	assert_int_equal(range("bytes=0-", 0), HTTP_RANGE_UNSATISFIABLE);
	assert_int_equal(range("bytes=-5", 0), HTTP_RANGE_UNSATISFIABLE);
	assert_int_equal(range("bytes=99999999999999999999999-", 100),
			 HTTP_RANGE_UNSATISFIABLE);
}

static void test_ignored(void **state)
{
	(void)state;
	assert_int_equal(range("bytes=9-0", 100), HTTP_RANGE_NONE);
	assert_int_equal(range("bytes=0-1,5-6", 100), HTTP_RANGE_NONE);
	assert_int_equal(range("bytes=-", 100), HTTP_RANGE_NONE);
	assert_int_equal(range("bytes=", 100), HTTP_RANGE_NONE);
	assert_int_equal(range("items=0-1", 100), HTTP_RANGE_NONE);
	assert_int_equal(range("bytes=a-b", 100), HTTP_RANGE_NONE);
	assert_int_equal(range("bytes=1-2x", 100), HTTP_RANGE_NONE);
	assert_int_equal(range("", 100), HTTP_RANGE_NONE);
	assert_int_equal(
	    http_range_parse((struct http_str){NULL, 0}, 100, &a, &b),
	    HTTP_RANGE_NONE);
}

static void test_mime(void **state)
{
	(void)state;
	assert_string_equal(http_mime_type("/index.html"),
			    "text/html; charset=utf-8");
	assert_string_equal(http_mime_type("/A.CSS"),
			    "text/css; charset=utf-8");
	assert_string_equal(http_mime_type("/x.js"),
			    "text/javascript; charset=utf-8");
	assert_string_equal(http_mime_type("/x.json"), "application/json");
	assert_string_equal(http_mime_type("/i.png"), "image/png");
	assert_string_equal(http_mime_type("/i.jpg"), "image/jpeg");
	assert_string_equal(http_mime_type("/i.gif"), "image/gif");
	assert_string_equal(http_mime_type("/i.svg"), "image/svg+xml");
	assert_string_equal(http_mime_type("/favicon.ico"),
			    "image/vnd.microsoft.icon");
	assert_string_equal(http_mime_type("/r.txt"),
			    "text/plain; charset=utf-8");
	assert_string_equal(http_mime_type("/m.wasm"), "application/wasm");
	assert_string_equal(http_mime_type("/d.pdf"), "application/pdf");
	assert_string_equal(http_mime_type("/f.woff2"), "font/woff2");
	assert_string_equal(http_mime_type("/s.xml"), "application/xml");
	assert_string_equal(http_mime_type("/noext"),
			    "application/octet-stream");
	assert_string_equal(http_mime_type("/dir.d/noext"),
			    "application/octet-stream");
	assert_string_equal(http_mime_type("/x.tar.gz"),
			    "application/octet-stream");
	assert_string_equal(http_mime_type("/x."), "application/octet-stream");
	assert_string_equal(http_mime_type("/x.verylongext"),
			    "application/octet-stream");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forms),
	    cmocka_unit_test(test_unsatisfiable),
	    cmocka_unit_test(test_ignored),
	    cmocka_unit_test(test_mime),
	};
	return cmocka_run_group_tests_name("net/http range+mime", tests, NULL,
					   NULL);
}
