/*
 * report: what a run prints and writes. Formatting only, no arithmetic on results.
 *
 * The summary has the lines CloudSim's Helper.printResults prints; the stats CSV has a header
 * and one row whose first columns are the reference tables' columns, in full double precision
 * (%.17g, C locale, NaN as "NaN"), then greenmig's own columns.
 */
#ifndef GREENMIG_REPORT_H
#define GREENMIG_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "calibrate.h"
#include "config.h"
#include "diag.h"
#include "metrics.h"
#include "pagemig.h"
#include "sim.h"

/*
 * One run as the reports take it: what the simulation computed (the 2010 model's results in the
 * same shape: run_result2010), the metrics of its history entries and what needs both. Filled by
 * run.h.
 */
struct run_result {
	struct sim_result sim;
	struct metrics_result m;  /* SLA, shutdown and migration-time metrics */
	double mean_active_hosts; /* active host-seconds / simulated seconds with histories */
};

/* With security minus without, and security's own share of the secure run. */
struct security_diff {
	double energy_kwh, energy_pct;   /* pct: of the run without security (0 if it used none) */
	double slav, slav_pct;
	double migration_time_s;
	double security_time_s;          /* the secure run's migration time spent on security */
	double security_energy_kwh;      /* its crypto energy */
	double security_downtime_s;
	double security_mb;              /* MB (1e6 bytes) security added on the wire */
};

/* The stats header line, without the newline (static storage). */
const char *report_stats_header(void);

/* Writes the human summary of run r of experiment e (day name `day`) to out. 0 or -1. */
int report_summary(FILE *out, const struct experiment *e, const char *day,
		   const struct run_result *r);

/* Writes the stats header and row to out. 0 or -1 (write error). */
int report_stats(FILE *out, const struct experiment *e, const char *day, const struct run_result *r);

/*
 * Writes the stats CSV to path as report_write_file does. 0 or -1 with a message.
 */
int report_stats_file(const char *path, const struct experiment *e, const char *day,
		      const struct run_result *r, struct diag *d);

/* One stats row (no header), newline-terminated. 0 or -1. */
int report_stats_row(FILE *out, const struct experiment *e, const char *day, const struct run_result *r);
/* The same row with the model columns of `columns` after the usual ones (a sweep's), each NaN
 * where e does not turn its model on. */
int report_stats_row_cols(FILE *out, const struct experiment *e, const char *day, const struct run_result *r,
			  unsigned columns);

/* One CSV field: as is, or double-quoted (quotes doubled) if it holds a comma, quote or newline. */
int report_csv_field(FILE *out, const char *s);

/*
 * Splits the CSV record at s (RFC 4180 quotes; it ends at an unquoted '\n' or the end of the
 * text) into fields, unquoted into buf (at least strlen(s) + 1 bytes); f[k] gets field k for k
 * < max (f may be NULL with max 0: count only). The field count, or -1 if a quote is not closed
 * or a field has text after its closing quote. *end: where it stopped ('\n' or NUL). Fields
 * written back with report_csv_field give the record's bytes again.
 */
int report_csv_split(const char *s, char *buf, const char **f, int max, const char **end);

/* The number of columns of the stats header. */
int report_stats_columns(void);

/* The stats header and one row per seed (seeds[i] in the seed column). 0 or -1. */
int report_stats_rows(FILE *out, const struct experiment *e, const char *day,
		      const struct run_result *r, const uint64_t *seeds, int n);

/* report_stats_rows written atomically to path ("-" = stdout). 0 or -1 with a message. */
int report_stats_rows_file(const char *path, const struct experiment *e, const char *day,
			   const struct run_result *r, const uint64_t *seeds, int n, struct diag *d);

/* Mean of the non-NaN x[i] and the half width of its 95 % interval (Student t; NaN below 2). */
void report_mean_ci(const double *x, int n, double *mean, double *half);

/* The summary of n runs that differ only in their seed: each metric's mean +- 95 % interval. */
int report_seeds_summary(FILE *out, const struct experiment *e, const struct run_result *r,
			 const uint64_t *seeds, int n);

/* The --timeline CSV: a header and one row per scheduling step, with the columns of the models
 * in `models` (report_models) after the usual ones. 0 or -1. */
int report_timeline(FILE *out, const struct timeline_row *rows, int n, unsigned models);

/*
 * The columns of the models that are off by default (report_power.c): they follow the usual
 * stats columns (run --stats; a sweep's rows: the columns of every model some run turns on) and
 * timeline columns only when the experiment turns their model on.
 */
enum {
	REPORT_MODEL_STATES = 1u << 0, /* [power] states = yes */
	REPORT_MODEL_PARTS = 1u << 1,  /* [power] parts = yes */
	REPORT_MODEL_FACILITY = 1u << 2, /* [facility] enabled = yes */
	REPORT_MODEL_VM_ENERGY = 1u << 3, /* [power] vm_energy = yes */
	REPORT_MODEL_NETWORK = 1u << 4, /* [network] topology other than none */
	REPORT_MODEL_MEMORY = 1u << 5, /* the trace has a memory series (report_models_of_run) */
	REPORT_MODEL_ALL = (1u << 6) - 1,
	REPORT_MODEL_NONE_MATCH = 1u << 6, /* report_power_models_of: no set of models has these names */
};
struct report_column {
	const char *name;
	const char *unit;
	const char *meaning;
	unsigned model;                /* REPORT_MODEL_* */
};
/* The models experiment e turns on (REPORT_MODEL_* bits; 0 without any). */
unsigned report_models(const struct experiment *e);
/* report_models, and the memory columns when run r's trace had a memory series
 * (doc/memory.md#outputs): a run's stats and timeline. */
unsigned report_models_of_run(const struct experiment *e, const struct run_result *r);
/* The models e's keys ask for, whatever its simulation model (a 2010 run has none of them). */
unsigned report_models_asked(const struct experiment *e);
/* Column i of the stats (timeline: of the timeline) extras, NULL past the last. */
const struct report_column *report_power_column(int i, bool timeline);
/* ",name,..." of the columns of `models`. 0 or -1. */
int report_power_header(FILE *out, unsigned models, bool timeline);
/* ",value,..." of run r (the columns of `columns`; NaN for those of a model not in `models`, the
 * run's own), of timeline row r. 0 or -1. */
int report_power_row(FILE *out, unsigned columns, unsigned models, const struct run_result *r);
/* How many stats (timeline) columns the models have. */
int report_power_count(unsigned models, bool timeline);
/* The models whose stats columns are exactly names[0..n-1] in order, or REPORT_MODEL_NONE_MATCH. */
unsigned report_power_models_of(const char **names, int n);
int report_power_timeline_row(FILE *out, unsigned models, const struct timeline_row *r);
/* The per-VM energy CSV (--vm-energy): a header and one row per VM, in id order. 0 or -1. */
int report_vm_energy(FILE *out, const struct vm_energy *v, int n);

/*
 * Writes path with write(f, ctx) as outfile_write does ("-" = stdout; a regular file replaced
 * atomically through a temporary file beside it, nothing left behind on failure; a FIFO or device
 * written in place). 0 or -1 with a message.
 */
int report_write_file(const char *path, int (*write)(FILE *, const void *), const void *ctx,
		      struct diag *d);

/* Java's String.format("%.Nf") (HALF_UP on the shortest decimal form) and Double.toString. */
void report_java_fixed(char *buf, size_t n, int places, double x);
void report_java_double(char *buf, size_t n, double x);

/* CloudSim's experiment name: DAY_POLICY[_SELECTION][_PARAM] (RunnerAbstract.getExperimentName). */
void report_cloudsim_name(char *buf, size_t n, const struct experiment *e, const char *day);

/*
 * CloudSim's stats row (Helper.printResults, CSV mode): name, the name's four fields, then the
 * metrics in its formats, each followed by a comma; consolidating policies add CloudSim's eight
 * execution-time columns, written as NaN (not measured: output stays reproducible). 0 or -1.
 */
int report_cloudsim_row(char *buf, size_t n, const struct experiment *e, const char *day,
			const struct run_result *r, bool consolidating);

/*
 * Writes under dir what CloudSim's examples write with CSV output: stats/NAME_stats.csv,
 * time_before_host_shutdown/NAME_time_before_host_shutdown.csv and
 * time_before_vm_migration/NAME_time_before_vm_migration.csv (one Double.toString value per
 * line). Each file atomically. 0 or -1 with a message.
 */
int report_cloudsim(const char *dir, const struct experiment *e, const char *day,
		    const struct run_result *r, bool consolidating, struct diag *d);

/*
 * The summary of `run --compare-security`: e's header line, the runs without (r[0]) and with
 * (r[1]) security, their difference and security's share (diff). 0 or -1 (write error).
 */
int report_security_compare(FILE *out, const struct experiment *e, const char *day,
			    const struct run_result r[2], const struct security_diff *diff);

/*
 * `greenmig policies`: one block per policy of the registry (name, summary, the engines it runs
 * on, its parameter and default, whether it migrates, the CloudSim class or paper it reproduces,
 * "-" for none), then the VM selections; or with csv the header
 * "name,engines,params,default,migrations,reproduces,summary" and one row per policy (engines
 * "cloudsim3", "2010" or "cloudsim3 2010"; empty fields for none). 0 or -1 (write error).
 */
int report_policies(FILE *out, bool csv);

/* `greenmig migrate`: "--attack" names, the attack called name (-1 if none is). */
int report_attack_find(const char *name);

/* The parameters p and result r of one page-level migration as key=value lines, or with json
 * as one JSON object on one line. 0 or -1 (write error). */
int report_migration(FILE *out, const struct pagemig_params *p, const struct pagemig_result *r,
		     bool json);

/*
 * `greenmig calibrate`: c as comment lines naming the CPU (/proc/cpuinfo's model name, or
 * "unknown CPU") and the [security] lines to paste into an experiment file. 0 or -1.
 */
int report_calibration(FILE *out, const struct calibration *c);

#endif
