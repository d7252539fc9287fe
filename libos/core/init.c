/* Running the UNIK_INIT hooks of every linked library, in level order. */
#include <unik/init.h>
#include <unik/unik.h>

#include <errno.h>
#include <string.h>

/* Weak: an image whose libraries register no hook has no such section. */
extern const struct unik_init_entry __start_unik_init[] __attribute__((weak));
extern const struct unik_init_entry __stop_unik_init[] __attribute__((weak));

void unik_run_init_hooks(void)
{
	const struct unik_init_entry *e;

	for (int level = UNIK_INIT_BUS; level <= UNIK_INIT_LATE; level++) {
		for (e = __start_unik_init; e < __stop_unik_init; e++) {
			int rc;

			if (e->level != level)
				continue;
			rc = e->fn();
			if (rc < 0 && rc != -ENODEV)
				unik_printk("unik: start-up of %s failed: %s\n",
				            e->name, strerror(-rc));
		}
	}
}
