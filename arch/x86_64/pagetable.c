/*
 * The final page tables: identity map (virtual == guest physical), built
 * once at boot, replacing the 4 GiB RWX boot map of pvh_entry.S.
 *
 *  - page 0 unmapped (null pointers fault);
 *  - the image W^X: text RX, rodata R+NX, data/bss RW+NX (the sections are
 *    page-aligned by xen.lds);
 *  - all other RAM RW+NX, with 2 MiB pages where a whole aligned 2 MiB
 *    block is plain RAM, 4 KiB pages elsewhere;
 *  - everything mapped up front: on this lab's nested virtualisation a
 *    PVH page fault reports CR2 = 0, so demand paging cannot work here.
 *
 * Guard pages are not-present PTEs tagged with a software bit, so the
 * fault handler can tell "stack overflow" from any other hole without a
 * registry. Upper-level entries are always P|RW without NX: permissions
 * are decided by the leaf alone.
 *
 * PVH only: a PV guest runs on the tables Xen built and changes them
 * through hypercalls (drivers/xen/pv_mm.c), which registers its own
 * guard and lookup operations with pt_set_ops().
 */
#include "cpu.h"
#include "x86.h"

#include <unik/plat.h>

#include <errno.h>
#include <string.h>

#define PTE_P	  X86_PTE_P
#define PTE_RW	  X86_PTE_RW
#define PTE_A	  X86_PTE_A
#define PTE_D	  X86_PTE_D
#define PTE_PS	  X86_PTE_PS
#define PTE_GUARD X86_PTE_GUARD /* meaningful only with P=0 */
#define PTE_NX	  X86_PTE_NX
#define PTE_ADDR  X86_PTE_ADDR

#define LEAF_TEXT   (PTE_P | PTE_A)
#define LEAF_RODATA (PTE_P | PTE_A | PTE_NX)
#define LEAF_DATA   (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_NX)
#define TABLE_FLAGS (PTE_P | PTE_RW | PTE_A)

#define PAGE_4K 0x1000ull
#define PAGE_2M 0x200000ull

static uint64_t *pml4;
static uintptr_t *boot_alloc;	  /* bump pointer during pt_init */
static void *(*page_alloc)(void); /* after boot */

void pt_set_page_allocator(void *(*alloc_page)(void))
{
	page_alloc = alloc_page;
	boot_alloc = NULL; /* from now on the bump region belongs to the heap */
}

static uint64_t *alloc_table(void)
{
	uint64_t *t;

	if (boot_alloc) {
		t = (uint64_t *)*boot_alloc;
		*boot_alloc += PAGE_4K;
	} else {
		t = page_alloc ? page_alloc() : NULL;
		if (!t)
			return NULL;
	}
	memset(t, 0, PAGE_4K);
	return t;
}

static unsigned idx(uint64_t va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

/* Replace a 2 MiB leaf by a table of 512 4 KiB leaves, same mapping. */
static int split_2m(uint64_t *pde)
{
	uint64_t *pt = alloc_table();
	uint64_t base = *pde & PTE_ADDR & ~(PAGE_2M - 1);
	uint64_t flags = *pde & ~PTE_ADDR & ~PTE_PS;

	if (!pt)
		return -ENOMEM;
	for (unsigned i = 0; i < 512; i++)
		pt[i] = (base + i * PAGE_4K) | flags;
	*pde = (uint64_t)(uintptr_t)pt | TABLE_FLAGS;
	return 0;
}

/* The entry for va at `level` (1 = 4 KiB PTE, 2 = PDE), creating tables
 * (and splitting a 2 MiB leaf on the way) as needed. */
static uint64_t *entry_for(uint64_t va, int level)
{
	uint64_t *table = pml4;

	for (int l = 4; l > level; l--) {
		uint64_t *e = &table[idx(va, l)];

		if (*e & PTE_P) {
			if ((*e & PTE_PS) && (l != 2 || split_2m(e) < 0))
				return NULL;
		} else {
			uint64_t *t = alloc_table();

			if (!t)
				return NULL;
			*e = (uint64_t)(uintptr_t)t | TABLE_FLAGS;
		}
		table = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
	return &table[idx(va, level)];
}

/* Read-only walk: the leaf entry for va and its level, or NULL. */
static const uint64_t *leaf_for(uint64_t va)
{
	const uint64_t *table = pml4;

	if (!table || va >= (1ull << 47))
		return NULL;
	for (int l = 4; l >= 1; l--) {
		const uint64_t *e = &table[idx(va, l)];

		if (l == 1 || !(*e & PTE_P) || (*e & PTE_PS))
			return e;
		table = (const uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
	return NULL;
}

static bool native_is_mapped(uintptr_t va)
{
	const uint64_t *e = leaf_for(va);

	return e && (*e & PTE_P);
}

static bool native_is_guard(uintptr_t va)
{
	const uint64_t *e = leaf_for(va);

	return e && !(*e & PTE_P) && (*e & PTE_GUARD);
}

static int map_4k(uint64_t va, uint64_t leaf)
{
	uint64_t *e = entry_for(va, 1);

	if (!e)
		return -ENOMEM;
	*e = leaf;
	return 0;
}

int pt_map_data_page(uintptr_t va, uint64_t pa)
{
	int rc = map_4k(va & ~(PAGE_4K - 1), (pa & PTE_ADDR) | LEAF_DATA);

	x86_invlpg(va);
	return rc;
}

static int native_set_guard(uintptr_t va)
{
	uint64_t *e;

	if (!native_is_mapped(va))
		return -EINVAL;
	e = entry_for(va, 1);
	if (!e)
		return -ENOMEM;
	*e = (*e & PTE_ADDR) | PTE_GUARD;
	x86_invlpg(va);
	return 0;
}

static int native_clear_guard(uintptr_t va)
{
	uint64_t *e;

	if (!native_is_guard(va))
		return -EINVAL;
	e = entry_for(va, 1);
	*e = (*e & PTE_ADDR) | LEAF_DATA;
	x86_invlpg(va);
	return 0;
}

static const struct x86_pt_ops native_ops = {
    .set_guard = native_set_guard,
    .clear_guard = native_clear_guard,
    .is_mapped = native_is_mapped,
    .is_guard = native_is_guard,
};
static const struct x86_pt_ops *ops = &native_ops;

void pt_set_ops(const struct x86_pt_ops *o)
{
	ops = o;
}

int pt_set_guard(uintptr_t va)
{
	return ops->set_guard(va);
}

int pt_clear_guard(uintptr_t va)
{
	return ops->clear_guard(va);
}

bool pt_is_mapped(uintptr_t va)
{
	return ops->is_mapped(va);
}

bool pt_is_guard(uintptr_t va)
{
	return ops->is_guard(va);
}

/* Leaf for a page of the image, by section. */
static uint64_t image_leaf(uint64_t va)
{
	if (va >= (uintptr_t)__text_start && va < (uintptr_t)__text_end)
		return va | LEAF_TEXT;
	if (va >= (uintptr_t)__rodata_start && va < (uintptr_t)__rodata_end)
		return va | LEAF_RODATA;
	if (va == (uintptr_t)boot_stack_guard)
		return va | PTE_GUARD;
	return va | LEAF_DATA;
}

static _Noreturn void pt_fail(void)
{
	/* Still on the boot tables: the console works, traps do. */
	static const char msg[] = "unik: out of memory building page tables\n";

	plat_console_write(msg, sizeof(msg) - 1);
	plat_crash();
}

void pt_init(const struct x86_mem_region *ram, unsigned n, uintptr_t *alloc)
{
	uint64_t img_lo = (uintptr_t)__image_start;
	uint64_t img_hi = ((uintptr_t)_end + PAGE_4K - 1) & ~(PAGE_4K - 1);
	/* 2 MiB pages only outside [0, end of image rounded up to 2 MiB):
	 * that span needs 4 KiB granularity for page 0 and W^X. */
	uint64_t fine_hi = (img_hi + PAGE_2M - 1) & ~(PAGE_2M - 1);

	boot_alloc = alloc;
	pml4 = alloc_table();
	for (uint64_t va = img_lo; va < img_hi; va += PAGE_4K)
		if (map_4k(va, image_leaf(va)) < 0)
			pt_fail();

	for (unsigned r = 0; r < n; r++) {
		uint64_t va = ram[r].start, end = ram[r].end;

		while (va < end) {
			bool in_image = va >= img_lo && va < img_hi;

			if ((va & (PAGE_2M - 1)) == 0 && va >= fine_hi &&
			    end - va >= PAGE_2M) {
				uint64_t *pde = entry_for(va, 2);

				if (!pde)
					pt_fail();
				*pde = va | LEAF_DATA | PTE_PS;
				va += PAGE_2M;
				continue;
			}
			if (va != 0 && !in_image &&
			    map_4k(va, va | LEAF_DATA) < 0)
				pt_fail();
			va += PAGE_4K;
		}
	}
	x86_write_cr3((uintptr_t)pml4);
}
