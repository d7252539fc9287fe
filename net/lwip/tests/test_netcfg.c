/* Unit tests of the network settings parser (netcfg.c). */
#include "netcfg.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <errno.h>

static void test_ip4(void **state)
{
	uint32_t ip;

	(void)state;
	assert_int_equal(netcfg_parse_ip4("10.99.0.2", &ip), 0);
	assert_int_equal(ip, 0x0a630002);
	assert_int_equal(netcfg_parse_ip4("255.255.255.255", &ip), 0);
	assert_int_equal(ip, 0xffffffff);
	assert_int_equal(netcfg_parse_ip4("0.0.0.0", &ip), 0);
	assert_int_equal(ip, 0);
	const char *bad[] = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4",
	                     "1..2.3", "1.2.3.-4", "1.2.3.0004", "a.b.c.d", "1.2.3.4/24"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(netcfg_parse_ip4(bad[i], &ip), -EINVAL);
}

static void test_ifaddr(void **state)
{
	struct netcfg_if c;

	(void)state;
	assert_int_equal(netcfg_parse_ifaddr("10.99.0.2/24", &c), 0);
	assert_int_equal(c.mode, NETCFG_STATIC);
	assert_int_equal(c.ip, 0x0a630002);
	assert_int_equal(c.mask, 0xffffff00);
	assert_int_equal(c.prefix, 24);
	assert_int_equal(netcfg_parse_ifaddr("192.168.1.7/32", &c), 0);
	assert_int_equal(c.mask, 0xffffffff);
	assert_int_equal(netcfg_parse_ifaddr("10.0.0.1/1", &c), 0);
	assert_int_equal(c.mask, 0x80000000);
	assert_int_equal(netcfg_parse_ifaddr("dhcp", &c), 0);
	assert_int_equal(c.mode, NETCFG_DHCP);
	assert_int_equal(netcfg_parse_ifaddr("", &c), 0);
	assert_int_equal(c.mode, NETCFG_NONE);
	assert_int_equal(netcfg_parse_ifaddr("none", &c), 0);
	assert_int_equal(c.mode, NETCFG_NONE);
	c.mode = NETCFG_DHCP;
	const char *bad[] = {"10.0.0.2", "10.0.0.2/", "10.0.0.2/0", "10.0.0.2/33",
	                     "10.0.0.2/24x", "DHCP", "10.0.0.2/ 24", "/24"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(netcfg_parse_ifaddr(bad[i], &c), -EINVAL);
	assert_int_equal(c.mode, NETCFG_DHCP); /* untouched on error */
}

static void test_gw_and_mask(void **state)
{
	uint32_t gw = 1;

	(void)state;
	assert_int_equal(netcfg_parse_gw("", &gw), 0);
	assert_int_equal(gw, 0);
	assert_int_equal(netcfg_parse_gw("10.99.0.1", &gw), 0);
	assert_int_equal(gw, 0x0a630001);
	assert_int_equal(netcfg_parse_gw("10.99.0", &gw), -EINVAL);
	assert_int_equal(netcfg_mask(0), 0);
	assert_int_equal(netcfg_mask(16), 0xffff0000);
	assert_int_equal(netcfg_mask(31), 0xfffffffe);
}

static void test_dns(void **state)
{
	uint32_t dns[NETCFG_DNS_MAX] = {0};
	unsigned n = 9;

	(void)state;
	assert_int_equal(netcfg_parse_dns("", dns, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(netcfg_parse_dns("1.1.1.1", dns, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(dns[0], 0x01010101);
	assert_int_equal(netcfg_parse_dns("8.8.8.8, 9.9.9.9", dns, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(dns[1], 0x09090909);
	assert_int_equal(netcfg_parse_dns("1.1.1.1 2.2.2.2 ", dns, &n), 0);
	assert_int_equal(n, 2);
	n = 7;
	assert_int_equal(netcfg_parse_dns("1.1.1.1,2.2.2.2,3.3.3.3", dns, &n), -EINVAL);
	assert_int_equal(netcfg_parse_dns("1.1.1.1;2.2.2.2", dns, &n), -EINVAL);
	assert_int_equal(netcfg_parse_dns("1.1.1", dns, &n), -EINVAL);
	assert_int_equal(n, 7); /* untouched on error */
}

static void test_keys(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(netcfg_key(buf, sizeof(buf), "ip", 0), "ip");
	assert_string_equal(netcfg_key(buf, sizeof(buf), "ip", 1), "ip1");
	assert_string_equal(netcfg_key(buf, sizeof(buf), "gw", 7), "gw7");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ip4),   cmocka_unit_test(test_ifaddr),
		cmocka_unit_test(test_gw_and_mask), cmocka_unit_test(test_dns),
		cmocka_unit_test(test_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
