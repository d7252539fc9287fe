/*
 * The superblock slot and the checksum. A slot is one 512-byte sector,
 * checksummed as a whole, so a write torn anywhere inside it (even within
 * the sector, on a device that does not write sectors atomically) is
 * detected and the other slot is used. The two slots sit in different
 * 4 KiB blocks: on a 512e disk a 512-byte write is a read-modify-write of
 * a 4 KiB physical sector, and a torn one could take its neighbour along.
 *
 * Slot layout (little-endian):
 *   0 magic "UNIKCOW1"   8 version   12 block size   16 seq   24 fs_id
 *  32 total blocks      36 blob length   40 blob crc32c   44 runs used
 *  48 runs[32] (start, count)   ...zero...   508 crc32c of bytes 0..507
 */
#include "cow.h"

#include <errno.h>
#include <string.h>

#define MAGIC "UNIKCOW1"
#define VERSION 1u

uint32_t cow_crc32c(uint32_t crc, const void *p, size_t n)
{
	static uint32_t table[256];
	const unsigned char *b = p;

	if (!table[1]) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0x82f63b78u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	}
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

void cow_super_encode(const struct cow_super *s, unsigned char *sec)
{
	memset(sec, 0, UNIK_BLK_SECTOR);
	memcpy(sec, MAGIC, 8);
	cow_put32(sec + 8, VERSION);
	cow_put32(sec + 12, COW_BS);
	cow_put64(sec + 16, s->seq);
	cow_put64(sec + 24, s->fs_id);
	cow_put32(sec + 32, s->total);
	cow_put32(sec + 36, s->meta_len);
	cow_put32(sec + 40, s->meta_crc);
	cow_put32(sec + 44, s->nruns);
	for (uint32_t i = 0; i < s->nruns; i++) {
		cow_put32(sec + 48 + 8 * i, s->runs[i].start);
		cow_put32(sec + 52 + 8 * i, s->runs[i].count);
	}
	cow_put32(sec + 508, cow_crc32c(0, sec, 508));
}

static int runs_ok(const struct cow_super *s)
{
	uint64_t blocks = 0;

	for (uint32_t i = 0; i < s->nruns; i++) {
		const struct cow_run *r = &s->runs[i];

		if (r->count == 0 || r->start < COW_FIRST ||
		    r->start >= s->total || r->count > s->total - r->start)
			return -EINVAL;
		blocks += r->count;
	}
	/* the blob fills its runs, short of one block at most */
	return blocks == (s->meta_len + COW_BS - 1) / COW_BS ? 0 : -EINVAL;
}

int cow_super_decode(const unsigned char *sec, struct cow_super *s,
                     uint64_t dev_blocks, const char **why)
{
	if (memcmp(sec, MAGIC, 8) != 0)
		return -ENOENT;
	*why = "superblock checksum mismatch (torn or damaged)";
	if (cow_get32(sec + 508) != cow_crc32c(0, sec, 508))
		return -EINVAL;
	*why = "unknown version or block size";
	if (cow_get32(sec + 8) != VERSION || cow_get32(sec + 12) != COW_BS)
		return -EINVAL;
	s->seq = cow_get64(sec + 16);
	s->fs_id = cow_get64(sec + 24);
	s->total = cow_get32(sec + 32);
	s->meta_len = cow_get32(sec + 36);
	s->meta_crc = cow_get32(sec + 40);
	s->nruns = cow_get32(sec + 44);
	*why = "filesystem larger than the device";
	if (s->total < COW_MIN_BLOCKS || s->total > dev_blocks)
		return -EINVAL;
	*why = "bad metadata location";
	if (s->nruns == 0 || s->nruns > COW_META_RUNS ||
	    s->meta_len < COW_HDR || s->meta_len > COW_MAX_META)
		return -EINVAL;
	for (uint32_t i = 0; i < s->nruns; i++) {
		s->runs[i].start = cow_get32(sec + 48 + 8 * i);
		s->runs[i].count = cow_get32(sec + 52 + 8 * i);
	}
	return runs_ok(s);
}
