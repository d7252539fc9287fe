/* A large allocation works; exhausting the heap gives NULL, not a crash;
 * the memory comes back after free. The image has 32 MiB in all. */
#include <unik/unik.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unik_test.h"

#define MIB (1024 * 1024)
#define MAX_CHUNKS 4096

static void *chunks[MAX_CHUNKS];

static size_t exhaust(void)
{
	size_t n = 0;

	while (n < MAX_CHUNKS && (chunks[n] = malloc(MIB)) != NULL) {
		memset(chunks[n], 0xa5, MIB); /* really use it */
		n++;
	}
	return n;
}

int main(void)
{
	/* volatile: keep the compiler from rejecting absurd sizes at build
	 * time; the point is what the allocator does with them at run time */
	volatile size_t huge = SIZE_MAX - 4096, half = SIZE_MAX / 2;
	size_t big = 8 * MIB, n1, n2;
	unsigned char *p = malloc(big);

	CHECK("heap", p != NULL, "malloc(8 MiB) failed");
	memset(p, 0x5a, big);
	CHECK("heap", p[0] == 0x5a && p[big - 1] == 0x5a, "8 MiB not usable");
	free(p);

	CHECK("heap", calloc(half, 4) == NULL, "calloc overflow not caught");
	CHECK("heap", malloc(huge) == NULL, "absurd malloc succeeded");

	n1 = exhaust();
	CHECK("heap", n1 >= 8 && n1 < MAX_CHUNKS, "%zu MiB before exhaustion", n1);
	printf("heap: exhausted after %zu MiB\n", n1);
	for (size_t i = 0; i < n1; i++)
		free(chunks[i]);
	n2 = exhaust(); /* everything freed is usable again */
	CHECK("heap", n2 + 1 >= n1, "only %zu MiB after freeing %zu", n2, n1);
	for (size_t i = 0; i < n2; i++)
		free(chunks[i]);
	TEST_PASS("heap");
	return 0;
}
