/*
 * Block allocation over two bitmaps (cow.h). Next-fit from a moving
 * hand: files written together land together, and recently freed blocks
 * are not the first reused (which does not matter for safety, the bitmaps
 * see to that, but spreads wear on flash).
 */
#include "cow.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void cow_set(unsigned char *map, uint32_t b, bool on)
{
	if (on)
		map[b / 8] |= (unsigned char)(1u << (b % 8));
	else
		map[b / 8] &= (unsigned char)~(1u << (b % 8));
}

int cow_bitmaps_init(struct cowfs *fs)
{
	size_t bytes = fs->total / 8 + 1;

	fs->used = calloc(1, bytes);
	fs->committed = calloc(1, bytes);
	if (!fs->used || !fs->committed)
		return -ENOMEM;
	for (uint32_t b = 0; b < COW_FIRST; b++) { /* the slots, forever */
		cow_set(fs->used, b, true);
		cow_set(fs->committed, b, true);
	}
	fs->nfree = fs->total - COW_FIRST;
	fs->pending = 0;
	return 0;
}

static bool is_free(const struct cowfs *fs, uint32_t b)
{
	return !cow_bit(fs->used, b) && !cow_bit(fs->committed, b);
}

uint32_t cow_alloc(struct cowfs *fs, uint32_t hint)
{
	uint32_t b = hint >= COW_FIRST && hint < fs->total ? hint : fs->hand;

	for (uint32_t n = 0; n < fs->total; n++, b++) {
		if (b >= fs->total)
			b = COW_FIRST;
		if (is_free(fs, b)) {
			cow_take(fs, b);
			fs->hand = b + 1;
			return b;
		}
	}
	return 0;
}

void cow_take(struct cowfs *fs, uint32_t b)
{
	cow_set(fs->used, b, true);
	fs->nfree--;
}

void cow_release(struct cowfs *fs, uint32_t b)
{
	cow_set(fs->used, b, false);
	if (cow_bit(fs->committed, b))
		fs->pending++; /* reusable once the next commit is durable */
	else
		fs->nfree++;
}

void cow_recount(struct cowfs *fs)
{
	fs->nfree = 0;
	for (uint32_t b = COW_FIRST; b < fs->total; b++)
		fs->nfree += is_free(fs, b);
	fs->pending = 0;
}

/*
 * Room for n more blocks of data that still leaves room for the blob of
 * the next commit: without that reserve a full filesystem could not
 * commit, and so could never free the blocks a commit would release.
 * The exact blob size costs a walk of the tree: only when space is low.
 */
bool cow_room(struct cowfs *fs, uint32_t n)
{
	uint64_t blob = 0;

	for (uint32_t i = 0; i < fs->nruns; i++)
		blob += fs->runs[i].count;
	if (fs->nfree >= n + 2 * blob + 16)
		return true;
	return fs->nfree >= n + cow_meta_bytes(fs, NULL) / COW_BS + 2;
}
