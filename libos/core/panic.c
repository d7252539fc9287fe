/* Console output that bypasses stdio, and the panic path. */
#include "core.h"

#include <unik/plat.h>
#include <unik/unik.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1; /* truncated: still print what fits */
	plat_console_write(buf, (size_t)n);
	return n;
}

int unik_printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

_Noreturn void unik_panic(const char *file, int line, const char *fmt, ...)
{
	static int nested;
	va_list ap;

	if (nested++) { /* a panic while panicking: no more formatting */
		static const char msg[] = "\nunik: nested panic\n";
		plat_console_write(msg, sizeof(msg) - 1);
		plat_crash();
	}
	unik_printk("\nunik: PANIC in thread '%s' at %s:%d: ",
	            unik_thread_name(unik_thread_self()), file, line);
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	unik_printk("\n");
	plat_crash();
}
