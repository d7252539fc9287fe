/* The manifest's cmdline (Xen: extra= in the xl config) arrives as argv. */
#include <string.h>

#include "unik_test.h"

int main(int argc, char **argv)
{
	static const char *want[] = {"alpha", "beta=2", "gamma"};

	CHECK("argv", argc == 4, "argc %d, want 4", argc);
	CHECK("argv", strcmp(argv[0], "argv") == 0 || strstr(argv[0], "argv"),
	      "argv[0] '%s'", argv[0]);
	for (int i = 1; i < 4; i++)
		CHECK("argv", strcmp(argv[i], want[i - 1]) == 0, "argv[%d] '%s', want '%s'",
		      i, argv[i], want[i - 1]);
	CHECK("argv", argv[4] == NULL, "argv not NULL-terminated");
	TEST_PASS("argv");
	return 0;
}
