/*
 * One tar header: ustar (POSIX) and GNU layouts, numbers in octal or
 * GNU base-256, checksum as the unsigned (or historic signed) byte sum.
 * Pure functions over a 512-byte block: the fuzzer's first target.
 *
 * Fixed-size name fields need not end in NUL (a 100-byte name fills its
 * field), so they are only ever read with their length bound.
 */
#include "tar.h"

#include <errno.h>
#include <string.h>

#define F_NAME 0
#define F_MODE 100
#define F_SIZE 124
#define F_MTIME 136
#define F_CHKSUM 148
#define F_TYPE 156
#define F_LINK 157
#define F_MAGIC 257
#define F_PREFIX 345

bool tar_is_zero(const unsigned char blk[TAR_BLOCK])
{
	for (int i = 0; i < TAR_BLOCK; i++)
		if (blk[i])
			return false;
	return true;
}

/*
 * A numeric field: octal digits after optional spaces, ended by NUL,
 * space or the field's end; or GNU base-256 (first byte 0x80, the rest a
 * big-endian number; 0xff, negative, is refused). 0 or -EINVAL.
 */
static int parse_num(const unsigned char *f, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	if ((f[0] & 0xc0) == 0x80) {
		v = f[0] & 0x3f;
		for (i = 1; i < len; i++) {
			if (v >> 55)
				return -EINVAL; /* would overflow 63 bits */
			v = v << 8 | f[i];
		}
		*out = v;
		return 0;
	}
	while (i < len && f[i] == ' ')
		i++;
	if (i == len || f[i] < '0' || f[i] > '7')
		return -EINVAL; /* no digit at all */
	for (; i < len && f[i] >= '0' && f[i] <= '7'; i++) {
		if (v >> 60)
			return -EINVAL;
		v = v << 3 | (uint64_t)(f[i] - '0');
	}
	if (i < len && f[i] != ' ' && f[i] != '\0')
		return -EINVAL; /* junk after the digits */
	*out = v;
	return 0;
}

static bool checksum_ok(const unsigned char *b, uint64_t stored)
{
	uint64_t u = 0;
	int64_t s = 0;

	for (int i = 0; i < TAR_BLOCK; i++) {
		unsigned char c = i >= F_CHKSUM && i < F_CHKSUM + 8 ? ' ' : b[i];

		u += c;
		s += (signed char)c;
	}
	return u == stored || (int64_t)stored == s;
}

/* Copy a fixed field of at most len bytes, NUL or not. */
static size_t copy_field(char *dst, const unsigned char *src, size_t len)
{
	size_t n = strnlen((const char *)src, len);

	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

static void parse_name(const unsigned char *b, struct tar_hdr *h)
{
	/* POSIX ustar keeps a name prefix at 345; the GNU layout ("ustar "
	 * magic) and v7 (no magic) keep other things there. */
	bool posix = memcmp(b + F_MAGIC, "ustar\0", 6) == 0;
	size_t n = 0;

	if (posix && b[F_PREFIX]) {
		n = copy_field(h->name, b + F_PREFIX, 155);
		h->name[n++] = '/';
	}
	copy_field(h->name + n, b + F_NAME, 100);
	copy_field(h->link, b + F_LINK, 100);
}

int tar_parse_header(const unsigned char blk[TAR_BLOCK], struct tar_hdr *h,
                     const char **why)
{
	uint64_t chk, mode = 0, mtime = 0;

	if (parse_num(blk + F_CHKSUM, 8, &chk) < 0) {
		*why = "checksum field is not a number";
		return -EINVAL;
	}
	if (!checksum_ok(blk, chk)) {
		*why = "header checksum mismatch";
		return -EINVAL;
	}
	if (parse_num(blk + F_SIZE, 12, &h->size) < 0 ||
	    h->size > INT64_MAX) {
		*why = "bad size field";
		return -EINVAL;
	}
	/* Mode and mtime are cosmetic: tolerate blanks, refuse junk. */
	if ((blk[F_MODE] && parse_num(blk + F_MODE, 8, &mode) < 0) ||
	    (blk[F_MTIME] && parse_num(blk + F_MTIME, 12, &mtime) < 0)) {
		*why = "bad mode or mtime field";
		return -EINVAL;
	}
	h->mode = blk[F_MODE] ? (uint32_t)(mode & 07777) : 0644;
	h->mtime = blk[F_MTIME] && mtime <= INT64_MAX / 1000000000 ?
	                   (int64_t)mtime : 0;
	h->type = blk[F_TYPE] ? (char)blk[F_TYPE] : '0';
	parse_name(blk, h);
	return 0;
}
