/*
 * report: summary text and stats CSV (see report.h).
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

static const char stats_header[] =
	"setup,day,policy,selection,param,hosts,vms,sim_time_s,energy_kwh,migrations,slav,slatah,pdm,"
	"sla_overall,sla_average,host_shutdowns,mean_time_before_host_shutdown_s,"
	"stdev_time_before_host_shutdown_s,mean_time_before_vm_migration_s,"
	"stdev_time_before_vm_migration_s,unplaced_vms,mean_active_hosts,migration_time_s,"
	"migration_energy_kwh,steps,seed,sla2010_violation_pct,sla2010_average_pct,hosts_retired,"
	"hosts_evacuated,hosts_drained,security_time_s,security_energy_kwh,security_downtime_s,"
	"security_bytes,migration_downtime_s,placement_invocations,placement_hosts_mean,"
	"placement_planned,placement_done";

const char *report_stats_header(void)
{
	return stats_header;
}

/* %.17g (round-trips every double), NaN spelled as in CloudSim's output. */
static int put_double(FILE *out, double x)
{
	if (isnan(x))
		return fputs("NaN", out) < 0 ? -1 : 0;
	if (isinf(x))
		return fputs(x > 0 ? "Infinity" : "-Infinity", out) < 0 ? -1 : 0;
	return fprintf(out, "%.17g", x) < 0 ? -1 : 0;
}

/* A CSV field: quoted only if it holds a comma, quote or line break. */
static int put_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL)
		return fputs(s, out) < 0 ? -1 : 0;
	if (fputc('"', out) == EOF)
		return -1;
	for (; *s; s++) {
		if (*s == '"' && fputc('"', out) == EOF)
			return -1;
		if (fputc(*s, out) == EOF)
			return -1;
	}
	return fputc('"', out) == EOF ? -1 : 0;
}

/* One stats row (no header); `seed` is the seed column. */
static int stats_row(FILE *out, const struct experiment *e, const char *day, const struct run_result *r,
		     uint64_t seed, unsigned columns)
{
	const struct metrics_result *m = &r->m;
	int rc = 0;
	rc |= put_field(out, e->setup) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_field(out, day) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_field(out, e->policy) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_field(out, e->selection) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_field(out, e->param) != 0;
	rc |= fprintf(out, ",%d,%d,", r->sim.hosts, r->sim.vms) < 0;
	const double values[] = { r->sim.sim_time_s, r->sim.energy_kwh };
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		rc |= put_double(out, values[i]) != 0;
		rc |= fputc(',', out) == EOF;
	}
	rc |= fprintf(out, "%ld,", r->sim.migrations) < 0;
	const double sla[] = { m->slav, m->slatah, m->pdm, m->sla_overall, m->sla_average };
	for (size_t i = 0; i < sizeof sla / sizeof sla[0]; i++) {
		rc |= put_double(out, sla[i]) != 0;
		rc |= fputc(',', out) == EOF;
	}
	rc |= fprintf(out, "%ld,", m->host_shutdowns) < 0;
	const double times[] = { m->mean_time_before_host_shutdown_s, m->stdev_time_before_host_shutdown_s,
				 m->mean_time_before_vm_migration_s, m->stdev_time_before_vm_migration_s };
	for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
		rc |= put_double(out, times[i]) != 0;
		rc |= fputc(',', out) == EOF;
	}
	rc |= fprintf(out, "%ld,", r->sim.unplaced_vms) < 0;
	rc |= put_double(out, r->mean_active_hosts) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_double(out, r->sim.migration_time_s) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_double(out, r->sim.migration_energy_kwh) != 0;
	rc |= fprintf(out, ",%ld,%llu,", r->sim.steps, (unsigned long long)seed) < 0;
	rc |= put_double(out, r->sim.sla2010_violation_pct) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_double(out, r->sim.sla2010_average_pct) != 0;
	rc |= fprintf(out, ",%ld,%ld,%ld", r->sim.hosts_retired, r->sim.hosts_evacuated, r->sim.hosts_drained) < 0;
	const double sec[] = { r->sim.security_time_s, r->sim.security_energy_kwh, r->sim.security_downtime_s,
			       r->sim.security_bytes, r->sim.downtime_s };
	for (size_t i = 0; i < sizeof sec / sizeof sec[0]; i++) {
		rc |= fputc(',', out) == EOF;
		rc |= put_double(out, sec[i]) != 0;
	}
	rc |= fprintf(out, ",%ld,", r->sim.placement_invocations) < 0;
	rc |= put_double(out, r->sim.placement_hosts_mean) != 0;
	rc |= fprintf(out, ",%ld,%ld", r->sim.placement_planned, r->sim.placement_done) < 0;
	if (columns != 0)
		rc |= report_power_row(out, columns, report_models_of_run(e, r), r) != 0;
	rc |= fputc('\n', out) == EOF;
	return rc ? -1 : 0;
}

/* Java's String.format("%.2f") of NaN prints "NaN"; C prints "nan". */
static void fmt2(char *buf, size_t n, double x)
{
	if (isnan(x))
		snprintf(buf, n, "NaN");
	else
		snprintf(buf, n, "%.2f", x);
}

/* x with `places` decimals and `unit`, or "-" (no value: e.g. no violation to average). */
static void fmt_or_dash(char *buf, size_t n, double x, int places, const char *unit)
{
	if (isnan(x))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.*f%s", places, x, unit);
}

/* The 2010 model's summary: its own metrics (doc/model2010.md#sla-metrics-2010) beside energy
 * and migrations. */
/* The summary lines of DRR, the placement controller and the security module, when they apply. */
static int summary_extras(FILE *out, const struct experiment *e, const struct run_result *r)
{
	int rc = 0;
	if (rc >= 0 && (r->sim.hosts_retired > 0 || strcmp(e->policy, "drr") == 0))
		rc = fprintf(out, "Host retirements: %ld (emptied by the threshold: %ld, drained: %ld)\n",
			     r->sim.hosts_retired, r->sim.hosts_evacuated, r->sim.hosts_drained);
	if (rc >= 0 && r->sim.placement_invocations > 0)
		rc = fprintf(out, "Placement re-packs: %ld (%ld infeasible), %.1f hosts planned on average, "
			     "%ld migrations planned, %ld started\n", r->sim.placement_invocations,
			     r->sim.placement_infeasible, r->sim.placement_hosts_mean, r->sim.placement_planned,
			     r->sim.placement_done);
	if (rc >= 0 && e->security.enabled)
		rc = fprintf(out, "Secure migration: +%.2f sec migration time, +%.5f kWh crypto energy, "
			     "+%.3f sec downtime, +%.1f MB on the wire\n", r->sim.security_time_s,
			     r->sim.security_energy_kwh, r->sim.security_downtime_s, r->sim.security_bytes / 1e6);
	return rc < 0 ? -1 : 0;
}

static int summary2010(FILE *out, const struct experiment *e, const struct run_result *r)
{
	char viol[64], avg[64];
	fmt_or_dash(viol, sizeof viol, r->sim.sla2010_violation_pct, 2, "%");
	fmt_or_dash(avg, sizeof avg, r->sim.sla2010_average_pct, 2, "%");
	int rc = fprintf(out,
			 "Experiment: %s, 2010 model, policy %s%s%s, seed %llu\n"
			 "Number of hosts: %d\n"
			 "Number of VMs: %d\n"
			 "Total simulation time: %.2f sec\n"
			 "Energy consumption: %.2f kWh\n"
			 "Number of VM migrations: %ld\n"
			 "SLA violation (2010): %s\n"
			 "Average SLA (2010): %s\n"
			 "Overall SLA violation: %.2f%%\n"
			 "Mean active hosts: %.2f\n"
			 "VMs not placed: %ld\n",
			 e->setup, e->policy, e->param[0] ? " / " : "", e->param,
			 (unsigned long long)e->seed, r->sim.hosts, r->sim.vms, r->sim.sim_time_s, r->sim.energy_kwh,
			 r->sim.migrations, viol, avg,
			 r->m.sla_overall * 100, r->mean_active_hosts, r->sim.unplaced_vms);
	return rc < 0 ? -1 : summary_extras(out, e, r);
}

int report_summary(FILE *out, const struct experiment *e, const char *day,
		   const struct run_result *r)
{
	if (e->model == MODEL_2010)
		return summary2010(out, e, r);
	const struct metrics_result *m = &r->m;
	char a[64], b[64], c[64], dd[64];
	fmt2(a, sizeof a, m->mean_time_before_host_shutdown_s);
	fmt2(b, sizeof b, m->stdev_time_before_host_shutdown_s);
	fmt2(c, sizeof c, m->mean_time_before_vm_migration_s);
	fmt2(dd, sizeof dd, m->stdev_time_before_vm_migration_s);
	int rc = fprintf(out,
			 "Experiment: %s, day %s, policy %s%s%s%s%s\n"
			 "Number of hosts: %d\n"
			 "Number of VMs: %d\n"
			 "Total simulation time: %.2f sec\n"
			 "Energy consumption: %.2f kWh\n"
			 "Number of VM migrations: %ld\n"
			 "SLA: %.5f%%\n"
			 "SLA perf degradation due to migration: %.2f%%\n"
			 "SLA time per active host: %.2f%%\n"
			 "Overall SLA violation: %.2f%%\n"
			 "Average SLA violation: %.2f%%\n"
			 "Number of host shutdowns: %ld\n"
			 "Mean time before a host shutdown: %s sec\n"
			 "StDev time before a host shutdown: %s sec\n"
			 "Mean time before a VM migration: %s sec\n"
			 "StDev time before a VM migration: %s sec\n"
			 "Mean active hosts: %.2f\n"
			 "Total migration time: %.2f sec\n"
			 "Migration energy: %.5f kWh\n"
			 "VMs not placed: %ld\n",
			 e->setup, day, e->policy, e->selection[0] ? " / " : "", e->selection,
			 e->param[0] ? " / " : "", e->param, r->sim.hosts, r->sim.vms, r->sim.sim_time_s,
			 r->sim.energy_kwh, r->sim.migrations, m->slav * 100, m->pdm * 100, m->slatah * 100,
			 m->sla_overall * 100, m->sla_average * 100, m->host_shutdowns, a, b, c, dd,
			 r->mean_active_hosts, r->sim.migration_time_s, r->sim.migration_energy_kwh, r->sim.unplaced_vms);
	return rc < 0 ? -1 : summary_extras(out, e, r);
}

int report_timeline(FILE *out, const struct timeline_row *rows, int n, unsigned models)
{
	int rc = fprintf(out, "time_s,active_hosts,power_w,overloaded_hosts,migrations_started,"
			 "energy_kwh") < 0;
	rc |= report_power_header(out, models, true) != 0;
	rc |= fputc('\n', out) == EOF;
	for (int i = 0; i < n; i++) {
		const struct timeline_row *r = &rows[i];
		rc |= put_double(out, r->t_s) != 0;
		rc |= fprintf(out, ",%d,", r->active_hosts) < 0;
		rc |= put_double(out, r->power_w) != 0;
		rc |= fprintf(out, ",%d,%d,", r->overloaded_hosts, r->migrations_started) < 0;
		rc |= put_double(out, r->energy_kwh) != 0;
		if (models != 0)
			rc |= report_power_timeline_row(out, models, r) != 0;
		rc |= fputc('\n', out) == EOF;
	}
	return rc ? -1 : 0;
}

int report_write_file(const char *path, int (*write)(FILE *, const void *), const void *ctx,
		      struct diag *d)
{
	return outfile_write(path, write, ctx, d);
}

int report_stats_row(FILE *out, const struct experiment *e, const char *day, const struct run_result *r)
{
	return stats_row(out, e, day, r, e->seed, 0);
}

int report_stats_row_cols(FILE *out, const struct experiment *e, const char *day, const struct run_result *r,
			  unsigned columns)
{
	return stats_row(out, e, day, r, e->seed, columns);
}

int report_csv_field(FILE *out, const char *s)
{
	return put_field(out, s);
}

int report_csv_split(const char *s, char *buf, const char **f, int max, const char **end)
{
	int n = 0;
	for (;;) {
		if (n < max)
			f[n] = buf;
		n++;
		if (*s == '"') {
			for (s++;; s++) {
				if (*s == '\0')
					return -1;
				if (*s == '"' && s[1] != '"')
					break;
				s += *s == '"';
				*buf++ = *s;
			}
			s++;
		} else {
			for (; *s != ',' && *s != '\n' && *s != '\0' && *s != '"'; s++)
				*buf++ = *s;
		}
		*buf++ = '\0';
		if (*s != ',') {
			*end = s;
			return *s == '\n' || *s == '\0' ? n : -1;
		}
		s++;
	}
}

int report_stats_columns(void)
{
	int n = 1;
	for (const char *c = stats_header; *c; c++)
		n += *c == ',';
	return n;
}

int report_stats(FILE *out, const struct experiment *e, const char *day, const struct run_result *r)
{
	unsigned models = report_models_of_run(e, r);
	if (fputs(stats_header, out) < 0 || report_power_header(out, models, false) != 0 ||
	    fputc('\n', out) == EOF)
		return -1;
	return stats_row(out, e, day, r, e->seed, models);
}

int report_stats_rows(FILE *out, const struct experiment *e, const char *day,
		      const struct run_result *r, const uint64_t *seeds, int n)
{
	unsigned models = report_models_of_run(e, n > 0 ? &r[0] : NULL);
	if (fputs(stats_header, out) < 0 || report_power_header(out, models, false) != 0 ||
	    fputc('\n', out) == EOF)
		return -1;
	for (int i = 0; i < n; i++)
		if (stats_row(out, e, day, &r[i], seeds[i], models) != 0)
			return -1;
	return 0;
}

struct stats_ctx {
	const struct experiment *e;
	const char *day;
	const struct run_result *r;
	const uint64_t *seeds;
	int n;
};

static int write_stats(FILE *out, const void *ctx)
{
	const struct stats_ctx *c = ctx;
	if (c->seeds == NULL)
		return report_stats(out, c->e, c->day, c->r);
	return report_stats_rows(out, c->e, c->day, c->r, c->seeds, c->n);
}

int report_stats_file(const char *path, const struct experiment *e, const char *day,
		      const struct run_result *r, struct diag *d)
{
	struct stats_ctx c = { e, day, r, NULL, 1 };
	return report_write_file(path, write_stats, &c, d);
}

int report_stats_rows_file(const char *path, const struct experiment *e, const char *day,
			   const struct run_result *r, const uint64_t *seeds, int n, struct diag *d)
{
	struct stats_ctx c = { e, day, r, seeds, n };
	return report_write_file(path, write_stats, &c, d);
}

/* Student's t quantile t(0.975, df) for df = 1..30 (then the normal 1.96). */
static double t975(int df)
{
	static const double t[30] = { 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262,
				      2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101,
				      2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
				      2.048, 2.045, 2.042 };
	return df >= 1 && df <= 30 ? t[df - 1] : 1.96;
}

void report_mean_ci(const double *x, int n, double *mean, double *half)
{
	double s = 0;
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		s += x[i];
		k++;
	}
	*mean = k > 0 ? s / k : NAN;
	*half = NAN;
	if (k < 2)
		return;
	double ss = 0;
	for (int i = 0; i < n; i++)
		if (!isnan(x[i]))
			ss += (x[i] - *mean) * (x[i] - *mean);
	*half = t975(k - 1) * sqrt(ss / (k - 1)) / sqrt((double)k);
}

int report_seeds_summary(FILE *out, const struct experiment *e, const struct run_result *r,
			 const uint64_t *seeds, int n)
{
	static const struct {
		const char *label;
		int places;
	} rows[] = { { "Energy consumption (kWh)", 3 },
		     { "Number of VM migrations", 1 },
		     { "SLA violation (2010) (%)", 3 },
		     { "Average SLA (2010) (%)", 2 },
		     { "Overall SLA violation (%)", 3 },
		     { "Total simulation time (s)", 1 } };
	double *x = malloc((size_t)(n > 0 ? n : 1) * sizeof *x);
	if (x == NULL)
		return -1;
	int rc = fprintf(out, "Experiment: %s, %s, policy %s%s%s, %d seeds (%llu..%llu): mean +- 95 %% "
			 "interval (Student t)\n",
			 e->setup, e->model == MODEL_2010 ? "2010 model" : "cloudsim3", e->policy,
			 e->param[0] ? " / " : "", e->param, n, (unsigned long long)seeds[0],
			 (unsigned long long)seeds[n - 1]) < 0;
	for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
		for (int i = 0; i < n; i++) {
			const struct run_result *s = &r[i];
			double v[] = { s->sim.energy_kwh, (double)s->sim.migrations, s->sim.sla2010_violation_pct,
				       s->sim.sla2010_average_pct, s->m.sla_overall * 100, s->sim.sim_time_s };
			x[i] = v[k];
		}
		double mean, half;
		report_mean_ci(x, n, &mean, &half);
		char a[64], b[64];
		fmt_or_dash(a, sizeof a, mean, rows[k].places, "");
		fmt_or_dash(b, sizeof b, half, rows[k].places, "");
		rc |= fprintf(out, "%s: %s +- %s\n", rows[k].label, a, b) < 0;
	}
	free(x);
	return rc ? -1 : 0;
}

int report_security_compare(FILE *out, const struct experiment *e, const char *day,
			    const struct run_result r[2], const struct security_diff *diff)
{
	static const char *const label[2] = { "without security", "with security" };
	int bad = fprintf(out, "Experiment: %s, day %s, policy %s%s%s%s%s: secure migration compared\n",
			  e->setup, day, e->policy, e->selection[0] ? " / " : "", e->selection,
			  e->param[0] ? " / " : "", e->param) < 0;
	for (int k = 0; k < 2; k++)
		bad |= fprintf(out, "%-17s energy %.5f kWh, SLAV %.10f, %ld migrations, migration time "
			       "%.2f sec\n", label[k], r[k].sim.energy_kwh, r[k].m.slav, r[k].sim.migrations,
			       r[k].sim.migration_time_s) < 0;
	bad |= fprintf(out, "difference        energy %+.5f kWh (%+.3f %%), SLAV %+.10f (%+.2f %%), "
		       "migration time %+.2f sec\n", diff->energy_kwh, diff->energy_pct, diff->slav,
		       diff->slav_pct, diff->migration_time_s) < 0;
	bad |= fprintf(out, "security's share  +%.2f sec migration time, +%.5f kWh crypto energy, "
		       "+%.3f sec downtime, +%.1f MB on the wire\n", diff->security_time_s,
		       diff->security_energy_kwh, diff->security_downtime_s, diff->security_mb) < 0;
	return bad ? -1 : 0;
}
