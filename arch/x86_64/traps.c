/*
 * Trap dispatch: interrupts go to their registered handler; every
 * exception is fatal and printed (vector, error code, registers, a
 * frame-pointer backtrace, a reason for page faults) before the domain is
 * crashed. Runs with interrupts disabled; exceptions #DF, #NMI and #PF on
 * their IST stacks (gdt.c). PV: events masked, everything on the current
 * stack (Xen has no IST for PV guests), CR2 from vcpu_info (pv_entry.S).
 *
 * The printer formats by hand into plat_console_write: it must work when
 * the fault happened inside malloc or stdio, whose locks and state are
 * then not to be trusted.
 */
#include "cpu.h"
#include "vectors.h"
#include "x86.h"

#include <unik/plat.h>
#include <unik/thread.h>

#include <stddef.h>
#include <stdint.h>

#define PF_PRESENT (1u << 0)
#define PF_WRITE   (1u << 1)
#define PF_USER	   (1u << 2)
#define PF_RSVD	   (1u << 3)
#define PF_INSN	   (1u << 4)

#define BACKTRACE_MAX 16
/* An address inside page 0, which pt_init leaves unmapped. */
#define CR2_PROBE_ADDR 0x800u

bool x86_pv;

static void (*irq_handlers[256])(void);
static bool cr2_reliable;
/* PV: where Xen leaves the #PF address (vcpu_info.arch.cr2); NULL: the
 * register. */
static const volatile unsigned long *cr2_source;

extern char cr2_probe_insn[], cr2_probe_done[];
bool x86_cr2_probe_read(const volatile char *p, uint64_t *cr2);

static const char *const exc_names[32] = {
    "#DE divide error",
    "#DB debug",
    "NMI",
    "#BP breakpoint",
    "#OF overflow",
    "#BR bound range",
    "#UD invalid opcode",
    "#NM device not available",
    "#DF double fault",
    "coprocessor overrun",
    "#TS invalid TSS",
    "#NP segment not present",
    "#SS stack fault",
    "#GP general protection",
    "#PF page fault",
    "reserved 15",
    "#MF x87 error",
    "#AC alignment check",
    "#MC machine check",
    "#XM SIMD error",
    "#VE virtualisation",
    "#CP control protection",
};

void x86_set_irq_handler(uint8_t vector, void (*fn)(void))
{
	irq_handlers[vector] = fn;
}

void x86_set_cr2_source(const volatile unsigned long *cr2)
{
	cr2_source = cr2;
}

/* ---- minimal output ---------------------------------------------------- */

static void out(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	plat_console_write(s, n);
}

static void out_hex(uint64_t v)
{
	char b[19] = "0x";

	for (int i = 0; i < 16; i++)
		b[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
	b[18] = 0;
	out(b);
}

static void out_dec(uint64_t v)
{
	char b[21];
	int i = 20;

	b[i] = 0;
	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out(b + i);
}

static void out_reg(const char *name, uint64_t v)
{
	out(name);
	out_hex(v);
}

/* ---- fault analysis ---------------------------------------------------- */

static const char *thread_name(void)
{
	return unik_thread_name(unik_thread_self());
}

/*
 * The address in a guard page this fault is about, or 0: CR2 itself, or
 * the faulting rsp if it sits in the guard (sub+store) or right above it
 * (a push or call that faulted leaves rsp unchanged). A frame that
 * skipped the whole guard page is not recognised.
 */
static uint64_t stack_guard_hit(const struct x86_trap_frame *f, uint64_t cr2)
{
	if (cr2_reliable && pt_is_guard(cr2))
		return cr2;
	if (pt_is_guard(f->rsp))
		return f->rsp;
	return pt_is_guard(f->rsp - 8) ? f->rsp - 8 : 0;
}

static void print_pf_reason(const struct x86_trap_frame *f, uint64_t cr2)
{
	uint64_t e = f->error, guard;

	out("  reason: ");
	if (e & PF_RSVD) {
		out("reserved bit set in a page table entry");
	} else if ((guard = stack_guard_hit(f, cr2)) != 0) {
		out("stack guard page hit (thread '");
		out(thread_name());
		out("': stack overflow) at ");
		out_hex(guard);
		out(" in guard page ");
		out_hex(guard & ~(uint64_t)(X86_PAGE_SIZE - 1));
		out("-");
		out_hex(guard | (X86_PAGE_SIZE - 1));
	} else if ((e & PF_PRESENT) && (e & PF_INSN)) {
		out("execute from NX page (at rip)");
	} else if ((e & PF_PRESENT) && (e & PF_WRITE)) {
		out("write to read-only page");
	} else if (e & PF_PRESENT) {
		out("protection violation");
	} else if ((e & PF_INSN) && f->rip < X86_PAGE_SIZE) {
		out("null pointer (call through a NULL function pointer)");
	} else if (cr2_reliable) {
		out(cr2 < X86_PAGE_SIZE ? "null pointer"
					: "access to unmapped address");
	} else {
		out("access to an unmapped page (null pointer or wild pointer: "
		    "CR2 is unreliable on this host)");
	}
	out(e & PF_WRITE ? " [write" : " [read");
	out(e & PF_INSN ? ", instruction fetch]\n" : "]\n");
}

static void print_backtrace(const struct x86_trap_frame *f)
{
	uint64_t rbp = f->rbp;

	out("  backtrace (addr2line -e IMAGE.xen): ");
	out_hex(f->rip);
	for (int i = 0; i < BACKTRACE_MAX; i++) {
		const uint64_t *fp = (const uint64_t *)(uintptr_t)rbp;

		if (rbp == 0 || (rbp & 7) || !pt_is_mapped(rbp) ||
		    !pt_is_mapped(rbp + 15))
			break;
		out(" ");
		out_hex(fp[1]);
		if (fp[0] <= rbp) /* callers' frames are higher up */
			break;
		rbp = fp[0];
	}
	out("\n");
}

static _Noreturn void trap_fatal(const struct x86_trap_frame *f, uint64_t cr2)
{
	static int depth;

	if (depth++) {
		/* Faulted while reporting a fault: say the least possible. */
		out("\nunik: FATAL: nested fault in the trap handler\n");
		plat_crash();
	}
	out("\nunik: FATAL ");
	if (f->vector < 32 && exc_names[f->vector])
		out(exc_names[f->vector]);
	else if (x86_pv && f->vector == X86_PV_FAILSAFE_VECTOR)
		out("Xen failsafe callback (a segment register could not be "
		    "reloaded)");
	else
		out("unexpected interrupt");
	out(" (vector ");
	out_dec(f->vector);
	out(", error ");
	out_hex(f->error);
	out(") in thread '");
	out(thread_name());
	out("'\n");
	if (f->vector == 14)
		print_pf_reason(f, cr2);
	out_reg("  rip ", f->rip);
	out_reg("  rsp ", f->rsp);
	out_reg("  rbp ", f->rbp);
	out_reg("  rflags ", f->rflags);
	out("\n");
	out_reg("  cr2 ", cr2);
	if (f->vector == 14 && !cr2_reliable)
		out(" (unreliable on this host: the boot probe read a wrong "
		    "CR2)");
	out("\n");
	out_reg("  rax ", f->rax);
	out_reg("  rbx ", f->rbx);
	out_reg("  rcx ", f->rcx);
	out_reg("  rdx ", f->rdx);
	out("\n");
	out_reg("  rsi ", f->rsi);
	out_reg("  rdi ", f->rdi);
	out_reg("  r8  ", f->r8);
	out_reg("  r9  ", f->r9);
	out("\n");
	out_reg("  r10 ", f->r10);
	out_reg("  r11 ", f->r11);
	out_reg("  r12 ", f->r12);
	out_reg("  r13 ", f->r13);
	out("\n");
	out_reg("  r14 ", f->r14);
	out_reg("  r15 ", f->r15);
	out_reg("  cs ", f->cs);
	out_reg("  ss ", f->ss);
	out("\n");
	print_backtrace(f);
	plat_crash();
}

void x86_trap_dispatch(struct x86_trap_frame *f)
{
	/* Read CR2 first: nothing below may fault, but a later #PF (nested)
	 * would overwrite it. */
	uint64_t cr2 = f->vector != 14 ? 0
		       : cr2_source    ? *cr2_source
				       : x86_read_cr2();

	if (f->vector >= 32 && irq_handlers[f->vector]) {
		irq_handlers[f->vector]();
		return;
	}
	if (f->vector == 14 && f->rip == (uintptr_t)cr2_probe_insn) {
		*(uint64_t *)(uintptr_t)f->rsi = cr2;
		f->rip = (uintptr_t)cr2_probe_done;
		return;
	}
	trap_fatal(f, cr2);
}

bool x86_cr2_probe(void)
{
	uint64_t cr2 = 0;

	if (!x86_cr2_probe_read((const volatile char *)CR2_PROBE_ADDR, &cr2))
		return false; /* page 0 is mapped?! pt_init not run */
	cr2_reliable = (cr2 == CR2_PROBE_ADDR);
	return cr2_reliable;
}
