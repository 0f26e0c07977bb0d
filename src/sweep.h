/*
 * sweep: runs of one experiment over the cartesian product of axes (any section.key, or the
 * shorthands policy, selection, param, seed, day, vms), on N threads, with one stats row per run
 * in axis order (the first axis varies slowest) whatever N is. Each trace day is read once per
 * sweep and shared read-only by every run of that day.
 *
 * Axis values: "a,b,c" (or "a;b;c" when a value holds commas, e.g. param=0.3,0.7;0.4,0.8), a
 * decimal range "start:end:step" with exact decimal steps (0.5:0.9:0.1 is 0.5, 0.6, 0.7, 0.8,
 * 0.9, never 0.30000000000000004; the end is included when a step lands on it), or day=all for
 * every day of the experiment's traces folder.
 */
#ifndef GREENMIG_SWEEP_H
#define GREENMIG_SWEEP_H

#include <stdio.h>

#include "config.h"
#include "diag.h"

#define SWEEP_MAX_AXES 16

struct sweep_axis {
	char name[64];  /* as given on the command line */
	char key[160];  /* the experiment key it sets (section.key) */
	int n;
	char **values;  /* n values (the range expanded; "all" days expanded by sweep_prepare) */
};

/* Parses "NAME=VALUES". 0, or -1 with a message naming what is wrong. */
int sweep_axis_parse(const char *spec, struct sweep_axis *a, struct diag *d);
void sweep_axis_free(struct sweep_axis *a);

/*
 * Expands day=all from base's traces and checks that every value of every axis can be set on
 * base (known key, well-formed value) before anything runs. 0, or -1 with messages.
 */
int sweep_prepare(const struct experiment *base, struct sweep_axis *axes, int n_axes, struct diag *d);

/* The number of runs: the product of the axes' sizes (-1 if it exceeds 10,000,000). */
long sweep_count(const struct sweep_axis *axes, int n_axes);

/* The values of run i (index into each axis), the first axis varying slowest. */
void sweep_combination(const struct sweep_axis *axes, int n_axes, long i, int *pick);

/* One run's outcome: its CSV row (axis values then the stats row, newline-terminated), or the
 * error that stopped it (bad input for that combination, e.g. a policy that takes no param). */
struct sweep_result {
	char *row;
	char *error;
};

/*
 * Runs all combinations on `threads` threads (>= 1). progress (may be NULL) is called after each
 * run with the count done, from one thread at a time. results gets sweep_count entries (free
 * with sweep_results_free). 0, or -1 (out of memory, with a message).
 */
int sweep_run(const struct experiment *base, const struct sweep_axis *axes, int n_axes, int threads,
	      void (*progress)(void *ctx, long done, long total), void *ctx,
	      struct sweep_result **results, struct diag *d);
void sweep_results_free(struct sweep_result *r, long n);

/* The CSV header of a sweep: the axis names, then the stats columns (newline-terminated). */
int sweep_write_header(FILE *out, const struct sweep_axis *axes, int n_axes);

/* The axis values of run i as CSV fields followed by a comma (the start of its row). */
int sweep_write_axis_fields(FILE *out, const struct sweep_axis *axes, int n_axes, long i);

/*
 * Sets the values of run i on e (a copy of base): e is validated afterwards by the caller.
 * 0, or -1 with a message.
 */
int sweep_apply(struct experiment *e, const struct sweep_axis *axes, int n_axes, long i, struct diag *d);

#endif
