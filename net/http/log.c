/*
 * The access log and the clock: one line per answered request,
 *   client method path status bytes duration
 *   10.99.0.1:40112 GET /style.css 200 1873 0.214ms
 * bytes counts the body bytes handed to the TCP stack; duration runs from
 * the complete request to its last byte handed over. Untrusted text (the
 * path, the method) is escaped so that a request cannot forge log lines.
 */
#include "http_impl.h"

#include <unik/thread.h>

#include <stdio.h>

void http_log_sanitize(char *dst, size_t dstsz, struct http_str s)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	if (!s.p || s.n == 0) {
		snprintf(dst, dstsz, "-");
		return;
	}
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if (c > 0x20 && c < 0x7f && c != '\\') {
			if (o + 1 >= dstsz)
				break;
			dst[o++] = (char)c;
		} else {
			if (o + 4 >= dstsz)
				break;
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 15];
		}
	}
	dst[o] = '\0';
}

void http_log_request(const struct http_env *env, const struct http_conn *c)
{
	char line[sizeof(c->client) + sizeof(c->log_method) +
		  sizeof(c->log_path) + 64];
	uint64_t now, us;

	if (!env->access_log)
		return;
	now = unik_now_ns(); /* not the loop's time: sends took some */
	us = now > c->t_start ? (now - c->t_start) / 1000 : 0;
	snprintf(line, sizeof(line), "%s %s %s %d %llu %llu.%03llums",
		 c->client, c->log_method, c->log_path, c->reply.status,
		 (unsigned long long)c->body_sent,
		 (unsigned long long)(us / 1000),
		 (unsigned long long)(us % 1000));
	if (env->log) {
		env->log(env->log_arg, line);
	} else {
		printf("%s\n", line);
		fflush(stdout);
	}
}

void http_env_tick(struct http_env *env)
{
	int64_t s = (int64_t)(unik_wallclock_ns() / 1000000000u);

	if (s != env->date_sec || !env->date[0]) {
		env->date_sec = s;
		http_date_format(s, env->date);
	}
}
