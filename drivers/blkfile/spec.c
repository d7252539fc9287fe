/* Disk specs from the command line (portable: unit-tested on the host). */
#include "blkfile.h"

#include <errno.h>
#include <string.h>

int blkfile_parse_spec(const char *spec, char *path, size_t cap, bool *ro)
{
	size_t n = strlen(spec);

	*ro = false;
	if (n >= 3 && (strcmp(spec + n - 3, ":ro") == 0 ||
	               strcmp(spec + n - 3, ":rw") == 0)) {
		*ro = spec[n - 2] == 'r' && spec[n - 1] == 'o';
		n -= 3;
	}
	if (n == 0)
		return -EINVAL;
	if (n >= cap)
		return -ENAMETOOLONG;
	memcpy(path, spec, n);
	path[n] = '\0';
	return 0;
}
