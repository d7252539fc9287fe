/*
 * GDT, TSS and IDT for the xen (PVH) target.
 *
 * Long mode ignores segment bases and limits except for the TSS, which we
 * need only for its Interrupt Stack Table: #DF, #NMI and #PF switch to
 * their own stacks. #PF must, because the fault we most want to report is
 * a thread overflowing into its guard page: without an IST the CPU would
 * push the exception frame onto that same unmapped page, fault again
 * (#DF), and with no good stack for #DF either, triple-fault the domain
 * silently.
 */
#include "x86.h"

#include <stdint.h>

#define GDT_CODE64 0x08
#define GDT_DATA   0x10
#define GDT_TSS	   0x18

#define IST_DF	       1
#define IST_NMI	       2
#define IST_PF	       3
#define IST_STACK_SIZE (16 * 1024)

struct __attribute__((packed)) tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
};

struct __attribute__((packed)) idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
};

struct __attribute__((packed)) desc_ptr {
	uint16_t limit;
	uint64_t base;
};

static struct tss64 tss;
static uint64_t gdt[5] __attribute__((aligned(16)));
static struct idt_gate idt[256] __attribute__((aligned(16)));
static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

extern char x86_trap_stubs[];
#define TRAP_STUB_SIZE 16

static void idt_set(unsigned vec, unsigned ist)
{
	uintptr_t fn = (uintptr_t)x86_trap_stubs + vec * TRAP_STUB_SIZE;

	idt[vec] = (struct idt_gate){
	    .offset_lo = (uint16_t)fn,
	    .selector = GDT_CODE64,
	    .ist = (uint8_t)ist,
	    .type_attr = 0x8e, /* present, DPL 0, interrupt gate (IF=0) */
	    .offset_mid = (uint16_t)(fn >> 16),
	    .offset_hi = (uint32_t)(fn >> 32),
	};
}

void x86_cpu_init(void)
{
	uintptr_t t = (uintptr_t)&tss;
	struct desc_ptr gdtr = {sizeof(gdt) - 1, (uintptr_t)gdt};
	struct desc_ptr idtr = {sizeof(idt) - 1, (uintptr_t)idt};

	tss.ist[IST_DF - 1] = (uintptr_t)ist_stacks[0] + IST_STACK_SIZE;
	tss.ist[IST_NMI - 1] = (uintptr_t)ist_stacks[1] + IST_STACK_SIZE;
	tss.ist[IST_PF - 1] = (uintptr_t)ist_stacks[2] + IST_STACK_SIZE;
	tss.iomap_base = sizeof(tss); /* no I/O bitmap */

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffull; /* 64-bit code, DPL 0 */
	gdt[2] = 0x00cf92000000ffffull; /* data */
	/* 16-byte available 64-bit TSS descriptor (type 9). */
	gdt[3] = (sizeof(tss) - 1) | ((t & 0xffffffull) << 16) |
		 (0x89ull << 40) | (((t >> 24) & 0xffull) << 56);
	gdt[4] = t >> 32;

	for (unsigned v = 0; v < 256; v++)
		idt_set(v, v == 8    ? IST_DF
			   : v == 2  ? IST_NMI
			   : v == 14 ? IST_PF
				     : 0);

	__asm__ volatile("lgdt %0" ::"m"(gdtr) : "memory");
	/* Reload CS through a far return, then the data segments. */
	__asm__ volatile("pushq %[cs]\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %[ds], %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss\n\t"
			 :
			 : [cs] "i"(GDT_CODE64), [ds] "i"(GDT_DATA)
			 : "rax", "memory");
	__asm__ volatile("ltr %w0" ::"r"(GDT_TSS) : "memory");
	__asm__ volatile("lidt %0" ::"m"(idtr) : "memory");
}
