/*
 * libOS options on the command line (see <unik/cmdline.h>). Portable: only
 * string handling and unik_printk, so its unit test links it on the host.
 */
#include <unik/cmdline.h>
#include <unik/unik.h>

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define PREFIX "unik."
#define PREFIX_LEN (sizeof(PREFIX) - 1)

struct option {
	const char *arg; /* the whole argument, "unik.KEY=VALUE" */
	size_t key_len;  /* length of KEY */
	const char *value;
	bool used;
};

static struct option opts[UNIK_CMDLINE_MAX];
static unsigned nopts;

static void keep(const char *arg)
{
	const char *key = arg + PREFIX_LEN;
	const char *eq = strchr(key, '=');
	struct option *o;

	if (nopts == UNIK_CMDLINE_MAX) {
		unik_printk("unik: too many unik.* options, ignored: %s\n", arg);
		return;
	}
	o = &opts[nopts++];
	o->arg = arg;
	o->key_len = eq ? (size_t)(eq - key) : strlen(key);
	o->value = eq ? eq + 1 : "";
	o->used = false;
}

int unik_cmdline_init(int argc, char **argv)
{
	int out = 0;

	nopts = 0;
	for (int i = 0; i < argc; i++) {
		/* argv[0] is the program's name, never an option. */
		if (i > 0 && strncmp(argv[i], PREFIX, PREFIX_LEN) == 0 &&
		    argv[i][PREFIX_LEN] != '\0' && argv[i][PREFIX_LEN] != '=') {
			keep(argv[i]);
			continue;
		}
		argv[out++] = argv[i];
	}
	if (out < argc)
		argv[out] = NULL;
	return out;
}

const char *unik_cmdline_get(const char *key)
{
	size_t len = strlen(key);
	const char *value = NULL;

	for (unsigned i = 0; i < nopts; i++) {
		struct option *o = &opts[i];

		if (o->key_len == len && strncmp(o->arg + PREFIX_LEN, key, len) == 0) {
			o->used = true;
			value = o->value; /* keep going: the last one wins */
		}
	}
	return value;
}

void unik_cmdline_report_unused(void)
{
	for (unsigned i = 0; i < nopts; i++)
		if (!opts[i].used)
			unik_printk("unik: unknown option %s (no library uses it)\n",
			            opts[i].arg);
}
