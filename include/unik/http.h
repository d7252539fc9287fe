/*
 * A static HTTP/1.1 server (library `http`, docs/HTTPD.md).
 *
 * The server is one poll() loop over non-blocking sockets, so it needs no
 * threads: on unik the loop's poll() is the only blocking call and yields to
 * the other threads; on a plain host it is an ordinary process. It serves
 * GET and HEAD from a content backend: the in-image site written by
 * tools/unik-crunch, or a POSIX directory.
 *
 * This header is the library's public one; it belongs in include/unik/ once
 * the tree has a place for library headers (see docs/HTTPD.md).
 */
#ifndef UNIK_HTTP_H
#define UNIK_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- content backends ----------------------------------------------- */

/* One open file, as a backend describes it. */
struct http_file {
	uint64_t size;
	int64_t mtime;	  /* seconds since the epoch, for Last-Modified */
	char etag[64];	  /* strong validator, quotes included: "\"...\"" */
	const void *data; /* all `size` bytes in memory, or NULL: use read() */
	long handle;	  /* the backend's (a file descriptor, ...) */
	uint64_t pos;	  /* the backend's (current offset, ...) */
};

struct http_backend_ops {
	/*
	 * Open the file at `path`: a normalised absolute path ("/a/b.css")
	 * made of non-empty segments, never ".", "..", a name starting with
	 * '.', a backslash or a control character (net/http/path.c checks).
	 * Returns 0 and fills *f, -ENOENT when there is no such file,
	 * -EISDIR when it is a directory, another -errno on failure (500).
	 */
	int (*open)(void *ctx, const char *path, struct http_file *f);
	/*
	 * Copy up to len bytes from offset off into buf. Returns the number
	 * of bytes copied (> 0), or -errno; 0 means the file shrank.
	 */
	long (*read)(void *ctx, struct http_file *f, uint64_t off, void *buf,
		     size_t len);
	/* Release what open() took (may be NULL). */
	void (*close)(void *ctx, struct http_file *f);
	const char *name; /* "site", "dir": for messages */
};

struct http_backend {
	const struct http_backend_ops *ops;
	void *ctx;
};

/*
 * The in-image site: what tools/unik-crunch generates from a folder. files
 * are sorted by path (strcmp order); each path starts with '/'.
 */
struct http_site_file {
	const char *path;
	const unsigned char *data;
	uint64_t size;
	int64_t mtime;
	const char *etag; /* quoted */
};

struct http_site {
	const struct http_site_file *files;
	size_t count;
	uint64_t total_bytes;
};

/* A backend serving `site` (which must outlive it). */
void http_site_backend(struct http_backend *b, const struct http_site *site);

/*
 * A backend serving the files under the directory `root` with open, fstat,
 * lseek, read and close. Symbolic links and anything but regular files and
 * directories are not served (404). ctx must outlive the backend.
 * Returns 0, -ENAMETOOLONG, or the -errno of stat(root) / -ENOTDIR.
 */
struct http_dir {
	char root[512];
	size_t root_len;
};
int http_dir_backend(struct http_backend *b, struct http_dir *ctx,
		     const char *root);

/* ---- the server ------------------------------------------------------- */

struct http_server_config {
	uint16_t port; /* 0: any free port (http_server_port) */
	const struct http_backend *backend;
	unsigned timeout_ms; /* 0: HTTP_DEFAULT_TIMEOUT_MS */
	unsigned max_conns;  /* 0: HTTP_DEFAULT_MAX_CONNS */
	bool access_log;     /* one line per request */
	/* Where log lines go (no newline at the end); NULL: stdout. */
	void (*log)(void *arg, const char *line);
	void *log_arg;
};

#define HTTP_DEFAULT_TIMEOUT_MS 10000u
#define HTTP_DEFAULT_MAX_CONNS	64u

struct http_server;

/*
 * Create the listening socket (IPv4, any address) and the server state.
 * Returns 0 and *out, or -errno (socket, bind, listen, allocation).
 */
int http_server_open(struct http_server **out,
		     const struct http_server_config *cfg);

/* The port the server listens on (useful after port 0). */
uint16_t http_server_port(const struct http_server *s);

/*
 * Serve until http_server_stop() is called from a log hook or another
 * thread, or poll() fails. Returns 0 after a stop, or -errno.
 */
int http_server_run(struct http_server *s);

/* One loop turn: wait at most timeout_ms (-1: until something happens). */
int http_server_step(struct http_server *s, int timeout_ms);

void http_server_stop(struct http_server *s);

/* Close every connection and the listening socket, free s. */
void http_server_close(struct http_server *s);

#endif
