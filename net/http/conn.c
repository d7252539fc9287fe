/*
 * One HTTP connection as a state machine without I/O: server.c moves bytes
 * between it and a socket, the unit tests move them by hand.
 *
 * Requests are answered one at a time and in order: the next pipelined
 * request is parsed only once the previous response has been handed to the
 * TCP stack, and no input is read meanwhile, so memory stays bounded by the
 * two buffers whatever the client sends. After a response that ends the
 * connection the server lingers (shutdown for writing, then discard input
 * until EOF): closing with unread input would make TCP send a reset that
 * can destroy the response before the client reads it.
 */
#include "http_impl.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

void http_conn_init(struct http_conn *c, const char *client,
		    const struct http_env *env, uint64_t now)
{
	memset(c, 0, offsetof(struct http_conn, in));
	snprintf(c->client, sizeof(c->client), "%s", client);
	c->deadline = now + env->timeout_ns;
	c->want = HTTP_WANT_READ;
	http_parser_init(&c->parser);
}

size_t http_conn_rx_space(struct http_conn *c, char **p)
{
	if (c->responding || c->peer_eof || c->want != HTTP_WANT_READ)
		return 0;
	*p = c->in + c->in_len;
	return sizeof(c->in) - c->in_len;
}

void http_conn_rx_done(struct http_conn *c, size_t n)
{
	if (n == 0)
		c->peer_eof = true;
	c->in_len += n;
}

static void close_file(struct http_conn *c, const struct http_env *env)
{
	const struct http_backend *b = env->backend;

	if (c->file_open && b->ops->close)
		b->ops->close(b->ctx, &c->file);
	c->file_open = false;
}

/* Copy the first body bytes behind the head, so a small file is one send. */
static int stage_body(struct http_conn *c, const struct http_env *env)
{
	const struct http_backend *b = env->backend;
	struct http_reply *r = &c->reply;

	while (r->has_file && r->body_off < r->body_end &&
	       c->out_len < sizeof(c->out)) {
		size_t k = sizeof(c->out) - c->out_len;
		long got;
		if (k > r->body_end - r->body_off)
			k = (size_t)(r->body_end - r->body_off);
		if (c->file.data) {
			memcpy(c->out + c->out_len,
			       (const char *)c->file.data + r->body_off, k);
			got = (long)k;
		} else {
			got = b->ops->read(b->ctx, &c->file, r->body_off,
					   c->out + c->out_len, k);
			if (got <= 0)
				return got ? (int)got : -EIO;
		}
		c->out_len += (size_t)got;
		r->body_off += (uint64_t)got;
	}
	return 0;
}

static void start_reply(struct http_conn *c, const struct http_env *env,
			size_t n, size_t consumed, uint64_t now)
{
	c->out_len = n;
	c->out_off = 0;
	c->head_left =
	    n - (c->reply.has_file ? 0 : (size_t)c->reply.body_total);
	c->file_open = c->reply.has_file;
	c->close_after = c->reply.close;
	c->consumed = consumed;
	c->body_sent = 0;
	c->t_start = now;
	c->responding = true;
	if (stage_body(c, env) < 0) {
		/* Nothing sent yet: the head can still become a 500. */
		close_file(c, env);
		c->out_len = http_respond_error(
		    env, 500, false, true, &c->reply, c->out, sizeof(c->out));
		c->head_left = c->out_len - (size_t)c->reply.body_total;
		c->close_after = true;
	}
}

static void answer_error(struct http_conn *c, const struct http_env *env,
			 int status, uint64_t now)
{
	const struct http_request *req = &c->parser.req;
	size_t n;

	/* Method and target are "-" unless the request line got that far. */
	http_log_sanitize(c->log_method, sizeof(c->log_method),
			  req->method_str);
	http_log_sanitize(c->log_path, sizeof(c->log_path), req->target);
	n = http_respond_error(env, status,
			       c->parser.in_headers && req->method == HTTP_HEAD,
			       true, &c->reply, c->out, sizeof(c->out));
	start_reply(c, env, n, c->in_len, now);
}

static void end_reply(struct http_conn *c, const struct http_env *env,
		      uint64_t now)
{
	http_log_request(env, c);
	close_file(c, env);
	c->responding = false;
	c->in_len -= c->consumed;
	memmove(c->in, c->in + c->consumed, c->in_len);
	http_parser_init(&c->parser);
	c->deadline = now + env->timeout_ns;
}

static bool reply_pending(const struct http_conn *c)
{
	return c->out_off < c->out_len ||
	       (c->reply.has_file && c->reply.body_off < c->reply.body_end);
}

enum http_want http_conn_step(struct http_conn *c, const struct http_env *env,
			      uint64_t now)
{
	while (c->want == HTTP_WANT_READ || c->want == HTTP_WANT_WRITE) {
		enum http_parse_result res;
		size_t consumed = 0, n;
		int status = 0;

		if (c->responding) {
			if (reply_pending(c))
				return c->want = HTTP_WANT_WRITE;
			end_reply(c, env, now);
			if (c->close_after) {
				uint64_t linger =
				    (uint64_t)HTTP_LINGER_MS * 1000000u;
				if (linger > env->timeout_ns)
					linger = env->timeout_ns;
				c->deadline = now + linger;
				return c->want = HTTP_WANT_LINGER;
			}
			continue;
		}
		res = http_parse(&c->parser, c->in, c->in_len, &consumed,
				 &status);
		if (res == HTTP_PARSE_MORE) {
			/* EOF inside a request: nobody is left to answer. */
			c->want =
			    c->peer_eof ? HTTP_WANT_CLOSE : HTTP_WANT_READ;
			return c->want;
		}
		if (res == HTTP_PARSE_ERROR) {
			answer_error(c, env, status, now);
			continue;
		}
		http_log_sanitize(c->log_method, sizeof(c->log_method),
				  c->parser.req.method_str);
		http_log_sanitize(c->log_path, sizeof(c->log_path),
				  c->parser.req.target);
		n = http_respond(env, &c->parser.req, &c->file, &c->reply,
				 c->out, sizeof(c->out));
		start_reply(c, env, n, consumed, now);
	}
	return c->want;
}

long http_conn_tx_chunk(struct http_conn *c, const struct http_env *env,
			const void **p)
{
	struct http_reply *r = &c->reply;
	uint64_t left;
	int rc;

	if (c->out_off == c->out_len && r->has_file && !c->file.data) {
		c->out_off = c->out_len = 0;
		if ((rc = stage_body(c, env)) < 0)
			return rc;
	}
	if (c->out_off < c->out_len) {
		*p = c->out + c->out_off;
		return (long)(c->out_len - c->out_off);
	}
	left = r->has_file ? r->body_end - r->body_off : 0;
	if (left > (1u << 20))
		left = 1u << 20; /* bounded sends keep the loop fair */
	*p = c->file.data ? (const char *)c->file.data + r->body_off : NULL;
	return (long)left;
}

void http_conn_tx_done(struct http_conn *c, const struct http_env *env,
		       size_t n, uint64_t now)
{
	if (c->out_off < c->out_len) {
		size_t h = n < c->head_left ? n : c->head_left;
		c->head_left -= h;
		c->body_sent += n - h;
		c->out_off += n;
	} else {
		c->reply.body_off += n; /* sent straight from file.data */
		c->body_sent += n;
	}
	c->deadline = now + env->timeout_ns;
}

enum http_want http_conn_expire(struct http_conn *c, const struct http_env *env,
				uint64_t now)
{
	uint64_t grace = 1000000000u; /* to send the 408 */

	if (c->want == HTTP_WANT_READ && !c->responding && c->in_len > 0) {
		/* Too slow to send a whole request (slowloris): 408. */
		answer_error(c, env, 408, now);
		c->deadline =
		    now + (grace < env->timeout_ns ? grace : env->timeout_ns);
		return c->want = HTTP_WANT_WRITE;
	}
	http_conn_abort(c, env);
	return c->want = HTTP_WANT_CLOSE;
}

void http_conn_abort(struct http_conn *c, const struct http_env *env)
{
	if (c->responding) {
		http_log_request(env, c); /* bytes shows how far it got */
		c->responding = false;
	}
	close_file(c, env);
	c->want = HTTP_WANT_CLOSE;
}
