/*
 * Finding Xen and installing the hypercall page.
 *
 * Xen announces itself on the hypervisor CPUID leaves, 0x40000000 and up in
 * steps of 0x100 (with Viridian enabled, Hyper-V's leaves come first and
 * Xen's move to 0x40000100). Leaf base+2 gives the MSR through which the
 * guest names a page; Xen then writes the hypercall stubs for this CPU's
 * vendor (vmcall or vmmcall) into it.
 */
#include "hypercall.h"
#include "xen_plat.h"

#include "../../arch/x86_64/cpu.h"

/* "XenVMMXenVMM" in ebx, ecx, edx. */
#define XEN_SIG_EBX 0x566e6558u
#define XEN_SIG_ECX 0x65584d4du
#define XEN_SIG_EDX 0x4d4d566eu

uint32_t hypercall_init(void)
{
	uint32_t r[4], base;

	for (base = 0x40000000u; base < 0x40010000u; base += 0x100) {
		x86_cpuid(base, 0, r);
		if (r[1] == XEN_SIG_EBX && r[2] == XEN_SIG_ECX &&
		    r[3] == XEN_SIG_EDX && r[0] - base >= 2)
			break;
	}
	if (base >= 0x40010000u)
		xen_boot_fail("no Xen CPUID leaves: not running on Xen", 0);

	x86_cpuid(base + 2, 0, r);
	if (r[0] < 1)
		xen_boot_fail("Xen offers no hypercall page", 0);
	/* Page 0 of the hypercall area at our page; the low 12 bits of the
	 * value are the page index, hence the alignment. */
	x86_wrmsr(r[1], (uint64_t)(uintptr_t)hypercall_page);
	if ((unsigned char)hypercall_page[0] == 0xcc)
		xen_boot_fail("Xen did not fill the hypercall page", 0);

	x86_cpuid(base + 1, 0, r);
	return r[0];
}
