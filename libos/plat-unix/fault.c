/*
 * Fatal signals on unix report like a Xen guest's exception handler: what
 * went wrong, where, in which thread, then the image crashes (abort).
 * The handler runs on an alternate stack: a stack overflow has none left.
 */
#define _GNU_SOURCE
#include "unix.h"

#include <unik/plat.h>
#include <unik/unik.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static char altstack[64 * 1024];

static const char *classify(int sig, const siginfo_t *si, const ucontext_t *uc)
{
	uintptr_t addr = (uintptr_t)si->si_addr;
	uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	/* Page-fault error code bits, as the CPU reports them. The reasons
	 * use the same words as the Xen fault handler (arch/x86_64/traps.c),
	 * so one test expectation serves both targets. */
	unsigned long err = (unsigned long)uc->uc_mcontext.gregs[REG_ERR];

	if (sig != SIGSEGV)
		return sig == SIGBUS ? "bus error" : sig == SIGILL ? "illegal instruction" : "arithmetic fault";
	if (plat_unix_is_guard(si->si_addr))
		return "stack guard page hit (stack overflow)";
	if (addr < 4096)
		return "null pointer dereference";
	if (addr == rip || (err & 0x10))
		return "execute from NX page";
	if (err & 0x2)
		return "write to read-only page";
	return "access to an unmapped address";
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	const ucontext_t *uc = ctx;
	char buf[256];
	int n = snprintf(buf, sizeof(buf),
	                 "\nunik: FATAL %s at address %p, rip %p, in thread '%s'\n",
	                 classify(sig, si, uc), si->si_addr,
	                 (void *)uc->uc_mcontext.gregs[REG_RIP],
	                 unik_thread_name(unik_thread_self()));

	/* write(2) directly: stdio may be mid-update in the faulting code. */
	if (n > 0 && write(STDOUT_FILENO, buf, (size_t)n) < 0)
		_exit(134);
	plat_crash();
}

void plat_unix_install_fault_handlers(void)
{
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
	struct sigaction sa;
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};

	sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}
