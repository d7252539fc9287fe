/*
 * Incremental HTTP/1.x request parser (RFC 9112 section 2-5). It scans
 * lines as bytes arrive and keeps only offsets and the few header fields a
 * static server needs, so a request that trickles in byte by byte costs no
 * more than one that arrives at once.
 *
 * Strict where leniency would hide an attack (bare CR, obsolete line
 * folding, a space before the colon, a duplicate Host or conflicting
 * Content-Length: 400), lenient where RFC 9112 allows it (LF alone ends a
 * line; a few empty lines before the request line are skipped).
 */
#include "http_impl.h"

#include <string.h>

#define METHOD_MAX 32 /* longer: not a method we could know, 400 */

static bool is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool ieq(struct http_str s, const char *lit)
{
	size_t n = strlen(lit);

	if (s.n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(s.p[i]) != lit[i])
			return false;
	return true;
}

static struct http_str trim(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return (struct http_str){p, n};
}

bool http_list_has(struct http_str s, const char *tok)
{
	size_t i = 0;

	while (i <= s.n) {
		size_t j = i;
		while (j < s.n && s.p[j] != ',')
			j++;
		if (ieq(trim(s.p + i, j - i), tok))
			return true;
		i = j + 1;
	}
	return false;
}

void http_parser_init(struct http_parser *p)
{
	memset(p, 0, sizeof(*p));
}

static int request_line(struct http_request *r, const char *s, size_t n)
{
	const char *sp1, *sp2, *v;

	if (n > HTTP_LINE_MAX)
		return 414;
	sp1 = memchr(s, ' ', n);
	if (!sp1 || sp1 == s)
		return 400;
	for (const char *q = s; q < sp1; q++)
		if (!is_tchar((unsigned char)*q))
			return 400;
	sp2 = memchr(sp1 + 1, ' ', (size_t)(s + n - sp1 - 1));
	if (!sp2 || sp2 == sp1 + 1)
		return 400; /* no version (HTTP/0.9) or no target */
	for (const char *q = sp1 + 1; q < sp2; q++)
		if ((unsigned char)*q <= 0x20 || (unsigned char)*q >= 0x7f)
			return 400;
	r->method_str = (struct http_str){s, (size_t)(sp1 - s)};
	r->target = (struct http_str){sp1 + 1, (size_t)(sp2 - sp1 - 1)};
	v = sp2 + 1;
	/* Exactly "HTTP/1.x": HTTP/2's preface ("PRI * HTTP/2.0") is a 400. */
	if (s + n - v != 8 || memcmp(v, "HTTP/1.", 7) != 0 || v[7] < '0' ||
	    v[7] > '9')
		return 400;
	r->version = v[7] == '0' ? 10 : 11;
	if (r->method_str.n == 3 && !memcmp(s, "GET", 3))
		r->method = HTTP_GET;
	else if (r->method_str.n == 4 && !memcmp(s, "HEAD", 4))
		r->method = HTTP_HEAD;
	else
		r->method = HTTP_OTHER;
	return 0;
}

static int content_length(struct http_parser *p, struct http_str v)
{
	uint64_t x = 0;

	if (v.n == 0 || v.n > 18)
		return 400;
	for (size_t i = 0; i < v.n; i++) {
		if (v.p[i] < '0' || v.p[i] > '9')
			return 400;
		x = x * 10 + (uint64_t)(v.p[i] - '0');
	}
	if (p->cl_seen && x != p->req.content_length)
		return 400; /* conflicting lengths: a smuggling attempt */
	p->cl_seen = true;
	p->req.content_length = x;
	if (x)
		p->req.has_body = true;
	return 0;
}

#define CONN_CLOSE 1u
#define CONN_KEEP  2u

static int header_line(struct http_parser *p, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	struct http_request *r = &p->req;
	struct http_str name, v;

	if (++p->nheaders > HTTP_NHEADERS_MAX)
		return 431;
	if (!colon || colon == s)
		return 400;
	/* Also refuses obs-fold (a line starting with SP/HT) and "Name :". */
	for (const char *q = s; q < colon; q++)
		if (!is_tchar((unsigned char)*q))
			return 400;
	name = (struct http_str){s, (size_t)(colon - s)};
	v = trim(colon + 1, (size_t)(s + n - colon - 1));
	for (size_t i = 0; i < v.n; i++) {
		unsigned char c = (unsigned char)v.p[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 400;
	}
	if (ieq(name, "host")) {
		if (r->host.p)
			return 400; /* RFC 9112 3.2: more than one Host */
		r->host = v; /* v.p is never NULL: an empty Host is present */
	} else if (ieq(name, "connection")) {
		if (http_list_has(v, "close"))
			p->conn |= CONN_CLOSE;
		if (http_list_has(v, "keep-alive"))
			p->conn |= CONN_KEEP;
	} else if (ieq(name, "if-none-match")) {
		if (!r->if_none_match.p)
			r->if_none_match = v;
	} else if (ieq(name, "if-modified-since")) {
		if (!r->if_modified_since.p)
			r->if_modified_since = v;
	} else if (ieq(name, "range")) {
		/* Two Range fields: ignore both (serve the whole file). */
		r->range = r->range.p ? (struct http_str){"", 0} : v;
	} else if (ieq(name, "if-range")) {
		r->if_range = v;
	} else if (ieq(name, "content-length")) {
		return content_length(p, v);
	} else if (ieq(name, "transfer-encoding")) {
		r->has_body = true; /* never read: answered, then closed */
	}
	return 0;
}

/* Bytes of an unfinished request line, checked before its end arrives so
 * that garbage (TLS, binary) is refused at once, not after 8 KiB. */
static int early_check(const struct http_parser *p, const char *buf, size_t len)
{
	size_t i = p->line_start, end = len;

	if (end - p->line_start > HTTP_LINE_MAX + 1)
		return 414;
	if (i < end && buf[i] == '\r')
		return 0; /* maybe an empty line */
	for (; i < end && buf[i] != ' '; i++) {
		if (!is_tchar((unsigned char)buf[i]) ||
		    i - p->line_start >= METHOD_MAX)
			return 400;
	}
	return 0;
}

enum http_parse_result http_parse(struct http_parser *p, const char *buf,
				  size_t len, size_t *consumed, int *status)
{
	int st = 0;

	while (p->pos < len) {
		const char *lf = memchr(buf + p->pos, '\n', len - p->pos);
		const char *s = buf + p->line_start;
		size_t n;

		if (!lf) {
			p->pos = len;
			break;
		}
		n = (size_t)(lf - s);
		p->pos = (size_t)(lf - buf) + 1;
		if (n && s[n - 1] == '\r')
			n--;
		if (memchr(s, '\r', n) || memchr(s, '\0', n)) {
			st = 400; /* bare CR or NUL inside a line */
			goto error;
		}
		p->line_start = p->pos;
		if (!p->in_headers) {
			if (n == 0) {
				if (++p->empty > HTTP_EMPTY_MAX) {
					st = 400;
					goto error;
				}
				continue;
			}
			if ((st = request_line(&p->req, s, n)))
				goto error;
			p->in_headers = true;
			p->head_start = p->pos;
			continue;
		}
		if (p->pos - p->head_start > HTTP_HEADERS_MAX) {
			st = 431;
			goto error;
		}
		if (n == 0)
			goto done;
		if ((st = header_line(p, s, n)))
			goto error;
	}
	/* Incomplete: enforce the limits on what has arrived so far. */
	if (!p->in_headers)
		st = early_check(p, buf, len);
	else if (len - p->head_start > HTTP_HEADERS_MAX)
		st = 431;
	if (st)
		goto error;
	return HTTP_PARSE_MORE;

done:
	if (p->req.version == 11 && !p->req.host.p) {
		st = 400; /* RFC 9112 3.2: HTTP/1.1 without Host */
		goto error;
	}
	p->req.keep_alive = !(p->conn & CONN_CLOSE) &&
			    (p->req.version == 11 || (p->conn & CONN_KEEP));
	*consumed = p->pos;
	return HTTP_PARSE_DONE;
error:
	*status = st;
	return HTTP_PARSE_ERROR;
}
