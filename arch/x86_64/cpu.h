/*
 * x86_64 instructions as inline functions, and the constants of the
 * control registers the xen target programs. Internal to the libOS.
 */
#ifndef UNIK_X86_CPU_H
#define UNIK_X86_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define X86_CR0_PE (1u << 0)
#define X86_CR0_MP (1u << 1)
#define X86_CR0_EM (1u << 2)
#define X86_CR0_TS (1u << 3)
#define X86_CR0_NE (1u << 5)
#define X86_CR0_WP (1u << 16)
#define X86_CR0_PG (1u << 31)

#define X86_CR4_PAE	   (1u << 5)
#define X86_CR4_OSFXSR	   (1u << 9)
#define X86_CR4_OSXMMEXCPT (1u << 10)

#define X86_MSR_EFER 0xc0000080u
#define X86_EFER_LME (1u << 8)
#define X86_EFER_NXE (1u << 11)

#define X86_RFLAGS_IF (1u << 9)

#define X86_PAGE_SIZE 4096u

static inline void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

static inline uint64_t x86_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void x86_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v),
			 "d"((uint32_t)(v >> 32))
			 : "memory");
}

static inline void x86_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port));
}

static inline uint64_t x86_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#define X86_READ_CR(n)                                                         \
	static inline uint64_t x86_read_cr##n(void)                            \
	{                                                                      \
		uint64_t v;                                                    \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));              \
		return v;                                                      \
	}
X86_READ_CR(0)
X86_READ_CR(2)
X86_READ_CR(3)
X86_READ_CR(4)
#undef X86_READ_CR

static inline void x86_write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" ::"r"(v) : "memory");
}

static inline void x86_invlpg(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" ::"r"(va) : "memory");
}

static inline void x86_cli(void)
{
	__asm__ volatile("cli" ::: "memory");
}
static inline void x86_sti(void)
{
	__asm__ volatile("sti" ::: "memory");
}

/*
 * Enable interrupts and halt, atomically: `sti` delays interrupt delivery
 * by one instruction, so an interrupt that became pending while IF was 0
 * is taken after `hlt` has started and ends it, never lost in between.
 */
static inline void x86_sti_hlt(void)
{
	__asm__ volatile("sti; hlt" ::: "memory");
}

static inline bool x86_irqs_enabled(void)
{
	uint64_t f;

	__asm__ volatile("pushfq; popq %0" : "=r"(f));
	return (f & X86_RFLAGS_IF) != 0;
}

/* Disable interrupts; return whether they were enabled (for restore). */
static inline bool x86_irq_save(void)
{
	bool was = x86_irqs_enabled();

	x86_cli();
	return was;
}

static inline void x86_irq_restore(bool was)
{
	if (was)
		x86_sti();
}

/* Compiler barrier; on x86 (TSO) it is also the acquire/release fence
 * needed between ordinary loads/stores shared with another CPU. */
#define x86_barrier() __asm__ volatile("" ::: "memory")
/* Full fence, for store->load ordering against another CPU. */
#define x86_mb() __asm__ volatile("mfence" ::: "memory")

#endif
