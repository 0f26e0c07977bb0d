/*
 * jobs: a sweep as separate jobs, and their merge; see jobs.h. The merged CSV equals the
 * sweep's because both write the same header (sweep_write_header) and rows that are the axis
 * fields (sweep_write_axis_fields) followed by the run's stats row (report_stats_row).
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

struct manifest_ctx {
	const struct sweep_spec *s;
	long total;
};

static int write_manifest_rows(FILE *f, const void *ctx)
{
	const struct manifest_ctx *m = ctx;
	int rc = sweep_write_header(f, m->s->axes, m->s->n_axes);
	for (long i = 0; i < m->total && rc == 0; i++) {
		rc |= fprintf(f, "run-%06ld.csv\t", i + 1) < 0;
		rc |= sweep_write_axis_fields(f, m->s->axes, m->s->n_axes, i);
		rc |= fputc('\n', f) == EOF;
	}
	return rc != 0 ? -1 : 0;
}

static int write_manifest(const char *dir, const struct sweep_spec *s, long total, struct diag *d)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/manifest", dir);
	struct manifest_ctx m = { s, total };
	return report_write_file(path, write_manifest_rows, &m, d);
}

/* The command of run i: its experiment, the --set overrides, then its axis values as --set. */
static int write_command(FILE *out, const char *self, const char *dir, const char *ini,
			 const struct sweep_spec *s, long i)
{
	int pick[SWEEP_MAX_AXES];
	sweep_combination(s->axes, s->n_axes, i, pick);
	char exp[CONFIG_PATH_LEN];
	const char *this_ini = sweep_experiment_path(s, i, exp, sizeof exp);
	int bad = put_shell_word(out, self) != 0 || fputs(" run ", out) == EOF ||
		  put_shell_word(out, this_ini != NULL ? this_ini : ini) != 0;
	for (int k = 0; k < s->n_sets; k++)
		bad |= fputs(" --set ", out) == EOF || put_shell_word(out, s->sets[k]) != 0;
	for (int k = 0; k < s->n_axes; k++) {
		const struct sweep_axis *a = &s->axes[k];
		for (int p = 0; p < a->parts; p++) {
			if (strcmp(a->part_key[p], "experiment") == 0)
				continue;
			char v[CONFIG_PATH_LEN], set[CONFIG_PATH_LEN + 200];
			sweep_value_part(a->values[pick[k]], p, v, sizeof v);
			snprintf(set, sizeof set, "%s=%s", a->part_key[p], v);
			bad |= fputs(" --set ", out) == EOF || put_shell_word(out, set) != 0;
		}
	}
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

/* The stats row of a run's file (a stats header and one row), or NULL. */
static const char *stats_row(const char *stats)
{
	const char *header = report_stats_header();
	size_t hl = strlen(header);
	const char *l1 = strchr(stats, '\n');
	const char *l2 = l1 != NULL ? strchr(l1 + 1, '\n') : NULL;
	if (l2 == NULL || l2[1] != '\0' || (size_t)(l1 - stats) != hl || strncmp(stats, header, hl) != 0)
		return NULL;
	return l1 + 1;
}

/* Run n of m (its manifest line "FILE<TAB>axes" split at the tab): the row or the error. */
static int merge_run(const char *dir, const char *file, const char *axes, struct jobs_merge *m)
{
	long n = m->n;
	m->axes[n] = concat(axes, "");
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	char *stats = slurp(path);
	const char *row = stats != NULL ? stats_row(stats) : NULL;
	if (row != NULL) {
		m->rows[n] = concat(axes, row);
	} else {
		m->error[n] = concat(path, stats == NULL ? " is missing"
							 : " is not a stats file (a header and one row)");
		m->failed++;
	}
	free(stats);
	m->n++;
	return m->axes[n] == NULL || (m->rows[n] == NULL && m->error[n] == NULL) ? -1 : 0;
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
	int rc = 0;
	if (m->header == NULL || m->axes == NULL || m->rows == NULL || m->error == NULL)
		rc = -1;
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
		char *tab = strchr(p, '\t');
		/* the run's file name only (no '/': nothing outside DIR); axis values may hold any */
		if (tab == NULL || tab == p || memchr(p, '/', (size_t)(tab - p)) != NULL) {
			diag_add(d, NULL, 0, 0, "%s:%ld: expected FILE<TAB>axis values", path, line_no);
			rc = 1;
			break;
		}
		*tab = '\0';
		rc = merge_run(dir, p, tab + 1, m);
		p = end + 1;
	}
	if (rc < 0)
		diag_add(d, NULL, 0, 0, "out of memory");
	free(man);
	return rc;
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
