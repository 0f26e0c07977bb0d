/*
 * diag: error messages collected by the library for the caller to print.
 *
 * The library never prints or exits. A function that fails returns -1 and adds one or
 * more messages to a struct diag; main.c prints them and picks the exit status. Messages
 * have the form "file:line: text" or "file:line:column: text" (tmux's "%s:%u: %s"), so
 * an editor can jump to the bad input. All bad lines of a file are collected, up to
 * DIAG_MAX messages; the rest are only counted.
 */
#ifndef GREENMIG_DIAG_H
#define GREENMIG_DIAG_H

#include <stddef.h>

#define DIAG_MAX 20       /* messages kept; later ones are counted in dropped */
#define DIAG_MSG_LEN 512  /* bytes per message, including the NUL */

struct diag {
	int count;                         /* messages kept, 0 .. DIAG_MAX */
	int dropped;                       /* messages beyond DIAG_MAX */
	char msg[DIAG_MAX][DIAG_MSG_LEN];
};

void diag_init(struct diag *d);

/*
 * Adds "file:line:col: text". line <= 0 leaves out the line and column, col <= 0 the column;
 * file NULL leaves out the location altogether. Always returns -1 so callers can write
 * "return diag_add(...)".
 */
int diag_add(struct diag *d, const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Total number of errors reported (kept + dropped). */
int diag_errors(const struct diag *d);

#endif
