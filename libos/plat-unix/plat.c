/*
 * The unix target: console, time, memory, stacks and exit on Linux.
 * The app runs as an ordinary process; the host libc provides stdio and
 * malloc, capped at the manifest's memory with RLIMIT_DATA so that heap
 * exhaustion behaves as it does in a Xen guest of that size.
 */
#define _GNU_SOURCE
#include "unix.h"

#include <unik/config.h>
#include <unik/plat.h>
#include <unik/unik.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096u
#define MAX_GUARDS 1024

static uintptr_t guards[MAX_GUARDS]; /* guard page addresses, 0 = free slot */

void plat_console_write(const char *buf, size_t len)
{
	/* Order against the app's printf: both end up on fd 1. */
	fflush(stdout);
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* nowhere left to report it */
		buf += n;
		len -= (size_t)n;
	}
}

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t plat_monotonic_ns(void) { return clock_ns(CLOCK_MONOTONIC); }
uint64_t plat_wallclock_ns(void) { return clock_ns(CLOCK_REALTIME); }

void plat_heap_region(uintptr_t *start, size_t *size)
{
	/* The host libc owns the heap on this target: no region to hand out. */
	*start = 0;
	*size = 0;
}

void *plat_stack_alloc(size_t size)
{
	char *p = mmap(NULL, size + PAGE, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (mprotect(p, PAGE, PROT_NONE) < 0) {
		munmap(p, size + PAGE);
		return NULL;
	}
	for (int i = 0; i < MAX_GUARDS; i++) {
		if (!guards[i]) {
			guards[i] = (uintptr_t)p;
			break;
		}
	}
	return p + PAGE;
}

void plat_stack_free(void *base, size_t size)
{
	char *p = (char *)base - PAGE;

	for (int i = 0; i < MAX_GUARDS; i++)
		if (guards[i] == (uintptr_t)p)
			guards[i] = 0;
	munmap(p, size + PAGE);
}

bool plat_unix_is_guard(const void *addr)
{
	uintptr_t a = (uintptr_t)addr & ~(uintptr_t)(PAGE - 1);

	for (int i = 0; i < MAX_GUARDS; i++)
		if (guards[i] && guards[i] == a)
			return true;
	return false;
}

_Noreturn void plat_exit(int status)
{
	fflush(NULL);
	_exit(status);
}

_Noreturn void plat_crash(void)
{
	fflush(NULL);
	abort();
}

const char *unik_target(void) { return "unix"; }

void plat_unix_install_fault_handlers(void); /* fault.c */

/* The process entry. The app's own main() is renamed unik_app_main by the
 * build and runs in the first unik thread. */
int main(int argc, char **argv)
{
	struct rlimit rl;
	rlim_t cap = (rlim_t)unik_config_memory_mb << 20;

	/* Like a console: the app's lines appear as they are printed. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_max >= cap) {
		rl.rlim_cur = cap;
		setrlimit(RLIMIT_DATA, &rl);
	}
	plat_unix_install_fault_handlers();
	unik_start(argc, argv);
}
