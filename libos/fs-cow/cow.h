/*
 * Internals of libos/fs-cow ("cowfs"), a small copy-on-write filesystem
 * that survives a crash at any point without losing what was committed.
 * The on-disk format and the crash-safety argument: docs/STORAGE.md.
 *
 * In short: the device is an array of 4 KiB blocks. Blocks 0 and 1 each
 * hold a superblock slot (in their first sector). Every other block is
 * file data or part of a metadata blob: the whole namespace (every
 * inode, its name, its parent and the runs of blocks holding its data),
 * written anew at each commit. A commit writes the blob to free blocks,
 * flushes, writes a superblock (sequence number + 1, pointing at the
 * blob, checksummed) into the slot that does not hold the current one,
 * and flushes again. Blocks the last commit refers to are never written
 * before the next commit is durable, so a crash leaves either the old or
 * the new commit intact, and mount picks the newest valid one.
 */
#ifndef COW_H
#define COW_H

#include <unik/blk.h>
#include <unik/vfs.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COW_BS 4096u                    /* block size */
#define COW_SPB (COW_BS / UNIK_BLK_SECTOR) /* sectors per block */
#define COW_FIRST 2u                    /* first block after the slots */
#define COW_MIN_BLOCKS 16u
#define COW_META_RUNS 32u               /* runs a metadata blob may use */
#define COW_MAX_META (64u << 20)        /* bytes of metadata blob */
#define COW_REC_FIXED 36u               /* bytes of a record before its name */
#define COW_HDR 32u                     /* bytes of the blob header */
#define COW_BOUNCE (64u * 1024)         /* I/O buffer: 16 blocks */
#define COW_ROOT_INO 1u

/* ---- on-disk structures, decoded (ondisk.c) --------------------------- */

struct cow_run {
	uint32_t start, count;
};

struct cow_super {
	uint64_t seq, fs_id;
	uint32_t total;          /* blocks in the filesystem */
	uint32_t meta_len, meta_crc;
	uint32_t nruns;
	struct cow_run runs[COW_META_RUNS];
};

uint32_t cow_crc32c(uint32_t crc, const void *p, size_t n);
/* Encode into one 512-byte sector (checksummed). */
void cow_super_encode(const struct cow_super *s, unsigned char *sector);
/* 0, -ENOENT (no magic: never a cowfs), -EINVAL (damaged: *why says). */
int cow_super_decode(const unsigned char *sector, struct cow_super *s,
                     uint64_t dev_blocks, const char **why);

/* little-endian fields at any alignment */
static inline void cow_put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}
static inline void cow_put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}
static inline uint32_t cow_get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}
static inline uint64_t cow_get64(const unsigned char *p)
{
	return (uint64_t)cow_get32(p) | (uint64_t)cow_get32(p + 4) << 32;
}

/* ---- in memory --------------------------------------------------------- */

struct cow_inode {
	uint32_t ino;
	uint32_t mode;           /* UNIK_S_IFREG/IFDIR | permissions */
	uint64_t size;
	int64_t mtime_ns;
	struct cow_inode *parent, *child, *sibling;
	char *name;              /* NULL for the root */
	uint32_t *map;           /* physical block of each logical block */
	uint32_t nblocks, cap;
	unsigned open;           /* open files and directories */
	bool linked;             /* in the tree; else freed at last close */
	uint32_t idx;            /* record number while serialising */
};

struct cowfs {
	struct unik_blkdev *dev;
	uint32_t total;          /* blocks */
	uint64_t fs_id, seq;     /* of the committed superblock */
	unsigned slot;           /* the slot holding it: 0 or 1 */
	struct cow_run runs[COW_META_RUNS]; /* its metadata blob */
	uint32_t nruns;
	/*
	 * used: blocks the in-memory tree refers to (and the slots).
	 * committed: blocks the last durable commit refers to (data and its
	 * blob). A block may be allocated only when in neither: a block in
	 * `committed` alone was freed since the last commit and must survive
	 * until the next one is durable (`pending` counts them).
	 */
	unsigned char *used, *committed;
	uint32_t hand, ninodes, next_ino;
	uint32_t nfree;          /* in neither bitmap */
	uint32_t pending;        /* in committed only: free after a commit */
	struct cow_inode *root;
	bool dirty, failed, rdonly;
	/* COW_BOUNCE bytes, aligned: block I/O of data, and the superblock
	 * a commit writes. Hazard: never hold data in it across a call that
	 * may commit (cow_commit, and target() in data.c). */
	unsigned char *bounce;
};

/* alloc.c */
static inline bool cow_bit(const unsigned char *map, uint32_t b)
{
	return map[b / 8] >> (b % 8) & 1;
}
void cow_set(unsigned char *map, uint32_t b, bool on);
/* A free block, preferring hint; 0 when none (block 0 is never data). */
uint32_t cow_alloc(struct cowfs *fs, uint32_t hint);
/* Mark free block b used. */
void cow_take(struct cowfs *fs, uint32_t b);
/* The in-memory tree stops using b (freed now, or at the next commit). */
void cow_release(struct cowfs *fs, uint32_t b);
/* Count the free blocks again (after a commit or a mount). */
void cow_recount(struct cowfs *fs);
/* Room for n more blocks, the next commit's blob still fitting after. */
bool cow_room(struct cowfs *fs, uint32_t n);
static inline bool cow_fresh(const struct cowfs *fs, uint32_t b)
{
	return cow_bit(fs->used, b) && !cow_bit(fs->committed, b);
}
int cow_bitmaps_init(struct cowfs *fs);

/* meta_write.c / meta_read.c */
int cow_meta_encode(struct cowfs *fs, unsigned char **blob, uint32_t *len);
uint64_t cow_meta_bytes(struct cowfs *fs, uint32_t *records);
/* Check and load a blob into fs->root, marking blocks in fs->used. */
int cow_meta_load(struct cowfs *fs, const unsigned char *blob, uint32_t len,
                  const char **why, uint32_t *bad_record);

/* inode.c */
struct cow_inode *cow_inode_new(struct cowfs *fs, uint32_t ino, uint32_t mode);
void cow_inode_free(struct cowfs *fs, struct cow_inode *ip);
void cow_tree_free(struct cowfs *fs);
void cow_link(struct cow_inode *dir, struct cow_inode *ip);
void cow_unlink_from(struct cow_inode *ip);
struct cow_inode *cow_lookup(struct cowfs *fs, const char *path);
/* Parent directory of path, and its last component. */
int cow_lookup_parent(struct cowfs *fs, const char *path,
                      struct cow_inode **dir, const char **leaf);
struct cow_inode *cow_child(struct cow_inode *dir, const char *name, size_t n);
/* Preorder successor (parents before children), NULL after the last. */
struct cow_inode *cow_next(struct cow_inode *ip);
bool cow_is_dir(const struct cow_inode *ip);

/* data.c */
ssize_t cow_read(struct cowfs *fs, struct cow_inode *ip, void *buf, size_t n,
                 uint64_t off);
ssize_t cow_write(struct cowfs *fs, struct cow_inode *ip, const void *buf,
                  size_t n, uint64_t off);
int cow_truncate(struct cowfs *fs, struct cow_inode *ip, uint64_t size);

/* names.c */
int cow_create(struct cowfs *fs, const char *path, uint32_t mode,
               struct cow_inode **out);
int cow_remove(struct cowfs *fs, const char *path, bool dir);
int cow_rename(struct cowfs *fs, const char *from, const char *to);

/* commit.c */
int cow_commit(struct cowfs *fs);
int cow_mkfs(struct unik_blkdev *dev);

/* mount.c */
int cow_mount(struct unik_blkdev *dev, unsigned flags, struct cowfs **out);
int cow_umount(struct cowfs *fs);

extern const struct unik_fs_type cowfs_type;

#endif
