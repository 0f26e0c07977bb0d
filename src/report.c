/*
 * report: summary text and stats CSV (see report.h).
 */
#include "report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char stats_header[] =
	"setup,day,policy,selection,param,hosts,vms,sim_time_s,energy_kwh,migrations,slav,slatah,pdm,"
	"sla_overall,sla_average,host_shutdowns,mean_time_before_host_shutdown_s,"
	"stdev_time_before_host_shutdown_s,mean_time_before_vm_migration_s,"
	"stdev_time_before_vm_migration_s,unplaced_vms,mean_active_hosts,steps,seed";

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

int report_stats(FILE *out, const struct experiment *e, const char *day, const struct sim_result *r)
{
	const struct metrics_result *m = &r->m;
	int rc = 0;
	rc |= fprintf(out, "%s\n", stats_header) < 0;
	rc |= put_field(out, e->setup) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_field(out, day) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_field(out, e->policy) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_field(out, e->selection) != 0;
	rc |= fputc(',', out) == EOF;
	rc |= put_field(out, e->param) != 0;
	rc |= fprintf(out, ",%d,%d,", r->hosts, r->vms) < 0;
	const double values[] = { r->sim_time_s, r->energy_kwh };
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		rc |= put_double(out, values[i]) != 0;
		rc |= fputc(',', out) == EOF;
	}
	rc |= fprintf(out, "%ld,", r->migrations) < 0;
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
	rc |= fprintf(out, "%ld,", r->unplaced_vms) < 0;
	rc |= put_double(out, r->mean_active_hosts) != 0;
	rc |= fprintf(out, ",%ld,%llu\n", r->steps, (unsigned long long)e->seed) < 0;
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

int report_summary(FILE *out, const struct experiment *e, const char *day,
		   const struct sim_result *r)
{
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
			 "VMs not placed: %ld\n",
			 e->setup, day, e->policy, e->selection[0] ? " / " : "", e->selection,
			 e->param[0] ? " / " : "", e->param, r->hosts, r->vms, r->sim_time_s,
			 r->energy_kwh, r->migrations, m->slav * 100, m->pdm * 100, m->slatah * 100,
			 m->sla_overall * 100, m->sla_average * 100, m->host_shutdowns, a, b, c, dd,
			 r->mean_active_hosts, r->unplaced_vms);
	return rc < 0 ? -1 : 0;
}

int report_stats_file(const char *path, const struct experiment *e, const char *day,
		      const struct sim_result *r, struct diag *d)
{
	if (strcmp(path, "-") == 0) {
		if (report_stats(stdout, e, day, r) != 0 || fflush(stdout) != 0)
			return diag_add(d, "<stdout>", 0, 0, "write error: %s", strerror(errno));
		return 0;
	}
	size_t n = strlen(path) + 5;
	char *tmp = malloc(n);
	if (tmp == NULL)
		return diag_add(d, path, 0, 0, "out of memory");
	snprintf(tmp, n, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (f == NULL) {
		diag_add(d, path, 0, 0, "cannot write: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	int rc = report_stats(f, e, day, r);
	int err = errno;
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		err = errno;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		rc = -1;
		err = errno;
	}
	if (rc != 0) {
		remove(tmp);
		diag_add(d, path, 0, 0, "cannot write: %s", strerror(err));
	}
	free(tmp);
	return rc;
}
