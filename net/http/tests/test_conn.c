/* A connection driven by hand: pipelining, keep-alive, partial sends,
 * timeouts, end of input, backend failures and the access log. */
#include "fake_env.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the headers above */
#include <cmocka.h>

static struct http_backend site, reader;
static struct http_env env;
static struct http_conn *C;
static char sent[400000];
static size_t sent_len;

/* A backend without data pointers: bytes come from read(), in short
 * pieces, and can be made to fail after a number of calls. */
static int reads_left;
static size_t read_piece = 1000;
static int reader_open(void *ctx, const char *path, struct http_file *f)
{
	int rc = site.ops->open(site.ctx, path, f);

	(void)ctx;
	if (rc == 0) {
		f->handle = (long)(intptr_t)f->data;
		f->data = NULL;
	}
	return rc;
}
static long reader_read(void *ctx, struct http_file *f, uint64_t off, void *buf,
			size_t len)
{
	(void)ctx;
	if (reads_left-- == 0)
		return -EIO;
	if (len > read_piece)
		len = read_piece;
	if (len > f->size - off)
		len = (size_t)(f->size - off);
	memcpy(buf, (const char *)(intptr_t)f->handle + off, len);
	return (long)len;
}
static int closes;
static void reader_close(void *ctx, struct http_file *f)
{
	(void)ctx, (void)f;
	closes++;
}
static const struct http_backend_ops reader_ops = {reader_open, reader_read,
						   reader_close, "reader"};

static int setup(void **state)
{
	(void)state;
	fake_site_init();
	http_site_backend(&site, &fake_site);
	reader = (struct http_backend){&reader_ops, NULL};
	C = malloc(sizeof(*C));
	return C ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(C);
	return 0;
}

static void fresh(const struct http_backend *b)
{
	fake_env_init(&env, b);
	http_conn_init(C, "1.2.3.4:5", &env, fake_now_ns);
	sent_len = 0;
	sent[0] = '\0';
	reads_left = 1 << 30;
	closes = 0;
}

static void feed(const char *s, size_t n)
{
	while (n) {
		char *p;
		size_t space = http_conn_rx_space(C, &p);
		assert_true(space > 0);
		if (space > n)
			space = n;
		memcpy(p, s, space);
		http_conn_rx_done(C, space);
		s += space;
		n -= space;
	}
}
#define FEED(s) feed(s, strlen(s))

/* Step and "send" at most max bytes per send until the conn waits. */
static enum http_want run(size_t max)
{
	for (;;) {
		enum http_want w = http_conn_step(C, &env, fake_now_ns);
		const void *p;
		long k;

		if (w != HTTP_WANT_WRITE)
			return w;
		k = http_conn_tx_chunk(C, &env, &p);
		if (k < 0)
			return HTTP_WANT_CLOSE + 1; /* backend failure */
		assert_true(k > 0);
		if ((size_t)k > max)
			k = (long)max;
		assert_true(sent_len + (size_t)k < sizeof(sent));
		memcpy(sent + sent_len, p, (size_t)k);
		sent_len += (size_t)k;
		sent[sent_len] = '\0';
		http_conn_tx_done(C, &env, (size_t)k, fake_now_ns);
	}
}

static const char *body_of(const char *resp)
{
	const char *b = strstr(resp, "\r\n\r\n");
	assert_non_null(b);
	return b + 4;
}

static void test_keep_alive_and_log(void **state)
{
	(void)state;
	fresh(&site);
	FEED("GET /index.html HTTP/1.1\r\nHost: h\r\n\r\n");
	fake_now_ns += 1234567;
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_READ);
	assert_string_equal(body_of(sent), "<h1>hello</h1>\n");
	assert_string_equal(fake_log,
			    "1.2.3.4:5 GET /index.html 200 15 0.000ms\n");
	/* The deadline restarts after each response. */
	assert_int_equal(C->deadline, fake_now_ns + env.timeout_ns);
	FEED("GET /style.css HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_READ);
	assert_int_equal(count_of(sent, sent_len, "HTTP/1.1 200 OK"), 2);
}

static void test_pipelining_in_order(void **state)
{
	const char *a, *b, *c;

	(void)state;
	fresh(&site);
	FEED("GET /style.css HTTP/1.1\r\nHost: h\r\n\r\n"
	     "HEAD /index.html HTTP/1.1\r\nHost: h\r\n\r\n"
	     "GET /nope HTTP/1.1\r\nHost: h\r\n\r\n"
	     "GET /sub/page.txt HTTP/1.1\r\nHost: h\r\n\r\nGET /in");
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_READ);
	a = strstr(sent, "body{}");
	b = strstr(sent, "ETag: \"e-index\"");
	c = strstr(sent, "404 Not Found");
	assert_true(a && b && c && a < b && b < c);
	assert_true(strstr(c, "page\n") != NULL);
	assert_string_equal(fake_log,
			    "1.2.3.4:5 GET /style.css 200 7 0.000ms\n"
			    "1.2.3.4:5 HEAD /index.html 200 0 0.000ms\n"
			    "1.2.3.4:5 GET /nope 404 68 0.000ms\n"
			    "1.2.3.4:5 GET /sub/page.txt 200 5 0.000ms\n");
	/* The partial fifth request waits in the buffer. */
	FEED("dex.html HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_READ);
	assert_int_equal(count_of(sent, sent_len, "HTTP/1.1 "), 5);
}

static void test_close_ends_pipeline(void **state)
{
	(void)state;
	fresh(&site);
	FEED("GET /style.css HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
	     "GET /index.html HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_LINGER);
	assert_int_equal(count_of(sent, sent_len, "HTTP/1.1 "), 1);
	assert_true(strstr(sent, "Connection: close\r\n") != NULL);
	/* Lingering: no more input is taken, the deadline is short. */
	{
		char *p;
		assert_int_equal(http_conn_rx_space(C, &p), 0);
	}
	assert_true(C->deadline <= fake_now_ns + HTTP_LINGER_MS * 1000000ull);
}

static void check_big(size_t max, const struct http_backend *b)
{
	fresh(b);
	FEED("GET /big.bin HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(run(max), HTTP_WANT_READ);
	assert_int_equal(sent_len - (size_t)(body_of(sent) - sent),
			 sizeof(fake_big));
	assert_memory_equal(body_of(sent), fake_big, sizeof(fake_big));
	assert_true(strstr(fake_log, " 200 100000 ") != NULL);
}

static void test_partial_sends_byte_exact(void **state)
{
	(void)state;
	check_big(SIZE_MAX, &site);
	check_big(7, &site);
	check_big(SIZE_MAX, &reader);
	assert_int_equal(closes, 1);
	read_piece = 333;
	check_big(1000, &reader);
	read_piece = 1000;
}

static void test_range_through_reader(void **state)
{
	(void)state;
	fresh(&reader);
	FEED("GET /big.bin HTTP/1.1\r\nHost: h\r\nRange: "
	     "bytes=50000-79999\r\n\r\n");
	assert_int_equal(run(4096), HTTP_WANT_READ);
	assert_true(strstr(sent, "Content-Range: bytes 50000-79999/100000") !=
		    NULL);
	assert_int_equal(sent_len - (size_t)(body_of(sent) - sent), 30000);
	assert_memory_equal(body_of(sent), fake_big + 50000, 30000);
}

static void test_byte_by_byte_arrival(void **state)
{
	const char *r = "GET /style.css HTTP/1.1\r\nHost: h\r\n\r\n";

	(void)state;
	fresh(&site);
	for (size_t i = 0; r[i + 1]; i++) {
		feed(r + i, 1);
		assert_int_equal(run(SIZE_MAX), HTTP_WANT_READ);
		assert_int_equal(sent_len, 0);
	}
	feed(r + strlen(r) - 1, 1);
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_READ);
	assert_string_equal(body_of(sent), "body{}\n");
}

static void test_parse_errors_close(void **state)
{
	(void)state;
	fresh(&site);
	FEED("\x16\x03\x01 hello");
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_LINGER);
	assert_true(strncmp(sent, "HTTP/1.1 400 Bad Request\r\n", 26) == 0);
	assert_true(strstr(sent, "Connection: close\r\n") != NULL);
	assert_string_equal(fake_log, "1.2.3.4:5 - - 400 72 0.000ms\n");

	fresh(&site);
	FEED("GET / HTTP/2.0\r\nHost: h\r\n\r\n");
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_LINGER);
	assert_true(strstr(fake_log, " GET / 400 ") != NULL);
}

static void test_timeouts(void **state)
{
	uint64_t d;

	(void)state;
	/* Idle keep-alive: closed silently. */
	fresh(&site);
	fake_now_ns += env.timeout_ns;
	assert_int_equal(http_conn_expire(C, &env, fake_now_ns),
			 HTTP_WANT_CLOSE);
	assert_int_equal(sent_len, 0);
	assert_string_equal(fake_log, "");

	/* Slowloris: a drip of bytes does not move the deadline; 408. */
	fresh(&site);
	d = C->deadline;
	FEED("GET / HTTP/1.1\r\n");
	for (int i = 0; i < 9; i++) {
		fake_now_ns += 1000000000u;
		FEED("X: y\r\n");
		assert_int_equal(run(SIZE_MAX), HTTP_WANT_READ);
		assert_int_equal(C->deadline, d);
	}
	fake_now_ns = d;
	assert_int_equal(http_conn_expire(C, &env, fake_now_ns),
			 HTTP_WANT_WRITE);
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_LINGER);
	assert_true(strncmp(sent, "HTTP/1.1 408 Request Timeout\r\n", 30) == 0);
	assert_true(strstr(fake_log, "GET / 408 ") != NULL);

	/* A stuck send: aborted, logged with the bytes that went. */
	fresh(&site);
	FEED("GET /big.bin HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(http_conn_step(C, &env, fake_now_ns), HTTP_WANT_WRITE);
	fake_now_ns += env.timeout_ns;
	assert_int_equal(http_conn_expire(C, &env, fake_now_ns),
			 HTTP_WANT_CLOSE);
	assert_true(strstr(fake_log, "GET /big.bin 200 0 10000.000ms") != NULL);
}

static void test_end_of_input(void **state)
{
	(void)state;
	/* Requests then EOF (a client that shut down its side): answered. */
	fresh(&site);
	FEED("GET /style.css HTTP/1.1\r\nHost: h\r\n\r\n"
	     "GET /index.html HTTP/1.1\r\nHost: h\r\n\r\n");
	http_conn_rx_done(C, 0);
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_CLOSE);
	assert_int_equal(count_of(sent, sent_len, "HTTP/1.1 200"), 2);
	/* EOF inside a request: nothing to answer. */
	fresh(&site);
	FEED("GET /sty");
	http_conn_rx_done(C, 0);
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_CLOSE);
	assert_int_equal(sent_len, 0);
}

static void test_backpressure(void **state)
{
	char *p;

	(void)state;
	fresh(&site);
	FEED("GET /big.bin HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(http_conn_step(C, &env, fake_now_ns), HTTP_WANT_WRITE);
	assert_int_equal(http_conn_rx_space(C, &p), 0);
}

static void test_backend_failures(void **state)
{
	(void)state;
	/* Before anything is sent: a 500. */
	fresh(&reader);
	reads_left = 0;
	FEED("GET /big.bin HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_LINGER);
	assert_true(strncmp(sent, "HTTP/1.1 500 ", 13) == 0);
	assert_int_equal(closes, 1);
	/* In the middle of the body: the connection must be cut. */
	fresh(&reader);
	reads_left = 40;
	FEED("GET /big.bin HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(run(SIZE_MAX), HTTP_WANT_CLOSE + 1);
	http_conn_abort(C, &env);
	assert_int_equal(closes, 1);
	assert_true(strstr(fake_log, "GET /big.bin 200 ") != NULL);
	assert_null(strstr(fake_log, " 200 100000 ")); /* visibly cut short */
}

static void test_log_sanitize(void **state)
{
	char d[16];

	(void)state;
	http_log_sanitize(d, sizeof(d), (struct http_str){"a\x01 \\\n", 5});
	assert_string_equal(d, "a\\x01\\x20\\x5c");
	http_log_sanitize(d, sizeof(d),
			  (struct http_str){"0123456789abcdefgh", 18});
	assert_string_equal(d, "0123456789abcde");
	http_log_sanitize(d, sizeof(d), (struct http_str){NULL, 0});
	assert_string_equal(d, "-");
	env.access_log = false;
	fake_log[0] = '\0';
	http_log_request(&env, C);
	assert_string_equal(fake_log, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keep_alive_and_log),
	    cmocka_unit_test(test_pipelining_in_order),
	    cmocka_unit_test(test_close_ends_pipeline),
	    cmocka_unit_test(test_partial_sends_byte_exact),
	    cmocka_unit_test(test_range_through_reader),
	    cmocka_unit_test(test_byte_by_byte_arrival),
	    cmocka_unit_test(test_parse_errors_close),
	    cmocka_unit_test(test_timeouts),
	    cmocka_unit_test(test_end_of_input),
	    cmocka_unit_test(test_backpressure),
	    cmocka_unit_test(test_backend_failures),
	    cmocka_unit_test(test_log_sanitize),
	};
	return cmocka_run_group_tests_name("net/http conn", tests, setup,
					   teardown);
}
