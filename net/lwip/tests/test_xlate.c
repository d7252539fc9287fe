/* Unit tests of the glibc <-> lwIP conversions of the unix socket layer. */
#define _GNU_SOURCE
#include "sock_xlate.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

static void test_socktype(void **state)
{
	int t, nb;

	(void)state;
	assert_int_equal(xl_socktype(SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, &t, &nb), 0);
	assert_int_equal(t, LW_SOCK_STREAM);
	assert_int_equal(nb, 1);
	assert_int_equal(xl_socktype(SOCK_DGRAM, &t, &nb), 0);
	assert_int_equal(t, LW_SOCK_DGRAM);
	assert_int_equal(nb, 0);
	assert_int_equal(xl_socktype(SOCK_SEQPACKET, &t, &nb), -EINVAL);
}

static void test_sockopts(void **state)
{
	int lv, nm;

	(void)state;
	assert_int_equal(xl_sockopt(SOL_SOCKET, SO_REUSEADDR, &lv, &nm), 0);
	assert_int_equal(lv, LW_SOL_SOCKET);
	assert_int_equal(nm, LW_SO_REUSEADDR);
	assert_int_equal(xl_sockopt(SOL_SOCKET, SO_RCVTIMEO, &lv, &nm), 0);
	assert_int_equal(nm, LW_SO_RCVTIMEO);
	assert_int_equal(xl_sockopt(IPPROTO_TCP, TCP_KEEPIDLE, &lv, &nm), 0);
	assert_int_equal(lv, LW_IPPROTO_TCP);
	assert_int_equal(nm, LW_TCP_KEEPIDLE);
	assert_int_equal(xl_sockopt(IPPROTO_IPV6, IPV6_V6ONLY, &lv, &nm), 0);
	assert_int_equal(nm, LW_IPV6_V6ONLY);
	assert_int_equal(xl_sockopt(SOL_SOCKET, SO_REUSEPORT, &lv, &nm), -ENOPROTOOPT);
	assert_int_equal(xl_sockopt(IPPROTO_TCP, TCP_CORK, &lv, &nm), -ENOPROTOOPT);
}

static void test_msg_flags(void **state)
{
	int f;

	(void)state;
	assert_int_equal(xl_msg_flags(0, &f), 0);
	assert_int_equal(f, 0);
	assert_int_equal(xl_msg_flags(MSG_PEEK | MSG_DONTWAIT | MSG_NOSIGNAL, &f), 0);
	assert_int_equal(f, LW_MSG_PEEK | LW_MSG_DONTWAIT | LW_MSG_NOSIGNAL);
	assert_int_equal(xl_msg_flags(MSG_MORE | MSG_WAITALL, &f), 0);
	assert_int_equal(f, LW_MSG_MORE | LW_MSG_WAITALL);
	assert_int_equal(xl_msg_flags(MSG_TRUNC, &f), -EOPNOTSUPP);
}

static void test_addr_in_round_trip(void **state)
{
	struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(7)}, back;
	union lw_sockaddr lw;
	socklen_t len = sizeof(back);
	uint32_t lwlen;

	(void)state;
	inet_pton(AF_INET, "10.99.0.2", &in.sin_addr);
	assert_int_equal(xl_addr_to_lw((struct sockaddr *)&in, sizeof(in), &lw, &lwlen), 0);
	assert_int_equal(lwlen, 16);
	assert_int_equal(lw.in.sin_len, 16);
	assert_int_equal(lw.in.sin_family, LW_AF_INET);
	assert_int_equal(lw.in.sin_port, htons(7));
	assert_int_equal(lw.in.sin_addr, in.sin_addr.s_addr);
	memset(&back, 0xff, sizeof(back));
	xl_addr_from_lw(&lw, (struct sockaddr *)&back, &len);
	assert_int_equal(len, sizeof(back));
	assert_memory_equal(&back, &in, sizeof(in));
	assert_int_equal(xl_addr_to_lw((struct sockaddr *)&in, sizeof(in) - 1, &lw, &lwlen), -EINVAL);
}

static void test_addr_in6_and_truncation(void **state)
{
	struct sockaddr_in6 in6 = {.sin6_family = AF_INET6, .sin6_port = htons(80),
	                           .sin6_flowinfo = 5, .sin6_scope_id = 3}, back;
	union lw_sockaddr lw;
	socklen_t len = 8;
	uint32_t lwlen;

	(void)state;
	inet_pton(AF_INET6, "fe80::5054:ff:fe12:3456", &in6.sin6_addr);
	assert_int_equal(xl_addr_to_lw((struct sockaddr *)&in6, sizeof(in6), &lw, &lwlen), 0);
	assert_int_equal(lwlen, 28);
	assert_int_equal(lw.in6.sin6_family, LW_AF_INET6);
	assert_int_equal(lw.in6.sin6_scope_id, 3);
	assert_memory_equal(lw.in6.sin6_addr, &in6.sin6_addr, 16);
	memset(&back, 0xee, sizeof(back));
	xl_addr_from_lw(&lw, (struct sockaddr *)&back, &len); /* buffer of 8 */
	assert_int_equal(len, sizeof(in6));                    /* full size reported */
	assert_memory_equal(&back, &in6, 8);
	assert_int_equal(((unsigned char *)&back)[8], 0xee); /* nothing beyond */
}

static void test_addr_families(void **state)
{
	struct sockaddr sa = {.sa_family = AF_UNSPEC};
	struct sockaddr un = {.sa_family = AF_UNIX};
	union lw_sockaddr lw;
	uint32_t lwlen;

	(void)state;
	assert_int_equal(xl_addr_to_lw(&sa, sizeof(sa), &lw, &lwlen), 0);
	assert_int_equal(lw.sa.family, LW_AF_UNSPEC);
	assert_int_equal(xl_addr_to_lw(&un, sizeof(un), &lw, &lwlen), -EAFNOSUPPORT);
	assert_int_equal(xl_addr_to_lw(NULL, 0, &lw, &lwlen), -EINVAL);
}

static void test_getaddrinfo_values(void **state)
{
	union lw_sockaddr a = {.in = {16, LW_AF_INET, 0x0700, 0x0200630a, {0}}};
	struct lw_addrinfo lw = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM,
	                         .ai_addrlen = 16, .ai_addr = &a, .ai_canonname = "guest"};
	struct addrinfo *ai;

	(void)state;
	assert_int_equal(xl_ai_flags(AI_PASSIVE | AI_NUMERICSERV), LW_AI_PASSIVE | LW_AI_NUMERICSERV);
	assert_int_equal(xl_eai(LW_EAI_NONAME), EAI_NONAME);
	assert_int_equal(xl_eai(LW_EAI_FAIL), EAI_FAIL);
	assert_int_equal(xl_eai(0), 0);
	assert_int_equal(xl_addrinfo_from_lw(&lw, &ai), 0);
	assert_int_equal(ai->ai_family, AF_INET);
	assert_int_equal(ai->ai_addrlen, sizeof(struct sockaddr_in));
	assert_int_equal(((struct sockaddr_in *)ai->ai_addr)->sin_addr.s_addr, 0x0200630a);
	assert_string_equal(ai->ai_canonname, "guest");
	assert_null(ai->ai_next);
	freeaddrinfo(ai); /* glibc's own free must work on our list */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_socktype),        cmocka_unit_test(test_sockopts),
		cmocka_unit_test(test_msg_flags),       cmocka_unit_test(test_addr_in_round_trip),
		cmocka_unit_test(test_addr_in6_and_truncation), cmocka_unit_test(test_addr_families),
		cmocka_unit_test(test_getaddrinfo_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
