/*
 * report_cloudsim: CloudSim's own output files (examples.power.Helper.printResults with CSV
 * output), part of the report module (report.h): Java's number formats, CloudSim's experiment
 * name and stats row, and --cloudsim-out's folder written all or nothing.
 */
#include "report.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

/* --- CloudSim's own output files (examples.power.Helper.printResults with CSV output) --- */

/*
 * The shortest decimal digits that read back to x (|x| > 0, finite): mant gets the digits,
 * *exp10 the decimal exponent of the first one (x = 0.d1d2... x 10^(exp10 + 1)).
 */
static size_t shortest_digits(double x, char *mant, int *exp10)
{
	char digits[64];
	int prec;
	for (prec = 1; prec <= 17; prec++) {
		snprintf(digits, sizeof digits, "%.*e", prec - 1, x);
		if (strtod(digits, NULL) == x)
			break;
	}
	const char *p = digits + (digits[0] == '-');
	size_t m = 0;
	for (; *p && *p != 'e'; p++)
		if (*p != '.')
			mant[m++] = *p;
	mant[m] = '\0';
	*exp10 = atoi(p + 1);
	return m;
}

/* Java's Double.toString: the shortest decimal that reads back to x, in Java's notation. */
void report_java_double(char *buf, size_t n, double x)
{
	if (isnan(x)) {
		snprintf(buf, n, "NaN");
		return;
	}
	if (isinf(x)) {
		snprintf(buf, n, x > 0 ? "Infinity" : "-Infinity");
		return;
	}
	if (x == 0) {
		snprintf(buf, n, signbit(x) ? "-0.0" : "0.0");
		return;
	}
	char mant[32];
	int exp10;
	size_t m = shortest_digits(x, mant, &exp10);
	int neg = x < 0;
	double ax = fabs(x);
	char out[64];
	size_t o = 0;
	if (neg)
		out[o++] = '-';
	if (ax >= 1e-3 && ax < 1e7) {
		if (exp10 >= 0) {
			for (int i = 0; i <= exp10; i++)
				out[o++] = (size_t)i < m ? mant[i] : '0';
			out[o++] = '.';
			if ((size_t)(exp10 + 1) < m)
				for (size_t i = (size_t)exp10 + 1; i < m; i++)
					out[o++] = mant[i];
			else
				out[o++] = '0';
		} else {
			out[o++] = '0';
			out[o++] = '.';
			for (int i = 0; i < -exp10 - 1; i++)
				out[o++] = '0';
			for (size_t i = 0; i < m; i++)
				out[o++] = mant[i];
		}
		out[o] = '\0';
	} else {
		out[o++] = mant[0];
		out[o++] = '.';
		if (m > 1)
			for (size_t i = 1; i < m; i++)
				out[o++] = mant[i];
		else
			out[o++] = '0';
		snprintf(out + o, sizeof out - o, "E%d", exp10);
	}
	snprintf(buf, n, "%s", out);
}

/*
 * Java's String.format("%.Nf"): the shortest decimal form of x (as Double.toString has it) rounded
 * HALF_UP to N places, so 1.005 gives "1.01" where C's printf gives "1.00"; NaN as "NaN".
 */
void report_java_fixed(char *buf, size_t n, int places, double x)
{
	if (isnan(x) || isinf(x) || x == 0) {
		if (isnan(x))
			snprintf(buf, n, "NaN");
		else if (isinf(x))
			snprintf(buf, n, x > 0 ? "Infinity" : "-Infinity");
		else
			snprintf(buf, n, "%.*f", places, x);
		return;
	}
	char mant[32];
	int e;
	size_t m = shortest_digits(x, mant, &e);
	/* Fixed-point digits: integer part of e + 1 digits (at least one), then `places` decimals. */
	char d[400];
	int int_digits = e >= 0 ? e + 1 : 1;
	int total = int_digits + places;
	if (total + 2 > (int)sizeof d) {
		snprintf(buf, n, "%.*f", places, x);
		return;
	}
	/* digit k (0-based from the left of the integer part) has weight 10^(int_digits - 1 - k) */
	for (int k = 0; k < total; k++) {
		int pos = k - (int_digits - 1 - e); /* index into mant */
		d[k] = (pos >= 0 && (size_t)pos < m) ? mant[pos] : '0';
	}
	int next_pos = total - (int_digits - 1 - e);
	int round_up = next_pos >= 0 && (size_t)next_pos < m && mant[next_pos] >= '5';
	int carry = round_up;
	for (int k = total - 1; k >= 0 && carry; k--) {
		if (d[k] == '9') {
			d[k] = '0';
		} else {
			d[k]++;
			carry = 0;
		}
	}
	char out[420];
	size_t o = 0;
	if (x < 0)
		out[o++] = '-';
	if (carry)
		out[o++] = '1';
	for (int k = 0; k < int_digits; k++)
		out[o++] = d[k];
	if (places > 0) {
		out[o++] = '.';
		for (int k = int_digits; k < total; k++)
			out[o++] = d[k];
	}
	out[o] = '\0';
	snprintf(buf, n, "%s", out);
}

struct column_ctx {
	const double *v;
	long n;
};

static int write_column(FILE *out, const void *ctx)
{
	const struct column_ctx *c = ctx;
	char buf[64];
	for (long i = 0; i < c->n; i++) {
		report_java_double(buf, sizeof buf, c->v[i]);
		if (fprintf(out, "%s\n", buf) < 0)
			return -1;
	}
	return 0;
}

static int write_metric(FILE *out, const void *ctx)
{
	const struct metric_history *m = ctx;
	char a[64], b[64], c[64];
	for (int i = 0; i < m->n; i++) {
		report_java_fixed(a, sizeof a, 2, m->t_s[i]);
		report_java_fixed(b, sizeof b, 2, m->utilization[i]);
		report_java_fixed(c, sizeof c, 2, m->metric[i]);
		if (fprintf(out, "%s,%s,%s\n", a, b, c) < 0)
			return -1;
	}
	return 0;
}

struct row_ctx {
	const char *text;
};

static int write_row(FILE *out, const void *ctx)
{
	const struct row_ctx *c = ctx;
	return fputs(c->text, out) < 0 ? -1 : 0;
}

void report_cloudsim_name(char *buf, size_t n, const struct experiment *e, const char *day)
{
	/* RunnerAbstract.getExperimentName(workload, policy, selection, parameter): empty parts
	 * are skipped. */
	const char *parts[4] = { day, e->policy, e->selection, e->param };
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < 4; i++) {
		if (parts[i][0] == '\0')
			continue;
		int k = snprintf(buf + used, n - used, "%s%s", i != 0 ? "_" : "", parts[i]);
		if (k < 0 || (size_t)k >= n - used)
			break;
		used += (size_t)k;
	}
}

int report_cloudsim_row(char *buf, size_t n, const struct experiment *e, const char *day,
			const struct run_result *r, bool consolidating)
{
	char name[256];
	report_cloudsim_name(name, sizeof name, e, day);
	/* Helper.parseExperimentName: the first four "_" fields, each followed by a comma. */
	char parsed[512] = "";
	{
		char tmp[256];
		snprintf(tmp, sizeof tmp, "%s", name);
		char *save = NULL, *tok = strtok_r(tmp, "_", &save);
		for (int i = 0; i < 4; i++) {
			strncat(parsed, tok != NULL ? tok : "", sizeof parsed - strlen(parsed) - 2);
			strcat(parsed, ",");
			if (tok != NULL)
				tok = strtok_r(NULL, "_", &save);
		}
	}
	const struct metrics_result *m = &r->m;
	char t[4][32];
	report_java_fixed(t[0], sizeof t[0], 2, m->mean_time_before_host_shutdown_s);
	report_java_fixed(t[1], sizeof t[1], 2, m->stdev_time_before_host_shutdown_s);
	report_java_fixed(t[2], sizeof t[2], 2, m->mean_time_before_vm_migration_s);
	report_java_fixed(t[3], sizeof t[3], 2, m->stdev_time_before_vm_migration_s);
	char sla[5][32];
	const double v[5] = { m->slav, m->slatah, m->pdm, m->sla_overall, m->sla_average };
	for (int i = 0; i < 5; i++)
		report_java_fixed(sla[i], sizeof sla[i], 10, v[i]);
	char simt[64], energy[64];
	report_java_fixed(simt, sizeof simt, 2, r->sim.sim_time_s);
	report_java_fixed(energy, sizeof energy, 5, r->sim.energy_kwh);
	int k = snprintf(buf, n, "%s,%s%d,%d,%s,%s,%ld,%s,%s,%s,%s,%s,%ld,%s,%s,%s,%s,", name, parsed,
			 r->sim.hosts, r->sim.vms, simt, energy, r->sim.migrations, sla[0], sla[1], sla[2], sla[3],
			 sla[4], m->host_shutdowns, t[0], t[1], t[2], t[3]);
	if (k < 0 || (size_t)k >= n)
		return -1;
	if (consolidating) {
		/* CloudSim's eight wall-clock columns (selection, host selection, reallocation, total:
		 * mean and stdev). Not measured, so that output stays reproducible: NaN. */
		int k2 = snprintf(buf + k, n - (size_t)k, "NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN,");
		if (k2 < 0 || (size_t)k2 >= n - (size_t)k)
			return -1;
		k += k2;
	}
	if ((size_t)k + 2 > n)
		return -1;
	strcat(buf, "\n");
	return 0;
}

/* The files of report_cloudsim being written: each an outfile until committed. */
#define CLOUDSIM_SUBS 4
struct cloudsim_out {
	char final[4096];            /* DIR without trailing slashes */
	char base[4096];             /* where the files go: DIR, or the temporary sibling folder */
	bool fresh;                  /* DIR did not exist: base is the sibling, renamed at the end */
	int base_slot;
	bool made[CLOUDSIM_SUBS];    /* subfolders created here */
	int sub_slot[CLOUDSIM_SUBS];
	int n;                       /* files */
	struct outfile *of;
	char (*path)[5200];         /* base/sub/NAME of each file */
	bool *committed;
	int *file_slot;              /* fresh: committed files, removed on a signal */
};

static const char *const cloudsim_sub[CLOUDSIM_SUBS] = { "stats", "time_before_host_shutdown",
							   "time_before_vm_migration", "metrics" };

/* Opens and writes file k (base/sub/NAME) with write(ctx); -1 with a message on failure. */
static int cloudsim_file(struct cloudsim_out *c, int k, const char *rel,
			 int (*write)(FILE *, const void *), const void *ctx, struct diag *d)
{
	snprintf(c->path[k], sizeof c->path[k], "%s/%s", c->base, rel);
	char shown[8192]; /* messages name the final path, not the temporary folder */
	snprintf(shown, sizeof shown, "%s/%s", c->final, rel);
	if (outfile_open(&c->of[k], c->path[k], d) != 0)
		return -1;
	errno = 0;
	if (write(c->of[k].f, ctx) != 0) {
		int err = errno != 0 ? errno : EIO;
		outfile_abort(&c->of[k]);
		return diag_add(d, shown, 0, 0, "cannot write: %s", strerror(err));
	}
	return 0;
}

/* Undoes what was written: uncommitted files aborted, and in a fresh DIR everything removed. */
static void cloudsim_undo(struct cloudsim_out *c)
{
	for (int k = 0; k < c->n; k++) {
		if (!c->committed[k])
			outfile_abort(&c->of[k]);
		else if (c->fresh)
			unlink(c->path[k]);
	}
	char sub[8192];
	for (int i = 0; i < CLOUDSIM_SUBS; i++) {
		snprintf(sub, sizeof sub, "%s/%s", c->base, cloudsim_sub[i]);
		if (c->made[i])
			rmdir(sub);
	}
	if (c->fresh)
		rmdir(c->base);
}

static void cloudsim_untrack(struct cloudsim_out *c)
{
	for (int k = 0; k < c->n; k++)
		outfile_untrack(c->file_slot[k]);
	for (int i = 0; i < CLOUDSIM_SUBS; i++)
		outfile_untrack(c->sub_slot[i]);
	outfile_untrack(c->base_slot);
}

/* Creates base (fresh: the temporary sibling of final) and its subfolders. */
static int cloudsim_dirs(struct cloudsim_out *c, struct diag *d)
{
	struct stat st;
	if (stat(c->final, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return diag_add(d, c->final, 0, 0, "cannot create folder: %s", strerror(ENOTDIR));
		snprintf(c->base, sizeof c->base, "%s", c->final);
	} else if (errno == ENOENT) {
		const char *slash = strrchr(c->final, '/');
		int dir_len = slash != NULL ? (int)(slash - c->final) + 1 : 0;
		snprintf(c->base, sizeof c->base, "%.*s.%.200s.XXXXXX", dir_len, c->final, c->final + dir_len);
		if (mkdtemp(c->base) == NULL)
			return diag_add(d, c->final, 0, 0, "cannot create folder: %s", strerror(errno));
		c->fresh = true;
		c->base_slot = outfile_track(c->base, true);
		/* mkdtemp made it 0700; DIR gets what mkdir would have given it */
		if (chmod(c->base, (mode_t)(0777u & ~outfile_umask())) != 0)
			return diag_add(d, c->final, 0, 0, "cannot create folder: %s", strerror(errno));
	} else {
		return diag_add(d, c->final, 0, 0, "cannot create folder: %s", strerror(errno));
	}
	char sub[8192];
	for (int i = 0; i < CLOUDSIM_SUBS; i++) {
		snprintf(sub, sizeof sub, "%s/%s", c->base, cloudsim_sub[i]);
		if (mkdir(sub, 0777) == 0) {
			c->made[i] = true;
			c->sub_slot[i] = outfile_track(sub, true);
		} else if (errno != EEXIST) {
			snprintf(sub, sizeof sub, "%s/%s", c->final, cloudsim_sub[i]);
			return diag_add(d, sub, 0, 0, "cannot create folder: %s", strerror(errno));
		}
	}
	return 0;
}

static int cloudsim_files(struct cloudsim_out *c, const char *name, const char *row,
			  const struct run_result *r, struct diag *d)
{
	char rel[1024];
	struct row_ctx rc = { row };
	snprintf(rel, sizeof rel, "stats/%s_stats.csv", name);
	if (cloudsim_file(c, c->n++, rel, write_row, &rc, d) != 0)
		return -1;
	struct column_ctx hs = { r->m.shutdown_times, r->m.host_shutdowns };
	snprintf(rel, sizeof rel, "time_before_host_shutdown/%s_time_before_host_shutdown.csv", name);
	if (cloudsim_file(c, c->n++, rel, write_column, &hs, d) != 0)
		return -1;
	struct column_ctx vmig = { r->m.migration_times, r->m.vm_migration_durations };
	snprintf(rel, sizeof rel, "time_before_vm_migration/%s_time_before_vm_migration.csv", name);
	if (cloudsim_file(c, c->n++, rel, write_column, &vmig, d) != 0)
		return -1;
	/* Helper.writeMetricHistory: hosts 0..9 that have a history, "%.2f,%.2f,%.2f" lines. */
	for (int h = 0; r->sim.metric_history != NULL && h < r->sim.metric_hosts; h++) {
		if (r->sim.metric_history[h].n == 0)
			continue;
		snprintf(rel, sizeof rel, "metrics/%s_metric_%d.csv", name, h);
		if (cloudsim_file(c, c->n++, rel, write_metric, &r->sim.metric_history[h], d) != 0)
			return -1;
	}
	/* all written: now the renames, which leave each file whole */
	for (int k = 0; k < c->n; k++) {
		if (outfile_commit(&c->of[k], d) != 0)
			return -1;
		c->committed[k] = true;
		if (c->fresh)
			c->file_slot[k] = outfile_track(c->path[k], false);
	}
	if (c->fresh && rename(c->base, c->final) != 0)
		return diag_add(d, c->final, 0, 0, "cannot create folder: %s", strerror(errno));
	if (c->fresh && outfile_sync_dir_of(c->final) != 0)
		return diag_add(d, c->final, 0, 0, "written, but its parent folder could not be synced: %s",
				strerror(errno));
	return 0;
}

int report_cloudsim(const char *dir, const struct experiment *e, const char *day,
		    const struct run_result *r, bool consolidating, struct diag *d)
{
	char name[256], row[2048];
	report_cloudsim_name(name, sizeof name, e, day);
	if (report_cloudsim_row(row, sizeof row, e, day, r, consolidating) != 0)
		return diag_add(d, dir, 0, 0, "experiment name too long");
	struct cloudsim_out *c = calloc(1, sizeof *c);
	int max = 3 + (r->sim.metric_history != NULL && r->sim.metric_hosts > 0 ? r->sim.metric_hosts : 0);
	if (c != NULL) {
		c->of = calloc((size_t)max, sizeof *c->of);
		c->path = calloc((size_t)max, sizeof *c->path);
		c->committed = calloc((size_t)max, sizeof *c->committed);
		c->file_slot = malloc((size_t)max * sizeof *c->file_slot);
	}
	if (c == NULL || c->of == NULL || c->path == NULL || c->committed == NULL || c->file_slot == NULL) {
		if (c != NULL) {
			free(c->of);
			free(c->path);
			free(c->committed);
			free(c->file_slot);
		}
		free(c);
		return diag_add(d, dir, 0, 0, "out of memory");
	}
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	snprintf(c->final, sizeof c->final, "%.*s", (int)len, dir);
	c->base_slot = -1;
	for (int i = 0; i < CLOUDSIM_SUBS; i++)
		c->sub_slot[i] = -1;
	for (int k = 0; k < max; k++)
		c->file_slot[k] = -1;
	int rc = cloudsim_dirs(c, d) == 0 && cloudsim_files(c, name, row, r, d) == 0 ? 0 : -1;
	if (rc != 0)
		cloudsim_undo(c);
	cloudsim_untrack(c);
	free(c->of);
	free(c->path);
	free(c->committed);
	free(c->file_slot);
	free(c);
	return rc;
}

