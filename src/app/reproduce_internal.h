/*
 * reproduce_internal: what reproduce.c (the grids and the runs) hands to reproduce_out.c (every
 * file written from the runs: table1.csv and .md, the plot data). Private to the reproduce module.
 */
#ifndef GREENMIG_REPRODUCE_INTERNAL_H
#define GREENMIG_REPRODUCE_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

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
	char set[256];           /* "SECTION.KEY=VALUE ..." the row sets besides policy and param
				  * (space-separated), or "" */
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

/* The columns of a run's stats row that reproduce aggregates; from M_BOOTS on, the columns of
 * the power models (report_power.c), NaN in the runs of a sweep that has none. */
enum metric {
	M_ENERGY, M_MIGRATIONS, M_VIOLATION, M_AVERAGE, M_OVERALL, M_SLAV, M_MTIME,
	M_BOOTS, M_WAKES, M_VM_WAIT, M_MIG_WAIT, M_OFF_KWH, M_ASLEEP_KWH, M_SAVED_KWH,
	M_FACILITY_KWH, M_CO2, M_COST, M_NET_MIG_MEAN, M_NET_QUEUED, M_NET_SWITCH_KWH,
	N_METRICS
};
#define M_FIRST_OPTIONAL M_BOOTS

/* What one grid row's runs gave: one value per run and metric (NaN where the run has none;
 * sla_overall in %), and for each run the value of its second axis (seed or day). */
struct agg {
	int runs;
	double *v[N_METRICS];
	char **at;
};

/* The power-states section (--power-states, reproduce_power.c): one grid of policy x model rows
 * run on each of two setups over every shipped day. */
#define POWER_SETUPS 2
struct reproduce_power {
	bool on;
	struct grid_row *g;
	int n;
	struct agg *a[POWER_SETUPS];
	char sets[POWER_SETUPS][1024]; /* the overrides each setup ran with ("" none) */
};

/* A grid section's rows (reproduce_power.c, reproduce_network.c): its setups, its policies and
 * the model variants each policy runs under. */
struct reproduce_setup {
	const char *ini, *runs_file, *name, *title;
};
struct reproduce_case {
	const char *policy, *param, *label;
};
struct reproduce_variant {
	const char *name, *set;
};

/* Runs every case x variant row on each of the POWER_SETUPS setups of runs_on over every shipped day into
 * *p (the runs' CSV to each setup's runs_file): the number of failed runs, or -1 with messages. */
long reproduce_grid_run(const struct reproduce_options *o, const struct reproduce_setup *runs_on,
			const struct reproduce_case *cases, int n_policies,
			const struct reproduce_variant *variants, int n_variants, struct reproduce_power *p,
			struct diag *d);

/* The runs of one `greenmig reproduce`, as its outputs take them. */
struct reproduce_data {
	const struct reproduce_options *o;
	struct grid_row *g10, *gpl; /* the 2010 model's rows, the PlanetLab paper setup's */
	int n10, npl;
	struct agg *a10, *apl, *asec; /* per row: the 2010 runs, PlanetLab, PlanetLab secure */
	bool have_drr2010;            /* whether this build has the drr2010 policy (its rows ran) */
	char sets10[1024], setspl[1024]; /* the overrides each setup ran with, for the tables ("" none) */
	struct reproduce_power pow;
	struct reproduce_power net;   /* --network (reproduce_network.c): the same shape */
	unsigned models_present;      /* reproduce_models_present */
};

/* Mean and 95 % interval (Student t; report_mean_ci) of metric m over a's runs. */
void agg_stat(const struct agg *a, enum metric m, double *mean, double *half);

/* Writes every table and plot file of r into r->o->out_dir (each atomically). 0, or -1 with
 * messages. */
int reproduce_write(const struct reproduce_data *r, struct diag *d);

/* reproduce.c: runs one sweep of base over the rows of grid x second_axis, writes its rows to
 * out_dir/runs_file and aggregates them into *agg (n_grid entries, allocated here; agg_free).
 * The number of failed runs, or -1 (messages in d). */
long reproduce_sweep(const struct reproduce_options *o, const struct experiment *base, const struct grid_row *grid,
		     int n_grid, const char *second_axis, const char *runs_file, struct agg **agg_out, struct diag *d);
/* reproduce.c: loads examples_dir/ini with --set and the PlanetLab setup's --set-planetlab, as a
 * run would check it; the overrides into used. 0 or -1 (messages in d). */
int reproduce_load_planetlab_setup(const struct reproduce_options *o, const char *ini, struct experiment *e,
				   char *used, size_t n_used, struct diag *d);
void agg_free(struct agg *a, int n);

/* reproduce_power.c: the section's runs into p (its runs files written), the failed runs'
 * count or -1; its files (power-states.csv, power-states-plot.csv) and its table1.md section. */
long reproduce_power_run(const struct reproduce_options *o, struct reproduce_power *p, struct diag *d);
int reproduce_power_write(const struct reproduce_power *p, const char *dir, struct diag *d);
void reproduce_power_md(FILE *m, const struct reproduce_power *p);
/* The column name of metric m in a run's stats row. */
const char *reproduce_metric_column(enum metric m);
/* table1.csv's trailing columns and table1.md's section for the models off by default that the
 * main setups ran with (--set facility.enabled=yes ...): "NAME_mean,NAME_ci95" of each optional
 * metric some row has; nothing when none has. */
unsigned reproduce_models_present(const struct reproduce_data *r); /* bit m - M_FIRST_OPTIONAL */
void reproduce_models_csv_header(FILE *m, unsigned present);
void reproduce_models_csv_row(FILE *m, const struct agg *a, unsigned present);
void reproduce_models_md(FILE *m, const struct reproduce_data *r);
void reproduce_power_free(struct reproduce_power *p);
/* The files the section writes, NULL-terminated (removed again when reproduce fails). */
extern const char *const reproduce_power_outputs[];
/* reproduce_network.c: the network section (--network) in the same shape: its runs, files
 * (network.csv, network-plot.csv) and table1.md section; freed with reproduce_power_free. */
long reproduce_network_run(const struct reproduce_options *o, struct reproduce_power *p, struct diag *d);
int reproduce_network_write(const struct reproduce_power *p, const char *dir, struct diag *d);
void reproduce_network_md(FILE *m, const struct reproduce_power *p);
extern const char *const reproduce_network_outputs[];

/* Label placement in sla-vs-energy (plots/sla-vs-energy.gp): its plot area in points at print
 * size (a 7 x 3 in figure less its margins, as rendered) and the size of its 8 pt labels (sans:
 * 5.5 pt a character on average, 10 pt a line). Approximate: the labels avoid each other, the
 * points and the key by this model of the figure. */
#define PLOT_W_PT 434.0
#define PLOT_H_PT 138.0
#define CHAR_W_PT 5.5
#define LINE_H_PT 10.0
#define POINT_PT 8.0
/* the key, inside the plot at the top right (set key top right): its left edge in plot
 * fractions; its height is a line per family */
#define KEY_U0 0.66

/* reproduce_labels.c: places the labels of n points (u, v in plot fractions; text lengths len)
 * greedily, each at the first position around its point that overlaps no point, label placed
 * before, the key or the frame (else the least overlapping). The centres into lu, lv; far[i]
 * says that label i is away from its point (a leader line joins them). */
void rp_place_labels(int n, const double *u, const double *v, const int *len, int n_families, double *lu,
		     double *lv, bool *far);

/* reproduce_fmt.c: the outputs' formatting. */
/* Ends one output built in memory (m over *buf): writes it to DIR/NAME atomically, frees it. */
int rp_save_text(FILE *m, char **buf, const char *dir, const char *name, struct diag *d);
/* A grid's two files in dir: table_name written by table, plot_name (the plot's data) by plot;
 * 0, or -1 with messages. */
int rp_save_grid(const struct reproduce_power *p, const char *dir, const char *table_name,
		 void (*table)(FILE *, const struct reproduce_power *), const char *plot_name,
		 void (*plot)(FILE *, const struct reproduce_power *), struct diag *d);
/* A CSV number with `places` decimals, NaN as "NaN". */
void rp_num(FILE *m, int places, double x);
/* A CSV text field, quoted as RFC 4180 says when it needs it. */
void rp_text(FILE *m, const char *s);
/* A gnuplot single-quoted string. */
void rp_gp_string(FILE *m, const char *s);
/* x with `places` decimals (thousands separated when places is 0) and `unit`, or "-". */
void rp_fmt(char *buf, size_t n, int places, const char *unit, double x);
/* "mean +- half" (or "mean" without an interval, "-" without a mean). */
void rp_fmt_ci(char *buf, size_t n, int places, const struct agg *a, enum metric m);
double rp_mean(const struct agg *a, enum metric m);
int rp_find_label(const struct grid_row *g, int n, const char *label);
/* A grid section's CSV row head (reproduce_power.c, reproduce_network.c): "setup,policy,model,
 * runs,energy_kwh,its 95 % half-width,vs_base_pct,slav,its half-width,migrations" (no line end). */
void rp_grid_row_head(FILE *m, const char *setup, const char *policy, const char *model, const struct agg *a,
		      double vs_base_pct);
/* The energy of aggregate x against base's, per cent. */
double rp_energy_vs(const struct agg *x, const struct agg *base);
/* How many per cent x is below other. */
double rp_pct_less(double other, double x);

#endif
