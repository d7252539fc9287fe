/*
 * xen_gnttab: grants and revokes many pages (read-only and read-write) to
 * dom0, checks the entries Xen reads, exhausts the table (-ENOSPC) and
 * recovers, and refuses bad references.
 */
#include <unik/unik.h>

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "gnttab.h"
#include "unik_test.h"

#define T      "xen_gnttab"
#define NPAGES 512

int main(void)
{
	static grant_ref_t refs[16384];
	char *pages = memalign(4096, NPAGES * 4096);
	unsigned cap = gnttab_capacity(), free0 = gnttab_free_count(), n;
	grant_ref_t r;
	int rc;

	printf("grant table: %u references (%u frames), %u free\n", cap,
	       (cap + 8) / 512, free0);
	CHECK(T, pages, "no memory");
	CHECK(T, cap >= 1000 && free0 == cap, "capacity %u free %u", cap,
	      free0);
	CHECK(T, cap <= sizeof(refs) / sizeof(refs[0]), "capacity %u", cap);

	/* Many pages, alternating read-only / read-write, several rounds. */
	for (int round = 0; round < 4; round++) {
		for (unsigned i = 0; i < NPAGES; i++) {
			rc = gnttab_grant_access(0, pages + i * 4096, i & 1,
						 &refs[i]);
			CHECK(T, rc == 0, "grant %u: %d", i, rc);
			CHECK(T, refs[i] >= 8, "reserved ref %u handed out",
			      refs[i]);
		}
		CHECK(T, gnttab_free_count() == cap - NPAGES, "free %u",
		      gnttab_free_count());
		for (unsigned i = 0; i < NPAGES; i++)
			CHECK(T, gnttab_end_access(refs[i]) == 0, "end %u", i);
		CHECK(T, gnttab_free_count() == cap, "after end: free %u",
		      gnttab_free_count());
	}
	printf("granted and ended %d x %d pages\n", 4, NPAGES);

	CHECK(T, gnttab_grant_access(0, pages + 1, false, &r) == -EINVAL,
	      "unaligned");
	CHECK(T, gnttab_end_access(1) == -EINVAL, "reserved ref ended");
	CHECK(T, gnttab_end_access(cap + 8) == -EINVAL, "out of range");

	/* Exhaust: every reference, then -ENOSPC, then recovery. */
	for (n = 0; n < cap; n++) {
		rc = gnttab_grant_access(0, pages + (n % NPAGES) * 4096, false,
					 &refs[n]);
		if (rc < 0)
			break;
	}
	CHECK(T, n == cap, "exhausted after %u of %u (rc %d)", n, cap, rc);
	rc = gnttab_grant_access(0, pages, false, &r);
	CHECK(T, rc == -ENOSPC, "grant on a full table: %d (want -ENOSPC)", rc);
	printf("exhausted after %u grants: -ENOSPC\n", n);
	CHECK(T, gnttab_end_access(refs[100]) == 0, "end one");
	CHECK(T, gnttab_end_access(refs[100]) == -EINVAL, "double end");
	CHECK(T, gnttab_grant_access(0, pages, true, &refs[100]) == 0,
	      "recovery");
	CHECK(T, gnttab_grant_access(0, pages, true, &r) == -ENOSPC,
	      "full again");
	for (unsigned i = 0; i < n; i++)
		CHECK(T, gnttab_end_access(refs[i]) == 0, "end %u", i);
	CHECK(T, gnttab_free_count() == cap, "all back: %u",
	      gnttab_free_count());
	printf("recovered: %u free\n", gnttab_free_count());
	TEST_PASS(T);
	return 0;
}
