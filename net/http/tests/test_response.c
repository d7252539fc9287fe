/* http_respond: which status, which header fields, which body range. */
#include "fake_env.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* cmocka needs the headers above */
#include <cmocka.h>

static struct http_backend site;
static struct http_env env;
static struct http_parser P;
static struct http_reply R;
static struct http_file F;
static char out[HTTP_OUT_SIZE];
static size_t n;

static int setup(void **state)
{
	(void)state;
	fake_site_init();
	http_site_backend(&site, &fake_site);
	fake_env_init(&env, &site);
	return 0;
}

/* Parse a request head and answer it; out[0..n) is the result. */
static int answer(const char *req)
{
	size_t c;
	int st;

	http_parser_init(&P);
	assert_int_equal(http_parse(&P, req, strlen(req), &c, &st),
			 HTTP_PARSE_DONE);
	memset(out, 0, sizeof(out));
	n = http_respond(&env, &P.req, &F, &R, out, sizeof(out));
	assert_true(n > 0 && n < sizeof(out));
	return R.status;
}

static bool has(const char *line)
{
	return strstr(out, line) != NULL;
}

#define GET(path, extra)                                                       \
	answer("GET " path " HTTP/1.1\r\nHost: h\r\n" extra "\r\n")

static void test_get_200(void **state)
{
	(void)state;
	assert_int_equal(GET("/index.html", ""), 200);
	assert_true(has("HTTP/1.1 200 OK\r\n"));
	assert_true(has("\r\nServer: unik\r\n"));
	assert_true(has("\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"));
	assert_true(has("\r\nContent-Type: text/html; charset=utf-8\r\n"));
	assert_true(has("\r\nContent-Length: 15\r\n"));
	assert_true(
	    has("\r\nLast-Modified: Sun, 06 Nov 1994 08:36:40 GMT\r\n"));
	assert_true(has("\r\nETag: \"e-index\"\r\n"));
	assert_true(has("\r\nAccept-Ranges: bytes\r\n"));
	assert_false(has("Connection:"));
	assert_true(n >= 4 && memcmp(out + n - 4, "\r\n\r\n", 4) == 0);
	assert_true(R.has_file);
	assert_false(R.close);
	assert_int_equal(R.body_off, 0);
	assert_int_equal(R.body_end, 15);
	assert_int_equal(R.body_total, 15);
}

static void test_index_and_dirs(void **state)
{
	(void)state;
	assert_int_equal(GET("/", ""), 200);
	assert_int_equal(R.body_end, 15);
	assert_int_equal(GET("/sub/", ""), 200);
	assert_true(has("ETag: \"e-sub\""));
	assert_int_equal(GET("/sub", ""), 301);
	assert_true(has("\r\nLocation: /sub/\r\n"));
	assert_false(R.has_file);
	assert_int_equal(GET("/sub/page.txt/", ""), 404);
	assert_int_equal(GET("/a%20b.txt", ""), 200);
	assert_true(has("Content-Type: text/plain; charset=utf-8"));
	assert_int_equal(GET("/empty.txt", ""), 200);
	assert_true(has("Content-Length: 0\r\n"));
	assert_false(R.has_file);
}

static void test_errors(void **state)
{
	(void)state;
	assert_int_equal(GET("/nope", ""), 404);
	assert_true(has("HTTP/1.1 404 Not Found\r\n"));
	assert_true(has("Content-Type: text/html"));
	assert_true(has("<h1>404 Not Found</h1>"));
	assert_int_equal(R.body_total, strlen(strstr(out, "\r\n\r\n") + 4));
	assert_int_equal(GET("/../etc/passwd", ""), 403);
	assert_int_equal(GET("/%2e%2e/etc/passwd", ""), 403);
	assert_int_equal(GET("/..%2fetc", ""), 400);
	assert_int_equal(GET("/.hidden", ""), 404);
	assert_int_equal(answer("POST / HTTP/1.1\r\nHost: h\r\n\r\n"), 405);
	assert_true(has("\r\nAllow: GET, HEAD\r\n"));
	assert_false(has("Connection: close"));
	assert_int_equal(answer("PUT / HTTP/1.1\r\nHost: h\r\n"
				"Content-Length: 5\r\n\r\n"),
			 405);
	assert_true(has("Connection: close\r\n")); /* the body is not read */
	assert_true(R.close);
}

static void test_head(void **state)
{
	(void)state;
	assert_int_equal(answer("HEAD /style.css HTTP/1.1\r\nHost: h\r\n\r\n"),
			 200);
	assert_true(has("Content-Length: 7\r\n"));
	assert_true(has("Content-Type: text/css"));
	assert_false(R.has_file);
	assert_true(memcmp(out + n - 4, "\r\n\r\n", 4) == 0);
	assert_int_equal(answer("HEAD /nope HTTP/1.1\r\nHost: h\r\n\r\n"), 404);
	assert_true(memcmp(out + n - 4, "\r\n\r\n", 4) == 0); /* no body */
	assert_int_equal(R.body_total, 0);
	/* Range is for GET only. */
	assert_int_equal(answer("HEAD /big.bin HTTP/1.1\r\nHost: h\r\n"
				"Range: bytes=0-9\r\n\r\n"),
			 200);
}

static void test_conditionals(void **state)
{
	(void)state;
	assert_int_equal(GET("/index.html", "If-None-Match: \"e-index\"\r\n"),
			 304);
	assert_true(has("HTTP/1.1 304 Not Modified\r\n"));
	assert_true(has("ETag: \"e-index\""));
	assert_true(has("Last-Modified: "));
	assert_false(has("Content-Length"));
	assert_false(R.has_file);
	assert_int_equal(GET("/index.html", "If-None-Match: W/\"e-index\"\r\n"),
			 304);
	assert_int_equal(
	    GET("/index.html", "If-None-Match: \"x\", \"e-index\"\r\n"), 304);
	assert_int_equal(GET("/index.html", "If-None-Match: *\r\n"), 304);
	assert_int_equal(GET("/index.html", "If-None-Match: \"e-inde\"\r\n"),
			 200);
	assert_int_equal(GET("/index.html", "If-None-Match: e-index\r\n"), 200);
	/* mtime is 08:36:40 */
	assert_int_equal(GET("/index.html",
			     "If-Modified-Since: Sun, 06 Nov 1994 "
			     "08:36:40 GMT\r\n"),
			 304);
	assert_int_equal(GET("/index.html",
			     "If-Modified-Since: Sun, 06 Nov 1994 "
			     "08:36:39 GMT\r\n"),
			 200);
	assert_int_equal(GET("/index.html", "If-Modified-Since: garbage\r\n"),
			 200);
	/* If-None-Match wins over If-Modified-Since. */
	assert_int_equal(GET("/index.html",
			     "If-None-Match: \"other\"\r\n"
			     "If-Modified-Since: Sun, 06 Nov 2094 "
			     "08:36:40 GMT\r\n"),
			 200);
	assert_int_equal(answer("HEAD /index.html HTTP/1.1\r\nHost: h\r\n"
				"If-None-Match: \"e-index\"\r\n\r\n"),
			 304);
}

static void test_ranges(void **state)
{
	(void)state;
	assert_int_equal(GET("/big.bin", "Range: bytes=100-199\r\n"), 206);
	assert_true(has("HTTP/1.1 206 Partial Content\r\n"));
	assert_true(has("Content-Range: bytes 100-199/100000\r\n"));
	assert_true(has("Content-Length: 100\r\n"));
	assert_int_equal(R.body_off, 100);
	assert_int_equal(R.body_end, 200);
	assert_int_equal(GET("/big.bin", "Range: bytes=-10\r\n"), 206);
	assert_true(has("Content-Range: bytes 99990-99999/100000\r\n"));
	assert_int_equal(GET("/big.bin", "Range: bytes=99000-\r\n"), 206);
	assert_true(has("Content-Length: 1000\r\n"));
	assert_int_equal(GET("/big.bin", "Range: bytes=100000-\r\n"), 416);
	assert_true(has("HTTP/1.1 416 Range Not Satisfiable\r\n"));
	assert_true(has("Content-Range: bytes */100000\r\n"));
	assert_false(R.has_file);
	assert_int_equal(GET("/big.bin", "Range: bytes=0-1,4-5\r\n"), 200);
	assert_int_equal(
	    GET("/big.bin", "Range: bytes=0-1\r\nRange: bytes=2-3\r\n"), 200);
	/* If-Range: the same strong ETag or date, else the whole file. */
	assert_int_equal(GET("/big.bin", "Range: bytes=0-1\r\n"
					 "If-Range: \"e-big\"\r\n"),
			 206);
	assert_int_equal(GET("/big.bin", "Range: bytes=0-1\r\n"
					 "If-Range: \"old\"\r\n"),
			 200);
	assert_int_equal(GET("/big.bin", "Range: bytes=0-1\r\nIf-Range: "
					 "Sun, 06 Nov 1994 08:36:40 GMT\r\n"),
			 206);
	assert_int_equal(GET("/big.bin", "Range: bytes=0-1\r\nIf-Range: "
					 "Sun, 06 Nov 1994 08:36:41 GMT\r\n"),
			 200);
	/* A matching If-None-Match wins over Range. */
	assert_int_equal(GET("/big.bin", "Range: bytes=0-1\r\n"
					 "If-None-Match: \"e-big\"\r\n"),
			 304);
}

static void test_connection_header(void **state)
{
	(void)state;
	assert_int_equal(answer("GET / HTTP/1.0\r\n\r\n"), 200);
	assert_true(has("Connection: close\r\n"));
	assert_true(R.close);
	assert_int_equal(
	    answer("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), 200);
	assert_true(has("Connection: keep-alive\r\n"));
	assert_false(R.close);
	assert_int_equal(
	    answer("GET /nope HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
	    404);
	assert_true(has("Connection: keep-alive\r\n"));
	assert_int_equal(GET("/", "Connection: close\r\n"), 200);
	assert_true(has("Connection: close\r\n"));
	assert_true(R.close);
}

static int fail_rc;
static int failing_open(void *ctx, const char *path, struct http_file *f)
{
	(void)ctx, (void)path, (void)f;
	return fail_rc;
}

static void test_backend_errors(void **state)
{
	static const struct http_backend_ops ops = {failing_open, NULL, NULL,
						    "failing"};
	struct http_backend b = {&ops, NULL};

	(void)state;
	env.backend = &b;
	fail_rc = -EACCES;
	assert_int_equal(GET("/x", ""), 403);
	fail_rc = -EIO;
	assert_int_equal(GET("/x", ""), 500);
	assert_true(has("HTTP/1.1 500 Internal Server Error\r\n"));
	fail_rc = -ENOTDIR;
	assert_int_equal(GET("/x", ""), 404);
	env.backend = &site;
}

static void test_status_texts(void **state)
{
	static const int codes[] = {200, 206, 301, 304, 400, 403, 404,
				    405, 408, 414, 416, 431, 500};
	(void)state;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		assert_string_not_equal(http_status_text(codes[i]), "Unknown");
	assert_string_equal(http_status_text(599), "Unknown");
	n = http_respond_error(&env, 408, false, true, &R, out, sizeof(out));
	out[n] = '\0';
	assert_true(has("HTTP/1.1 408 Request Timeout\r\n"));
	assert_true(has("Connection: close\r\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_get_200),
	    cmocka_unit_test(test_index_and_dirs),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_head),
	    cmocka_unit_test(test_conditionals),
	    cmocka_unit_test(test_ranges),
	    cmocka_unit_test(test_connection_header),
	    cmocka_unit_test(test_backend_errors),
	    cmocka_unit_test(test_status_texts),
	};
	return cmocka_run_group_tests_name("net/http response", tests, setup,
					   NULL);
}
