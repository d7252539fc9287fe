/* Command line -> argv, in place (portable: unit-tested on the host). */
#include "libc_glue.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int libc_split_args(char *line, char **argv, int max)
{
	char *in = line;
	int n = 0;

	argv[0] = NULL;
	for (;;) {
		char *out, quote = 0;

		while (blank(*in))
			in++;
		if (*in == '\0')
			return n;
		if (n == max)
			return -E2BIG;
		/* The word is rewritten over itself: out never passes in. */
		argv[n++] = out = in;
		for (; *in; in++) {
			if (quote) {
				if (*in == quote)
					quote = 0;
				else if (*in == '\\' && quote == '"' && in[1])
					*out++ = *++in;
				else
					*out++ = *in;
			} else if (*in == '"' || *in == '\'') {
				quote = *in;
			} else if (*in == '\\' && in[1]) {
				*out++ = *++in;
			} else if (blank(*in)) {
				in++;
				break;
			} else {
				*out++ = *in;
			}
		}
		*out = '\0';
		argv[n] = NULL;
	}
}
