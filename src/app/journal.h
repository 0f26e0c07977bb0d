/*
 * journal: the finished runs of a sweep, appended as they complete to a file beside its output
 * (OUT.journal), so that `sweep --resume` after an interrupted sweep (SIGINT, SIGKILL, a crash)
 * runs only the missing ones and writes the same CSV as an uninterrupted sweep, byte for byte.
 *
 * Format: a header line "greenmig sweep journal 1 HASH RUNS", HASH the sweep's spec hash
 * (journal_sweep_hash, 16 hex digits), RUNS its number of runs; then one record per run that
 * did not fail, in the order they finished: "INDEX LENGTH CHECK<TAB>ROW", INDEX from 0, ROW
 * the run's CSV row (LENGTH bytes, newline-terminated, may hold quoted newlines), CHECK its
 * FNV-1a hash (16 hex digits). Each record is one write(2), so a killed process leaves at most
 * its last record cut short: the reader ignores a record cut short or failing its check, and
 * everything after it (those runs run again). Writes are fdatasync'd at most once a second:
 * the process can die at any point; a power loss loses at most the last second's runs.
 */
#ifndef GREENMIG_JOURNAL_H
#define GREENMIG_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "diag.h"
#include "sweep.h"

struct journal {
	int fd;               /* -1: closed */
	char path[4200];
	int error;            /* errno of the first failed write (later records are not written) */
	struct timespec synced; /* CLOCK_MONOTONIC of the last fdatasync */
};

/*
 * The hash of what decides a sweep's CSV: greenmig's version and the layout of its rows (a
 * journal of rows with other columns belongs to another sweep), the experiment file ini (NULL if
 * an axis names them) and every experiment file an axis names (path and contents), the --set
 * overrides, the axes (names and values, day=all expanded). Not the trace files' contents.
 */
uint64_t journal_sweep_hash(const struct sweep_spec *s, const char *ini);

/* Creates the journal path (which must not exist: an interrupted sweep's journal is kept) and
 * writes its header. 0, or -1 with a message. */
int journal_create(struct journal *j, const char *path, uint64_t hash, long runs, struct diag *d);

/*
 * Parses a journal's text (len bytes) for the sweep of this hash and number of runs: rows[i]
 * (runs entries, NULL on entry) gets run i's row (malloc'd, the caller frees) for each valid
 * record; *valid the length of the text up to the first record cut short or bad (the rest is
 * ignored). 0; 1 with a message naming path if the header is not a journal of this sweep; -1
 * out of memory.
 */
int journal_parse(const char *path, const char *text, size_t len, uint64_t hash, long runs,
		  char **rows, size_t *valid, struct diag *d);

/*
 * Reads the journal path (journal_parse), cuts off what follows its last valid record and opens
 * it for appending. *found: the rows read. 0; 1 (no journal, another sweep's: messages); -1.
 */
int journal_resume(struct journal *j, const char *path, uint64_t hash, long runs, char **rows,
		   long *found, struct diag *d);

/* Appends run i's row. A failed write is kept in j->error; the sweep goes on. */
void journal_add(struct journal *j, long i, const char *row);

/* Closes j; with remove, deletes its file (the sweep's output is written). */
void journal_close(struct journal *j, bool remove);

#endif
