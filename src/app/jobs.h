/*
 * jobs: a sweep run as separate jobs (sweep.h), for a batch system or GNU parallel. `sweep
 * --emit-jobs DIR` writes DIR/manifest and one `greenmig run` command per run, each writing its
 * stats to DIR/run-NNNNNN.csv; `merge DIR` joins those files into the CSV the sweep itself
 * would have written, byte for byte.
 *
 * The manifest: the sweep's CSV header line, then one line per run, "run-NNNNNN.csv<TAB>", the
 * run's axis fields (each followed by a comma, as they start the run's row), a tab and its
 * parameter fields (sweep_put_params: each preceded by a comma, as they end the row; nothing
 * if the sweep has no param columns).
 */
#ifndef GREENMIG_JOBS_H
#define GREENMIG_JOBS_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "sweep.h"

/*
 * Writes dir/manifest atomically (creating dir if needed), then to out one shell command per
 * run of s: `SELF run EXPERIMENT [--set ...] --stats DIR/run-NNNNNN.csv --quiet`, every word
 * single-quoted. self is what the commands run (argv[0]); ini the experiment file of the sweep
 * (NULL when an axis names the experiment files). 0, or -1 with a message (the folder cannot
 * be created, a write error).
 */
int jobs_emit(FILE *out, const char *self, const char *dir, const char *ini,
	      const struct sweep_spec *s, struct diag *d);

/* The runs a manifest lists, with their stats rows. */
struct jobs_merge {
	char *header;  /* the sweep's header line, newline-terminated */
	long n;        /* runs read from the manifest */
	char **axes;   /* n: each run's axis fields, as the manifest has them */
	char **rows;   /* n: the run's CSV row (axis fields, stats row), or NULL ... */
	char **error;  /* ... and why: "DIR/run-000002.csv is missing" (NULL where rows[i] is set) */
	long failed;   /* runs with an error */
	int param_columns;  /* the header's param1 ... */
	uint64_t dropped;   /* the stats columns the axes have (sweep_dropped_columns) */
	unsigned models;    /* the models whose columns the sweep has (REPORT_MODEL_*) */
};

/*
 * Reads dir/manifest and the stats file of every run it lists into m (free with
 * jobs_merge_free, whatever the result). A missing stats file (a job that has not run) is not
 * an error of the call: it is m->error[i]. A stats file that exists but is not one run's stats
 * (another header, no row or several, a row cut short or with another number of fields, a
 * value that is not a number in a numeric column, a policy, selection or param other than the
 * run's axis value) is bad input: a message "FILE:LINE: ..." for each, and 1. 1 also for a
 * malformed manifest (its header must be a sweep's, sweep_header_parse; each line
 * FILE<TAB>axis values<TAB>parameter values, as many as the header names); m then holds the runs
 * before the bad line. -1 out of memory. The caller writes the merge only on 0.
 */
int jobs_merge_read(const char *dir, struct jobs_merge *m, struct diag *d);

/* The merged CSV (the header, then the rows that exist) to path atomically, "-" = stdout. 0 or
 * -1 with a message. */
int jobs_merge_write(const char *path, const struct jobs_merge *m, struct diag *d);

void jobs_merge_free(struct jobs_merge *m);

#endif
