/*
 * Unit tests of the XenStore wire-format helpers (xs_proto.c): reply
 * completion and req_id matching, error strings, directory splitting,
 * watch events, numbers, path building.
 */
#include "xs_internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <string.h>

static struct xs_rx rx;

static void reply(uint32_t type, uint32_t id, const char *body, uint32_t len)
{
	rx.hdr = (struct xsd_sockmsg){.type = type, .req_id = id, .len = len};
	memcpy(rx.body, body, len);
	rx.body[len] = '\0';
}

static void test_pending_take(void **state)
{
	struct xs_pending a = {.req_id = 1}, b = {.req_id = 2},
			  c = {.req_id = 3};
	struct xs_pending *head = &a;
	(void)state;

	a.next = &b;
	b.next = &c;
	assert_null(xs_pending_take(&head, 9)); /* unknown req_id: no match */
	assert_ptr_equal(xs_pending_take(&head, 2), &b);
	assert_null(b.next);
	assert_ptr_equal(a.next, &c);
	assert_null(xs_pending_take(&head, 2)); /* a second reply: no match */
	assert_ptr_equal(xs_pending_take(&head, 1), &a);
	assert_ptr_equal(head, &c);
	assert_ptr_equal(xs_pending_take(&head, 3), &c);
	assert_null(head);
}

static void test_complete(void **state)
{
	char buf[8];
	struct xs_pending p = {
	    .type = XS_READ, .buf = buf, .size = sizeof(buf)};
	(void)state;

	reply(XS_READ, 1, "1234567", 7);
	assert_false(xs_complete(&p, &rx));
	assert_int_equal(p.err, 0);
	assert_int_equal(p.len, 7);
	assert_string_equal(buf, "1234567");
	assert_true(p.done);

	reply(XS_READ, 1, "12345678", 8); /* no room for the NUL */
	assert_false(xs_complete(&p, &rx));
	assert_int_equal(p.err, -ERANGE);

	reply(XS_ERROR, 1, "ENOENT", 7);
	assert_false(xs_complete(&p, &rx));
	assert_int_equal(p.err, -ENOENT);

	reply(XS_ERROR, 1, "EWHAT", 6); /* an error we do not know */
	assert_true(xs_complete(&p, &rx));
	assert_int_equal(p.err, -EIO);

	reply(XS_WRITE, 1, "OK", 3); /* reply of another type */
	assert_true(xs_complete(&p, &rx));
	assert_int_equal(p.err, -EIO);
}

static void test_errno(void **state)
{
	(void)state;
	assert_int_equal(xs_errno("EAGAIN"), -EAGAIN);
	assert_int_equal(xs_errno("EACCES"), -EACCES);
	assert_int_equal(xs_errno("E2BIG"), -E2BIG);
	assert_int_equal(xs_errno(""), -EIO);
	assert_int_equal(xs_errno("ENOENTX"), -EIO);
}

static void test_split_dir(void **state)
{
	const char *names[3];
	(void)state;

	reply(XS_DIRECTORY, 1, "0\0001\00012\0", 7);
	assert_int_equal(xs_split_dir(rx.body, rx.hdr.len, names, 3), 3);
	assert_string_equal(names[0], "0");
	assert_string_equal(names[1], "1");
	assert_string_equal(names[2], "12");
	assert_int_equal(xs_split_dir(rx.body, rx.hdr.len, names, 2), -E2BIG);

	reply(XS_DIRECTORY, 1, "", 0); /* no children */
	assert_int_equal(xs_split_dir(rx.body, 0, names, 3), 0);

	reply(XS_DIRECTORY, 1, "ab\0cd", 5); /* last name without its NUL */
	assert_int_equal(xs_split_dir(rx.body, rx.hdr.len, names, 3), 2);
	assert_string_equal(names[1], "cd");

	reply(XS_DIRECTORY, 1, "\0\0x\0", 4); /* empty names skipped */
	assert_int_equal(xs_split_dir(rx.body, rx.hdr.len, names, 3), 1);
	assert_string_equal(names[0], "x");
}

static void test_parse_event(void **state)
{
	const char *path, *token;
	(void)state;

	reply(XS_WATCH_EVENT, 0, "device/vif\0w1\0", 14);
	assert_int_equal(xs_parse_event(rx.body, rx.hdr.len, &path, &token), 0);
	assert_string_equal(path, "device/vif");
	assert_string_equal(token, "w1");

	reply(XS_WATCH_EVENT, 0, "p\0t", 3); /* token's NUL missing: ok */
	assert_int_equal(xs_parse_event(rx.body, rx.hdr.len, &path, &token), 0);
	assert_string_equal(token, "t");

	reply(XS_WATCH_EVENT, 0, "path", 4); /* no token at all */
	assert_int_equal(xs_parse_event(rx.body, rx.hdr.len, &path, &token),
			 -EPROTO);
	reply(XS_WATCH_EVENT, 0, "path\0", 5);
	assert_int_equal(xs_parse_event(rx.body, rx.hdr.len, &path, &token),
			 -EPROTO);
	reply(XS_WATCH_EVENT, 0, "\0tok\0", 5); /* empty path */
	assert_int_equal(xs_parse_event(rx.body, rx.hdr.len, &path, &token),
			 -EPROTO);
	reply(XS_WATCH_EVENT, 0, "", 0);
	assert_int_equal(xs_parse_event(rx.body, rx.hdr.len, &path, &token),
			 -EPROTO);
}

static void test_parse_ulong(void **state)
{
	unsigned long v = 42;
	(void)state;

	assert_int_equal(xs_parse_ulong("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(xs_parse_ulong("18446744073709551615", &v), 0);
	assert_true(v == ~0ul);
	assert_int_equal(xs_parse_ulong("18446744073709551616", &v), -EINVAL);
	assert_int_equal(xs_parse_ulong("", &v), -EINVAL);
	assert_int_equal(xs_parse_ulong("12a", &v), -EINVAL);
	assert_int_equal(xs_parse_ulong("-1", &v), -EINVAL);
	assert_int_equal(xs_parse_ulong(" 1", &v), -EINVAL);
}

static void test_path(void **state)
{
	char buf[17]; /* "device/vif/0/mac": 16 characters and the NUL */
	(void)state;

	assert_int_equal(xs_path(buf, sizeof(buf), "device/vif/0", "mac"), 0);
	assert_string_equal(buf, "device/vif/0/mac");
	assert_int_equal(xs_path(buf, 16, "device/vif/0", "mac"),
			 -ENAMETOOLONG);
	assert_int_equal(xs_path(buf, sizeof(buf), "device/vif/0", "state"),
			 -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pending_take),
	    cmocka_unit_test(test_complete),
	    cmocka_unit_test(test_errno),
	    cmocka_unit_test(test_split_dir),
	    cmocka_unit_test(test_parse_event),
	    cmocka_unit_test(test_parse_ulong),
	    cmocka_unit_test(test_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
