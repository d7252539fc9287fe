/*
 * libOS options on the command line (library `core`).
 *
 * Every argument of the form `unik.KEY=VALUE` (or a bare `unik.KEY`, whose
 * value is "") belongs to the libOS: the core removes it from argv before
 * main() runs and keeps it for the libraries, which read it from their
 * UNIK_INIT hooks with unik_cmdline_get("KEY"). The same arguments work on
 * both targets: on unix after the program name, on Xen in `extra=`.
 *
 *   ./echo unik.tap=tap1 unik.ip=10.0.0.2/24 -v   -> main sees: ./echo -v
 *
 * An app therefore never sees an argument starting with "unik."; options
 * that no library asked for are reported once after start-up (typos).
 */
#ifndef UNIK_CMDLINE_H
#define UNIK_CMDLINE_H

/* Options kept at most; further ones are reported and ignored. */
#define UNIK_CMDLINE_MAX 32

/*
 * Remove the libOS options from argv in place (order of the others kept,
 * argv[new argc] = NULL) and remember them. Returns the new argc. Called
 * once by the core before the UNIK_INIT hooks; the strings must live as
 * long as the image (argv's do).
 */
int unik_cmdline_init(int argc, char **argv);

/*
 * Value of option KEY (without the "unik." prefix), or NULL when absent.
 * When given twice, the last one wins, as with most command lines.
 */
const char *unik_cmdline_get(const char *key);

/* Print one console line per option that no unik_cmdline_get() asked for. */
void unik_cmdline_report_unused(void);

#endif
