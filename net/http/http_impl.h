/*
 * Internals of the `http` library, shared by its files and its unit tests.
 * Everything here is portable C: no sockets (those are in server.c only),
 * so the tests drive a connection byte by byte on the host.
 */
#ifndef HTTP_IMPL_H
#define HTTP_IMPL_H

#include <unik/http.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- limits ----------------------------------------------------------- */

#define HTTP_LINE_MAX	  8192	/* request line, without its end: else 414 */
#define HTTP_HEADERS_MAX  16384 /* header section with line ends: else 431 */
#define HTTP_NHEADERS_MAX 100	/* header fields: else 431 */
#define HTTP_EMPTY_MAX	  4	/* empty lines tolerated before a request */
/* The input buffer holds the largest acceptable request head. */
#define HTTP_IN_SIZE   (HTTP_LINE_MAX + HTTP_HEADERS_MAX + 2 * HTTP_EMPTY_MAX + 8)
#define HTTP_OUT_SIZE  16384 /* response head + first body bytes */
#define HTTP_PATH_MAX  HTTP_LINE_MAX
#define HTTP_LINGER_MS 2000u /* after a final response: wait for EOF */

struct http_str {
	const char *p;
	size_t n;
};

/* ---- parse.c: incremental request parser ------------------------------ */

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_OTHER };

struct http_request {
	enum http_method method;
	struct http_str method_str, target;
	unsigned version; /* 10 or 11 */
	bool keep_alive;  /* what the client asked for, with the defaults */
	bool has_body;	  /* Content-Length > 0 or Transfer-Encoding */
	struct http_str host, if_none_match, if_modified_since, range, if_range;
	uint64_t content_length;
};

enum http_parse_result {
	HTTP_PARSE_MORE,  /* incomplete: feed more bytes */
	HTTP_PARSE_DONE,  /* complete: see req and *consumed */
	HTTP_PARSE_ERROR, /* see *status; answer it and close */
};

struct http_parser {
	size_t pos;	   /* next byte not yet scanned into a line */
	size_t line_start; /* start of the line being scanned */
	size_t head_start; /* start of the header section */
	unsigned empty;	   /* empty lines skipped before the request line */
	unsigned nheaders;
	bool in_headers;
	bool cl_seen;
	unsigned conn; /* Connection tokens seen: CONN_CLOSE, CONN_KEEP */
	struct http_request req;
};

void http_parser_init(struct http_parser *p);

/*
 * Parse the request at the start of buf[0..len). The same buffer must be
 * passed on every call, with the bytes seen before unchanged (only more
 * appended); earlier bytes are not scanned again. On DONE the fields of
 * p->req point into buf and *consumed is the length of the head; on ERROR
 * *status is the HTTP status to answer (400, 405 is never an error here:
 * a well-formed request with another method is DONE with HTTP_OTHER).
 */
enum http_parse_result http_parse(struct http_parser *p, const char *buf,
				  size_t len, size_t *consumed, int *status);

/* Case-insensitive: does the comma-separated list s hold the token tok? */
bool http_list_has(struct http_str s, const char *tok);

/* ---- path.c: request target -> file path ------------------------------ */

/*
 * Turn a request target (origin or absolute form) into a normalised path
 * in out (NUL-terminated): query and fragment dropped, %XX decoded, empty
 * and "." segments removed. *dir is set when the target names a directory
 * (ends with '/'). Returns 0 or the status to answer: 400 (bad escape,
 * %00, encoded '/', backslash, control character, not a path), 403 (a ".."
 * segment, however encoded), 404 (a segment starting with '.'), 414 (too
 * long for out).
 */
int http_path_normalize(struct http_str target, char *out, size_t outsz,
			bool *dir);

/* ---- date.c ------------------------------------------------------------- */

#define HTTP_DATE_LEN 29 /* "Sun, 06 Nov 1994 08:49:37 GMT" */

/* Format t (seconds since the epoch) as an IMF-fixdate; out[30]. */
void http_date_format(int64_t t, char *out);

/* Parse an HTTP-date in any of its three forms; 0 or -EINVAL. */
int http_date_parse(struct http_str s, int64_t *t);

/* ---- mime.c ------------------------------------------------------------ */

/* Content-Type for the file name's extension; never NULL. */
const char *http_mime_type(const char *path);

/* ---- range.c ----------------------------------------------------------- */

enum http_range_result {
	HTTP_RANGE_NONE,	  /* absent, malformed or multiple: send all */
	HTTP_RANGE_OK,		  /* [*first, *last] inclusive, within size */
	HTTP_RANGE_UNSATISFIABLE, /* 416 */
};

enum http_range_result http_range_parse(struct http_str s, uint64_t size,
					uint64_t *first, uint64_t *last);

/* ---- response.c: status lines, headers, the file-or-error decision ----- */

const char *http_status_text(int status);

/* What the connection must send: out[] holds the head (and maybe body). */
struct http_reply {
	int status;
	bool close;    /* Connection: close was sent */
	bool has_file; /* body bytes [body_off, body_end) of file */
	uint64_t body_off, body_end;
	uint64_t body_total; /* body bytes announced, for the log */
};

/* Shared, read-only state the responses need. */
struct http_env {
	const struct http_backend *backend;
	char date[HTTP_DATE_LEN + 1]; /* current Date, refreshed each second */
	int64_t date_sec;
	uint64_t timeout_ns;
	bool access_log;
	void (*log)(void *arg, const char *line);
	void *log_arg;
};

/*
 * Decide the answer to a complete request, open its file if any (into *f),
 * and write the head into out. Returns the head length (0 < n <= outsz).
 */
size_t http_respond(const struct http_env *env, const struct http_request *req,
		    struct http_file *f, struct http_reply *r, char *out,
		    size_t outsz);

/* An error reply (no file) for status; close forces Connection: close. */
size_t http_respond_error(const struct http_env *env, int status, bool head,
			  bool close, struct http_reply *r, char *out,
			  size_t outsz);

/* ---- conn.c: one connection, without I/O ------------------------------- */

enum http_want {
	HTTP_WANT_READ,	  /* receive into http_conn_rx_space() */
	HTTP_WANT_WRITE,  /* send http_conn_tx_chunk() */
	HTTP_WANT_LINGER, /* shutdown(SHUT_WR), then discard input until EOF */
	HTTP_WANT_CLOSE,  /* close now */
};

struct http_conn {
	char client[32];   /* "a.b.c.d:port", for the log */
	uint64_t deadline; /* monotonic ns: expire() when passed */
	enum http_want want;
	bool peer_eof;
	bool responding;
	bool close_after;
	struct http_parser parser;
	size_t in_len;
	size_t consumed; /* length of the request being answered */
	size_t out_len, out_off;
	size_t head_left; /* bytes of out[] that are head, not body */
	struct http_reply reply;
	struct http_file file;
	bool file_open;
	uint64_t body_sent; /* body bytes handed to send() so far */
	uint64_t t_start;
	char log_method[16];
	char log_path[256];
	char in[HTTP_IN_SIZE];
	char out[HTTP_OUT_SIZE];
};

void http_conn_init(struct http_conn *c, const char *client,
		    const struct http_env *env, uint64_t now);

/* Where to receive: *p and the free space (0: do not read now). */
size_t http_conn_rx_space(struct http_conn *c, char **p);
/* n bytes were received at the rx space; n == 0 means end of input. */
void http_conn_rx_done(struct http_conn *c, size_t n);

/* Parse and answer what is buffered; returns what to do next. */
enum http_want http_conn_step(struct http_conn *c, const struct http_env *env,
			      uint64_t now);

/*
 * The next bytes to send (WANT_WRITE): returns their length and *p, or a
 * negative errno when the backend failed (close the connection).
 */
long http_conn_tx_chunk(struct http_conn *c, const struct http_env *env,
			const void **p);
void http_conn_tx_done(struct http_conn *c, const struct http_env *env,
		       size_t n, uint64_t now);

/*
 * The deadline passed: a partial request gets 408 (returns WANT_WRITE),
 * anything else is closed (returns WANT_CLOSE).
 */
enum http_want http_conn_expire(struct http_conn *c, const struct http_env *env,
				uint64_t now);

/* Release the file; log an unfinished response as such. */
void http_conn_abort(struct http_conn *c, const struct http_env *env);

/* ---- server.c, sock.c: the sockets ----------------------------------- */

struct pollfd;

struct http_slot {
	int fd; /* -1: free */
	struct http_conn *c;
};

struct http_server {
	int lfd;
	uint16_t port;
	bool stop;
	unsigned max, n; /* slots in use: [0, n), some may be free (-1) */
	struct http_env env;
	struct http_slot *slots;
	struct pollfd *pfds; /* [0]: listener; [1 + i]: slots[i] */
};

int http_sock_nonblocking(int fd);
/* Close the connection (logging an unfinished response) and free it. */
void http_sock_drop(struct http_server *s, struct http_slot *sl);
/* Answer, send and parse until the connection waits for the network. */
void http_sock_drive(struct http_server *s, struct http_slot *sl, uint64_t now);
/* poll() reported revents on the connection's socket. */
void http_sock_service(struct http_server *s, struct http_slot *sl,
		       short revents, uint64_t now);
/* Accept every pending connection (evicting when full). */
void http_sock_accept(struct http_server *s, uint64_t now);

/* ---- log.c ------------------------------------------------------------- */

/* Write "client method path status bytes duration" for a finished reply. */
void http_log_request(const struct http_env *env, const struct http_conn *c);
/* Copy s into dst (size dstsz) printable: bytes outside 0x21..0x7e as \xHH. */
void http_log_sanitize(char *dst, size_t dstsz, struct http_str s);

/* Refresh env->date from the wall clock when the second changed. */
void http_env_tick(struct http_env *env);

#endif
