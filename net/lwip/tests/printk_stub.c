/* unik_printk for host unit tests: records the last line. */
#include <stdarg.h>
#include <stdio.h>

char printk_last[256];
int printk_count;

int unik_printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(printk_last, sizeof(printk_last), fmt, ap);
	va_end(ap);
	printk_count++;
	return n;
}
