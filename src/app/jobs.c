/*
 * jobs: a sweep as separate jobs, and their merge; see jobs.h. The merged CSV equals the
 * sweep's because both write the same header (sweep_write_header) and compose each row the same
 * way: the axis fields (sweep_write_axis_fields), the run's stats row (report_stats_row) but the
 * columns the axes have (sweep_put_stats), its parameters (sweep_put_params, computed when the
 * jobs are emitted: the manifest holds them).
 */
#include "jobs.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"

/* Single-quoted for the shell. */
static int put_shell_word(FILE *out, const char *s)
{
	int bad = fputc('\'', out) == EOF;
	for (; *s; s++)
		bad |= (*s == '\'' ? fputs("'\\''", out) : fputc(*s, out)) == EOF;
	bad |= fputc('\'', out) == EOF;
	return bad ? -1 : 0;
}

/* " --set 'ASSIGNMENT'" (sweep_each_set's callback). */
static int put_set(void *out, const char *assignment)
{
	return fputs(" --set ", out) == EOF || put_shell_word(out, assignment) != 0 ? -1 : 0;
}

struct manifest_ctx {
	const struct sweep_spec *s;
	long total;
	int param_columns;
};

static int write_manifest_rows(FILE *f, const void *ctx)
{
	const struct manifest_ctx *m = ctx;
	int rc = sweep_write_header(f, m->s);
	for (long i = 0; i < m->total && rc == 0; i++) {
		double v[GM_MAX_PARAMS];
		int n = m->param_columns > 0 ? sweep_run_params(m->s, i, v) : 0;
		rc |= fprintf(f, "run-%06ld.csv\t", i + 1) < 0;
		rc |= sweep_write_axis_fields(f, m->s->axes, m->s->n_axes, i);
		rc |= fputc('\t', f) == EOF;
		rc |= sweep_put_params(f, v, n < m->param_columns ? n : m->param_columns, m->param_columns);
		rc |= fputc('\n', f) == EOF;
	}
	return rc != 0 ? -1 : 0;
}

static int write_manifest(const char *dir, const struct sweep_spec *s, long total, struct diag *d)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/manifest", dir);
	struct manifest_ctx m = { s, total, sweep_param_columns(s) };
	return report_write_file(path, write_manifest_rows, &m, d);
}

/* The command of run i: its experiment, the --set overrides, then its axis values as --set. */
static int write_command(FILE *out, const char *self, const char *dir, const char *ini,
			 const struct sweep_spec *s, long i)
{
	char exp[CONFIG_PATH_LEN];
	const char *this_ini = sweep_experiment_path(s, i, exp, sizeof exp);
	int bad = put_shell_word(out, self) != 0 || fputs(" run ", out) == EOF ||
		  put_shell_word(out, this_ini != NULL ? this_ini : ini) != 0;
	for (int k = 0; k < s->n_sets; k++)
		bad |= fputs(" --set ", out) == EOF || put_shell_word(out, s->sets[k]) != 0;
	bad |= sweep_each_set(s, i, put_set, out) != 0;
	char stats[4200];
	snprintf(stats, sizeof stats, "%s/run-%06ld.csv", dir, i + 1);
	bad |= fputs(" --stats ", out) == EOF || put_shell_word(out, stats) != 0 ||
	       fputs(" --quiet\n", out) == EOF;
	return bad ? -1 : 0;
}

int jobs_emit(FILE *out, const char *self, const char *dir, const char *ini,
	      const struct sweep_spec *s, struct diag *d)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return diag_add(d, NULL, 0, 0, "%s: cannot create: %s", dir, strerror(errno));
	long total = sweep_count(s->axes, s->n_axes);
	if (write_manifest(dir, s, total, d) != 0)
		return -1;
	int bad = 0;
	for (long i = 0; i < total && !bad; i++)
		bad = write_command(out, self, dir, ini, s, i) != 0;
	if (bad || fflush(out) != 0)
		return diag_add(d, NULL, 0, 0, "write error: %s", strerror(errno));
	return 0;
}

/* Reads a whole small text file; NULL if it cannot (errno says why). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap > 0 ? 2 * cap : 8192;
			char *nb = realloc(buf, cap);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		size_t n = fread(buf + len, 1, 4096, f);
		len += n;
		if (n < 4096)
			break;
	}
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

static char *concat(const char *a, const char *b)
{
	size_t al = strlen(a), bl = strlen(b);
	char *s = malloc(al + bl + 1);
	if (s != NULL) {
		memcpy(s, a, al);
		memcpy(s + al, b, bl + 1);
	}
	return s;
}

/* A number as report_stats_row writes it: an integer, a decimal (%.17g), NaN or +-Infinity. */
static bool is_number(const char *s)
{
	if (strcmp(s, "NaN") == 0 || strcmp(s, "Infinity") == 0 || strcmp(s, "-Infinity") == 0)
		return true;
	if (*s == '\0' || strspn(s, "0123456789+-.eE") != strlen(s))
		return false;
	char *end;
	errno = 0;
	(void)strtod(s, &end);
	return *end == '\0' && errno != ERANGE;
}

/* The stats column (index) an axis named `name` sets verbatim, or -1. Values that are paths
 * (plugins) are resolved by the experiment loader, so they are not compared. */
static int axis_column(const char *name, const char *value)
{
	static const char *const cols[][3] = { { "policy", "policy.name", "" },
					       { "selection", "policy.selection", "" },
					       { "param", "policy.param", "" } };
	if (strchr(value, '/') != NULL)
		return -1;
	for (int c = 0; c < 3; c++)
		if (strcmp(name, cols[c][0]) == 0 || strcmp(name, cols[c][1]) == 0)
			return 2 + c;
	return -1;
}

/* The models whose columns follow the usual stats columns in a header line (tail: where they
 * start, at ',' or at the line's end nl), or REPORT_MODEL_NONE_MATCH (also when out of memory). */
static unsigned header_models(const char *tail, const char *nl)
{
	if (tail == nl)
		return report_power_models_of(NULL, 0);
	/* The split reads a NUL-terminated copy of the rest of the line: a quoted name would run
	 * on past the line's end in the file's text. Its unquoted names, each with its NUL, need
	 * at most one byte more than the names as written, so nl - tail bytes each. */
	size_t len = (size_t)(nl - tail);
	char *line = malloc(len), *buf = malloc(len);
	const char *end, **names = NULL;
	int n = -1;
	if (line != NULL && buf != NULL) {
		memcpy(line, tail + 1, len - 1);
		line[len - 1] = '\0';
		n = report_csv_split(line, buf, NULL, 0, &end); /* count only */
	}
	unsigned models = REPORT_MODEL_NONE_MATCH;
	if (n > 0 && (names = calloc((size_t)n, sizeof *names)) != NULL &&
	    report_csv_split(line, buf, names, n, &end) == n)
		models = report_power_models_of(names, n);
	free(names);
	free(buf);
	free(line);
	return models;
}

/*
 * Checks the stats file of run n (text, at path; manifest line `line`) and returns its row, or
 * NULL after a message "path:LINE: ..." for each thing wrong with it: not the stats header, no
 * row or more than one, a row cut short or with another number of fields, a value that is not
 * a number in a numeric column, a policy, selection or param that is not the run's axis value.
 */
static const char *check_stats(const char *path, const char *text, const struct jobs_merge *m,
			       const char *axes, long line, unsigned *run_models, struct diag *d)
{
	const char *header = report_stats_header();
	size_t hl = strlen(header);
	int errors = diag_errors(d);
	const char *nl = strchr(text, '\n');
	unsigned models = REPORT_MODEL_NONE_MATCH;
	if (strncmp(text, header, hl) == 0 && nl != NULL && (text[hl] == '\n' || text[hl] == ','))
		models = header_models(text + hl, nl);
	if (models == REPORT_MODEL_NONE_MATCH) {
		diag_add(d, path, 1, 0, "not greenmig's stats header (%.40s...)", header);
		return NULL;
	}
	/* the sweep reads its traces' headers: a memory series is in its manifest (sweep.h) */
	if ((models & ~m->models) != 0) {
		diag_add(d, path, 1, 0, "the run reports a model (its columns) the sweep's manifest does not have");
		return NULL;
	}
	*run_models = models;
	const char *row = nl + 1;
	if (*row == '\0')
		return diag_add(d, path, 2, 0, "no stats row"), NULL;
	int want = report_stats_columns() + report_power_count(models, false);
	size_t len = strlen(row);
	char *buf = malloc(len + 1), *abuf = malloc(strlen(axes) + 1), *hbuf = malloc(strlen(m->header) + 1);
	const char **f = calloc((size_t)want, sizeof *f);
	const char *af[SWEEP_MAX_AXES * SWEEP_MAX_PARTS], *hf[SWEEP_MAX_AXES * SWEEP_MAX_PARTS], *end;
	if (buf == NULL || abuf == NULL || hbuf == NULL || f == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
	} else {
		int n = report_csv_split(row, buf, f, want, &end);
		if (n < 0 || *end != '\n')
			diag_add(d, path, 2, 0, "the row is cut short (%s)", n < 0 ? "an open quote" : "no line end");
		else if (n != want)
			diag_add(d, path, 2, 0, "%d fields, the stats header has %d", n, want);
		else if (end[1] != '\0')
			diag_add(d, path, 3, 0, "more than one stats row");
		for (int k = 5; n == want && k < want; k++) { /* setup, day, policy, selection, param */
			const char *name = text; /* the run's header line: the model columns' names too */
			for (int c = 0; c < k; c++)
				name = strchr(name, ',') + 1;
			if (!is_number(f[k]))
				diag_add(d, path, 2, 0, "%.*s \"%s\" is not a number", (int)strcspn(name, ",\n"),
					 name, f[k]);
		}
		/* the header's axis names (their count was checked with the manifest) */
		int na = report_csv_split(axes, abuf, af, SWEEP_MAX_AXES * SWEEP_MAX_PARTS, &end) - 1;
		report_csv_split(m->header, hbuf, hf, SWEEP_MAX_AXES * SWEEP_MAX_PARTS, &end);
		for (int k = 0; n == want && k < na && k < SWEEP_MAX_AXES * SWEEP_MAX_PARTS; k++) {
			int c = axis_column(hf[k], af[k]);
			if (c >= 0 && strcmp(f[c], af[k]) != 0)
				diag_add(d, path, 2, 0, "%s \"%s\" is not the run's %s \"%s\" (manifest line %ld)",
					 hf[k], f[c], hf[k], af[k], line);
		}
	}
	free(buf);
	free(abuf);
	free(hbuf);
	free(f);
	return diag_errors(d) == errors ? row : NULL;
}

/* The fields of a CSV record (newline-terminated or not), -1 if a quote is open. */
static int count_fields(const char *s)
{
	char *buf = malloc(strlen(s) + 1);
	const char *end;
	int n = buf != NULL ? report_csv_split(s, buf, NULL, 0, &end) : -1;
	free(buf);
	return n;
}

/* The run's stats row (its own models' columns, run_models) with the sweep's model columns
 * instead: NaN for those of a model the run does not have. NULL if out of memory. */
static char *union_row(const struct jobs_merge *m, const char *row, unsigned run_models)
{
	size_t len = strlen(row);
	char *fbuf = malloc(len + 1), *out = NULL;
	size_t olen = 0;
	int nf = report_stats_columns() + report_power_count(run_models, false);
	const char **f = calloc((size_t)nf, sizeof *f), *end;
	FILE *o = fbuf != NULL && f != NULL ? open_memstream(&out, &olen) : NULL;
	if (o == NULL) {
		free(fbuf);
		free(f);
		return NULL;
	}
	report_csv_split(row, fbuf, f, nf, &end);
	int ns = report_stats_columns(), at = ns, bad = 0;
	for (int c = 0; c < ns; c++)
		bad |= (c > 0 && fputc(',', o) == EOF) || report_csv_field(o, f[c]) != 0;
	const struct report_column *col;
	for (int i = 0; (col = report_power_column(i, false)) != NULL; i++) {
		const char *v = col->model & run_models ? f[at++] : NULL;
		if (col->model & m->models)
			bad |= fputc(',', o) == EOF || fputs(v != NULL ? v : "NaN", o) == EOF;
	}
	bad |= fputc('\n', o) == EOF;
	bad |= fclose(o) != 0;
	free(fbuf);
	free(f);
	if (bad) {
		free(out);
		return NULL;
	}
	return out;
}

/* Run n's row as the sweep composes it: its axis fields, its stats row but the columns the axes
 * have, the sweep's model columns, its parameter fields. NULL if out of memory (the stats row
 * was checked). */
static char *merge_row(const struct jobs_merge *m, const char *axes, const char *row, unsigned run_models,
		       const char *params)
{
	char *buf = NULL, *stats = union_row(m, row, run_models);
	size_t len = 0;
	FILE *f = stats != NULL ? open_memstream(&buf, &len) : NULL;
	if (f == NULL) {
		free(stats);
		return NULL;
	}
	int bad = fputs(axes, f) == EOF || sweep_put_stats(f, stats, m->dropped) != 0 || fputs(params, f) == EOF ||
		  fputc('\n', f) == EOF;
	free(stats);
	bad |= fclose(f) != 0;
	if (bad) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Run n of m (its manifest line "FILE<TAB>axes<TAB>params" split at the tabs): the row, the run
 * missing (m->error), or a bad stats file (messages in d, 1). */
static int merge_run(const char *dir, const char *file, const char *axes, const char *params, long line,
		     struct jobs_merge *m, struct diag *d)
{
	long n = m->n;
	m->axes[n] = concat(axes, "");
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	char *stats = slurp(path);
	int rc = 0;
	if (stats != NULL) {
		unsigned run_models = 0;
		const char *row = check_stats(path, stats, m, axes, line, &run_models, d);
		if (row != NULL)
			m->rows[n] = merge_row(m, axes, row, run_models, params);
		rc = row != NULL ? 0 : 1;
	} else if (errno == ENOENT) {
		m->error[n] = concat(path, " is missing");
		m->failed++;
	} else {
		diag_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
		rc = errno == ENOMEM ? -1 : 1;
	}
	free(stats);
	m->n++;
	if (m->axes[n] == NULL || (rc == 0 && m->rows[n] == NULL && m->error[n] == NULL))
		rc = -1;
	return rc;
}

/* Whether params is K parameter fields as sweep_put_params writes them (",1.5,NaN"). */
static bool param_fields(const char *params, int k)
{
	if (k == 0 || params[0] != ',')
		return k == 0 && params[0] == '\0';
	char *buf = malloc(strlen(params) + 1);
	const char *f[GM_MAX_PARAMS], *end;
	int n = buf != NULL ? report_csv_split(params + 1, buf, f, GM_MAX_PARAMS, &end) : -1;
	bool ok = n == k;
	for (int i = 0; ok && i < n; i++)
		ok = is_number(f[i]);
	free(buf);
	return ok;
}

int jobs_merge_read(const char *dir, struct jobs_merge *m, struct diag *d)
{
	memset(m, 0, sizeof *m);
	char path[4096];
	snprintf(path, sizeof path, "%s/manifest", dir);
	char *man = slurp(path);
	if (man == NULL) {
		diag_add(d, NULL, 0, 0, "%s: cannot read: %s", path, strerror(errno));
		return 1;
	}
	char *nl = strchr(man, '\n');
	if (nl == NULL) {
		diag_add(d, NULL, 0, 0, "%s:1: expected the sweep's CSV header", path);
		free(man);
		return 1;
	}
	long lines = 0;
	for (char *p = nl + 1; *p; p++)
		lines += *p == '\n';
	size_t cap = (size_t)(lines > 0 ? lines : 1) + 1; /* + an unterminated last line */
	nl[0] = '\0';
	m->header = concat(man, "\n");
	m->axes = calloc(cap, sizeof *m->axes);
	m->rows = calloc(cap, sizeof *m->rows);
	m->error = calloc(cap, sizeof *m->error);
	int rc = 0, bad_runs = 0, n_axes = -1;
	if (m->header == NULL || m->axes == NULL || m->rows == NULL || m->error == NULL)
		rc = -1;
	else if (sweep_header_parse(m->header, &n_axes, &m->param_columns, &m->dropped, &m->models) != 0)
		n_axes = -1;
	if (rc == 0 && n_axes < 1) {
		diag_add(d, path, 1, 0, "expected the sweep's CSV header (axis names, then the stats columns)");
		rc = 1;
	}
	long line_no = 1;
	for (char *p = nl + 1; rc == 0 && *p;) {
		line_no++;
		char *end = strchr(p, '\n');
		if (end == NULL) {
			diag_add(d, NULL, 0, 0, "%s:%ld: unterminated line", path, line_no);
			rc = 1;
			break;
		}
		*end = '\0';
		char *tab = strchr(p, '\t'), *tab2 = strrchr(p, '\t');
		/* the run's file name only (no '/': nothing outside DIR); axis values may hold any, the
		 * parameter fields no tab */
		if (tab == NULL || tab == p || tab2 == tab || memchr(p, '/', (size_t)(tab - p)) != NULL) {
			diag_add(d, NULL, 0, 0, "%s:%ld: expected FILE<TAB>axis values<TAB>parameter values",
				 path, line_no);
			rc = 1;
			break;
		}
		*tab = '\0';
		*tab2 = '\0';
		if (!param_fields(tab2 + 1, m->param_columns)) {
			diag_add(d, path, line_no, 0, "expected %d parameter values after the second tab, as "
				 "numbers (\",0.4,0.8\")", m->param_columns);
			rc = 1;
			break;
		}
		int na = count_fields(tab + 1) - 1;
		if (na != n_axes) {
			diag_add(d, path, line_no, 0, "%d axis values, the header has %d axis columns", na, n_axes);
			rc = 1;
			break;
		}
		rc = merge_run(dir, p, tab + 1, tab2 + 1, line_no, m, d);
		bad_runs += rc == 1;
		rc = rc < 0 ? -1 : 0; /* every bad stats file is reported */
		p = end + 1;
	}
	if (rc < 0)
		diag_add(d, NULL, 0, 0, "out of memory");
	free(man);
	return rc == 0 && bad_runs > 0 ? 1 : rc;
}

static int write_merge(FILE *out, const void *ctx)
{
	const struct jobs_merge *m = ctx;
	if (fputs(m->header, out) == EOF)
		return -1;
	for (long i = 0; i < m->n; i++)
		if (m->rows[i] != NULL && fputs(m->rows[i], out) == EOF)
			return -1;
	return 0;
}

int jobs_merge_write(const char *path, const struct jobs_merge *m, struct diag *d)
{
	return report_write_file(path, write_merge, m, d);
}

void jobs_merge_free(struct jobs_merge *m)
{
	for (long i = 0; i < m->n; i++) {
		free(m->axes[i]);
		free(m->rows[i]);
		free(m->error[i]);
	}
	free(m->axes);
	free(m->rows);
	free(m->error);
	free(m->header);
	memset(m, 0, sizeof *m);
}
