/* A randomised mutation loop over the tar scanner (fixed seed, so a
 * failure reproduces): damage a valid archive in the ways that matter
 * (header bytes, numeric fields with the checksum fixed up, type flags,
 * truncation), mount it, and if it mounts, read everything. Every mount
 * must end in 0, -EINVAL or -EIO, and everything a successful mount
 * indexes must be readable; ASan and UBSan watch the rest. */
#include "../../blk/host/host_shim.h"
#include "../tar.h"
#include "tar_gen.h"
#include "tar_walk.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ITERATIONS 20000

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t hdrs[64];
static unsigned nhdrs;

static void base(struct tgen *g)
{
	static char data[9000], lname[180];

	memset(data, 'q', sizeof(data));
	memset(lname, 'L', sizeof(lname) - 1);
	tgen_init(g);
	hdrs[nhdrs++] = tgen_member(g, TGEN_USTAR, '5', "dir/", NULL, 0, NULL);
	hdrs[nhdrs++] = tgen_member(g, TGEN_USTAR, '0', "dir/a", "abc", 3, NULL);
	hdrs[nhdrs++] = tgen_member(g, TGEN_USTAR, '0', "dir/big", data, 9000, NULL);
	hdrs[nhdrs++] = tgen_longname(g, 'L', lname);
	hdrs[nhdrs++] = tgen_member(g, TGEN_GNU, '0', "short", "l", 1, NULL);
	hdrs[nhdrs++] = tgen_pax(g, "path", "pax/name");
	hdrs[nhdrs++] = tgen_member(g, TGEN_USTAR, '0', "p", "pp", 2, NULL);
	hdrs[nhdrs++] = tgen_member(g, TGEN_USTAR, '1', "link", NULL, 0, "dir/a");
	hdrs[nhdrs++] = tgen_member(g, TGEN_V7, '0', "v7", "7", 1, NULL);
	tgen_end(g);
}

static void mutate(struct tgen *g, size_t *len)
{
	static const char types[] = "0125LKxgD7S3 ";
	size_t h = hdrs[rnd() % nhdrs];
	struct tgen t = *g;

	switch (rnd() % 6) {
	case 0: /* any byte of a header */
		g->buf[h + rnd() % 512] = (unsigned char)rnd();
		break;
	case 1: /* a byte anywhere */
		g->buf[rnd() % *len] ^= (unsigned char)(1u << (rnd() % 8));
		break;
	case 2: /* a size, checksum fixed: gets past the first check */
		tgen_set_octal(&t, h, 124, 12, rnd() >> (rnd() % 64));
		break;
	case 3:
		g->buf[h + 156] = (unsigned char)types[rnd() % (sizeof(types) - 1)];
		tgen_fix_checksum(&t, h);
		break;
	case 4: /* a name byte, checksum fixed */
		g->buf[h + rnd() % 100] = (unsigned char)rnd();
		tgen_fix_checksum(&t, h);
		break;
	default: /* truncate at a sector boundary */
		*len = 512 * (1 + rnd() % (*len / 512));
		break;
	}
}

static void test_mutations(void **state)
{
	struct tgen orig, g;
	unsigned outcome[3] = {0}, files;
	uint64_t bytes;

	(void)state;
	base(&orig);
	tgen_init(&g);
	for (int it = 0; it < ITERATIONS; it++) {
		size_t len = orig.len;
		struct blk_mem dev;
		void *fs;
		int rc, n = 1 + (int)(rnd() % 4);

		memcpy(g.buf, orig.buf, orig.len);
		for (int i = 0; i < n; i++)
			mutate(&g, &len);
		blk_mem_init(&dev, g.buf, len / 512, true);
		host_console_reset();
		rc = tarfs_type.mount(&dev.dev, 0, &fs);
		if (rc == 0) {
			assert_int_equal(tar_walk(fs, &files, &bytes), 0);
			tarfs_type.umount(fs);
			outcome[0]++;
		} else if (rc == -EINVAL) {
			assert_non_null(strstr(host_console, "tarfs: mem0: "));
			outcome[1]++;
		} else {
			fail_msg("iteration %d: mount returned %d", it, rc);
		}
	}
	printf("tar mutations: %d runs: %u mounted, %u refused (-EINVAL)\n",
	       ITERATIONS, outcome[0], outcome[1]);
	assert_true(outcome[0] > ITERATIONS / 20 && outcome[1] > ITERATIONS / 20);
	tgen_free(&orig);
	tgen_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mutations),
	};
	return cmocka_run_group_tests_name("libos/fs-tar mutations", tests, NULL,
	                                   NULL);
}
