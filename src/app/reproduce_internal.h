/*
 * reproduce_internal: what reproduce.c (the grids and the runs) hands to reproduce_out.c (every
 * file written from the runs: table1.csv and .md, the plot data). Private to the reproduce module.
 */
#ifndef GREENMIG_REPRODUCE_INTERNAL_H
#define GREENMIG_REPRODUCE_INTERNAL_H

#include <stdbool.h>

#include "config.h"
#include "diag.h"
#include "reproduce.h"

/* The policy families of the plots: one colour and marker each (sla-vs-energy). */
enum family { FAM_NPA, FAM_DVFS, FAM_ST, FAM_MM, FAM_DRR, FAM_DRR2010, FAM_CONTROLLER, FAM_OTHER, N_FAMILIES };

#define ROW_TABLE 1u /* a row of table1.md's main table, of tradeoff.csv and migrations.csv */
#define ROW_CURVE 2u /* a point of threshold.csv's lines: ST without the stay quirk, every MM pair */

struct grid_row {
	const char *policy;      /* a name or a plugin's path (static, or the caller's string) */
	char param[32];
	char set[96];            /* "SECTION.KEY=VALUE" the row sets besides policy and param, or "" */
	char label[96];          /* "MM 30-70 %" */
	char short_label[32];    /* beside its point in sla-vs-energy, the family being in the legend */
	double lower, upper;     /* thresholds (MM: both, ST: the upper only); NaN where none */
	enum family fam;
	unsigned flags;
};

/* MM over the whole grid of lower x upper thresholds (lower < upper), in tenths; the four pairs
 * the 2010 paper published or the old grid had (upper = lower + 0.4) are rows of the table. */
#define MM_LOWER_FIRST 1
#define MM_LOWER_LAST 6
#define MM_UPPER_FIRST 5
#define MM_UPPER_LAST 10

/* The columns of a run's stats row that reproduce aggregates. */
enum metric { M_ENERGY, M_MIGRATIONS, M_VIOLATION, M_AVERAGE, M_OVERALL, M_SLAV, M_MTIME, N_METRICS };

/* What one grid row's runs gave: one value per run and metric (NaN where the run has none;
 * sla_overall in %), and for each run the value of its second axis (seed or day). */
struct agg {
	int runs;
	double *v[N_METRICS];
	char **at;
};

/* The runs of one `greenmig reproduce`, as its outputs take them. */
struct reproduce_data {
	const struct reproduce_options *o;
	struct grid_row *g10, *gpl; /* the 2010 model's rows, the PlanetLab paper setup's */
	int n10, npl;
	struct agg *a10, *apl, *asec; /* per row: the 2010 runs, PlanetLab, PlanetLab secure */
	bool have_drr2010;            /* whether this build has the drr2010 policy (its rows ran) */
	char sets10[1024], setspl[1024]; /* the overrides each setup ran with, for the tables ("" none) */
};

/* Mean and 95 % interval (Student t; report_mean_ci) of metric m over a's runs. */
void agg_stat(const struct agg *a, enum metric m, double *mean, double *half);

/* Writes every table and plot file of r into r->o->out_dir (each atomically). 0, or -1 with
 * messages. */
int reproduce_write(const struct reproduce_data *r, struct diag *d);

#endif
