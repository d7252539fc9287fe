#include "fake_env.h"

#include <unik/thread.h>

#include <string.h>

uint64_t fake_now_ns = 1000000000u;
uint64_t fake_wall_ns =
    784111777ull * 1000000000u; /* Sun, 06 Nov 1994 08:49:37 */
char fake_log[16384];

uint64_t unik_now_ns(void)
{
	return fake_now_ns;
}

uint64_t unik_wallclock_ns(void)
{
	return fake_wall_ns;
}

void fake_log_line(void *arg, const char *line)
{
	size_t n = strlen(fake_log);

	(void)arg;
	if (n + strlen(line) + 2 < sizeof(fake_log)) {
		strcat(fake_log, line);
		strcat(fake_log, "\n");
	}
}

void fake_env_init(struct http_env *env, const struct http_backend *b)
{
	memset(env, 0, sizeof(*env));
	env->backend = b;
	env->timeout_ns = 10000000000ull;
	env->access_log = true;
	env->log = fake_log_line;
	fake_log[0] = '\0';
	http_env_tick(env);
}

unsigned char fake_big[100000];

static const unsigned char index_html[] = "<h1>hello</h1>\n";
static const unsigned char style_css[] = "body{}\n";
static const unsigned char sub_index[] = "<h1>sub</h1>\n";
static const unsigned char page_txt[] = "page\n";
static const unsigned char space_txt[] = "space\n";

#define F(p, d, m, e)                                                          \
	{                                                                      \
		p, d, sizeof(d) - 1, m, e                                      \
	}
static const struct http_site_file files[] = {
    /* sorted by strcmp */
    F("/a b.txt", space_txt, 784111000, "\"e-ab\""),
    {"/big.bin", fake_big, sizeof(fake_big), 784111000, "\"e-big\""},
    {"/empty.txt", space_txt, 0, 784111000, "\"e-empty\""},
    F("/index.html", index_html, 784111000, "\"e-index\""),
    F("/style.css", style_css, 784111000, "\"e-css\""),
    F("/sub/index.html", sub_index, 784111000, "\"e-sub\""),
    F("/sub/page.txt", page_txt, 784111000, "\"e-page\""),
};
const struct http_site fake_site = {files, sizeof(files) / sizeof(files[0]), 0};

void fake_site_init(void)
{
	uint32_t x = 12345;

	for (size_t i = 0; i < sizeof(fake_big); i++) {
		x = x * 1103515245u + 12345u;
		fake_big[i] = (unsigned char)(x >> 16);
	}
}

unsigned count_of(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	unsigned c = 0;

	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			c++;
	return c;
}
