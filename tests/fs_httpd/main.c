/*
 * fs_httpd: httpd's POSIX directory backend serving /www, a tar archive
 * mounted from disk 0 by the manifest's `mount` key (libos/vfs-posix).
 * Before serving, posix_check.c exercises the rest of the POSIX binding
 * on /www and on /data (cowfs, disk 1). Arguments as examples/httpd:
 * --root DIR --timeout SECONDS.
 */
#include <unik/http.h>

#include <stdlib.h>
#include <string.h>

#include "net_test.h"
#include "unik_test.h"

#define T "fs_httpd"

void posix_check(const char *root); /* posix_check.c */

int main(int argc, char **argv)
{
	struct http_server_config cfg = {.port = 80, .timeout_ms = 10000,
	                                 .access_log = true};
	struct http_backend backend;
	struct http_server *srv;
	struct http_dir dir;
	const char *root = NULL;
	int rc;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--root"))
			root = argv[i + 1];
		else if (!strcmp(argv[i], "--timeout"))
			cfg.timeout_ms = (unsigned)atoi(argv[i + 1]) * 1000u;
	}
	CHECK(T, root, "no --root DIR among the arguments");
	posix_check(root);
	rc = http_dir_backend(&backend, &dir, root);
	CHECK(T, rc == 0, "--root %s: %s", root, strerror(-rc));
	cfg.backend = &backend;
	rc = http_server_open(&srv, &cfg);
	CHECK(T, rc == 0, "cannot listen on port 80: %s", strerror(-rc));
	printf("fs_httpd: serving %s on port 80\n", root);
	TEST_READY(T);
	rc = http_server_run(srv);
	CHECK(T, rc == 0, "server stopped: %s", strerror(-rc));
	return 0;
}
