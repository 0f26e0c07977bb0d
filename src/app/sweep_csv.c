/*
 * sweep_csv: the columns of a sweep's CSV (part of the sweep module, sweep.h): its header, the
 * stats columns an axis already has and which are left out, the parameter columns, and the
 * header's reader. The in-process sweep, the resumed one (its journal holds these rows) and the
 * merge of emitted jobs (jobs.c) all compose their rows with sweep_put_stats and
 * sweep_put_params, so their files are byte-identical.
 */
#include "sweep.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* The stats columns in a mask: at most 64 (report_stats_header has 40). */
#define MAX_STATS_COLUMNS 64
/* A stats row's fields with the model columns after them (report_power.c has 52). */
#define MAX_ROW_FIELDS 160

/* The stats header's field names into buf (strlen + 1 bytes) and f; their count. */
static int stats_names(char *buf, const char **f)
{
	const char *end;
	int n = report_csv_split(report_stats_header(), buf, f, MAX_STATS_COLUMNS, &end);
	assert(n > 0 && n <= MAX_STATS_COLUMNS);
	return n;
}

uint64_t sweep_dropped_columns(const char *const *names, int n)
{
	char buf[2048];
	const char *f[MAX_STATS_COLUMNS];
	assert(strlen(report_stats_header()) < sizeof buf);
	int nf = stats_names(buf, f);
	uint64_t drop = 0;
	for (int c = 0; c < nf; c++)
		for (int k = 0; k < n; k++)
			if (strcmp(f[c], names[k]) == 0)
				drop |= (uint64_t)1 << c;
	return drop;
}

uint64_t sweep_axes_dropped(const struct sweep_axis *axes, int n_axes)
{
	const char *names[SWEEP_MAX_AXES * SWEEP_MAX_PARTS];
	int n = 0;
	for (int k = 0; k < n_axes; k++)
		for (int p = 0; p < axes[k].parts; p++)
			names[n++] = axes[k].part_name[p];
	return sweep_dropped_columns(names, n);
}

int sweep_write_header(FILE *out, const struct sweep_spec *s)
{
	for (int k = 0; k < s->n_axes; k++)
		for (int p = 0; p < s->axes[k].parts; p++)
			if (report_csv_field(out, s->axes[k].part_name[p]) != 0 || fputc(',', out) == EOF)
				return -1;
	uint64_t drop = sweep_axes_dropped(s->axes, s->n_axes);
	char buf[2048];
	const char *f[MAX_STATS_COLUMNS];
	int nf = stats_names(buf, f);
	bool first = true;
	for (int c = 0; c < nf; c++) {
		if (drop & (uint64_t)1 << c)
			continue;
		if ((!first && fputc(',', out) == EOF) || fputs(f[c], out) == EOF)
			return -1;
		first = false;
	}
	if (report_power_header(out, s->models, false) != 0)
		return -1;
	int np = sweep_param_columns(s);
	for (int k = 1; k <= np; k++)
		if (fprintf(out, ",param%d", k) < 0)
			return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

int sweep_write_axis_fields(FILE *out, const struct sweep_axis *axes, int n_axes, long i)
{
	int pick[SWEEP_MAX_AXES];
	sweep_combination(axes, n_axes, i, pick);
	for (int k = 0; k < n_axes; k++) {
		for (int p = 0; p < axes[k].parts; p++) {
			char v[CONFIG_PATH_LEN];
			sweep_value_part(axes[k].values[pick[k]], p, v, sizeof v);
			if (report_csv_field(out, v) != 0 || fputc(',', out) == EOF)
				return -1;
		}
	}
	return 0;
}

int sweep_put_stats(FILE *out, const char *stats_row, uint64_t dropped)
{
	size_t len = strlen(stats_row);
	char *buf = malloc(len + 1);
	const char *f[MAX_ROW_FIELDS], *end;
	if (buf == NULL)
		return -1;
	int n = report_csv_split(stats_row, buf, f, MAX_ROW_FIELDS, &end);
	int ns = report_stats_columns();
	int rc = n >= ns && n - ns <= report_power_count(REPORT_MODEL_ALL, false) ? 0 : -1;
	bool first = true;
	for (int c = 0; rc == 0 && c < n; c++) {
		if (c < ns && dropped & (uint64_t)1 << c)
			continue;
		if ((!first && fputc(',', out) == EOF) || report_csv_field(out, f[c]) != 0)
			rc = -1;
		first = false;
	}
	free(buf);
	return rc;
}

/* x in the shortest %.Ng (N = 1 ... 17) that reads back as x: "0.4", not 0.40000000000000002. */
static int put_shortest(FILE *out, double x)
{
	if (isnan(x))
		return fputs("NaN", out) == EOF ? -1 : 0;
	if (isinf(x))
		return fputs(x > 0 ? "Infinity" : "-Infinity", out) == EOF ? -1 : 0;
	char buf[64];
	for (int digits = 1; digits <= 17; digits++) {
		snprintf(buf, sizeof buf, "%.*g", digits, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return fputs(buf, out) == EOF ? -1 : 0;
}

int sweep_put_params(FILE *out, const double *v, int n, int columns)
{
	for (int k = 0; k < columns; k++)
		if (fputc(',', out) == EOF || put_shortest(out, k < n ? v[k] : NAN) != 0)
			return -1;
	return 0;
}

/* Whether name may name an axis (part): a shorthand, "experiment" or SECTION.KEY. */
static bool axis_name(const char *name)
{
	static const char *const shorthands[] = { "policy", "selection", "param", "seed", "day", "vms",
						  "experiment" };
	for (size_t i = 0; i < sizeof shorthands / sizeof shorthands[0]; i++)
		if (strcmp(name, shorthands[i]) == 0)
			return true;
	const char *dot = strchr(name, '.');
	return dot != NULL && dot != name && dot[1] != '\0';
}

int sweep_header_parse(const char *line, int *axis_cols, int *param_cols, uint64_t *dropped, unsigned *models)
{
	size_t len = strlen(line);
	char *buf = malloc(len + 1);
	int max = 1;
	for (const char *c = line; *c; c++)
		max += *c == ',';
	const char **f = malloc((size_t)max * sizeof *f), *end;
	char sbuf[2048];
	const char *sf[MAX_STATS_COLUMNS];
	int rc = -1;
	if (buf == NULL || f == NULL)
		goto out;
	int n = report_csv_split(line, buf, f, max, &end);
	if (n < 0 || (*end == '\n' && end[1] != '\0'))
		goto out;
	int na = 0;
	while (na < n && strcmp(f[na], "setup") != 0)
		na++;
	if (na == n || na > SWEEP_MAX_AXES * SWEEP_MAX_PARTS)
		goto out;
	for (int k = 0; k < na; k++) {
		if (!axis_name(f[k]))
			goto out;
		for (int j = 0; j < k; j++)
			if (strcmp(f[j], f[k]) == 0)
				goto out;
	}
	uint64_t drop = sweep_dropped_columns(f, na);
	int ns = stats_names(sbuf, sf), at = na;
	for (int c = 0; c < ns; c++) {
		if (drop & (uint64_t)1 << c)
			continue;
		if (at == n || strcmp(f[at], sf[c]) != 0)
			goto out;
		at++;
	}
	int first_model = at;
	while (at < n && strncmp(f[at], "param", 5) != 0)
		at++;
	unsigned mod = report_power_models_of(f + first_model, at - first_model);
	if (mod == REPORT_MODEL_NONE_MATCH)
		goto out;
	int np = 0;
	for (; at < n; at++) {
		char want[32];
		snprintf(want, sizeof want, "param%d", ++np);
		if (strcmp(f[at], want) != 0 || np > GM_MAX_PARAMS)
			goto out;
	}
	*axis_cols = na;
	*param_cols = np;
	*dropped = drop;
	*models = mod;
	rc = 0;
out:
	free(buf);
	free(f);
	return rc;
}
