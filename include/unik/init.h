/*
 * Start-up hooks, registered through a linker section instead of a central
 * list: a library adds UNIK_INIT(level, fn) to one of its files and fn runs
 * in the main thread before main(), in level order (then link order).
 * Every selected library is linked whole (mk/target-*.mk), so a file that
 * only registers a hook is not dropped by the archive rules.
 *
 * fn returns 0, or -errno: the failure is reported on the console and
 * start-up goes on (the app sees the missing device as errors later);
 * -ENODEV means "nothing to do here" and is not reported.
 */
#ifndef UNIK_INIT_H
#define UNIK_INIT_H

enum unik_init_level {
	UNIK_INIT_BUS = 1,    /* XenStore, grant tables */
	UNIK_INIT_DEVICE = 2, /* netfront, blkfront, TAP */
	UNIK_INIT_STACK = 3,  /* TCP/IP, filesystems */
	UNIK_INIT_LATE = 4,
};

struct unik_init_entry {
	int level;
	int (*fn)(void);
	const char *name;
};

/* Section named like a C identifier: the linker defines __start_/__stop_. */
#define UNIK_INIT(lvl, fn)                                                     \
	static const struct unik_init_entry unik_init_##fn                     \
		__attribute__((used, section("unik_init"), aligned(8))) = {    \
			(lvl), (fn), #fn}

/* Run every registered hook (called by the core before main). */
void unik_run_init_hooks(void);

#endif
