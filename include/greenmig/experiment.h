/*
 * greenmig/experiment.h: running an experiment from C. Load an experiment file, change what
 * you want (the same names as `greenmig run`'s options and `--set SECTION.KEY`), run it, and
 * read the result: every column of `greenmig run --stats` by name, and the timeline of the
 * scheduling steps. The numbers are those of the command line to the bit.
 *
 *     char err[1024];
 *     gm_experiment *e = gm_experiment_load("examples/paper.ini", err, sizeof err);
 *     gm_experiment_set(e, "policy", "lr", err, sizeof err);
 *     gm_result *r = gm_run(e, err, sizeof err);
 *     printf("%.2f kWh\n", gm_result_value(r, "energy_kwh"));
 *     gm_result_free(r);
 *     gm_experiment_free(e);
 *
 * Errors: functions that can fail return NULL or -1 and put the message (for bad input
 * "file:line: what was expected", several lines if there are several) into err[0 .. n - 1].
 * Nothing here prints or exits. Experiments and results are independent objects: several
 * threads may run their own experiments at once.
 * Link with `pkg-config --libs greenmig`.
 */
#ifndef GREENMIG_EXPERIMENT_H
#define GREENMIG_EXPERIMENT_H

#include <stddef.h>
#include <stdio.h>

#include <greenmig/policy.h>
#include <greenmig/version.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gm_experiment gm_experiment;
typedef struct gm_result gm_result;

/* Reads the experiment file at path. NULL on bad input (the messages in err). */
gm_experiment *gm_experiment_load(const char *path, char *err, size_t n);

/*
 * Changes one setting: name is one of policy, selection, param, seed, day, traces, vms (as the
 * command line's options; policy may be a plugin's path), or SECTION.KEY of the experiment
 * file. 0, or -1 (bad name or value: the message in err).
 */
int gm_experiment_set(gm_experiment *e, const char *name, const char *value, char *err, size_t n);

void gm_experiment_free(gm_experiment *e);

/*
 * Runs the experiment (its CloudSim 3.0.3 engine or 2010 model run, as its file says; for the
 * 2010 model, one seed). NULL on bad input or failure (the message in err).
 */
gm_result *gm_run(const gm_experiment *e, char *err, size_t n);

/* The result's columns: those of `greenmig run --stats`, in that order. */
int gm_result_columns(const gm_result *r);
const char *gm_result_column(const gm_result *r, int i);   /* NULL if i is out of range */
/* A column's value as written in the stats CSV (NULL: no such column). */
const char *gm_result_text(const gm_result *r, const char *column);
/* A numeric column's value (NaN: no such column, or not a number; "NaN" in the CSV is NaN). */
double gm_result_value(const gm_result *r, const char *column);
/* Writes the stats CSV (header and the row) to out. 0 or -1 (write error). */
int gm_result_write_stats(const gm_result *r, FILE *out);

/* One scheduling step (CloudSim 3.0.3 engine runs; `greenmig run --timeline`). */
struct gm_timeline_row {
	double t_s;
	int active_hosts;
	double power_w;
	int overloaded_hosts;
	int migrations_started;
	double energy_kwh;  /* cumulative */
};
int gm_result_timeline_rows(const gm_result *r);  /* 0 for 2010 model runs */
/* Row i into *out: 0, or -1 if i is out of range. */
int gm_result_timeline(const gm_result *r, int i, struct gm_timeline_row *out);

void gm_result_free(gm_result *r);

/*
 * Runs a sweep as `greenmig sweep path --set ... --vary ...` does: the experiment file at path
 * (NULL: an axis names the experiment files) with the overrides sets[0 .. n_sets - 1]
 * ("SECTION.KEY=VALUE"), over the axes vary[0 .. n_vary - 1] ("NAME=VALUES", as --vary), on jobs
 * threads (>= 1). progress (may be NULL) is called after each run with the runs done and the
 * total, from one thread at a time. Returns the sweep's CSV, the bytes `greenmig sweep -o`
 * writes, in a string to free(); NULL on bad input or when a run failed (the messages in err,
 * a failed run's as "run I (AXES) failed: MESSAGE").
 */
char *gm_sweep(const char *path, const char *const *sets, int n_sets, const char *const *vary, int n_vary,
	       int jobs, void (*progress)(void *ctx, long done, long total), void *ctx, char *err, size_t n);

/* Loads a policy plugin (as --policy PATH does) and registers its policy. 0 or -1. */
int gm_policy_load(const char *path, char *err, size_t n);
/* Registers a policy defined by the calling program (p must live as long as the process's
 * runs); then "policy" = p->name runs it. 0 or -1. */
int gm_policy_register(const struct gm_policy *p, char *err, size_t n);

#ifdef __cplusplus
}
#endif

#endif
