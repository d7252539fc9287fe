/*
 * manifest.h: the application manifest, unik.conf (docs/MANIFEST.md).
 *
 * manifest_parse() reads the manifest into a struct manifest holding every
 * value checked and defaulted, so the rest of the tool never re-validates.
 * A new key is one enum value, one struct field and one row in the key table
 * of manifest.c (plus its emitter, if the key reaches the xl config).
 */
#ifndef UNIK_CONFIGURE_MANIFEST_H
#define UNIK_CONFIGURE_MANIFEST_H

#include "util.h"

#define NET_IFS_MAX 8
#define IFNAME_LEN  15 /* Linux bridge names */

/* Network keys (manifest_net.c): one entry of ip per network interface. */
struct net_conf {
	unsigned n;                            /* interfaces (vifs) */
	char ip[NET_IFS_MAX][24];              /* "dhcp" or "A.B.C.D/N" */
	char bridge[NET_IFS_MAX][IFNAME_LEN + 1]; /* xl vif bridge, per if */
	unsigned nbridges;                     /* as given: 0, 1 or n */
	char gateway[16];                      /* "" or "A.B.C.D" */
	char dns[16];
};

#define DISKS_MAX  8   /* UNIK_BLK_MAX */
#define MOUNTS_MAX 8   /* UNIK_VFS_MOUNTS */
#define ABS_LEN    1023 /* a disk's absolute path */

/* Storage keys (manifest_disk.c): disk = PATH[:ro] ..., mount = ... */
struct disk_conf {
	unsigned n;                              /* disks, in order */
	char path[DISKS_MAX][WORD_LEN + 1];      /* as given, without :ro */
	char abs[DISKS_MAX][ABS_LEN + 1];        /* resolved at configure time */
	bool ro[DISKS_MAX];
	unsigned nmounts;
	struct mount_conf {
		char path[WORD_LEN + 1]; /* absolute, canonical */
		const char *type;        /* "tar" or "cow" */
		unsigned disk;
		bool ro, format;
	} mount[MOUNTS_MAX];
};

#define MANIFEST_FILE	  "unik.conf"
#define MEMORY_MIN_MB	  8u
#define MEMORY_MAX_MB	  (64u * 1024u)
#define MEMORY_DEFAULT_MB 32u

enum manifest_key {
	MK_NAME,
	MK_SRCS,
	MK_LIBS,
	MK_TARGET,
	MK_MEMORY,
	MK_TYPE,
	MK_CMDLINE,
	MK_CFLAGS,
	MK_ON_CRASH,
	MK_IP,
	MK_GATEWAY,
	MK_DNS,
	MK_BRIDGE,
	MK_DISK,
	MK_MOUNT,
	MK_COUNT
};

struct manifest {
	char path[256]; /* the manifest as named in messages: "unik.conf" */
	char name[NAME_LEN + 1];
	struct words srcs;
	struct names libs;
	enum target target; /* default target when --target is not given */
	unsigned memory_mb;
	const char *type;     /* Xen guest type: "pvh" or "pv" */
	const char *on_crash; /* "destroy", "preserve" or "restart" */
	char cmdline[VALUE_LEN + 1];
	char cflags[VALUE_LEN + 1];
	struct net_conf net;
	struct disk_conf disk;
	unsigned line[MK_COUNT]; /* line each key was given on; 0: absent */
};

struct pctx;
/* Parsers of the network keys and the check across them (manifest_net.c). */
int manifest_parse_ip(const struct pctx *c, const char *v);
int manifest_parse_gateway(const struct pctx *c, const char *v);
int manifest_parse_dns(const struct pctx *c, const char *v);
int manifest_parse_bridge(const struct pctx *c, const char *v);
int manifest_check_net(struct manifest *m, struct err *e);

/* Parsers of the storage keys and the check across them (manifest_disk.c);
 * the check also adds the libraries the mounts need to libs. */
int manifest_parse_disk(const struct pctx *c, const char *v);
int manifest_parse_mount(const struct pctx *c, const char *v);
int manifest_check_disk(struct manifest *m, struct err *e);
/* "/www:tar:0 /data:cow:1:format": the mounts as the libOS reads them. */
void manifest_mounts_text(const struct disk_conf *d, char *buf, size_t len);

/* Defaults for every optional key; path is used in messages. */
void manifest_init(struct manifest *m, const char *path);

/*
 * Parse a manifest from f into m (already manifest_init'ed). Sources named
 * in srcs must exist under appdir. Returns 0, -EINVAL (bad manifest) or
 * -EIO; e holds "PATH:LINE: message (expected ...)".
 */
int manifest_parse(FILE *f, const char *appdir, struct manifest *m,
		   struct err *e);

/* manifest_init + manifest_parse of appdir/unik.conf, shown as path. */
int manifest_load(const char *appdir, const char *path, struct manifest *m,
		  struct err *e);

#endif
