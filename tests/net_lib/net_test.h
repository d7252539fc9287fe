/*
 * For network tests (tests/net_*): the app prints its READY line once it
 * serves; tests/run then runs the test's client.sh against it (see
 * docs/NETWORK.md). The client's exit status is the verdict; the app only
 * reports FAIL lines (unik_test.h's CHECK) when it sees something wrong.
 */
#ifndef UNIK_NET_TEST_H
#define UNIK_NET_TEST_H

#include <stdio.h>

#define TEST_READY(name)                                                       \
	do {                                                                   \
		printf("UNIK-TEST: READY %s\n", name);                         \
		fflush(stdout);                                                \
	} while (0)

#endif
