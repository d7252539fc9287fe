/* What the http unit tests share: a virtual clock (the library reads
 * unik_now_ns/unik_wallclock_ns), a captured access log, a tiny site. */
#ifndef FAKE_ENV_H
#define FAKE_ENV_H

#include "http_impl.h"

extern uint64_t fake_now_ns;  /* monotonic */
extern uint64_t fake_wall_ns; /* wall clock */
extern char fake_log[16384];  /* access log lines, '\n'-terminated */

void fake_log_line(void *arg, const char *line);

/* env with the log captured, a 10 s timeout, Date from fake_wall_ns. */
void fake_env_init(struct http_env *env, const struct http_backend *b);

/* A site: /index.html, /style.css, /big.bin (100000 bytes), /sub/index.html,
 * /sub/page.txt, /empty.txt, "/a b.txt". */
extern const struct http_site fake_site;
extern unsigned char fake_big[100000];
void fake_site_init(void);

/* Count of occurrences of needle in haystack[0..n). */
unsigned count_of(const char *hay, size_t n, const char *needle);

#endif
