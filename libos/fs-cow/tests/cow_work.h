/* A random workload (fixed seed) applied to a cowfs and to a model of
 * what it should hold, for the crash tests. */
#ifndef COW_WORK_H
#define COW_WORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MODEL_MAX 48

struct mentry {
	bool used, dir;
	char path[64];
	unsigned char *data;
	size_t size;
};

struct model {
	struct mentry e[MODEL_MAX];
	uint64_t rng;
	unsigned names;
};

void model_init(struct model *m, uint64_t seed);
void model_free(struct model *m);
uint64_t model_digest(const struct model *m);
/* Apply one random operation to fs and to the model; returns its kind
 * ('w'rite, 't'runcate, 'm'kdir, 'r'ename, 'u'nlink, 'R'mdir, 's'ync). */
char work_step(struct model *m, void *fs);

#endif
