/*
 * Verdict lines for integration tests. Every test app ends by printing
 * exactly one verdict; tests/run reads the console and maps verdicts (and
 * how the image ended) to pass/fail/skip, the same way on every target.
 *
 *   UNIK-TEST: PASS name
 *   UNIK-TEST: FAIL name: why
 *   UNIK-TEST: SKIP name: why
 *   UNIK-TEST: EXPECT-CRASH name      (a crash test, just before the fault)
 */
#ifndef UNIK_TEST_H
#define UNIK_TEST_H

#include <stdio.h>
#include <stdlib.h>

#define TEST_PASS(name)                                                        \
	do {                                                                   \
		printf("UNIK-TEST: PASS %s\n", name);                          \
		fflush(stdout);                                                \
	} while (0)

#define TEST_SKIP(name, ...)                                                   \
	do {                                                                   \
		printf("UNIK-TEST: SKIP %s: ", name);                          \
		printf(__VA_ARGS__);                                           \
		printf("\n");                                                  \
		fflush(stdout);                                                \
	} while (0)

#define TEST_EXPECT_CRASH(name)                                                \
	do {                                                                   \
		printf("UNIK-TEST: EXPECT-CRASH %s\n", name);                  \
		fflush(stdout);                                                \
	} while (0)

/* Report a failed check with file:line and end the test with status 1. */
#define CHECK(name, cond, ...)                                                 \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("UNIK-TEST: FAIL %s: %s:%d: ", name, __FILE__,  \
			       __LINE__);                                      \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			exit(1);                                               \
		}                                                              \
	} while (0)

#endif
