/* Building tar archives in memory for the fs-tar tests: ustar, GNU and
 * v7 headers, GNU long names, pax records, and helpers to damage them. */
#ifndef TAR_GEN_H
#define TAR_GEN_H

#include <stddef.h>
#include <stdint.h>

enum tgen_fmt { TGEN_USTAR, TGEN_GNU, TGEN_V7 };

struct tgen {
	unsigned char *buf; /* 512-aligned, grown as needed */
	size_t len, cap;
};

void tgen_init(struct tgen *g);
void tgen_free(struct tgen *g);
/* A header (and its data, padded) for a member; returns the header's
 * offset. USTAR splits names longer than 100 into prefix/name. */
size_t tgen_member(struct tgen *g, enum tgen_fmt fmt, char type,
                   const char *name, const void *data, uint64_t size,
                   const char *link);
/* A GNU 'L' (or 'K') record carrying name, NUL included. */
size_t tgen_longname(struct tgen *g, char type, const char *name);
/* A pax 'x' header with one "key=value" record. */
size_t tgen_pax(struct tgen *g, const char *key, const char *value);
/* Two zero blocks. */
void tgen_end(struct tgen *g);
/* Write an octal number into a header field, then fix the checksum. */
void tgen_set_octal(struct tgen *g, size_t hdr, size_t field, size_t width,
                    uint64_t v);
void tgen_fix_checksum(struct tgen *g, size_t hdr);

#endif
