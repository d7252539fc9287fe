/*
 * Internals of libos/fs-tar, a read-only filesystem over a tar archive
 * written on a block device as plain `tar` makes it (docs/STORAGE.md).
 *
 * Everything read from the device is untrusted: every field is parsed
 * with explicit bounds, every size is checked against the device before it
 * is used, and a bad archive fails the mount with -EINVAL and a console
 * line naming the sector and the problem.
 */
#ifndef TAR_H
#define TAR_H

#include <unik/blk.h>
#include <unik/vfs.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TAR_BLOCK 512
#ifndef TAR_MAX_ENTRIES /* tests lower it */
#define TAR_MAX_ENTRIES 262144 /* "absurd count" beyond this */
#endif
#define TAR_MAX_NAMES (32u << 20)     /* bytes of names, all entries */
#define TAR_MAX_PAX 65536             /* a pax header's data, bytes */
#define TAR_MAX_LONGNAME (UNIK_VFS_PATH_MAX - 1)

/* ---- one header (header.c, pure: fuzzed) -------------------------------- */

struct tar_hdr {
	char type;                         /* typeflag, '0' for '\0' */
	char name[256 + 100 + 2];          /* prefix "/" name, NUL-ended */
	char link[101];
	uint64_t size;
	int64_t mtime;                     /* seconds */
	uint32_t mode;                     /* permission bits */
};

/* All 512 bytes zero: an end-of-archive block. */
bool tar_is_zero(const unsigned char blk[TAR_BLOCK]);
/*
 * Parse and check one header. 0, or -EINVAL with *why set to a static
 * description of what is wrong.
 */
int tar_parse_header(const unsigned char blk[TAR_BLOCK], struct tar_hdr *h,
                     const char **why);

/* What a pax extended header says about the next entry. */
struct tar_pax {
	char *path, *link;                 /* malloc'd, or NULL */
	bool has_size, has_mtime;
	uint64_t size;
	int64_t mtime;
};
/* Parse pax records "LEN key=value\n" in data[0..len). 0 or -EINVAL/-ENOMEM
 * (why set); keys other than path, linkpath, size, mtime are ignored. */
int tar_parse_pax(const char *data, size_t len, struct tar_pax *pax,
                  const char **why);
void tar_pax_clear(struct tar_pax *pax);

/*
 * Normalise an archive member name in place: drop leading "/" and "./",
 * collapse "//" and "/./", drop a trailing "/". Returns the length, 0 for
 * the archive's root ("./"), -EINVAL for a ".." component or a component
 * longer than UNIK_VFS_NAME_MAX.
 */
int tar_normalize_name(char *name);

/* ---- the device, through a small cache (cache.c) ----------------------- */

#define TCACHE_SLOTS 16
#define TCACHE_CLUSTER 4096u               /* bytes per slot: 8 sectors */
#define TCACHE_BOUNCE (64u * 1024)

struct tar_cache {
	struct unik_blkdev *dev;
	uint64_t bytes;                    /* device size */
	unsigned char *mem;                /* slots * cluster, aligned */
	unsigned char *bounce;             /* for large unaligned reads */
	uint64_t tag[TCACHE_SLOTS];        /* cluster number, or UINT64_MAX */
	unsigned hand;                     /* round-robin replacement */
};

int tcache_init(struct tar_cache *c, struct unik_blkdev *dev);
void tcache_free(struct tar_cache *c);
/* Read len bytes at byte offset off; the range must be inside the device
 * (-EINVAL otherwise). 0 or -EIO. */
int tcache_read(struct tar_cache *c, uint64_t off, void *buf, size_t len);

/* ---- the index (index.c) ------------------------------------------------ */

struct tar_ent {
	char *name;        /* normalised, never "" (the root is implicit) */
	char *link;        /* hard link target until resolved, else NULL */
	uint64_t data;     /* byte offset of the contents on the device */
	uint64_t size;
	int64_t mtime_ns;
	uint32_t mode;     /* UNIK_S_IFREG or UNIK_S_IFDIR | permissions */
	uint32_t seq;      /* archive order; 0 for implied directories */
};

struct tarfs {
	struct tar_cache cache;
	struct tar_ent root;   /* "", a directory */
	struct tar_ent *ents;  /* sorted by name once mounted */
	size_t n, cap;
	size_t name_bytes;
	unsigned skipped;      /* members not shown: symlinks, devices, ... */
};

/* Append an entry (name is taken over, link copied). 0, -ENOMEM or
 * -EINVAL beyond the limits. */
int tar_index_add(struct tarfs *fs, char *name, const struct tar_hdr *h,
                  uint64_t data, const char *link);
/* Sort, keep the last of duplicates, add implied parent directories,
 * resolve hard links. 0 or -EINVAL (a file with entries below it). */
int tar_index_finish(struct tarfs *fs, const char *devname);
/* The entry named name ("" is the root: NULL and *root set). */
struct tar_ent *tar_lookup(struct tarfs *fs, const char *name);
void tar_index_free(struct tarfs *fs);

/* ---- scanning the archive (scan.c) --------------------------------------- */

int tar_scan(struct tarfs *fs);

extern const struct unik_fs_type tarfs_type;

#endif
