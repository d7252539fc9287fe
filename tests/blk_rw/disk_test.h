/*
 * Shared by the storage tests (cflags -I../blk_rw): the runner's disk
 * pattern (tests/run, `disk =`) and the POSIX cksum, so that an app and
 * the host can compare what each sees of a disk.
 */
#ifndef DISK_TEST_H
#define DISK_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Does sector s hold the runner's pattern: 32 lines "SSSSSSS:LLLLLLL\n"? */
static inline int pattern_ok(const unsigned char *p, uint64_t s)
{
	char line[17];

	for (unsigned l = 0; l < 32; l++) {
		snprintf(line, sizeof(line), "%07llu:%07u\n", (unsigned long long)s, l);
		if (memcmp(p + 16 * l, line, 16) != 0)
			return 0;
	}
	return 1;
}

/* POSIX cksum (CRC-32/CKSUM, length appended), as `cksum` prints it. */
struct cksum {
	uint32_t crc;
	uint64_t len;
};

static inline void cksum_bytes(struct cksum *c, const unsigned char *p,
                               size_t n)
{
	static uint32_t t[256];

	if (!t[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t v = i << 24;

			for (int k = 0; k < 8; k++)
				v = v & 0x80000000u ? v << 1 ^ 0x04c11db7u : v << 1;
			t[i] = v;
		}
	c->len += n;
	while (n--)
		c->crc = c->crc << 8 ^ t[(c->crc >> 24 ^ *p++) & 0xff];
}

static inline uint32_t cksum_final(const struct cksum *c)
{
	struct cksum f = *c;
	unsigned char b;

	for (uint64_t l = c->len; l; l >>= 8) {
		b = (unsigned char)l;
		cksum_bytes(&f, &b, 1);
	}
	return ~f.crc;
}

#endif
