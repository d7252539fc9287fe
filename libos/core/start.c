/*
 * From the platform to the application: unik_start() runs main() in the
 * first thread and ends the image with its status, as a C program would.
 */
#include "core.h"

#include <unik/cmdline.h>
#include <unik/init.h>
#include <unik/plat.h>
#include <unik/unik.h>

#include <stdlib.h>

/* The application's main(): the build renames the app's `main` symbol to
 * this, so that each target's platform may own the real entry point. */
extern int unik_app_main(int argc, char **argv);

struct main_args {
	int argc;
	char **argv;
};

static void main_thread(void *arg)
{
	struct main_args *a = arg;

	/* unik.KEY=VALUE arguments are the libOS's: the hooks read them, main
	 * never sees them. */
	a->argc = unik_cmdline_init(a->argc, a->argv);
	/* Drivers may wait for backends: hooks run on a thread, not at boot. */
	unik_run_init_hooks();
	unik_cmdline_report_unused();
	/* exit(), not plat_exit(): atexit handlers and stdio flushing run. */
	exit(unik_app_main(a->argc, a->argv));
}

_Noreturn void unik_start(int argc, char **argv)
{
	static struct main_args args;
	struct unik_thread *t;
	int rc;

	args.argc = argc;
	args.argv = argv;
	rc = unik_thread_create(&t, "main", main_thread, &args, 256 * 1024);
	if (rc < 0)
		UNIK_PANIC("cannot create the main thread (%d)", rc);
	sched_run_until_done(t);
	UNIK_PANIC("main thread ended without exit()");
}
