/* A tiny in-memory filesystem for the VFS unit tests: a flat table of
 * names, each file at most 256 bytes. Reads of a file named "slow" sleep
 * inside the filesystem, to test that the VFS serialises calls. */
#ifndef FAKE_FS_H
#define FAKE_FS_H

#include <unik/vfs.h>

#define FAKE_FILES 16

struct fake_file {
	bool used, dir;
	char name[64];
	char data[256];
	size_t size;
	unsigned open;
};

struct fakefs {
	struct fake_file files[FAKE_FILES];
	char last[64];     /* last relative path the VFS passed in */
	int inside;        /* calls in progress: must never exceed 1 */
	int max_inside;
	int syncs, umounts;
};

extern struct fakefs *fake_last_mounted;

#endif
