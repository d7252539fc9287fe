/*
 * Unit tests of the XenStore ring streams (xs_ring.c) on a page in host
 * memory, playing xenstored by hand: wrap-around, full rings, messages
 * split across calls, and a hostile peer (impossible indices, oversized
 * headers) that must be refused without reading outside the ring.
 */
#include "xs_internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <string.h>

static struct xenstore_domain_interface page;
static struct xs_ring ring;
static struct xs_rx rx;

static int setup(void **state)
{
	(void)state;
	memset(&page, 0, sizeof(page));
	memset(&rx, 0, sizeof(rx));
	xs_ring_init(&ring, &page);
	return 0;
}

/* xenstored's side: append bytes to rsp[], taking rsp_prod from the page. */
static void peer_reply(const void *data, uint32_t len)
{
	const char *s = data;

	for (uint32_t i = 0; i < len; i++)
		page.rsp[MASK_XENSTORE_IDX(page.rsp_prod + i)] = s[i];
	page.rsp_prod += len;
}

static void peer_msg(uint32_t type, uint32_t id, const char *body, uint32_t len)
{
	struct xsd_sockmsg h = {.type = type, .req_id = id, .len = len};

	peer_reply(&h, sizeof(h));
	peer_reply(body, len);
}

static void test_put_wraps_and_fills(void **state)
{
	char data[XENSTORE_RING_SIZE + 100];
	(void)state;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)i;
	/* Start near the end of the ring, as after long use. */
	page.req_cons = page.req_prod = ring.req_prod = 0xfffffff0u;
	assert_int_equal(xs_ring_put(&ring, data, sizeof(data)),
			 XENSTORE_RING_SIZE);
	assert_int_equal(page.req_prod, 0xfffffff0u + XENSTORE_RING_SIZE);
	assert_int_equal(xs_ring_put(&ring, data, 1), 0); /* full */
	for (uint32_t i = 0; i < XENSTORE_RING_SIZE; i++)
		assert_int_equal(page.req[MASK_XENSTORE_IDX(0xfffffff0u + i)],
				 (char)i);
	page.req_cons += 10; /* xenstored read 10 bytes */
	assert_int_equal(xs_ring_put(&ring, data, 100), 10);
}

static void test_put_rejects_bad_cons(void **state)
{
	(void)state;
	page.req_cons = 5000; /* "consumed" bytes we never wrote */
	assert_int_equal(xs_ring_put(&ring, "x", 1), -EPROTO);
	assert_int_equal(page.req_prod, 0);
}

static void test_get_whole_and_split(void **state)
{
	size_t taken = 0;
	(void)state;

	peer_msg(XS_READ, 7, "value", 5);
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), 1);
	assert_int_equal(taken, sizeof(struct xsd_sockmsg) + 5);
	assert_int_equal(rx.hdr.req_id, 7);
	assert_string_equal(rx.body, "value");
	assert_int_equal(page.rsp_cons, page.rsp_prod);

	/* A message arriving in three pieces. */
	rx.got = 0;
	struct xsd_sockmsg h = {.type = XS_WRITE, .req_id = 8, .len = 3};
	peer_reply(&h, 10);
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), 0);
	peer_reply((char *)&h + 10, sizeof(h) - 10);
	peer_reply("O", 1);
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), 0);
	peer_reply("K", 2); /* "K\0" */
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), 1);
	assert_int_equal(rx.hdr.req_id, 8);
	assert_string_equal(rx.body, "OK");
}

static void test_get_two_messages_one_batch(void **state)
{
	size_t taken = 0;
	(void)state;

	peer_msg(XS_WATCH_EVENT, 0, "a\0t", 4);
	peer_msg(XS_READ, 3, "", 0);
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), 1);
	assert_int_equal(rx.hdr.type, XS_WATCH_EVENT);
	rx.got = 0;
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), 1);
	assert_int_equal(rx.hdr.len, 0);
	assert_string_equal(rx.body, "");
}

static void test_get_large_wrapping_body(void **state)
{
	static char big[XENSTORE_PAYLOAD_MAX];
	size_t taken = 0;
	int rc = 0;
	(void)state;

	memset(big, 'x', sizeof(big));
	page.rsp_prod = page.rsp_cons = ring.rsp_cons = 1000;
	/* A maximal message needs several ring fills. */
	struct xsd_sockmsg h = {
	    .type = XS_READ, .req_id = 1, .len = sizeof(big)};
	peer_reply(&h, sizeof(h));
	uint32_t sent = 0;
	while (rc == 0) {
		uint32_t room =
		    XENSTORE_RING_SIZE - (page.rsp_prod - page.rsp_cons);
		uint32_t n =
		    sizeof(big) - sent < room ? sizeof(big) - sent : room;
		peer_reply(big + sent, n);
		sent += n;
		rc = xs_ring_get(&ring, &rx, &taken);
	}
	assert_int_equal(rc, 1);
	assert_int_equal(sent, sizeof(big));
	assert_int_equal(rx.hdr.len, sizeof(big));
	assert_int_equal(rx.body[sizeof(big)], '\0');
}

static void test_get_rejects_oversized_header(void **state)
{
	size_t taken = 0;
	struct xsd_sockmsg h = {
	    .type = XS_READ, .req_id = 1, .len = XENSTORE_PAYLOAD_MAX + 1};
	(void)state;

	peer_reply(&h, sizeof(h));
	peer_reply("abc", 3);
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), -EPROTO);
	assert_int_equal(taken, sizeof(h)); /* not one body byte copied */
}

static void test_get_rejects_bad_prod(void **state)
{
	size_t taken = 0;
	(void)state;

	page.rsp_prod = XENSTORE_RING_SIZE + 1; /* more than a ring ahead */
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), -EPROTO);
	assert_int_equal(taken, 0);
	page.rsp_prod = (uint32_t)-1; /* "behind" us */
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), -EPROTO);
}

static void test_own_indices_are_private(void **state)
{
	size_t taken = 0;
	(void)state;

	peer_msg(XS_READ, 1, "v", 1);
	page.rsp_cons = 12345; /* the peer scribbles on our index */
	page.req_prod = 999;
	assert_int_equal(xs_ring_get(&ring, &rx, &taken), 1);
	assert_int_equal(page.rsp_cons, sizeof(struct xsd_sockmsg) + 1);
	assert_int_equal(xs_ring_put(&ring, "ab", 2), 2);
	assert_int_equal(page.req_prod, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_put_wraps_and_fills, setup),
	    cmocka_unit_test_setup(test_put_rejects_bad_cons, setup),
	    cmocka_unit_test_setup(test_get_whole_and_split, setup),
	    cmocka_unit_test_setup(test_get_two_messages_one_batch, setup),
	    cmocka_unit_test_setup(test_get_large_wrapping_body, setup),
	    cmocka_unit_test_setup(test_get_rejects_oversized_header, setup),
	    cmocka_unit_test_setup(test_get_rejects_bad_prod, setup),
	    cmocka_unit_test_setup(test_own_indices_are_private, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
