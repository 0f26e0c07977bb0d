/*
 * reproduce: the seed paper's Table 1 and its sweeps; see reproduce.h. The grids are data below;
 * the runs are three sweeps (sweep.h) whose rows are aggregated per grid row here, and
 * reproduce_out.c writes everything from those aggregates (no output depends on anything else).
 */
#include "reproduce.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "outfile.h"
#include "plugin.h"
#include "policy.h"
#include "report.h"
#include "reproduce_internal.h"
#include "sweep.h"

/* A row of a grid as data: short labels and thresholds are filled in by add_row. */
struct row_spec {
	const char *policy, *param, *set, *label, *short_label;
	enum family fam;
	unsigned flags;
};

/* The 2010 model's rows around the MM grid (which mm_grid below generates). */
static const struct row_spec head2010[] = {
	{ "npa", "", "", "NPA", "NPA", FAM_NPA, ROW_TABLE },
	{ "dvfs", "", "", "DVFS", "DVFS", FAM_DVFS, ROW_TABLE },
	{ "st", "0.4", "", "ST 40 %", "40 %", FAM_ST, ROW_TABLE | ROW_CURVE },
	{ "st", "0.5", "", "ST 50 %", "50 %", FAM_ST, ROW_TABLE | ROW_CURVE },
	{ "st", "0.6", "", "ST 60 %", "60 %", FAM_ST, ROW_TABLE | ROW_CURVE },
	{ "st", "0.7", "", "ST 70 %", "70 %", FAM_ST, ROW_TABLE | ROW_CURVE },
	{ "st", "0.8", "", "ST 80 %", "80 %", FAM_ST, ROW_TABLE | ROW_CURVE },
	{ "st", "0.9", "", "ST 90 %", "90 %", FAM_ST, ROW_TABLE | ROW_CURVE },
};
static const struct row_spec tail2010[] = {
	{ "st", "0.5", "policy.stay_quirk=yes", "ST 50 % (stay quirk)", "50 % quirk", FAM_ST, ROW_TABLE },
	{ "st", "0.6", "policy.stay_quirk=yes", "ST 60 % (stay quirk)", "60 % quirk", FAM_ST, ROW_TABLE },
	{ "drr", "0", "", "DRR 0 s", "0 s", FAM_DRR, ROW_TABLE },
	{ "drr", "60", "", "DRR 60 s", "60 s", FAM_DRR, ROW_TABLE },
	{ "drr", "300", "", "DRR 300 s", "300 s", FAM_DRR, ROW_TABLE },
	{ "drr", "600", "", "DRR 600 s", "600 s", FAM_DRR, ROW_TABLE },
	{ "drr2010", "0.4,0.8", "policy.retire_threshold_s=60", "DRR2010 40-80 %, R 60 s", "40-80, 60 s",
	  FAM_DRR2010, ROW_TABLE },
	{ "drr2010", "0.4,0.8", "policy.retire_threshold_s=300", "DRR2010 40-80 %, R 300 s", "40-80, 300 s",
	  FAM_DRR2010, ROW_TABLE },
	{ "placement", "", "", "Placement (GA, 60 s)", "GA", FAM_CONTROLLER, ROW_TABLE },
	{ "fuzzy", "", "", "Fuzzy", "fuzzy", FAM_CONTROLLER, ROW_TABLE },
	{ "placement+fuzzy", "", "", "Placement + fuzzy", "GA + fuzzy", FAM_CONTROLLER, ROW_TABLE },
};

static const struct row_spec grid_pl_paper[] = {
	{ "npa", "", "", "NPA", "NPA", FAM_NPA, ROW_TABLE },
	{ "dvfs", "", "", "DVFS", "DVFS", FAM_DVFS, ROW_TABLE },
	{ "st", "0.5", "", "ST 50 %", "50 %", FAM_ST, ROW_TABLE },
	{ "st", "0.6", "", "ST 60 %", "60 %", FAM_ST, ROW_TABLE },
	{ "mm", "0.3,0.7", "", "MM 30-70 %", "30-70", FAM_MM, ROW_TABLE },
	{ "mm", "0.4,0.8", "", "MM 40-80 %", "40-80", FAM_MM, ROW_TABLE },
	{ "mm", "0.5,0.9", "", "MM 50-90 %", "50-90", FAM_MM, ROW_TABLE },
	{ "drr", "0", "", "DRR 0 s", "0 s", FAM_DRR, ROW_TABLE },
	{ "drr", "3600", "", "DRR 3600 s", "3600 s", FAM_DRR, ROW_TABLE },
	{ "placement", "", "", "Placement (GA, 4 h)", "GA", FAM_CONTROLLER, ROW_TABLE },
	{ "fuzzy", "", "", "Fuzzy", "fuzzy", FAM_CONTROLLER, ROW_TABLE },
	{ "placement+fuzzy", "", "", "Placement + fuzzy", "GA + fuzzy", FAM_CONTROLLER, ROW_TABLE },
};

#define N_HEAD2010 (int)(sizeof head2010 / sizeof head2010[0])
#define N_TAIL2010 (int)(sizeof tail2010 / sizeof tail2010[0])
#define N_MM ((MM_LOWER_LAST - MM_LOWER_FIRST + 1) * (MM_UPPER_LAST - MM_UPPER_FIRST + 1))
#define NPL (int)(sizeof grid_pl_paper / sizeof grid_pl_paper[0])

/* --variant NAME: overrides of the 2010 model (doc/model2010.md#q1, #q7). */
static const struct {
	const char *name;
	const char *sets2010[3];
} variants[] = {
	/* CloudSim 2.1.1 as released: equal shares of a short host, migrations of RAM / (BW / 8000)
	 * = 409.6 s at 90 % of the VM's demand */
	{ "cloudsim21", { "simulation.cpu_share=equal", "simulation.migration_time=cloudsim21", NULL } },
};

static const char *const metric_column[N_METRICS] = {
	[M_ENERGY] = "energy_kwh", [M_MIGRATIONS] = "migrations", [M_VIOLATION] = "sla2010_violation_pct",
	[M_AVERAGE] = "sla2010_average_pct", [M_OVERALL] = "sla_overall", [M_SLAV] = "slav",
	[M_MTIME] = "migration_time_s", [M_BOOTS] = "ps_boots", [M_WAKES] = "ps_wakes",
	[M_VM_WAIT] = "ps_vm_wait_s", [M_MIG_WAIT] = "ps_migration_wait_s", [M_OFF_KWH] = "ps_off_kwh",
	[M_ASLEEP_KWH] = "ps_asleep_kwh", [M_SAVED_KWH] = "parts_saved_kwh", [M_FACILITY_KWH] = "facility_kwh",
	[M_CO2] = "co2_kg", [M_COST] = "cost", [M_NET_MIG_MEAN] = "net_migration_mean_s",
	[M_NET_QUEUED] = "net_queued_s", [M_NET_SWITCH_KWH] = "net_switch_kwh",
};

const char *reproduce_metric_column(enum metric m)
{
	return metric_column[m];
}

static int write_str(FILE *f, const void *ctx)
{
	return fputs(ctx, f) == EOF ? -1 : 0;
}

const char *reproduce_variant_names(void)
{
	return "cloudsim21";
}

void agg_stat(const struct agg *a, enum metric m, double *mean, double *half)
{
	report_mean_ci(a->v[m], a->runs, mean, half);
}

static void add_row(struct grid_row *g, const struct row_spec *s)
{
	memset(g, 0, sizeof *g);
	g->policy = s->policy;
	snprintf(g->param, sizeof g->param, "%s", s->param);
	snprintf(g->set, sizeof g->set, "%s", s->set);
	snprintf(g->label, sizeof g->label, "%s", s->label);
	snprintf(g->short_label, sizeof g->short_label, "%s", s->short_label);
	g->fam = s->fam;
	g->flags = s->flags;
	g->lower = g->upper = NAN;
	if (s->fam == FAM_ST && s->param[0] != '\0')
		g->upper = strtod(s->param, NULL);
	if (s->fam == FAM_MM || s->fam == FAM_DRR2010) {
		char *end;
		g->lower = strtod(s->param, &end);
		g->upper = *end == ',' ? strtod(end + 1, NULL) : NAN;
	}
}

/* The 2010 grid into g (room for N_HEAD2010 + N_MM + N_TAIL2010 rows); the count. */
static int grid2010(struct grid_row *g, bool with_drr2010)
{
	int n = 0;
	for (int k = 0; k < N_HEAD2010; k++)
		add_row(&g[n++], &head2010[k]);
	for (int lo = MM_LOWER_FIRST; lo <= MM_LOWER_LAST; lo++)
		for (int up = MM_UPPER_FIRST; up <= MM_UPPER_LAST; up++) {
			if (lo >= up)
				continue;
			char param[32], label[96], short_label[32];
			snprintf(param, sizeof param, "0.%d,%s%d", lo, up == 10 ? "" : "0.", up == 10 ? 1 : up);
			snprintf(label, sizeof label, "MM %d-%d %%", lo * 10, up * 10);
			snprintf(short_label, sizeof short_label, "%d-%d", lo * 10, up * 10);
			unsigned flags = ROW_CURVE | (up - lo == 4 && lo >= 2 && lo <= 5 ? ROW_TABLE : 0);
			struct row_spec s = { "mm", param, "", label, short_label, FAM_MM, flags };
			add_row(&g[n++], &s);
		}
	for (int k = 0; k < N_TAIL2010; k++)
		if (with_drr2010 || strcmp(tail2010[k].policy, "drr2010") != 0)
			add_row(&g[n++], &tail2010[k]);
	return n;
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

/* The index of the column called name in a sweep's header, or -1. The names looked up are stats
 * columns, which the header has once whether or not it repeats the axis columns. */
static int column(const char *header, const char *name)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", header);
	char *f[256];
	int n = split_csv(buf, f, 256);
	for (int i = 0; i < n; i++)
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

void agg_free(struct agg *a, int n)
{
	if (a == NULL)
		return;
	for (int k = 0; k < n; k++) {
		for (int i = 0; i < a[k].runs; i++)
			free(a[k].at[i]);
		free(a[k].at);
		for (int m = 0; m < N_METRICS; m++)
			free(a[k].v[m]);
	}
	free(a);
}

/* The value row g sets for key ("SECTION.KEY"), or NULL: its `set` holds "K=V" separated by
 * spaces. */
static const char *row_value(const struct grid_row *g, const char *key, char *buf, size_t n)
{
	size_t kl = strlen(key);
	for (const char *p = g->set; *p;) {
		size_t len = strcspn(p, " ");
		if (len > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
			snprintf(buf, n, "%.*s", (int)(len - kl - 1), p + kl + 1);
			return buf;
		}
		p += len;
		p += strspn(p, " ");
	}
	return NULL;
}

/* The extra keys of a grid (the keys of its rows' `set`), in order of first use; their count, or
 * -1 if there are more than SWEEP_MAX_PARTS - 2 (a grid of this file's: a defect). */
static int extra_keys(const struct grid_row *g, int n, char keys[][96])
{
	int nk = 0;
	for (int k = 0; k < n; k++) {
		for (const char *p = g[k].set; *p;) {
			size_t len = strcspn(p, " ");
			size_t kl = strcspn(p, "=");
			char key[96];
			snprintf(key, sizeof key, "%.*s", (int)(kl < len ? kl : len), p);
			bool seen = false;
			for (int j = 0; j < nk; j++)
				seen |= strcmp(keys[j], key) == 0;
			if (!seen) {
				if (nk == SWEEP_MAX_PARTS - 2)
					return -1;
				snprintf(keys[nk++], 96, "%s", key);
			}
			p += len;
			p += strspn(p, " ");
		}
	}
	return nk;
}

/* The first axis of a grid: "policy|param|KEY...=p|v|x;...", each row setting every extra key
 * (its own value, else the base experiment's, so that --set applies to the rows that do not
 * name the key). Heap string, or NULL (out of memory, or a key base lacks: message in d). */
static char *grid_axis(const struct experiment *base, const struct grid_row *g, int n, struct diag *d)
{
	char keys[SWEEP_MAX_PARTS][96];
	int nk = extra_keys(g, n, keys);
	if (nk < 0) {
		diag_add(d, NULL, 0, 0, "a grid of reproduce sets more than %d keys", SWEEP_MAX_PARTS - 2);
		return NULL;
	}
	char *spec = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&spec, &len);
	if (m == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	fputs("policy|param", m);
	for (int j = 0; j < nk; j++)
		fprintf(m, "|%s", keys[j]);
	fputc('=', m);
	bool ok = true;
	for (int k = 0; k < n && ok; k++) {
		fprintf(m, "%s%s|%s", k > 0 ? ";" : "", g[k].policy, g[k].param);
		for (int j = 0; j < nk; j++) {
			char value[CONFIG_PATH_LEN];
			if (row_value(&g[k], keys[j], value, sizeof value) == NULL &&
			    config_get(base, keys[j], value, sizeof value) != 0)
				ok = diag_add(d, NULL, 0, 0, "no key %s in this build", keys[j]) == 0;
			fprintf(m, "|%s", value);
		}
	}
	if (fclose(m) != 0 || !ok) {
		if (ok)
			diag_add(d, NULL, 0, 0, "out of memory");
		free(spec);
		return NULL;
	}
	return spec;
}

/* Aggregates one run's row into a. */
static int agg_add(struct agg *a, const char *row, const int *col, const char *at)
{
	char line[8192];
	snprintf(line, sizeof line, "%s", row);
	char *f[256];
	int n = split_csv(line, f, 256);
	for (int m = 0; m < N_METRICS; m++)
		if ((col[m] < 0 && m < M_FIRST_OPTIONAL) || col[m] >= n)
			return -1;
	if ((a->at[a->runs] = strdup(at)) == NULL)
		return -1;
	for (int m = 0; m < N_METRICS; m++)
		a->v[m][a->runs] = col[m] < 0 ? NAN : num(f[col[m]]) * (m == M_OVERALL ? 100 : 1);
	a->runs++;
	return 0;
}

/* Runs one sweep of base over the rows of grid x second_axis, writes its rows to
 * out_dir/runs_file and aggregates them into *agg (n_grid entries, allocated here). The number of
 * failed runs, or -1 (messages in d). */
long reproduce_sweep(const struct reproduce_options *o, const struct experiment *base, const struct grid_row *grid,
		     int n_grid, const char *second_axis, const char *runs_file, struct agg **agg_out, struct diag *d)
{
	struct sweep_axis axes[2];
	memset(axes, 0, sizeof axes);
	char *spec0 = grid_axis(base, grid, n_grid, d);
	if (spec0 == NULL)
		return -1;
	int parsed = 0;
	if (sweep_axis_parse(spec0, &axes[0], d) == 0 && ++parsed && sweep_axis_parse(second_axis, &axes[1], d) == 0)
		parsed++;
	free(spec0);
	struct agg *agg = calloc((size_t)n_grid, sizeof *agg);
	struct sweep_spec s = { base, o->default_traces, NULL, 0, axes, 2, 0 };
	long failed = -1, total = 0;
	struct sweep_result *res = NULL;
	char *header = NULL, *all = NULL;
	size_t hlen = 0, alen = 0;
	if (parsed < 2 || agg == NULL || sweep_prepare(&s, d) != 0) {
		if (agg == NULL)
			diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	total = sweep_count(axes, 2);
	for (int k = 0; k < n_grid; k++) {
		agg[k].at = calloc((size_t)axes[1].n, sizeof *agg[k].at);
		for (int m = 0; m < N_METRICS; m++)
			if ((agg[k].v[m] = calloc((size_t)axes[1].n, sizeof *agg[k].v[m])) == NULL)
				agg[k].at = NULL;
		if (agg[k].at == NULL) {
			diag_add(d, NULL, 0, 0, "out of memory");
			goto out;
		}
	}
	if (sweep_run(&s, o->threads, o->progress, o->ctx, &res, d) != 0)
		goto out;
	FILE *hf = open_memstream(&header, &hlen);
	if (hf == NULL || sweep_write_header(hf, &s) != 0 || fclose(hf) != 0) {
		diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	int col[N_METRICS];
	for (int m = 0; m < N_METRICS; m++)
		if ((col[m] = column(header, metric_column[m])) < 0 && m < M_FIRST_OPTIONAL) {
			diag_add(d, NULL, 0, 0, "the sweep's header has no column %s", metric_column[m]);
			goto out;
		}
	failed = 0;
	for (long i = 0; i < total; i++) {
		int pick[2];
		sweep_combination(axes, 2, i, pick);
		if (res[i].row == NULL) {
			diag_add(d, NULL, 0, 0, "run %s (%s), %s: %s", grid[pick[0]].label, runs_file, axes[1].values[pick[1]],
				 res[i].error != NULL ? res[i].error : "failed");
			failed++;
		} else if (agg_add(&agg[pick[0]], res[i].row, col, axes[1].values[pick[1]]) != 0) {
			diag_add(d, NULL, 0, 0, "run %s, %s: a row reproduce cannot read", grid[pick[0]].label,
				 axes[1].values[pick[1]]);
			failed++;
		}
	}
	/* the raw runs */
	FILE *m = open_memstream(&all, &alen);
	if (m == NULL) {
		failed = diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	fputs(header, m);
	for (long i = 0; i < total; i++)
		if (res[i].row != NULL)
			fputs(res[i].row, m);
	char path[CONFIG_PATH_LEN + 64];
	snprintf(path, sizeof path, "%s/%s", o->out_dir, runs_file);
	if (fclose(m) != 0)
		failed = diag_add(d, path, 0, 0, "out of memory");
	else if (outfile_write(path, write_str, all, d) != 0)
		failed = -1;
out:
	free(header);
	free(all);
	sweep_results_free(res, total);
	sweep_axis_free(&axes[0]);
	sweep_axis_free(&axes[1]);
	if (failed < 0)
		agg_free(agg, n_grid);
	else
		*agg_out = agg;
	return failed;
}

/* Appends a to the "; "-separated list in buf. */
static void list_add(char *buf, size_t n, const char *a)
{
	size_t len = strlen(buf);
	snprintf(buf + len, n - len, "%s%s", len > 0 ? ", " : "", a);
}

/*
 * Loads one setup's experiment: the file, the variant's overrides (2010 only), --set, then the
 * setup's own; checks it as a run would (config_validate), so that an override the setup rejects
 * stops everything before any run. The overrides applied go into used (for the tables).
 */
static int load_setup_file(const struct reproduce_options *o, bool is2010, const char *ini, struct experiment *e,
			   char *used, size_t n_used, struct diag *d)
{
	char path[CONFIG_PATH_LEN];
	snprintf(path, sizeof path, "%s/%s", o->examples_dir, ini);
	config_defaults(e, o->default_traces);
	if (config_load(e, path, d) != 0)
		return -1;
	used[0] = '\0';
	if (o->variant != NULL && is2010) {
		size_t v = 0;
		while (v < sizeof variants / sizeof variants[0] && strcmp(variants[v].name, o->variant) != 0)
			v++;
		if (v == sizeof variants / sizeof variants[0])
			return diag_add(d, "--variant", 0, 0, "unknown variant '%s'; valid: %s", o->variant,
					reproduce_variant_names());
		for (int k = 0; variants[v].sets2010[k] != NULL; k++) {
			if (config_set(e, variants[v].sets2010[k], d) != 0)
				return -1;
			list_add(used, n_used, variants[v].sets2010[k]);
		}
	}
	const char *const *lists[2] = { o->sets, is2010 ? o->sets2010 : o->setspl };
	int counts[2] = { o->n_sets, is2010 ? o->n_sets2010 : o->n_setspl };
	for (int l = 0; l < 2; l++)
		for (int k = 0; k < counts[l]; k++) {
			if (config_set(e, lists[l][k], d) != 0)
				return -1;
			list_add(used, n_used, lists[l][k]);
		}
	if (config_validate(e, d) != 0)
		return diag_add(d, NULL, 0, 0,
				"%s does not take these overrides: --set applies to every setup (paper2010.ini, "
				"paper.ini%s%s); --set-2010 and --set-planetlab set the 2010 model or the others",
				ini, o->power_states ? ", paper-states.ini, planetlab-states.ini" : "",
				o->network ? ", cloudsim-planetlab.ini" : "");
	return 0;
}

static int load_setup(const struct reproduce_options *o, bool is2010, struct experiment *e, char *used, size_t n_used,
		      struct diag *d)
{
	return load_setup_file(o, is2010, is2010 ? "paper2010.ini" : "paper.ini", e, used, n_used, d);
}

int reproduce_load_planetlab_setup(const struct reproduce_options *o, const char *ini, struct experiment *e,
				   char *used, size_t n_used, struct diag *d)
{
	return load_setup_file(o, false, ini, e, used, n_used, d);
}

/* Everything reproduce writes into out_dir (removed again on failure from a folder it created). */
static const char *const outputs[] = { "runs-2010.csv", "runs-planetlab.csv", "runs-planetlab-secure.csv",
				       "table1.csv", "threshold.csv", "tradeoff.csv", "migrations.csv",
				       "days.csv", "table1.md", "table1-security.csv", "threshold-series.gp",
				       "tradeoff-series.gp", "days-series.gp" };

static int reproduce_into(const struct reproduce_options *o, struct diag *d)
{
	struct reproduce_data r;
	memset(&r, 0, sizeof r);
	r.o = o;
	struct experiment *base = malloc(3 * sizeof *base); /* 2010, PlanetLab, PlanetLab secure */
	r.g10 = calloc((size_t)(N_HEAD2010 + N_MM + N_TAIL2010), sizeof *r.g10);
	r.gpl = calloc((size_t)(NPL + o->n_policies), sizeof *r.gpl);
	int rc = -1;
	if (base == NULL || r.g10 == NULL || r.gpl == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	if (load_setup(o, true, &base[0], r.sets10, sizeof r.sets10, d) != 0 ||
	    load_setup(o, false, &base[1], r.setspl, sizeof r.setspl, d) != 0)
		goto out;
	base[2] = base[1];
	if (config_set(&base[2], "security.enabled=yes", d) != 0)
		goto out;
	/* drr2010 (the seed paper's DRR on the 2010 model) runs where this build has it */
	char probe[64];
	r.have_drr2010 = plugin_find("drr2010") != NULL &&
			 config_get(&base[0], "policy.retire_threshold_s", probe, sizeof probe) == 0;
	r.n10 = grid2010(r.g10, r.have_drr2010);
	for (int k = 0; k < NPL; k++)
		add_row(&r.gpl[k], &grid_pl_paper[k]);
	r.npl = NPL;
	for (int k = 0; k < o->n_policies; k++) {
		const struct gm_policy *p = NULL;
		char msg[DIAG_MSG_LEN];
		const char *name = o->policies[k];
		if (plugin_is_path(name) ? plugin_load(name, &p, msg, sizeof msg) != 0
					 : (p = plugin_find(name)) == NULL) {
			if (p == NULL && !plugin_is_path(name))
				snprintf(msg, sizeof msg, "unknown policy '%s'; valid: %s", name, policy_names());
			diag_add(d, NULL, 0, 0, "--policy %s", msg);
			goto out;
		}
		struct row_spec s = { name, "", "", p->name, p->name, FAM_OTHER, ROW_TABLE };
		add_row(&r.gpl[r.npl++], &s);
	}
	char seeds[64];
	snprintf(seeds, sizeof seeds, "seed=1:%d:1", o->seeds > 0 ? o->seeds : 1);
	long f1 = reproduce_sweep(o, &base[0], r.g10, r.n10, seeds, "runs-2010.csv", &r.a10, d);
	long f2 = f1 < 0 ? -1 : reproduce_sweep(o, &base[1], r.gpl, r.npl, "day=all", "runs-planetlab.csv", &r.apl, d);
	long f3 = f2 < 0 ? -1
			 : reproduce_sweep(o, &base[2], r.gpl, r.npl, "day=all", "runs-planetlab-secure.csv", &r.asec, d);
	long f4 = 0, f5 = 0;
	if (f3 >= 0 && o->power_states)
		f4 = reproduce_power_run(o, &r.pow, d);
	if (f3 >= 0 && f4 >= 0 && o->network)
		f5 = reproduce_network_run(o, &r.net, d);
	if (f1 < 0 || f2 < 0 || f3 < 0 || f4 < 0 || f5 < 0)
		goto out;
	r.models_present = reproduce_models_present(&r);
	if (reproduce_write(&r, d) != 0 || (r.pow.on && reproduce_power_write(&r.pow, o->out_dir, d) != 0) ||
	    (r.net.on && reproduce_network_write(&r.net, o->out_dir, d) != 0))
		goto out;
	rc = f1 + f2 + f3 + f4 + f5 > 0 ? 1 : 0;
out:
	reproduce_power_free(&r.pow);
	reproduce_power_free(&r.net);
	agg_free(r.a10, r.n10);
	agg_free(r.apl, r.npl);
	agg_free(r.asec, r.npl);
	free(r.g10);
	free(r.gpl);
	free(base);
	return rc;
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
		for (int i = 0; reproduce_power_outputs[i] != NULL; i++) {
			snprintf(path, sizeof path, "%s/%s", o->out_dir, reproduce_power_outputs[i]);
			unlink(path);
		}
		for (int i = 0; reproduce_network_outputs[i] != NULL; i++) {
			snprintf(path, sizeof path, "%s/%s", o->out_dir, reproduce_network_outputs[i]);
			unlink(path);
		}
		rmdir(o->out_dir);
	}
	outfile_untrack(slot);
	return rc;
}
