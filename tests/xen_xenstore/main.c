/*
 * xen_xenstore: reads `name` and `domid`, writes and reads back under
 * data/, lists a directory, runs a transaction (and a conflicting one
 * that must be retried), sees a watch fire on its own write, reads a
 * missing key (-ENOENT) and writes where it may not (-EACCES).
 */
#include <unik/unik.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "unik_test.h"
#include "xenbus.h"

#define T "xen_xenstore"

static int txn_body(xs_txn_t t, void *arg)
{
	int *runs = arg, rc;
	char v[16];

	(*runs)++;
	if ((rc = xs_read(t, "data/unik-txn/count", v, sizeof(v))) < 0)
		return rc;
	/* On the first run, change what we just read behind the
	 * transaction's back: its commit must fail with EAGAIN and
	 * xs_transaction must run us again. */
	if (*runs == 1 &&
	    (rc = xs_write(XS_NO_TXN, "data/unik-txn/count", "5")) < 0)
		return rc;
	if ((rc = xs_printf(t, "data/unik-txn/count", "%d", v[0] - '0' + 1)) <
	    0)
		return rc;
	return xs_write(t, "data/unik-txn/b", "2");
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

int main(void)
{
	char buf[256], ev[XS_WATCH_PATH_MAX];
	const char *names[16];
	static struct xs_watch w;
	unsigned long domid;
	struct xs_stats st;
	int n, rc, runs = 0;

	CHECK(T, xs_ready(), "XenStore client not up");
	rc = xs_read(XS_NO_TXN, "name", buf, sizeof(buf));
	CHECK(T, rc > 0 && strcmp(buf, T) == 0, "name: rc %d '%s'", rc, buf);
	rc = xs_read_ulong(XS_NO_TXN, "domid", &domid);
	CHECK(T, rc == 0 && domid > 0, "domid: rc %d", rc);
	printf("name %s domid %lu\n", buf, domid);

	CHECK(T,
	      xs_write(XS_NO_TXN, "data/unik-test/key", "hello xenstore") == 0,
	      "write");
	rc = xs_read(XS_NO_TXN, "data/unik-test/key", buf, sizeof(buf));
	CHECK(T, rc == 14 && strcmp(buf, "hello xenstore") == 0,
	      "read back: %d '%s'", rc, buf);
	rc = xs_read(XS_NO_TXN, "data/unik-test/key", buf, 14);
	CHECK(T, rc == -ERANGE, "small buffer: %d", rc);
	CHECK(T, xs_mkdir(XS_NO_TXN, "data/unik-test/sub") == 0, "mkdir");

	n = xs_directory(XS_NO_TXN, "data/unik-test", buf, sizeof(buf), names,
			 16);
	CHECK(T, n == 2, "directory: %d entries", n);
	CHECK(T,
	      (!strcmp(names[0], "key") && !strcmp(names[1], "sub")) ||
		  (!strcmp(names[0], "sub") && !strcmp(names[1], "key")),
	      "directory: %s %s", names[0], names[1]);
	printf("directory data/unik-test: %s %s\n", names[0], names[1]);

	CHECK(T, xs_write(XS_NO_TXN, "data/unik-txn/count", "1") == 0,
	      "txn setup");
	rc = xs_transaction(txn_body, &runs);
	CHECK(T, rc == 0, "transaction: %d", rc);
	rc = xs_read(XS_NO_TXN, "data/unik-txn/count", buf, sizeof(buf));
	CHECK(T, rc == 1 && buf[0] == '6', "txn result '%s' (want 6)", buf);
	CHECK(T, runs == 2,
	      "transaction body ran %d times (want 2: one EAGAIN)", runs);
	printf("transaction: committed after %d runs (one EAGAIN retried)\n",
	       runs);

	CHECK(T, xs_watch_add(&w, "data/unik-watch") == 0, "watch add");
	rc = xs_watch_wait(&w, ev, sizeof(ev), unik_now_ns() + 5000000000ull);
	CHECK(T, rc == 0, "initial watch event: %d", rc);
	CHECK(T, xs_write(XS_NO_TXN, "data/unik-watch/x", "1") == 0,
	      "write watched");
	rc = xs_watch_wait(&w, ev, sizeof(ev), unik_now_ns() + 5000000000ull);
	CHECK(T, rc == 0 && ends_with(ev, "data/unik-watch/x"),
	      "watch: %d '%s'", rc, ev);
	printf("watch fired: %s\n", ev);
	CHECK(T, xs_watch_remove(&w) == 0, "watch remove");

	rc = xs_read(XS_NO_TXN, "data/unik-test/missing", buf, sizeof(buf));
	CHECK(T, rc == -ENOENT, "missing key: %d", rc);
	rc = xs_write(XS_NO_TXN, "/local/domain/0/unik-test", "x");
	CHECK(T, rc == -EACCES, "write outside our tree: %d (want -EACCES)",
	      rc);
	CHECK(T, xs_rm(XS_NO_TXN, "data/unik-test") == 0, "rm");
	rc = xs_read(XS_NO_TXN, "data/unik-test/key", buf, sizeof(buf));
	CHECK(T, rc == -ENOENT, "after rm: %d", rc);

	xs_get_stats(&st);
	printf("xenstore stats: requests %llu replies %llu watch_events %llu "
	       "bad_replies %llu unknown_watch %llu broken %llu\n",
	       (unsigned long long)st.requests, (unsigned long long)st.replies,
	       (unsigned long long)st.watch_events,
	       (unsigned long long)st.bad_replies,
	       (unsigned long long)st.unknown_watch,
	       (unsigned long long)st.broken);
	CHECK(T, st.bad_replies == 0 && st.broken == 0, "bad replies");
	TEST_PASS(T);
	return 0;
}
