/*
 * The libc glue's entry points for the platform (xen target only; on unix
 * the host libc needs none of this). Internal to the libOS.
 */
#ifndef UNIK_LIBC_GLUE_H
#define UNIK_LIBC_GLUE_H

/*
 * Make newlib usable: per-thread struct _reent switched with the
 * scheduler, stdio streams shared by all threads, constructors run
 * (__libc_init_array). The platform calls it once, on the boot stack,
 * after plat_heap_region() and the console work and before unik_start().
 */
void libc_glue_init(void);

/*
 * Split a command line in place into at most max words, stored in
 * argv[0..n-1] with argv[n] = NULL (argv has max + 1 slots). Words are
 * separated by blanks; "double" or 'single' quotes group blanks into a
 * word and are removed; a backslash outside single quotes takes the next
 * character literally. An unterminated quote runs to the end of the line.
 * Returns n, or -E2BIG if the line holds more than max words (argv then
 * holds the first max).
 */
int libc_split_args(char *line, char **argv, int max);

#endif
