/*
 * The XenStore wire format, the parts that need no platform: error
 * strings, directory and watch-event bodies, reply completion, the pending
 * list. Portable and host-tested (tests/test_xs_proto.c).
 *
 * Every body handled here was checked by xs_ring_get to be at most
 * XENSTORE_PAYLOAD_MAX bytes and is followed by a NUL at body[len], so a
 * scan for a terminator always stops inside the buffer; whether the
 * terminator is inside the body proper is checked against len.
 */
#include "xs_internal.h"

#include <stdio.h>
#include <string.h>

struct xs_pending *xs_pending_take(struct xs_pending **head, uint32_t req_id)
{
	for (struct xs_pending **pp = head; *pp; pp = &(*pp)->next) {
		struct xs_pending *p = *pp;

		if (p->req_id == req_id) {
			*pp = p->next;
			p->next = NULL;
			return p;
		}
	}
	return NULL;
}

int xs_errno(const char *s)
{
	for (size_t i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++)
		if (strcmp(s, xsd_errors[i].errstring) == 0)
			return -xsd_errors[i].errnum;
	return -EIO;
}

bool xs_complete(struct xs_pending *p, const struct xs_rx *rx)
{
	uint32_t len = rx->hdr.len;

	p->done = true;
	p->len = 0;
	if (rx->hdr.type == XS_ERROR) {
		/* body[len] is NUL, so this is a string even without one. */
		p->err = xs_errno(rx->body);
		return p->err == -EIO;
	}
	if (rx->hdr.type != p->type) {
		p->err = -EIO;
		return true;
	}
	if (len >= p->size) {
		p->err = -ERANGE;
		return false;
	}
	memcpy(p->buf, rx->body, len);
	p->buf[len] = '\0';
	p->len = len;
	p->err = 0;
	return false;
}

int xs_split_dir(const char *body, uint32_t len, const char **names,
		 unsigned max)
{
	unsigned n = 0;
	uint32_t i = 0;

	while (i < len) {
		size_t l = strlen(body + i); /* stops at body[len] at worst */

		if (l > 0) {
			if (n == max)
				return -E2BIG;
			names[n++] = body + i;
		}
		i += (uint32_t)l + 1;
	}
	return (int)n;
}

int xs_parse_event(const char *body, uint32_t len, const char **path,
		   const char **token)
{
	size_t pl = strlen(body), tl;

	if (pl == 0 || pl + 1 >= len)
		return -EPROTO;
	tl = strlen(body + pl + 1);
	if (tl == 0 || pl + 1 + tl > len)
		return -EPROTO;
	*path = body;
	*token = body + pl + 1;
	return 0;
}

int xs_parse_ulong(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (d > 9 || v > (~0ul - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int xs_path(char *buf, size_t size, const char *dir, const char *node)
{
	int n = snprintf(buf, size, "%s/%s", dir, node);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}
