/*
 * Unit tests of netfront's response validation and MAC parsing
 * (netfront_check.c): every way a hostile backend can lie about ids,
 * lengths, offsets and flags.
 */
#include "netfront_check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <errno.h>

#define N 8
static bool busy[N] = {[1] = true, [7] = true};

static void test_tx(void **state)
{
	bool rec;
	netif_tx_response_t r = {.id = 1, .status = NETIF_RSP_OKAY};
	(void)state;

	assert_int_equal(nf_check_tx(&r, busy, N, &rec), NF_OK);
	assert_true(rec);
	r.status = NETIF_RSP_DROPPED;
	assert_int_equal(nf_check_tx(&r, busy, N, &rec), NF_DROP);
	assert_true(rec);
	r.status = NETIF_RSP_ERROR;
	assert_int_equal(nf_check_tx(&r, busy, N, &rec), NF_DROP);
	r.status = NETIF_RSP_NULL;
	assert_int_equal(nf_check_tx(&r, busy, N, &rec), NF_BAD);
	assert_true(rec); /* the slot is returned anyway */
	r.status = 77;
	assert_int_equal(nf_check_tx(&r, busy, N, &rec), NF_BAD);

	r = (netif_tx_response_t){.id = 2, .status = NETIF_RSP_OKAY};
	assert_int_equal(nf_check_tx(&r, busy, N, &rec),
			 NF_BAD); /* not in flight */
	assert_false(rec);
	r.id = N;
	assert_int_equal(nf_check_tx(&r, busy, N, &rec),
			 NF_BAD); /* out of range */
	assert_false(rec);
	r.id = 0xffff;
	assert_int_equal(nf_check_tx(&r, busy, N, &rec), NF_BAD);
	assert_false(rec);
}

static void test_rx_good(void **state)
{
	bool rep;
	netif_rx_response_t r = {.id = 7, .offset = 0, .status = 60};
	(void)state;

	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_OK);
	assert_true(rep);
	r.flags = NETRXF_data_validated;
	r.offset = NF_PAGE_SIZE - 1514;
	r.status = 1514; /* ends exactly at the end of the page */
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_OK);
	r.status = NF_ETH_HLEN;
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_OK);
}

static void test_rx_bad(void **state)
{
	bool rep;
	netif_rx_response_t r;
	(void)state;

	r = (netif_rx_response_t){.id = 3, .status = 60};
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_BAD);
	assert_false(rep);
	r = (netif_rx_response_t){.id = N, .status = 60};
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_BAD);
	assert_false(rep);

	/* From here the id is good: the buffer comes back, the frame not. */
	r = (netif_rx_response_t){.id = 1, .offset = 4000, .status = 97};
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_BAD);
	assert_true(rep);
	r = (netif_rx_response_t){.id = 1, .offset = 0xffff, .status = 0x7fff};
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_BAD);
	r = (netif_rx_response_t){.id = 1, .status = 13}; /* runt */
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_BAD);
	r = (netif_rx_response_t){.id = 1, .status = 0};
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_BAD);
	r = (netif_rx_response_t){.id = 1, .status = -5};
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_BAD);
	r = (netif_rx_response_t){.id = 1, .status = NETIF_RSP_ERROR};
	assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_DROP);
	assert_true(rep);
	const uint16_t bad_flags[] = {NETRXF_more_data, NETRXF_extra_info,
				      NETRXF_csum_blank, NETRXF_gso_prefix,
				      0x100};
	for (unsigned i = 0; i < sizeof(bad_flags) / sizeof(bad_flags[0]);
	     i++) {
		r = (netif_rx_response_t){
		    .id = 1, .status = 60, .flags = bad_flags[i]};
		assert_int_equal(nf_check_rx(&r, busy, N, &rep), NF_BAD);
		assert_true(rep);
	}
}

static void test_mac(void **state)
{
	uint8_t m[6] = {0}, want[6] = {0x00, 0x16, 0x3e, 0x0a, 0xBC, 0xff};
	(void)state;

	assert_int_equal(nf_parse_mac("00:16:3e:0a:bc:FF", m), 0);
	assert_memory_equal(m, want, 6);
	const char *bad[] = {"",
			     "00:16:3e:0a:bc",
			     "00:16:3e:0a:bc:ff:",
			     "00:16:3e:0a:bc:f",
			     "00-16-3e-0a-bc-ff",
			     "00:16:3e:0a:bc:fff",
			     "01:16:3e:0a:bc:ff",
			     "ff:ff:ff:ff:ff:ff",
			     "00:00:00:00:00:00",
			     "0g:16:3e:0a:bc:ff",
			     "00:16:3e:0a:bc:ff ",
			     " 00:16:3e:0a:bc:ff"};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t keep[6] = {1, 2, 3, 4, 5, 6};
		assert_int_equal(nf_parse_mac(bad[i], keep), -EINVAL);
		assert_int_equal(keep[0], 1); /* untouched on failure */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tx),
	    cmocka_unit_test(test_rx_good),
	    cmocka_unit_test(test_rx_bad),
	    cmocka_unit_test(test_mac),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
