/*
 * What to answer a complete request, and its head: method, path, file,
 * conditionals (RFC 9110 13), range (14), then the status line and header
 * fields. The body itself is streamed by conn.c.
 */
#include "http_impl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	int status;
	const char *text;
} texts[] = {
    {200, "OK"},
    {206, "Partial Content"},
    {301, "Moved Permanently"},
    {304, "Not Modified"},
    {400, "Bad Request"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {408, "Request Timeout"},
    {414, "URI Too Long"},
    {416, "Range Not Satisfiable"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
};

const char *http_status_text(int status)
{
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].status == status)
			return texts[i].text;
	return "Unknown";
}

struct head {
	char *p;
	size_t n, cap;
	bool overflow;
};

__attribute__((format(printf, 2, 3))) static void add(struct head *h,
						      const char *fmt, ...)
{
	va_list ap;
	int k;

	if (h->overflow)
		return;
	va_start(ap, fmt);
	k = vsnprintf(h->p + h->n, h->cap - h->n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= h->cap - h->n)
		h->overflow = true;
	else
		h->n += (size_t)k;
}

static void start(struct head *h, const struct http_env *env, int status)
{
	add(h, "HTTP/1.1 %d %s\r\nServer: unik\r\nDate: %s\r\n", status,
	    http_status_text(status), env->date);
}

/* Connection field and the empty line; HTTP/1.0 must hear keep-alive. */
static void finish(struct head *h, unsigned version, bool close)
{
	if (close)
		add(h, "Connection: close\r\n\r\n");
	else if (version == 10)
		add(h, "Connection: keep-alive\r\n\r\n");
	else
		add(h, "\r\n");
}

static size_t error_reply(const struct http_env *env, unsigned version,
			  int status, bool head_only, bool close,
			  const char *extra, struct http_reply *r, char *out,
			  size_t outsz)
{
	struct head h = {out, 0, outsz, false};
	char body[128];
	int bn = snprintf(body, sizeof(body),
			  "<!DOCTYPE html>\n<title>%d %s</title>\n"
			  "<h1>%d %s</h1>\n",
			  status, http_status_text(status), status,
			  http_status_text(status));

	start(&h, env, status);
	add(&h,
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %d\r\n%s",
	    bn, extra ? extra : "");
	finish(&h, version, close);
	if (!head_only)
		add(&h, "%s", body);
	memset(r, 0, sizeof(*r));
	r->status = status;
	r->close = close;
	r->body_total = head_only ? 0 : (uint64_t)bn;
	return h.n; /* cannot overflow: outsz is far above these few lines */
}

size_t http_respond_error(const struct http_env *env, int status, bool head,
			  bool close, struct http_reply *r, char *out,
			  size_t outsz)
{
	return error_reply(env, 11, status, head, close, NULL, r, out, outsz);
}

/* If-None-Match: a list of entity-tags or "*", weak comparison. */
static bool etag_listed(struct http_str v, const char *etag)
{
	size_t i = 0, n = strlen(etag);

	while (i < v.n) {
		size_t j;
		if (v.p[i] == ' ' || v.p[i] == '\t' || v.p[i] == ',') {
			i++;
			continue;
		}
		if (v.p[i] == '*')
			return true;
		if (v.n - i >= 2 && v.p[i] == 'W' && v.p[i + 1] == '/')
			i += 2;
		if (i >= v.n || v.p[i] != '"')
			return false; /* malformed: no match */
		for (j = i + 1; j < v.n && v.p[j] != '"'; j++)
			;
		if (j >= v.n)
			return false;
		if (j + 1 - i == n && memcmp(v.p + i, etag, n) == 0)
			return true;
		i = j + 1;
	}
	return false;
}

/* If-Range: the strong validator must match exactly (RFC 9110 13.1.5). */
static bool if_range_holds(struct http_str v, const struct http_file *f)
{
	int64_t t;

	if (!v.p)
		return true;
	if (v.n && v.p[0] == '"')
		return v.n == strlen(f->etag) && !memcmp(v.p, f->etag, v.n);
	return http_date_parse(v, &t) == 0 && t == f->mtime;
}

static bool not_modified(const struct http_request *req,
			 const struct http_file *f)
{
	int64_t t;

	if (req->if_none_match.p)
		return etag_listed(req->if_none_match, f->etag);
	return req->if_modified_since.p &&
	       http_date_parse(req->if_modified_since, &t) == 0 &&
	       f->mtime <= t;
}

/* Location for a directory named without its slash: path + "/", encoded. */
static bool location(char *dst, size_t cap, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if (o + 4 >= cap)
			return false;
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("/-._~", *s)) {
			dst[o++] = (char)*s;
		} else {
			dst[o++] = '%';
			dst[o++] = hex[*s >> 4];
			dst[o++] = hex[*s & 15];
		}
	}
	memcpy(dst + o, "/\r\n", 4);
	return true;
}

static size_t file_reply(const struct http_env *env,
			 const struct http_request *req, struct http_file *f,
			 const char *path, bool close, struct http_reply *r,
			 char *out, size_t outsz)
{
	struct head h = {out, 0, outsz, false};
	char lm[HTTP_DATE_LEN + 1];
	uint64_t first = 0, last = f->size ? f->size - 1 : 0;
	enum http_range_result rr = HTTP_RANGE_NONE;
	int status = 200;

	if (not_modified(req, f))
		status = 304;
	else if (req->method == HTTP_GET && req->range.p &&
		 if_range_holds(req->if_range, f))
		rr = http_range_parse(req->range, f->size, &first, &last);
	if (rr == HTTP_RANGE_UNSATISFIABLE) {
		char cr[48];
		snprintf(cr, sizeof(cr), "Content-Range: bytes */%llu\r\n",
			 (unsigned long long)f->size);
		return error_reply(env, req->version, 416, false, close, cr, r,
				   out, outsz);
	}
	if (rr == HTTP_RANGE_OK)
		status = 206;
	http_date_format(f->mtime, lm);
	start(&h, env, status);
	if (status != 304) {
		add(&h, "Content-Type: %s\r\nContent-Length: %llu\r\n",
		    http_mime_type(path),
		    (unsigned long long)(f->size ? last - first + 1 : 0));
		if (status == 206)
			add(&h, "Content-Range: bytes %llu-%llu/%llu\r\n",
			    (unsigned long long)first, (unsigned long long)last,
			    (unsigned long long)f->size);
		add(&h, "Accept-Ranges: bytes\r\n");
	}
	add(&h, "Last-Modified: %s\r\nETag: %s\r\n", lm, f->etag);
	finish(&h, req->version, close);
	memset(r, 0, sizeof(*r));
	r->status = status;
	r->close = close;
	if (status != 304 && req->method == HTTP_GET && f->size) {
		r->has_file = true;
		r->body_off = first;
		r->body_end = last + 1;
		r->body_total = last + 1 - first;
	}
	return h.n;
}

size_t http_respond(const struct http_env *env, const struct http_request *req,
		    struct http_file *f, struct http_reply *r, char *out,
		    size_t outsz)
{
	const struct http_backend *b = env->backend;
	char path[HTTP_PATH_MAX + sizeof("/index.html")];
	bool head = req->method == HTTP_HEAD, dir;
	bool close = !req->keep_alive || req->has_body;
	size_t n;
	int st, rc;

	if (req->method == HTTP_OTHER)
		return error_reply(env, req->version, 405, false, close,
				   "Allow: GET, HEAD\r\n", r, out, outsz);
	st = http_path_normalize(req->target, path, HTTP_PATH_MAX, &dir);
	if (st)
		return error_reply(env, req->version, st, head, close, NULL, r,
				   out, outsz);
	if (dir)
		strcat(path, path[1] ? "/index.html" : "index.html");
	rc = b->ops->open(b->ctx, path, f);
	if (rc == -EISDIR && !dir) {
		char loc[1024] = "Location: ";
		if (location(loc + 10, sizeof(loc) - 10, path))
			return error_reply(env, req->version, 301, head, close,
					   loc, r, out, outsz);
	}
	if (rc < 0) {
		st = rc == -EACCES ? 403 : 500;
		if (rc == -ENOENT || rc == -ENOTDIR || rc == -EISDIR)
			st = 404;
		return error_reply(env, req->version, st, head, close, NULL, r,
				   out, outsz);
	}
	n = file_reply(env, req, f, path, close, r, out, outsz);
	if (!r->has_file && b->ops->close)
		b->ops->close(b->ctx, f);
	return n;
}
