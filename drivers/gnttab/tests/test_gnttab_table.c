/*
 * Unit tests of grant entries and the free list (gnttab_table.c) on a
 * table in host memory, playing Xen by setting GTF_reading/GTF_writing.
 */
#include "gnttab_table.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <errno.h>
#include <string.h>

#define NR 64
static grant_entry_v1_t entries[NR];
static uint32_t next[NR];
static struct gnttab_table t;

static int setup(void **state)
{
	(void)state;
	memset(entries, 0, sizeof(entries));
	entries[1] =
	    (grant_entry_v1_t){GTF_permit_access, 0, 1234}; /* xenstore */
	gt_init(&t, entries, NR, next);
	return 0;
}

static void test_grant_fills_entry(void **state)
{
	grant_ref_t r;
	(void)state;

	assert_int_equal(gt_grant(&t, 0, 0x1234, true, &r), 0);
	assert_true(r >= GNTTAB_NR_RESERVED_ENTRIES);
	assert_int_equal(entries[r].domid, 0);
	assert_int_equal(entries[r].frame, 0x1234);
	assert_int_equal(entries[r].flags, GTF_permit_access | GTF_readonly);
	assert_int_equal(gt_grant(&t, 7, 0x99, false, &r), 0);
	assert_int_equal(entries[r].domid, 7);
	assert_int_equal(entries[r].flags, GTF_permit_access);
	assert_int_equal(gt_grant(&t, 0, 1ull << 32, false, &r), -EINVAL);
	/* The reserved entries are untouched. */
	assert_int_equal(entries[1].frame, 1234);
}

static void test_exhaustion_and_recovery(void **state)
{
	grant_ref_t refs[NR], r;
	unsigned n = 0;
	(void)state;

	assert_int_equal(t.nfree, NR - GNTTAB_NR_RESERVED_ENTRIES);
	while (gt_grant(&t, 0, n, false, &refs[n]) == 0)
		n++;
	assert_int_equal(n, NR - GNTTAB_NR_RESERVED_ENTRIES);
	assert_int_equal(gt_grant(&t, 0, 1, false, &r), -ENOSPC);
	assert_int_equal(gt_end(&t, refs[5]), 0);
	assert_int_equal(gt_grant(&t, 0, 1, false, &r), 0);
	assert_int_equal(r, refs[5]);
	refs[5] = r;
	for (unsigned i = 0; i < n; i++)
		assert_int_equal(gt_end(&t, refs[i]), 0);
	assert_int_equal(t.nfree, NR - GNTTAB_NR_RESERVED_ENTRIES);
	for (unsigned i = 0; i < NR; i++)
		if (i >= GNTTAB_NR_RESERVED_ENTRIES)
			assert_int_equal(entries[i].flags, 0);
}

static void test_end_busy_while_mapped(void **state)
{
	grant_ref_t r;
	(void)state;

	assert_int_equal(gt_grant(&t, 0, 42, false, &r), 0);
	entries[r].flags |= GTF_writing; /* the backend maps it */
	assert_int_equal(gt_end(&t, r), -EBUSY);
	assert_true(entries[r].flags & GTF_permit_access); /* unchanged */
	entries[r].flags &= (uint16_t)~GTF_writing;
	entries[r].flags |= GTF_reading;
	assert_int_equal(gt_end(&t, r), -EBUSY);
	entries[r].flags &= (uint16_t)~GTF_reading; /* unmapped */
	assert_int_equal(gt_end(&t, r), 0);
	assert_int_equal(entries[r].flags, 0);
}

static void test_end_rejects_bad_refs(void **state)
{
	grant_ref_t r;
	(void)state;

	assert_int_equal(gt_end(&t, 1), -EINVAL);  /* reserved */
	assert_int_equal(gt_end(&t, NR), -EINVAL); /* out of range */
	assert_int_equal(gt_end(&t, 20), -EINVAL); /* never granted */
	assert_int_equal(gt_grant(&t, 0, 1, false, &r), 0);
	assert_int_equal(gt_end(&t, r), 0);
	unsigned before = t.nfree;
	assert_int_equal(gt_end(&t, r), -EINVAL); /* double end */
	assert_int_equal(t.nfree, before);	  /* list not corrupted */
}

static void test_fifo_reuse(void **state)
{
	grant_ref_t a, b, c;
	(void)state;

	assert_int_equal(gt_grant(&t, 0, 1, false, &a), 0);
	assert_int_equal(gt_end(&t, a), 0);
	/* A just-freed reference goes to the back of the queue. */
	assert_int_equal(gt_grant(&t, 0, 2, false, &b), 0);
	assert_int_not_equal(b, a);
	for (unsigned i = 0; i < NR; i++) {
		if (gt_grant(&t, 0, 3, false, &c) < 0)
			break;
		if (c == a)
			return;
	}
	fail_msg("freed reference never reused");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_grant_fills_entry, setup),
	    cmocka_unit_test_setup(test_exhaustion_and_recovery, setup),
	    cmocka_unit_test_setup(test_end_busy_while_mapped, setup),
	    cmocka_unit_test_setup(test_end_rejects_bad_refs, setup),
	    cmocka_unit_test_setup(test_fifo_reuse, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
