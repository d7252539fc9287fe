/*
 * unik: what an application includes. Apps are plain C programs with a
 * main(argc, argv); the same source builds for every target.
 */
#ifndef UNIK_UNIK_H
#define UNIK_UNIK_H

#include <unik/thread.h>

/*
 * Print a message with file:line and crash the image (Xen: the domain
 * crashes, `xl` shows it; unix: abort). For broken invariants only.
 */
#define UNIK_PANIC(...) unik_panic(__FILE__, __LINE__, __VA_ARGS__)
#define UNIK_ASSERT(cond)                                                      \
	((cond) ? (void)0 : unik_panic(__FILE__, __LINE__, "assertion '%s' failed", #cond))

_Noreturn void unik_panic(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* printf to the console without stdio buffering or locks (debug, panics). */
int unik_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Which target this image was built for: "unix" or "xen". */
const char *unik_target(void);

#endif
