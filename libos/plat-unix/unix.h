/* The unix platform's own extras, for unix-only drivers (e.g. TAP). */
#ifndef UNIK_PLAT_UNIX_H
#define UNIK_PLAT_UNIX_H

#include <stdbool.h>

/*
 * Call fn(arg) from plat_wait() whenever fd is readable. One watch per fd.
 * Returns 0, -EEXIST or -ENOSPC.
 */
int plat_unix_watch_fd(int fd, void (*fn)(void *arg), void *arg);
void plat_unix_unwatch_fd(int fd);

/* Is addr inside the guard page of a stack from plat_stack_alloc? */
bool plat_unix_is_guard(const void *addr);

#endif
