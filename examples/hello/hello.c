/*
 * hello: the smallest unik application. Two threads take turns, each
 * sleeping between lines, so their output interleaves; main joins both and
 * exits 0 (on Xen: the domain powers off).
 */
#include <unik/unik.h>

#include <stdio.h>

struct worker {
	const char *name;
	unsigned period_ms;
	int rounds;
};

static void work(void *arg)
{
	const struct worker *w = arg;

	for (int i = 1; i <= w->rounds; i++) {
		unik_sleep_ms(w->period_ms);
		printf("%s: round %d of %d\n", w->name, i, w->rounds);
	}
}

int main(int argc, char **argv)
{
	static struct worker ping = {"ping", 20, 4}, pong = {"pong", 30, 3};
	struct unik_thread *a, *b;

	printf("hello from unik on %s (%s, %d arg%s)\n", unik_target(), argv[0],
	       argc - 1, argc == 2 ? "" : "s");
	if (unik_thread_create(&a, "ping", work, &ping, 0) < 0 ||
	    unik_thread_create(&b, "pong", work, &pong, 0) < 0) {
		printf("cannot create threads\n");
		return 1;
	}
	unik_thread_join(a);
	unik_thread_join(b);
	printf("hello: both threads done, bye\n");
	return 0;
}
