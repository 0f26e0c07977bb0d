/*
 * sweep: runs of experiments over the cartesian product of axes, on N threads, with one stats row
 * per run in axis order (the first axis varies slowest) whatever N is. Each trace day is read once
 * per sweep and shared read-only by every run of that day.
 *
 * An axis is NAME=VALUES. NAME: policy, selection, param, seed, day, vms (shorthands), any
 * SECTION.KEY of the experiment file, or `experiment` (an experiment file per value); several
 * names joined by '|' make one axis whose values set them together ("policy|param=thr|0.8;lr|1.2").
 * VALUES: "a,b,c" (or "a;b;c" when a value holds commas, e.g. param=0.3,0.7;0.4,0.8, and always
 * for joined names); a decimal range "start:end:step" with exact decimal steps (0.5:0.9:0.1 is
 * 0.5, 0.6, 0.7, 0.8, 0.9, never 0.30000000000000004; the end is included when a step lands on
 * it); "all" for day (every day of the traces folder); or @FILE, one value per line ('#' starts
 * a comment; experiment files named there are relative to FILE's folder).
 */
#ifndef GREENMIG_SWEEP_H
#define GREENMIG_SWEEP_H

#include <stdint.h>
#include <stdio.h>

#include <greenmig/policy.h>

#include "config.h"
#include "diag.h"

#define SWEEP_MAX_AXES 16
#define SWEEP_MAX_PARTS 8

struct sweep_axis {
	char name[512];                             /* as given */
	int parts;                                  /* names joined by '|' (1 for most axes) */
	char part_name[SWEEP_MAX_PARTS][64];
	char part_key[SWEEP_MAX_PARTS][160];        /* section.key, or "experiment" */
	int n;
	char **values;                              /* n values; joined parts separated by '|' */
	char dir[CONFIG_PATH_LEN];                  /* @FILE's folder ("" otherwise) */
};

/* What a sweep runs: the axes over a base experiment, or over the files an axis names. */
struct sweep_spec {
	const struct experiment *base; /* loaded with the --set overrides; NULL if an axis names
					* the experiment files */
	const char *default_traces;    /* config_defaults' traces, for experiment files */
	char *const *sets;             /* --set overrides, applied after each experiment file */
	int n_sets;
	struct sweep_axis *axes;
	int n_axes;
	unsigned models;               /* set by sweep_prepare: the models (REPORT_MODEL_*) some run
					* may turn on; their stats columns follow the usual ones */
};

/*
 * Sets up s for a sweep: with ini (may be NULL: an axis names the experiment files) base gets
 * config_defaults(traces), the file and the --set overrides sets[0..n_sets-1]; the axes
 * vary[0..n_vary-1] are parsed into axes (SWEEP_MAX_AXES; free each of s->n_axes with
 * sweep_axis_free, also on failure) and checked (sweep_prepare). 0, or -1 with messages (bad
 * input).
 */
int sweep_load(struct sweep_spec *s, struct experiment *base, const char *ini, const char *traces,
	       char *const *sets, int n_sets, char *const *vary, int n_vary, struct sweep_axis *axes,
	       struct diag *d);

/* Parses "NAME=VALUES". 0, or -1 with a message naming what is wrong. */
int sweep_axis_parse(const char *spec, struct sweep_axis *a, struct diag *d);
void sweep_axis_free(struct sweep_axis *a);

/*
 * Expands day=all and checks, before anything runs, that every experiment file loads and every
 * value can be set (known key, well-formed value); sets s->models. 0, or -1 with messages.
 */
int sweep_prepare(struct sweep_spec *s, struct diag *d);

/* The number of runs: the product of the axes' sizes (-1 beyond 10,000,000). */
long sweep_count(const struct sweep_axis *axes, int n_axes);

/* The value index of run i on each axis, the first axis varying slowest. */
void sweep_combination(const struct sweep_axis *axes, int n_axes, long i, int *pick);

/* Part p of a value ("x|y|z") into out. */
void sweep_value_part(const char *value, int p, char *out, size_t n);

/* Calls fn with each "SECTION.KEY=VALUE" that run i's axis values set (experiment axes aside),
 * in axis order; stops at fn's first nonzero return. 0 or -1. */
int sweep_each_set(const struct sweep_spec *s, long i, int (*fn)(void *ctx, const char *assignment),
		   void *ctx);

/* The experiment file of run i if an axis names it (resolved against @FILE's folder), else NULL. */
const char *sweep_experiment_path(const struct sweep_spec *s, long i, char *buf, size_t n);

/* e = the experiment of run i (the base, or its file with the --set overrides, then the axis
 * values). The caller validates it. 0, or -1 with a message. */
int sweep_apply(const struct sweep_spec *s, long i, struct experiment *e, struct diag *d);

/*
 * sweep_prepare's check that the trace days the runs will read exist (sweep_run.c): every value of
 * a day axis, or the experiment's own day, a day the experiment file names at its line. Skipped
 * when an axis varies the experiment file, the traces or the model (then each run reports its
 * own). ref is the reference experiment, scratch room for one. The number of errors.
 */
int sweep_check_days(const struct sweep_spec *s, const struct experiment *ref, struct experiment *scratch,
		     struct diag *d);

/*
 * The models (REPORT_MODEL_*) the runs' traces turn on: REPORT_MODEL_MEMORY when some run's trace
 * day has a memory series (its packed header read, once a file), so that the sweep's header, its
 * rows and the merge of its jobs carry the memory columns. A run whose experiment or trace cannot
 * be read is left to report that itself.
 */
unsigned sweep_trace_models(const struct sweep_spec *s);

/* One run's outcome: its CSV row (axis values then the stats row, newline-terminated), or the
 * error that stopped it. */
struct sweep_result {
	char *row;
	char *error;
};

/*
 * Runs all combinations on `threads` threads (>= 1). progress (may be NULL) is called after each
 * run with the count done, from one thread at a time. *results gets sweep_count entries (free
 * with sweep_results_free). 0, or -1 (out of memory, with a message).
 */
int sweep_run(const struct sweep_spec *s, int threads, void (*progress)(void *ctx, long done, long total),
	      void *ctx, struct sweep_result **results, struct diag *d);
void sweep_results_free(struct sweep_result *r, long n);

/* What a resumed sweep adds (journal.h): the rows of runs done before, and a call per run. */
struct sweep_resume {
	char **rows;  /* sweep_count entries: run i's row, not run again; NULL: run it. sweep_run_resumed
		       * takes the rows (they are freed with the results): free only the array */
	void (*finished)(void *ctx, long i, const struct sweep_result *r); /* one thread at a time */
	void *ctx;
};

/* sweep_run, with the runs of rs->rows done already and rs->finished called after each run. */
int sweep_run_resumed(const struct sweep_spec *s, int threads, void (*progress)(void *ctx, long done, long total),
		      void *ctx, const struct sweep_resume *rs, struct sweep_result **results, struct diag *d);

/* Run i's axis values for messages: "policy=thr, param=0.8" (each axis's name and value). */
void sweep_describe_run(const struct sweep_axis *axes, int n_axes, long i, char *buf, size_t n);

/* The sweep's CSV (the header, then the rows of the runs that did not fail) to path atomically,
 * "-" = stdout. 0 or -1 with a message. */
int sweep_write_file(const char *path, const struct sweep_spec *s, const struct sweep_result *res,
		     long n, struct diag *d);

/*
 * The sweep's CSV, each column once. The header: the axis (part)
 * names in axis order; the stats columns of report_stats_header but those an axis already
 * has (an axis named policy, selection, param, seed, day or vms keeps its value, what was set:
 * a plugin's path, "all" VMs; the stats column of that name is left out); then param1 ..
 * param<sweep_param_columns(s)>, the numbers of the policy's parameters that the run used (its default
 * when no param was set; NaN where the run's policy takes fewer). A row: the same fields in the
 * same order, newline-terminated.
 */
int sweep_write_header(FILE *out, const struct sweep_spec *s);

/* The axis values of run i as CSV fields, each followed by a comma (the start of its row). */
int sweep_write_axis_fields(FILE *out, const struct sweep_axis *axes, int n_axes, long i);

/* The stats columns that axes named names[0 .. n-1] leave out: bit c for column c of
 * report_stats_header. */
uint64_t sweep_dropped_columns(const char *const *names, int n);

/* sweep_dropped_columns of the axes' part names. */
uint64_t sweep_axes_dropped(const struct sweep_axis *axes, int n_axes);

/* The fields of stats_row (a row of report_stats_row_cols) but the dropped ones, comma-separated,
 * no line end; the model columns after the usual ones pass as they are. 0, or -1 (a malformed
 * row, a write error). */
int sweep_put_stats(FILE *out, const char *stats_row, uint64_t dropped);

/* The parameter fields of a row: ",V1,...,V<columns>", v[k] for k < n and NaN beyond, each in the
 * shortest form that reads back as the same double. 0 or -1. */
int sweep_put_params(FILE *out, const double *v, int n, int columns);

/* The number of param columns: the most parameters a policy of the sweep takes (the policy
 * axis's values, else the experiment files', else the base's policy). */
int sweep_param_columns(const struct sweep_spec *s);

/* The parameters of run i (its policy's numbers, its default when no param is set) into v; the
 * count (0 if its policy takes none, or the run cannot be prepared: it fails when it runs). */
int sweep_run_params(const struct sweep_spec *s, long i, double v[GM_MAX_PARAMS]);

/* The numbers of param (NULL or "": p's default) for policy p into v; their count (0 if p takes
 * none or param is not p's). */
int sweep_policy_params(const struct gm_policy *p, const char *param, double v[GM_MAX_PARAMS]);

/*
 * Whether line (a CSV header line, its line end optional) is a sweep's as sweep_write_header
 * writes it, or the stats header alone (no axis): 0 with the number of axis columns, of param
 * columns, the stats columns left out and the models whose columns follow the stats columns;
 * -1 if not.
 */
int sweep_header_parse(const char *line, int *axis_cols, int *param_cols, uint64_t *dropped, unsigned *models);

#endif
