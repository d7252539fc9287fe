/*
 * Boot of a PVH guest, from pvh_entry.S (long mode, boot page tables,
 * boot stack, interrupts off) to unik_start(), and the steps both modes
 * share (xen_boot_finish; the PV side is start_pv.c).
 *
 * Until console_init() the only output is port 0xe9; until x86_cpu_init()
 * a fault is a triple fault (the domain just dies), so that comes first.
 */
#include "evtchn.h"
#include "hypercall.h"
#include "xen_plat.h"

#include <unik/config.h>
#include <unik/plat.h>
#include <unik/unik.h>

#include <errno.h>

#include "../../arch/x86_64/cpu.h"
#include "../../libos/libc/libc_glue.h"

#define CMDLINE_MAX 1024
#define ARGV_MAX    64
#define MEMMAP_MAX  128 /* entries we look at; Xen gives a handful */

struct shared_info *xen_shared_info;
/* shared_info is mapped over this page (PVH: its RAM frame is handed back
 * to Xen; PV: start_pv.c points the page's PTE at Xen's frame). */
char xen_shared_info_page[XEN_PAGE_SIZE] __attribute__((aligned(4096)));
struct xen_rings xen_rings;

static char cmdline[CMDLINE_MAX];
static struct x86_mem_region ram[XEN_MAX_RAM_REGIONS];
static unsigned nram;
static uint64_t ram_total;
static uintptr_t boot_alloc; /* page-table pages are taken from here */

/* [pa, pa + len) lies below 4 GiB, the extent of the boot page tables. */
static bool below_4g(uint64_t pa, uint64_t len)
{
	return pa < (1ull << 32) && len <= (1ull << 32) - pa;
}

_Noreturn void xen_boot_fail(const char *what, long rc)
{
	static const char hex[] = "0123456789abcdef";
	char num[20] = " (rc -0x";
	int i = 8;

	plat_console_write("unik: boot failed: ", 19);
	while (*what)
		plat_console_write(what++, 1);
	if (rc) {
		unsigned long v =
		    rc < 0 ? (unsigned long)-rc : (unsigned long)rc;

		for (int s = 28; s >= 0; s -= 4)
			if ((v >> s) || s == 0)
				num[i++] = hex[(v >> s) & 15];
		num[i++] = ')';
		plat_console_write(num, (size_t)i);
	}
	plat_console_write("\n", 1);
	plat_crash();
}

/*
 * Copy what we need out of start_info before anything may overwrite it
 * (the builder put it just after our image, where the page tables go).
 * All of it is untrusted input: bound every length and count, and read
 * only below 4 GiB, the extent of the boot page tables.
 */
static void read_start_info(uint32_t si_pa)
{
	const struct hvm_start_info *si = (const void *)(uintptr_t)si_pa;
	const struct hvm_memmap_table_entry *mm;
	unsigned n;

	if (si_pa == 0 || !below_4g(si_pa, sizeof(*si)) ||
	    si->magic != XEN_HVM_START_MAGIC_VALUE)
		xen_boot_fail("no valid hvm_start_info in %ebx", 0);
	if (si->cmdline_paddr && below_4g(si->cmdline_paddr, CMDLINE_MAX)) {
		const char *c = (const char *)(uintptr_t)si->cmdline_paddr;

		for (unsigned i = 0; i < CMDLINE_MAX - 1 && c[i]; i++)
			cmdline[i] = c[i];
	}
	if (si->version < 1 || si->memmap_paddr == 0 || si->memmap_entries == 0)
		xen_boot_fail("start_info has no memory map", 0);
	n = si->memmap_entries < MEMMAP_MAX ? si->memmap_entries : MEMMAP_MAX;
	if (!below_4g(si->memmap_paddr, n * sizeof(*mm)))
		xen_boot_fail("memory map above 4 GiB", 0);
	mm = (const void *)(uintptr_t)si->memmap_paddr;
	for (unsigned i = 0; i < n && nram < XEN_MAX_RAM_REGIONS; i++) {
		uint64_t lo = (mm[i].addr + XEN_PAGE_SIZE - 1) &
			      ~(uint64_t)(XEN_PAGE_SIZE - 1);
		uint64_t hi =
		    (mm[i].addr + mm[i].size) & ~(uint64_t)(XEN_PAGE_SIZE - 1);

		if (mm[i].type != XEN_HVM_MEMMAP_TYPE_RAM ||
		    mm[i].addr + mm[i].size < mm[i].addr || lo >= hi ||
		    hi > (1ull << 46))
			continue;
		ram[nram++] = (struct x86_mem_region){lo, hi};
		ram_total += hi - lo;
	}
	if (nram == 0)
		xen_boot_fail("memory map lists no RAM", 0);
}

static void shared_info_init(void)
{
	int rc = hyp_map_shared_info(virt_to_gfn(xen_shared_info_page));

	if (rc < 0)
		xen_boot_fail("XENMEM_add_to_physmap(shared_info)", rc);
	xen_shared_info = (struct shared_info *)xen_shared_info_page;
}

/* HVM params name the console and xenstore rings (frames in the reserved
 * hole below 4 GiB). A missing one stays 0: the domain has none. */
static void read_rings(void)
{
	uint64_t v[4] = {0, 0, 0, 0};

	if (hyp_hvm_get_param(HVM_PARAM_CONSOLE_PFN, &v[0]) < 0 ||
	    hyp_hvm_get_param(HVM_PARAM_CONSOLE_EVTCHN, &v[1]) < 0)
		v[0] = 0;
	if (hyp_hvm_get_param(HVM_PARAM_STORE_PFN, &v[2]) < 0 ||
	    hyp_hvm_get_param(HVM_PARAM_STORE_EVTCHN, &v[3]) < 0)
		v[2] = 0;
	xen_rings = (struct xen_rings){
	    .console_gfn = v[0],
	    .console_port = (evtchn_port_t)v[1],
	    .store_gfn = v[2],
	    .store_port = (evtchn_port_t)v[3],
	};
}

int xen_store_ring(uint64_t *gfn, evtchn_port_t *port)
{
	if (xen_rings.store_gfn == 0 || xen_rings.store_port == 0)
		return -ENODEV;
	*gfn = xen_rings.store_gfn;
	*port = xen_rings.store_port;
	return 0;
}

_Noreturn void pvh_start(uint32_t si_pa);

_Noreturn void pvh_start(uint32_t si_pa)
{
	uintptr_t img_end = ((uintptr_t)_end + XEN_PAGE_SIZE - 1) &
			    ~(uintptr_t)(XEN_PAGE_SIZE - 1);
	struct xen_boot b = {.mode = "PVH", .cmdline = cmdline};

	x86_cpu_init();
	b.version = hypercall_init();
	xen_hypercalls_ready = true;
	read_start_info(si_pa);
	read_rings();

	boot_alloc = img_end;
	pt_init(ram, nram, &boot_alloc);
	b.cr2_ok = x86_cr2_probe();
	shared_info_init();
	/* The console now, not later: mapping its ring may take page-table
	 * pages from boot_alloc, which must be final before the heap gets
	 * what is above it. */
	evtchn_init();
	console_init();

	b.ram = ram;
	b.nram = nram;
	b.ram_total = ram_total;
	b.first_free = boot_alloc;
	b.pt_bytes = boot_alloc - img_end;
	xen_boot_finish(&b);
}

/* Everything after the page tables, shared_info and the console, the
 * same for both modes. Events stay off until the heap and the timer are
 * ready. Nothing here may take page-table pages before memory_init: the
 * heap starts at b->first_free. */
_Noreturn void xen_boot_finish(const struct xen_boot *b)
{
	static char *argv[ARGV_MAX + 1];
	uintptr_t heap;
	size_t heap_size;
	int argc;

	time_init();
	evtchn_init();
	idle_init();
	console_init();
	memory_init(b->ram, b->nram, b->first_free);
	xen_events_on();
	libc_glue_init();

	plat_heap_region(&heap, &heap_size);
	unik_printk("unik: Xen %u.%u %s, %lu MiB RAM, heap %lu MiB at %#lx, "
		    "page tables %lu KiB, CR2 %s\n",
		    b->version >> 16, b->version & 0xffff, b->mode,
		    (unsigned long)(b->ram_total >> 20),
		    (unsigned long)(heap_size >> 20), (unsigned long)heap,
		    (unsigned long)(b->pt_bytes >> 10),
		    b->cr2_ok
			? "reliable"
			: "unreliable (faults will not name the address)");

	argv[0] = (char *)unik_config_name;
	argc = libc_split_args(b->cmdline, argv + 1, ARGV_MAX - 1);
	if (argc < 0)
		UNIK_PANIC("more than %d arguments on the command line",
			   ARGV_MAX - 1);
	unik_start(argc + 1, argv);
}
