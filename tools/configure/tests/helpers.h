/*
 * helpers.h: shared by the cmocka tests of unik-configure. TESTDATA is the
 * absolute path of tools/configure/testdata (set by unit.mk).
 */
#ifndef UNIK_CONFIGURE_TEST_HELPERS_H
#define UNIK_CONFIGURE_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#ifndef TESTDATA
#error "build with -DTESTDATA='\"/abs/tools/configure/testdata\"'"
#endif

#define TEST_APP TESTDATA "/app"

/* A read-only stream holding text (tmpfile: fmemopen refuses "" on some libcs).
 */
static inline FILE *text_stream(const char *text)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	fputs(text, f);
	rewind(f);
	return f;
}

/* msg starts with prefix, contains fragment and is one line. */
#define assert_msg(msg, prefix, fragment)                                      \
	do {                                                                   \
		const char *m_ = (msg);                                        \
		if (strncmp(m_, (prefix), strlen(prefix)) != 0 ||              \
		    !strstr(m_, (fragment)) || strchr(m_, '\n'))               \
			fail_msg("message '%s' lacks prefix '%s' or '%s'", m_, \
				 (prefix), (fragment));                        \
	} while (0)

#endif
