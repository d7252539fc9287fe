/*
 * Lexical path normalisation (portable, unit-tested).
 *
 * ".." is resolved on the text, not by looking up parents, because there
 * are no symbolic links to make the two differ. It is refused (-EACCES)
 * when it would climb above "/" or out of a mounted filesystem through its
 * mount point: the classic hazard is a server building "/www" + "/../etc"
 * from a request; clamping at the root, as POSIX does for "/..", would let
 * such a path quietly succeed somewhere else.
 */
#include "vfs_impl.h"

#include <errno.h>
#include <string.h>

static int push(char *out, size_t *len, size_t cap, const char *p, size_t n)
{
	if (n > UNIK_VFS_NAME_MAX || *len + 1 + n + 1 > cap)
		return -ENAMETOOLONG;
	out[(*len)++] = '/';
	memcpy(out + *len, p, n);
	*len += n;
	return 0;
}

static int pop(char *out, size_t *len,
               bool (*barrier)(const char *p, size_t len))
{
	if (*len == 0 || (barrier && barrier(out, *len)))
		return -EACCES;
	while (out[*len - 1] != '/')
		(*len)--;
	(*len)--; /* the '/' before the last component */
	return 0;
}

int vfs_path_normalize(const char *in, char *out, size_t cap,
                       bool (*barrier)(const char *p, size_t len))
{
	size_t len = 0; /* out[0..len) is "" (root) or "/a/b" */

	if (!in || !*in)
		return -ENOENT;
	if (strnlen(in, UNIK_VFS_PATH_MAX) >= UNIK_VFS_PATH_MAX || cap < 2)
		return -ENAMETOOLONG;
	while (*in) {
		const char *end;
		size_t n;
		int rc = 0;

		while (*in == '/')
			in++;
		end = in;
		while (*end && *end != '/')
			end++;
		n = (size_t)(end - in);
		if (n == 2 && in[0] == '.' && in[1] == '.')
			rc = pop(out, &len, barrier);
		else if (n > 0 && !(n == 1 && in[0] == '.'))
			rc = push(out, &len, cap, in, n);
		if (rc < 0)
			return rc;
		in = end;
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	return 0;
}
