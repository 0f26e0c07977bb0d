/*
 * reproduce: the seed paper's Table 1 and its sweeps; see reproduce.h. The grids, the published
 * figures (doc/model2010.md#published-results) and the seed paper's Table 1 are data below; the
 * runs are two sweeps (sweep.h); everything written is derived from their rows.
 */
#include "reproduce.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "plugin.h"
#include "policy.h"
#include "report.h"
#include "outfile.h"
#include "sweep.h"

struct grid_row {
	const char *policy, *param, *label;
	double threshold; /* for threshold.csv: ST's T, MM's upper; 0: not a threshold row */
};

static const struct grid_row grid2010[] = {
	{ "npa", "", "NPA", 0 },           { "dvfs", "", "DVFS", 0 },
	{ "st", "0.4", "ST 40 %", 0.4 },   { "st", "0.5", "ST 50 %", 0.5 },
	{ "st", "0.6", "ST 60 %", 0.6 },   { "st", "0.7", "ST 70 %", 0.7 },
	{ "st", "0.8", "ST 80 %", 0.8 },   { "st", "0.9", "ST 90 %", 0.9 },
	{ "mm", "0.2,0.6", "MM 20-60 %", 0.6 }, { "mm", "0.3,0.7", "MM 30-70 %", 0.7 },
	{ "mm", "0.4,0.8", "MM 40-80 %", 0.8 }, { "mm", "0.5,0.9", "MM 50-90 %", 0.9 },
	{ "drr", "0", "DRR 0 s", 0 },      { "drr", "60", "DRR 60 s", 0 },
	{ "drr", "300", "DRR 300 s", 0 },  { "drr", "600", "DRR 600 s", 0 },
	{ "placement", "", "Placement (GA, 60 s)", 0 }, { "fuzzy", "", "Fuzzy", 0 },
	{ "placement+fuzzy", "", "Placement + fuzzy", 0 },
};

static const struct grid_row grid_pl_paper[] = {
	{ "npa", "", "NPA", 0 },          { "dvfs", "", "DVFS", 0 },
	{ "st", "0.5", "ST 50 %", 0.5 },  { "st", "0.6", "ST 60 %", 0.6 },
	{ "mm", "0.3,0.7", "MM 30-70 %", 0.7 }, { "mm", "0.4,0.8", "MM 40-80 %", 0.8 },
	{ "mm", "0.5,0.9", "MM 50-90 %", 0.9 }, { "drr", "0", "DRR 0 s", 0 },
	{ "drr", "3600", "DRR 3600 s", 0 },        { "placement", "", "Placement (GA, 4 h)", 0 },
	{ "fuzzy", "", "Fuzzy", 0 },               { "placement+fuzzy", "", "Placement + fuzzy", 0 },
};

#define N2010 (int)(sizeof grid2010 / sizeof grid2010[0])
#define NPL (int)(sizeof grid_pl_paper / sizeof grid_pl_paper[0])

/* The 2010 paper (FGCS 2012 / CCGrid 2010 as doc/model2010.md#published-results gives them) and
 * the seed's Table 1. */
struct published {
	const char *label;
	double energy, sla, migrations, avg; /* NaN: not published */
	const char *seed_row;                /* the seed paper's row with these numbers, or NULL */
	double seed_energy, seed_sla, seed_migrations, seed_avg;
};

static const struct published published[] = {
	{ "NPA", 9.15, NAN, NAN, NAN, "NPA", 9.14, NAN, NAN, NAN },
	{ "DVFS", 4.40, NAN, NAN, NAN, "DVFS", 4.42, NAN, NAN, NAN },
	{ "ST 50 %", 2.03, 5.41, 35226, 81, "ST", 2.04, 5.41, 35225, 81 },
	{ "ST 60 %", 1.50, 9.04, 34231, 89, "MM", 1.46, 9.05, 34230, 88 },
	{ "MM 30-70 %", 1.48, 1.11, 3359, 56, NULL, NAN, NAN, NAN, NAN },
	{ "MM 40-80 %", 1.27, 2.75, 3241, 65, NULL, NAN, NAN, NAN, NAN },
	{ "MM 50-90 %", 1.14, 6.69, 3120, 76, NULL, NAN, NAN, NAN, NAN },
	{ "DRR 60 s", NAN, NAN, NAN, NAN, "DRR", 1.30, 8.01, 334110, 84 },
};

#define N_PUBLISHED (int)(sizeof published / sizeof published[0])

/* The seed paper's claim: DRR uses less energy than NPA, DVFS, MM ("MM" = the 2010 ST 60 % row),
 * ST. Its own numbers: 1.30 against 9.14, 4.42, 1.46, 2.04 kWh. */
static const struct {
	const char *versus, *label2010;
	double seed_other;
} claims[] = {
	{ "NPA", "NPA", 9.14 },
	{ "DVFS", "DVFS", 4.42 },
	{ "MM (the seed's row: 2010 ST 60 %)", "ST 60 %", 1.46 },
	{ "MM 40-80 % (the real MM)", "MM 40-80 %", NAN },
	{ "ST (50 %)", "ST 50 %", 2.04 },
};
#define SEED_DRR 1.30

/* What one grid row's runs gave. */
struct agg {
	int runs;
	double *energy; /* per run */
	double migrations, sla2010, avg2010, overall, slav, mtime; /* sums */
	int n_sla2010, n_avg2010, n_overall;
	char **day;     /* per run (PlanetLab) */
};

static void mean_ci(const double *x, int n, double *mean, double *half)
{
	report_mean_ci(x, n, mean, half);
}

/* --- CSV fields of a sweep row --- */

/* Splits a CSV line (quotes handled) into at most max fields, in place. Returns the count. */
static int split_csv(char *line, char **fields, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		if (*p == '"') {
			char *w = ++p;
			fields[n++] = w;
			while (*p) {
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
			*w = '\0';
			if (*p == ',')
				p++;
			else
				break;
		} else {
			fields[n++] = p;
			char *c = strpbrk(p, ",\n");
			if (c == NULL)
				break;
			bool end = *c == '\n';
			*c = '\0';
			p = c + 1;
			if (end)
				break;
		}
	}
	return n;
}

static int column(const char *header, int skip, const char *name)
{
	char buf[2048];
	snprintf(buf, sizeof buf, "%s", header);
	char *f[128];
	int n = split_csv(buf, f, 128);
	for (int i = skip; i < n; i++)
		if (strcmp(f[i], name) == 0)
			return i;
	return -1;
}

static double num(const char *s)
{
	if (strcmp(s, "NaN") == 0)
		return NAN;
	return strtod(s, NULL);
}

static int write_str(FILE *f, const void *ctx)
{
	return fputs(ctx, f) == EOF ? -1 : 0;
}

/* Writes path atomically from the text in buf (outfile). */
static int write_text(const char *path, const char *buf, struct diag *d)
{
	return outfile_write(path, write_str, buf, d);
}

/* Ends one output built in memory (m over *buf): writes it to DIR/NAME atomically, frees it. */
static int save_text(FILE *m, char **buf, const char *dir, const char *name, struct diag *d)
{
	char path[CONFIG_PATH_LEN + 64];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int rc = fclose(m) != 0 ? diag_add(d, path, 0, 0, "out of memory") : write_text(path, *buf, d);
	free(*buf);
	*buf = NULL;
	return rc;
}

/* Runs one sweep; fills agg[k] for each grid row k (rows of axis 0). Returns the failures, or
 * -1 on bad input. */
static long run_sweep(const struct reproduce_options *o, const char *ini, const char *set,
		      const struct grid_row *grid, int n_grid, const char *second_axis, const char *runs_file,
		      struct agg *agg, struct diag *d)
{
	struct experiment *base = malloc(sizeof *base);
	if (base == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	config_defaults(base, o->default_traces);
	char path[CONFIG_PATH_LEN];
	snprintf(path, sizeof path, "%s/%s", o->examples_dir, ini);
	if (config_load(base, path, d) != 0 || (set != NULL && config_set(base, set, d) != 0)) {
		free(base);
		return -1;
	}
	char spec0[4096] = "policy|param=";
	for (int k = 0; k < n_grid; k++) {
		char item[CONFIG_PATH_LEN + 64];
		snprintf(item, sizeof item, "%s%s|%s", k > 0 ? ";" : "", grid[k].policy, grid[k].param);
		strncat(spec0, item, sizeof spec0 - strlen(spec0) - 1);
	}
	struct sweep_axis axes[2];
	if (sweep_axis_parse(spec0, &axes[0], d) != 0) {
		free(base);
		return -1;
	}
	if (sweep_axis_parse(second_axis, &axes[1], d) != 0) {
		sweep_axis_free(&axes[0]);
		free(base);
		return -1;
	}
	struct sweep_spec s = { base, o->default_traces, NULL, 0, axes, 2 };
	long failed = -1;
	struct sweep_result *res = NULL;
	long total = 0;
	char *header = NULL;
	size_t hlen = 0;
	FILE *hf = NULL;
	if (sweep_prepare(&s, d) != 0)
		goto out;
	total = sweep_count(axes, 2);
	if (sweep_run(&s, o->threads, o->progress, o->ctx, &res, d) != 0)
		goto out;
	hf = open_memstream(&header, &hlen);
	if (hf == NULL || sweep_write_header(hf, &s) != 0 || fclose(hf) != 0) {
		diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	int n_axis_cols = 3; /* policy, param, then seed or day */
	int c_energy = column(header, n_axis_cols, "energy_kwh");
	int c_migr = column(header, n_axis_cols, "migrations");
	int c_viol = column(header, n_axis_cols, "sla2010_violation_pct");
	int c_avg = column(header, n_axis_cols, "sla2010_average_pct");
	int c_overall = column(header, n_axis_cols, "sla_overall");
	int c_slav = column(header, n_axis_cols, "slav");
	int c_mtime = column(header, n_axis_cols, "migration_time_s");
	failed = 0;
	int per = axes[1].n;
	for (int k = 0; k < n_grid; k++) {
		agg[k].energy = calloc((size_t)per, sizeof *agg[k].energy);
		agg[k].day = calloc((size_t)per, sizeof *agg[k].day);
		if (agg[k].energy == NULL || agg[k].day == NULL) {
			diag_add(d, NULL, 0, 0, "out of memory");
			failed = -1;
			goto out;
		}
	}
	for (long i = 0; i < total; i++) {
		int pick[2];
		sweep_combination(axes, 2, i, pick);
		struct agg *a = &agg[pick[0]];
		if (res[i].row == NULL) {
			diag_add(d, NULL, 0, 0, "run %s|%s, %s: %s", grid[pick[0]].policy, grid[pick[0]].param,
				 axes[1].values[pick[1]], res[i].error != NULL ? res[i].error : "failed");
			failed++;
			continue;
		}
		char line[4096];
		snprintf(line, sizeof line, "%s", res[i].row);
		char *f[128];
		int n = split_csv(line, f, 128);
		if (n <= c_overall || n <= c_slav || n <= c_mtime || c_energy < 0 || c_migr < 0 || c_viol < 0 ||
		    c_avg < 0 || c_overall < 0 || c_slav < 0 || c_mtime < 0)
			continue;
		double sv = num(f[c_slav]), mt = num(f[c_mtime]);
		if (!isnan(sv))
			a->slav += sv;
		if (!isnan(mt))
			a->mtime += mt;
		a->energy[a->runs] = num(f[c_energy]);
		a->day[a->runs] = strdup(axes[1].values[pick[1]]);
		a->runs++;
		a->migrations += num(f[c_migr]);
		double v = num(f[c_viol]), g = num(f[c_avg]), ov = num(f[c_overall]);
		if (!isnan(v)) {
			a->sla2010 += v;
			a->n_sla2010++;
		}
		if (!isnan(g)) {
			a->avg2010 += g;
			a->n_avg2010++;
		}
		if (!isnan(ov)) {
			a->overall += ov * 100;
			a->n_overall++;
		}
	}
	/* the raw runs */
	{
		char out[CONFIG_PATH_LEN + 64];
		snprintf(out, sizeof out, "%s/%s", o->out_dir, runs_file);
		char *all = NULL;
		size_t alen = 0;
		FILE *m = open_memstream(&all, &alen);
		if (m == NULL) {
			failed = -1;
		} else {
			fputs(header, m);
			for (long i = 0; i < total; i++)
				if (res[i].row != NULL)
					fputs(res[i].row, m);
			if (fclose(m) != 0 || write_text(out, all, d) != 0)
				failed = -1;
			free(all);
		}
	}
out:
	free(base);
	free(header);
	sweep_results_free(res, total);
	sweep_axis_free(&axes[0]);
	sweep_axis_free(&axes[1]);
	return failed;
}

static void agg_free(struct agg *a, int n)
{
	for (int k = 0; k < n; k++) {
		for (int i = 0; i < a[k].runs; i++)
			free(a[k].day[i]);
		free(a[k].day);
		free(a[k].energy);
	}
}

static double mean_of(double sum, int n)
{
	return n > 0 ? sum / n : NAN;
}

/* x with `places` decimals and `unit`, or "-" when there is no value. */
static void fmt(char *buf, size_t n, int places, const char *unit, double x)
{
	if (isnan(x))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.*f%s", places, x, unit);
}

static int find_label(const struct grid_row *grid, int n, const char *label)
{
	for (int k = 0; k < n; k++)
		if (strcmp(grid[k].label, label) == 0)
			return k;
	return -1;
}

static double energy_mean(const struct agg *a)
{
	double m, h;
	mean_ci(a->energy, a->runs, &m, &h);
	return m;
}

/* Everything reproduce writes into out_dir (removed again on failure from a folder it created). */
static const char *const outputs[] = { "runs-2010.csv", "runs-planetlab.csv", "runs-planetlab-secure.csv",
				       "table1.csv", "threshold.csv", "tradeoff.csv", "migrations.csv",
				       "days.csv", "table1.md", "table1-security.csv" };

static int reproduce_into(const struct reproduce_options *o, struct diag *d)
{
	/* the PlanetLab rows: the paper's, then the caller's own policies (plugins included) */
	int npl = NPL + o->n_policies;
	struct grid_row *grid_pl = calloc((size_t)npl, sizeof *grid_pl);
	struct agg a10[N2010], *apl = calloc((size_t)npl, sizeof *apl), *asec = calloc((size_t)npl, sizeof *asec);
	if (grid_pl == NULL || apl == NULL || asec == NULL) {
		free(grid_pl);
		free(apl);
		free(asec);
		return diag_add(d, NULL, 0, 0, "out of memory");
	}
	memcpy(grid_pl, grid_pl_paper, sizeof grid_pl_paper);
	for (int k = 0; k < o->n_policies; k++) {
		const struct gm_policy *p = NULL;
		char msg[DIAG_MSG_LEN];
		const char *name = o->policies[k];
		if (plugin_is_path(name) ? plugin_load(name, &p, msg, sizeof msg) != 0
					 : (p = plugin_find(name)) == NULL) {
			if (p == NULL && !plugin_is_path(name))
				snprintf(msg, sizeof msg, "unknown policy '%s'; valid: %s", name, policy_names());
			free(grid_pl);
			free(apl);
			free(asec);
			return diag_add(d, NULL, 0, 0, "--policy %s", msg);
		}
		grid_pl[NPL + k] = (struct grid_row){ name, "", p->name, 0 };
	}
	memset(a10, 0, sizeof a10);
	char seeds[64];
	snprintf(seeds, sizeof seeds, "seed=1:%d:1", o->seeds > 0 ? o->seeds : 1);
	long f1 = run_sweep(o, "paper2010.ini", NULL, grid2010, N2010, seeds, "runs-2010.csv", a10, d);
	long f2 = f1 < 0 ? -1
			 : run_sweep(o, "paper.ini", NULL, grid_pl, npl, "day=all", "runs-planetlab.csv", apl, d);
	long f3 = f2 < 0 ? -1
			 : run_sweep(o, "paper.ini", "security.enabled=yes", grid_pl, npl, "day=all",
				     "runs-planetlab-secure.csv", asec, d);
	if (f1 < 0 || f2 < 0 || f3 < 0) {
		agg_free(a10, N2010);
		agg_free(apl, npl);
		agg_free(asec, npl);
		free(grid_pl);
		free(apl);
		free(asec);
		return -1;
	}
	char *buf = NULL;
	size_t len = 0;
	int rc = 0;

	/* table1.csv */
	FILE *m = open_memstream(&buf, &len);
	if (m == NULL)
		goto oom;
	fprintf(m, "setup,label,policy,param,runs,energy_kwh_mean,energy_kwh_ci95,energy_kwh_min,"
		   "energy_kwh_max,migrations_mean,sla2010_violation_pct_mean,sla2010_average_pct_mean,"
		   "sla_overall_pct_mean\n");
	for (int s = 0; s < 2; s++) {
		const struct grid_row *g = s == 0 ? grid2010 : grid_pl;
		struct agg *a = s == 0 ? a10 : apl;
		int n = s == 0 ? N2010 : npl;
		for (int k = 0; k < n; k++) {
			double mean, half, lo = INFINITY, hi = -INFINITY;
			mean_ci(a[k].energy, a[k].runs, &mean, &half);
			for (int i = 0; i < a[k].runs; i++) {
				lo = fmin(lo, a[k].energy[i]);
				hi = fmax(hi, a[k].energy[i]);
			}
			fprintf(m, "%s,%s,%s,\"%s\",%d,%.6f,%.6f,%.6f,%.6f,%.3f,%.4f,%.4f,%.4f\n",
				s == 0 ? "paper2010" : "paper", g[k].label, g[k].policy, g[k].param, a[k].runs,
				mean, half, lo, hi, mean_of(a[k].migrations, a[k].runs),
				mean_of(a[k].sla2010, a[k].n_sla2010), mean_of(a[k].avg2010, a[k].n_avg2010),
				mean_of(a[k].overall, a[k].n_overall));
		}
	}
	rc |= save_text(m, &buf, o->out_dir, "table1.csv", d) != 0;

	/* threshold.csv: the 2010 model's energy by threshold, ST (T) and MM (upper), wide */
	m = open_memstream(&buf, &len);
	if (m == NULL)
		goto oom;
	fprintf(m, "threshold,ST,MM (lower = upper - 0.4)\n");
	for (int t = 4; t <= 9; t++) {
		double th = t / 10.0, st = NAN, mm = NAN;
		for (int k = 0; k < N2010; k++) {
			if (grid2010[k].threshold != th)
				continue;
			if (strcmp(grid2010[k].policy, "st") == 0)
				st = energy_mean(&a10[k]);
			else
				mm = energy_mean(&a10[k]);
		}
		char a[32], b[32];
		snprintf(a, sizeof a, isnan(st) ? "NaN" : "%.6f", st);
		snprintf(b, sizeof b, isnan(mm) ? "NaN" : "%.6f", mm);
		fprintf(m, "%.1f,%s,%s\n", th, a, b);
	}
	rc |= save_text(m, &buf, o->out_dir, "threshold.csv", d) != 0;

	/* tradeoff.csv and migrations.csv: the 2010 model, one row per policy row */
	m = open_memstream(&buf, &len);
	if (m == NULL)
		goto oom;
	fprintf(m, "label,energy_kwh_mean,sla2010_violation_pct_mean\n");
	for (int k = 0; k < N2010; k++)
		fprintf(m, "\"%s\",%.6f,%.4f\n", grid2010[k].label, energy_mean(&a10[k]),
			mean_of(a10[k].sla2010, a10[k].n_sla2010));
	rc |= save_text(m, &buf, o->out_dir, "tradeoff.csv", d) != 0;
	m = open_memstream(&buf, &len);
	if (m == NULL)
		goto oom;
	fprintf(m, "label,migrations_mean\n");
	for (int k = 0; k < N2010; k++)
		fprintf(m, "\"%s\",%.1f\n", grid2010[k].label, mean_of(a10[k].migrations, a10[k].runs));
	rc |= save_text(m, &buf, o->out_dir, "migrations.csv", d) != 0;

	/* days.csv: the PlanetLab paper setup, energy per day and policy row, wide */
	m = open_memstream(&buf, &len);
	if (m == NULL)
		goto oom;
	fprintf(m, "day");
	for (int k = 0; k < npl; k++)
		fprintf(m, ",\"%s\"", grid_pl[k].label);
	fputc('\n', m);
	for (int i = 0; i < apl[0].runs; i++) {
		fprintf(m, "%s", apl[0].day[i]);
		for (int k = 0; k < npl; k++) {
			double e = NAN;
			for (int j = 0; j < apl[k].runs; j++)
				if (strcmp(apl[k].day[j], apl[0].day[i]) == 0)
					e = apl[k].energy[j];
			fprintf(m, ",%.6f", e);
		}
		fputc('\n', m);
	}
	rc |= save_text(m, &buf, o->out_dir, "days.csv", d) != 0;

	/* table1.md */
	m = open_memstream(&buf, &len);
	if (m == NULL)
		goto oom;
	fprintf(m, "# Table 1, reproduced\n\n"
		   "Written by `greenmig reproduce` (from `results/table1.csv`; the runs are in "
		   "`runs-2010.csv` and `runs-planetlab.csv`).\n\n"
		   "## The 2010 model (examples/paper2010.ini), mean of %d seeds\n\n"
		   "Energy: mean +- 95 %% interval. The 2010 paper: Beloglazov, Abawajy and Buyya (FGCS "
		   "2012; CCGrid 2010), as doc/model2010.md#published-results gives them. The seed paper's "
		   "rows are shown beside the 2010 row that has their numbers: its \"MM\" row is the 2010 "
		   "ST 60 %% row (the real MM rows migrate ten times less).\n\n"
		   "| policy | energy kWh | migrations | SLA violation %% | average SLA %% | 2010 paper | "
		   "seed paper |\n|---|---|---|---|---|---|---|\n",
		o->seeds);
	for (int k = 0; k < N2010; k++) {
		double mean, half;
		mean_ci(a10[k].energy, a10[k].runs, &mean, &half);
		char e1[32], e2[32], mg[32], sv[32], av[32];
		fmt(e1, sizeof e1, 3, "", mean);
		fmt(e2, sizeof e2, 3, "", half);
		fmt(mg, sizeof mg, 0, "", mean_of(a10[k].migrations, a10[k].runs));
		fmt(sv, sizeof sv, 2, "", mean_of(a10[k].sla2010, a10[k].n_sla2010));
		fmt(av, sizeof av, 1, "", mean_of(a10[k].avg2010, a10[k].n_avg2010));
		char pub[128] = "", seed[128] = "";
		for (int p = 0; p < N_PUBLISHED; p++) {
			if (strcmp(published[p].label, grid2010[k].label) != 0)
				continue;
			const struct published *q = &published[p];
			char a[24], b[24], c[24], dd[24];
			fmt(a, sizeof a, 2, "", q->energy);
			fmt(b, sizeof b, 2, " %", q->sla);
			fmt(c, sizeof c, 0, "", q->migrations);
			fmt(dd, sizeof dd, 0, " %", q->avg);
			if (!isnan(q->energy) && isnan(q->sla))
				snprintf(pub, sizeof pub, "%s", a);
			else if (!isnan(q->energy))
				snprintf(pub, sizeof pub, "%s, %s, %s, %s", a, c, b, dd);
			if (q->seed_row != NULL) {
				fmt(a, sizeof a, 2, "", q->seed_energy);
				fmt(b, sizeof b, 2, " %", q->seed_sla);
				fmt(c, sizeof c, 0, "", q->seed_migrations);
				fmt(dd, sizeof dd, 0, " %", q->seed_avg);
				if (isnan(q->seed_sla))
					snprintf(seed, sizeof seed, "\"%s\": %s", q->seed_row, a);
				else
					snprintf(seed, sizeof seed, "\"%s\": %s, %s, %s, %s", q->seed_row, a, c, b, dd);
			}
		}
		fprintf(m, "| %s | %s +- %s | %s | %s | %s | %s | %s |\n", grid2010[k].label, e1, e2, mg, sv,
			av, pub, seed);
	}
	fprintf(m, "\n### The seed paper's claim: DRR uses less energy than ...\n\n"
		   "(other - DRR) / other, with DRR's retirement threshold 60 s in the 2010 model; "
		   "negative: DRR uses more.\n\n| than | seed paper | greenmig, 2010 model |\n|---|---|---|\n");
	int drr = find_label(grid2010, N2010, "DRR 60 s");
	for (size_t c = 0; c < sizeof claims / sizeof claims[0]; c++) {
		int k = find_label(grid2010, N2010, claims[c].label2010);
		char s1[32], s2[32];
		fmt(s1, sizeof s1, 1, " %", (claims[c].seed_other - SEED_DRR) / claims[c].seed_other * 100);
		double other = k >= 0 ? energy_mean(&a10[k]) : NAN;
		fmt(s2, sizeof s2, 1, " %", (other - energy_mean(&a10[drr])) / other * 100);
		fprintf(m, "| %s | %s | %s |\n", claims[c].versus, s1, s2);
	}
	fprintf(m, "\n## The PlanetLab paper setup (examples/paper.ini), %d shipped days\n\n"
		   "Energy: mean over the days (min - max). CloudSim 3.0.3's engine and traces; the 2010 "
		   "policies run there as `st`, `mm` and `drr` (README.md).\n\n"
		   "| policy | energy kWh | min - max | migrations (mean) | overall SLA violation %% |\n"
		   "|---|---|---|---|---|\n", apl[0].runs);
	for (int k = 0; k < npl; k++) {
		double lo = INFINITY, hi = -INFINITY;
		for (int i = 0; i < apl[k].runs; i++) {
			lo = fmin(lo, apl[k].energy[i]);
			hi = fmax(hi, apl[k].energy[i]);
		}
		fprintf(m, "| %s | %.1f | %.1f - %.1f | %.0f | %.4f |\n", grid_pl[k].label, energy_mean(&apl[k]),
			lo, hi, mean_of(apl[k].migrations, apl[k].runs), mean_of(apl[k].overall, apl[k].n_overall));
	}
	fprintf(m, "\n### DRR (threshold 0 s) against the others, per day: mean (min - max)\n\n"
		   "| than | (other - DRR) / other |\n|---|---|\n");
	int drr_pl = find_label(grid_pl, npl, "DRR 0 s");
	const char *versus_pl[] = { "NPA", "DVFS", "ST 50 %", "ST 60 %", "MM 40-80 %" };
	for (size_t c = 0; c < sizeof versus_pl / sizeof versus_pl[0]; c++) {
		int k = find_label(grid_pl, npl, versus_pl[c]);
		double sum = 0, lo = INFINITY, hi = -INFINITY;
		int n = 0;
		for (int i = 0; i < apl[k].runs && i < apl[drr_pl].runs; i++) {
			double x = (apl[k].energy[i] - apl[drr_pl].energy[i]) / apl[k].energy[i] * 100;
			sum += x;
			lo = fmin(lo, x);
			hi = fmax(hi, x);
			n++;
		}
		fprintf(m, "| %s | %.1f %% (%.1f - %.1f) |\n", versus_pl[c], n > 0 ? sum / n : NAN, lo, hi);
	}
	fprintf(m, "\n## With secure migration (PlanetLab paper setup, mean over the days)\n\n"
		   "The same runs with `[security] enabled = yes` "
		   "(doc/migration-security.md#security-in-the-datacenter: protected share "
		   "0.1, AES-256-GCM 1.5e9 B/s, BLAKE2b 1e9 B/s, one core, full hashing at stop-and-copy): "
		   "longer migrations, crypto load on both hosts. Energy in kWh, migration time in s.\n\n"
		   "| policy | energy | with security | difference | SLAV | with security | difference | "
		   "migration time | with security | difference |\n|---|---|---|---|---|---|---|---|---|---|\n");
	for (int k = 0; k < npl; k++) {
		double e0 = energy_mean(&apl[k]), e1 = energy_mean(&asec[k]);
		double s0 = mean_of(apl[k].slav, apl[k].runs), s1 = mean_of(asec[k].slav, asec[k].runs);
		double t0 = mean_of(apl[k].mtime, apl[k].runs), t1 = mean_of(asec[k].mtime, asec[k].runs);
		char ds[32], de[32], dt[32];
		fmt(de, sizeof de, 3, " %", e0 > 0 ? (e1 - e0) / e0 * 100 : NAN);
		fmt(ds, sizeof ds, 2, " %", s0 > 0 ? (s1 - s0) / s0 * 100 : NAN);
		fmt(dt, sizeof dt, 1, " %", t0 > 0 ? (t1 - t0) / t0 * 100 : NAN);
		fprintf(m, "| %s | %.3f | %.3f | %s | %.3e | %.3e | %s | %.0f | %.0f | %s |\n", grid_pl[k].label, e0, e1,
			de, s0, s1, ds, t0, t1, dt);
	}
	rc |= save_text(m, &buf, o->out_dir, "table1.md", d) != 0;
	/* table1-security.csv: the secure runs beside the plain ones */
	m = open_memstream(&buf, &len);
	if (m == NULL)
		goto oom;
	fprintf(m, "label,energy_kwh,energy_kwh_secure,slav,slav_secure,migration_time_s,migration_time_s_secure\n");
	for (int k = 0; k < npl; k++)
		fprintf(m, "\"%s\",%.6f,%.6f,%.6e,%.6e,%.2f,%.2f\n", grid_pl[k].label, energy_mean(&apl[k]),
			energy_mean(&asec[k]), mean_of(apl[k].slav, apl[k].runs), mean_of(asec[k].slav, asec[k].runs),
			mean_of(apl[k].mtime, apl[k].runs), mean_of(asec[k].mtime, asec[k].runs));
	rc |= save_text(m, &buf, o->out_dir, "table1-security.csv", d) != 0;
	agg_free(a10, N2010);
	agg_free(apl, npl);
	agg_free(asec, npl);
	free(grid_pl);
	free(apl);
	free(asec);
	if (rc != 0)
		return -1;
	return f1 + f2 + f3 > 0 ? 1 : 0;
oom:
	agg_free(a10, N2010);
	agg_free(apl, npl);
	agg_free(asec, npl);
	free(grid_pl);
	free(apl);
	free(asec);
	return diag_add(d, o->out_dir, 0, 0, "out of memory");
}

int reproduce_run(const struct reproduce_options *o, struct diag *d)
{
	bool created = mkdir(o->out_dir, 0777) == 0;
	if (!created && errno != EEXIST)
		return diag_add(d, o->out_dir, 0, 0, "cannot create: %s", strerror(errno));
	/* A folder made here goes again on failure, and on SIGINT/SIGTERM if still empty. */
	int slot = created ? outfile_track(o->out_dir, true) : -1;
	int rc = reproduce_into(o, d);
	if (rc < 0 && created) {
		char path[CONFIG_PATH_LEN + 64];
		for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++) {
			snprintf(path, sizeof path, "%s/%s", o->out_dir, outputs[i]);
			unlink(path);
		}
		rmdir(o->out_dir);
	}
	outfile_untrack(slot);
	return rc;
}
