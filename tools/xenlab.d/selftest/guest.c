/* tools/xenlab.d/selftest/guest.c - the lab's self-test PVH guest.
 *
 * Prints a line on port 0xe9 (-> `xl dmesg`) and lines on the PV console ring (-> xenconsoled),
 * then ends the way SELFTEST_MODE says, so `xenlab selftest` can check that the lab records
 * each outcome: poweroff, crash (SCHEDOP_shutdown reason crash), reboot, triple (a triple fault:
 * Xen crashes the domain), hang (runs until the lab's timeout), chatty (many lines, then
 * poweroff: exercises the console transfer).
 *
 * Self-contained on purpose (no Xen headers): the few ABI numbers below are stable since
 * Xen 3.x, from xen/include/public/{xen.h,sched.h,event_channel.h,hvm/hvm_op.h,hvm/params.h,
 * io/console.h}. */
#include <stdint.h>

#define MODE_POWEROFF 0
#define MODE_CRASH 1
#define MODE_REBOOT 2
#define MODE_TRIPLE 3
#define MODE_HANG 4
#define MODE_CHATTY 5
#ifndef SELFTEST_MODE
#error "build with -DSELFTEST_MODE=MODE_..."
#endif

#define HYPERVISOR_sched_op 29
#define HYPERVISOR_event_channel_op 32
#define HYPERVISOR_hvm_op 34
#define SCHEDOP_shutdown 2
#define SHUTDOWN_poweroff 0
#define SHUTDOWN_reboot 1
#define SHUTDOWN_crash 3
#define EVTCHNOP_send 4
#define HVMOP_get_param 1
#define HVM_PARAM_CONSOLE_PFN 17
#define HVM_PARAM_CONSOLE_EVTCHN 18
#define DOMID_SELF 0x7ff0

struct xen_hvm_param {
    uint16_t domid;
    uint32_t index;
    uint64_t value;
} __attribute__((aligned(8)));

struct xencons_interface {
    char in[1024];
    char out[2048];
    uint32_t in_cons, in_prod;
    uint32_t out_cons, out_prod;
};

extern char hypercall_page[4096];

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port));
}

static void cpuid(uint32_t leaf, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

/* 32-bit HVM hypercall ABI: call into the hypercall page, eax = result, args ebx, ecx. */
static long hypercall2(unsigned int nr, unsigned long a1, unsigned long a2)
{
    long ret;
    __asm__ volatile("call *%[fn]"
                     : "=a"(ret), "+b"(a1), "+c"(a2)
                     : [fn] "r"(hypercall_page + nr * 32)
                     : "memory", "edx", "esi", "edi");
    return ret;
}

static void e9_puts(const char *s)
{
    while (*s)
        outb(0xe9, (uint8_t)*s++);
}

static volatile struct xencons_interface *ring;
static uint32_t ring_port;

/* Write to the PV console ring, waiting for xenconsoled when the ring is full. */
static void cons_puts(const char *s)
{
    if (!ring)
        return;
    while (*s) {
        uint32_t prod = ring->out_prod;
        while (prod - ring->out_cons >= sizeof(ring->out))
            __asm__ volatile("pause" ::: "memory");
        ring->out[prod % sizeof(ring->out)] = *s++;
        /* x86 keeps stores in order: the byte is visible before the index moves. */
        __asm__ volatile("" ::: "memory");
        ring->out_prod = prod + 1;
        if (*s == 0 || prod % 64 == 63)
            hypercall2(HYPERVISOR_event_channel_op, EVTCHNOP_send, (unsigned long)&ring_port);
    }
}

static char *utoa(unsigned long v, char *end)
{
    *--end = 0;
    do
        *--end = (char)('0' + v % 10);
    while (v /= 10);
    return end;
}

static int hypercall_setup(void)
{
    uint32_t r[4], leaf;

    for (leaf = 0x40000000; leaf < 0x40010000; leaf += 0x100) {
        cpuid(leaf, r);
        if (r[1] == 0x566e6558 && r[2] == 0x65584d4d && r[3] == 0x4d4d566e) { /* XenVMMXenVMM */
            cpuid(leaf + 2, r);
            /* MSR r[1] <- physical address of the page Xen fills with hypercall stubs */
            __asm__ volatile("wrmsr" ::"c"(r[1]), "a"((uint32_t)(uintptr_t)hypercall_page), "d"(0));
            return 0;
        }
    }
    return -1;
}

static void console_setup(void)
{
    struct xen_hvm_param p = {.domid = DOMID_SELF, .index = HVM_PARAM_CONSOLE_PFN};

    if (hypercall2(HYPERVISOR_hvm_op, HVMOP_get_param, (unsigned long)&p) || p.value >= (1u << 20))
        return;
    uint64_t pfn = p.value;
    p.index = HVM_PARAM_CONSOLE_EVTCHN;
    if (hypercall2(HYPERVISOR_hvm_op, HVMOP_get_param, (unsigned long)&p))
        return;
    ring_port = (uint32_t)p.value;
    ring = (struct xencons_interface *)(uintptr_t)(pfn << 12);
}

static void shutdown(unsigned int reason)
{
    uint32_t r = reason;
    hypercall2(HYPERVISOR_sched_op, SCHEDOP_shutdown, (unsigned long)&r);
}

static void __attribute__((noreturn)) hang(void)
{
    /* Interrupts on: nothing is wired to interrupt us, so the vCPU just blocks. */
    for (;;)
        __asm__ volatile("sti; hlt");
}

static void __attribute__((noreturn)) triple_fault(void)
{
    static const struct __attribute__((packed)) { uint16_t limit; uint32_t base; } idt = {0, 0};
    __asm__ volatile("lidt %0; int3" ::"m"(idt));
    for (;;)
        ;
}

static const char *const mode_name[] = {"poweroff", "crash", "reboot", "triple", "hang", "chatty"};

void selftest_main(void)
{
    char b[16];

    e9_puts("XENLAB-SELFTEST e9 ");
    e9_puts(mode_name[SELFTEST_MODE]);
    e9_puts("\n");
    if (hypercall_setup())
        return;
    console_setup();
    cons_puts("XENLAB-SELFTEST console ");
    cons_puts(mode_name[SELFTEST_MODE]);
    cons_puts("\n");
    if (SELFTEST_MODE == MODE_CHATTY) {
        for (unsigned long i = 1; i <= 2000; i++) {
            cons_puts("chatty line ");
            cons_puts(utoa(i, b + sizeof b));
            cons_puts(" of 2000: the quick brown fox jumps over the lazy dog\n");
        }
    }
    switch (SELFTEST_MODE) {
    case MODE_CRASH:
        shutdown(SHUTDOWN_crash);
        break;
    case MODE_REBOOT:
        shutdown(SHUTDOWN_reboot);
        break;
    case MODE_TRIPLE:
        triple_fault();
    case MODE_HANG:
        hang();
    default:
        shutdown(SHUTDOWN_poweroff);
    }
    hang(); /* not reached: SCHEDOP_shutdown does not return */
}
