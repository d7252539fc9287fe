/* The request parser: forms, limits, errors, incremental feeding. */
#include "fake_env.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the headers above */
#include <cmocka.h>

static struct http_parser P;

static enum http_parse_result parse(const char *s, size_t *consumed, int *st)
{
	http_parser_init(&P);
	*consumed = 0;
	*st = 0;
	return http_parse(&P, s, strlen(s), consumed, st);
}

static int status_of(const char *s)
{
	size_t c;
	int st;

	return parse(s, &c, &st) == HTTP_PARSE_ERROR ? st : 0;
}

static bool str_is(struct http_str s, const char *lit)
{
	return s.p && s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

static void test_simple_get(void **state)
{
	const char *r = "GET /index.html?x=1 HTTP/1.1\r\nHost: example\r\n"
			"If-None-Match: \"abc\"\r\nRange: bytes=0-9\r\n"
			"If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
			"X-Other:  padded  \r\n\r\nGET /next";
	size_t c;
	int st;

	(void)state;
	assert_int_equal(parse(r, &c, &st), HTTP_PARSE_DONE);
	assert_int_equal(c, strstr(r, "GET /next") - r);
	assert_int_equal(P.req.method, HTTP_GET);
	assert_true(str_is(P.req.target, "/index.html?x=1"));
	assert_int_equal(P.req.version, 11);
	assert_true(P.req.keep_alive);
	assert_false(P.req.has_body);
	assert_true(str_is(P.req.host, "example"));
	assert_true(str_is(P.req.if_none_match, "\"abc\""));
	assert_true(str_is(P.req.range, "bytes=0-9"));
	assert_true(
	    str_is(P.req.if_modified_since, "Sun, 06 Nov 1994 08:49:37 GMT"));
}

static void test_head_lf_only_and_leading_empty_lines(void **state)
{
	size_t c;
	int st;

	(void)state;
	assert_int_equal(parse("\r\n\nHEAD / HTTP/1.1\nhost: h\n\n", &c, &st),
			 HTTP_PARSE_DONE);
	assert_int_equal(P.req.method, HTTP_HEAD);
	assert_true(str_is(P.req.host, "h"));
	assert_int_equal(status_of("\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n"
				   "Host: h\r\n\r\n"),
			 400); /* more than HTTP_EMPTY_MAX empty lines */
}

static void test_connection_semantics(void **state)
{
	size_t c;
	int st;

	(void)state;
	parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", &c,
	      &st);
	assert_false(P.req.keep_alive);
	parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: foo, CLOSE\r\n\r\n", &c,
	      &st);
	assert_false(P.req.keep_alive);
	parse("GET / HTTP/1.0\r\n\r\n", &c, &st);
	assert_int_equal(P.req.version, 10);
	assert_false(P.req.keep_alive);
	parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", &c, &st);
	assert_true(P.req.keep_alive);
	assert_int_equal(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n"
			       "Connection: close\r\n\r\n",
			       &c, &st),
			 HTTP_PARSE_DONE);
	assert_false(P.req.keep_alive);
}

static void test_methods(void **state)
{
	size_t c;
	int st;

	(void)state;
	assert_int_equal(parse("POST /x HTTP/1.1\r\nHost: h\r\n"
			       "Content-Length: 3\r\n\r\nabc",
			       &c, &st),
			 HTTP_PARSE_DONE);
	assert_int_equal(P.req.method, HTTP_OTHER);
	assert_true(P.req.has_body);
	assert_int_equal(P.req.content_length, 3);
	assert_int_equal(
	    parse("DELETE /x HTTP/1.1\r\nHost: h\r\n\r\n", &c, &st),
	    HTTP_PARSE_DONE);
	assert_int_equal(P.req.method, HTTP_OTHER);
	/* Methods are case-sensitive: "get" is another method. */
	parse("get / HTTP/1.1\r\nHost: h\r\n\r\n", &c, &st);
	assert_int_equal(P.req.method, HTTP_OTHER);
	assert_int_equal(status_of("G(T / HTTP/1.1\r\n\r\n"), 400);
}

static void test_bad_request_lines(void **state)
{
	(void)state;
	assert_int_equal(status_of("GET /\r\n\r\n"), 400); /* HTTP/0.9 */
	assert_int_equal(status_of("GET  / HTTP/1.1\r\nHost: h\r\n\r\n"), 400);
	assert_int_equal(status_of("GET / HTTP/1.1 \r\nHost: h\r\n\r\n"), 400);
	assert_int_equal(status_of("GET / HTTP/2.0\r\nHost: h\r\n\r\n"), 400);
	assert_int_equal(status_of("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), 400);
	assert_int_equal(status_of("GET / http/1.1\r\nHost: h\r\n\r\n"), 400);
	assert_int_equal(status_of("GET / HTTP/1.10\r\nHost: h\r\n\r\n"), 400);
	assert_int_equal(status_of("GET /a\x01 HTTP/1.1\r\nHost: h\r\n\r\n"),
			 400);
	assert_int_equal(status_of("GET /\xc3\xa9 HTTP/1.1\r\nHost: h\r\n\r\n"),
			 400);
	assert_int_equal(status_of("GET /\r HTTP/1.1\r\nHost: h\r\n\r\n"), 400);
}

static void test_bad_headers(void **state)
{
	size_t c;
	int st;

	(void)state;
	assert_int_equal(status_of("GET / HTTP/1.1\r\n\r\n"),
			 400); /* no Host */
	assert_int_equal(
	    status_of("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
	assert_int_equal(status_of("GET / HTTP/1.1\r\nHost : a\r\n\r\n"), 400);
	assert_int_equal(status_of("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n"
				   " folded\r\n\r\n"),
			 400);
	assert_int_equal(
	    status_of("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n"), 400);
	assert_int_equal(status_of("GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n"),
			 400);
	assert_int_equal(status_of("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n"),
			 400);
	assert_int_equal(
	    status_of("GET / HTTP/1.1\r\nHost: a\r\nX: a\x7f\r\n\r\n"), 400);
	assert_int_equal(
	    status_of("GET / HTTP/1.1\r\nHost: a\r\n"
		      "Content-Length: 1\r\nContent-Length: 2\r\n\r\n"),
	    400);
	assert_int_equal(status_of("GET / HTTP/1.1\r\nHost: a\r\n"
				   "Content-Length: -1\r\n\r\n"),
			 400);
	/* Same length twice is fine; Transfer-Encoding marks a body. */
	assert_int_equal(
	    parse("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n"
		  "Content-Length: 0\r\n\r\n",
		  &c, &st),
	    HTTP_PARSE_DONE);
	assert_false(P.req.has_body);
	parse("GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
	      &c, &st);
	assert_true(P.req.has_body);
	/* HTTP/1.0 needs no Host; an empty Host is present. */
	assert_int_equal(status_of("GET / HTTP/1.0\r\n\r\n"), 0);
	assert_int_equal(status_of("GET / HTTP/1.1\r\nHost:\r\n\r\n"), 0);
	/* Embedded NUL. */
	{
		static const char r[] = "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n";
		http_parser_init(&P);
		assert_int_equal(http_parse(&P, r, sizeof(r) - 1, &c, &st),
				 HTTP_PARSE_ERROR);
		assert_int_equal(st, 400);
	}
}

static char *request_with_target(size_t target_len)
{
	char *s = malloc(target_len + 64);

	strcpy(s, "GET /");
	memset(s + 5, 'a', target_len - 1);
	strcpy(s + 4 + target_len, " HTTP/1.1\r\nHost: h\r\n\r\n");
	return s;
}

static void test_request_line_limit(void **state)
{
	/* The line is "GET " + target + " HTTP/1.1": 13 bytes around it. */
	char *ok = request_with_target(HTTP_LINE_MAX - 13);
	char *big = request_with_target(HTTP_LINE_MAX - 12);
	size_t c;
	int st;

	(void)state;
	assert_int_equal(parse(ok, &c, &st), HTTP_PARSE_DONE);
	assert_int_equal(status_of(big), 414);
	/* Without its end yet: 414 as soon as the limit is passed. */
	big[HTTP_LINE_MAX + 2] = '\0';
	assert_int_equal(status_of(big), 414);
	big[HTTP_LINE_MAX + 1] = '\0';
	assert_int_equal(status_of(big), 0); /* could still end in CR LF */
	free(ok);
	free(big);
}

static void test_header_limits(void **state)
{
	char *s = malloc(HTTP_HEADERS_MAX + 256);
	size_t n, c;
	int st;

	(void)state;
	/* "Host: h\r\n" + "X: " + value + "\r\n" + "\r\n": value + 16 bytes. */
	n = (size_t)sprintf(s, "GET / HTTP/1.1\r\nHost: h\r\nX: ");
	memset(s + n, 'v', HTTP_HEADERS_MAX - 16);
	strcpy(s + n + HTTP_HEADERS_MAX - 16, "\r\n\r\n");
	assert_int_equal(parse(s, &c, &st), HTTP_PARSE_DONE);
	/* One byte more: 431. */
	memset(s + n, 'v', HTTP_HEADERS_MAX - 15);
	strcpy(s + n + HTTP_HEADERS_MAX - 15, "\r\n\r\n");
	assert_int_equal(status_of(s), 431);
	/* And while still incomplete, once past the limit. */
	s[n + HTTP_HEADERS_MAX - 12] = '\0'; /* 9 + 3 + limit - 12 bytes */
	assert_int_equal(status_of(s), 0);
	memset(s + n, 'v', HTTP_HEADERS_MAX);
	s[n + HTTP_HEADERS_MAX - 11] = '\0';
	assert_int_equal(status_of(s), 431);
	/* Too many fields. */
	n = (size_t)sprintf(s, "GET / HTTP/1.1\r\nHost: h\r\n");
	for (int i = 0; i < HTTP_NHEADERS_MAX; i++)
		n += (size_t)sprintf(s + n, "X%d: y\r\n", i);
	strcpy(s + n, "\r\n");
	assert_int_equal(status_of(s), 431);
	free(s);
}

static void test_garbage_refused_early(void **state)
{
	(void)state;
	/* A TLS ClientHello or binary junk: no need to wait for a line end. */
	assert_int_equal(status_of("\x16\x03\x01\x02\x00"), 400);
	assert_int_equal(status_of("GE\x01"), 400);
	assert_int_equal(status_of("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ"),
			 400);
	assert_int_equal(status_of("GET"), 0);
	assert_int_equal(status_of("GET /partial"), 0);
	assert_int_equal(status_of("\r"), 0);
}

static void test_incremental_byte_by_byte(void **state)
{
	const char *r = "GET /a/b.css HTTP/1.1\r\nHost: h\r\n"
			"Connection: close\r\n\r\n";
	size_t n = strlen(r), c = 0;
	int st = 0;

	(void)state;
	http_parser_init(&P);
	for (size_t i = 1; i < n; i++)
		assert_int_equal(http_parse(&P, r, i, &c, &st),
				 HTTP_PARSE_MORE);
	assert_int_equal(http_parse(&P, r, n, &c, &st), HTTP_PARSE_DONE);
	assert_int_equal(c, n);
	assert_true(str_is(P.req.target, "/a/b.css"));
	assert_false(P.req.keep_alive);
}

static void test_list_has(void **state)
{
	(void)state;
	assert_true(http_list_has((struct http_str){"a, b ,c", 7}, "b"));
	assert_true(http_list_has((struct http_str){"a,,C", 4}, "c"));
	assert_false(http_list_has((struct http_str){"closed", 6}, "close"));
	assert_false(http_list_has((struct http_str){"", 0}, "close"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_simple_get),
	    cmocka_unit_test(test_head_lf_only_and_leading_empty_lines),
	    cmocka_unit_test(test_connection_semantics),
	    cmocka_unit_test(test_methods),
	    cmocka_unit_test(test_bad_request_lines),
	    cmocka_unit_test(test_bad_headers),
	    cmocka_unit_test(test_request_line_limit),
	    cmocka_unit_test(test_header_limits),
	    cmocka_unit_test(test_garbage_refused_early),
	    cmocka_unit_test(test_incremental_byte_by_byte),
	    cmocka_unit_test(test_list_has),
	};
	return cmocka_run_group_tests_name("net/http parse", tests, NULL, NULL);
}
