/*
 * CloudSim 3.0.3 parity: every row of CloudSim's own results (tests/data/reference/, copied from
 * the reference tables, produced by unmodified CloudSim 3.0.3): both setups, days 20110303 and
 * 20110306, every policy and selection, the threshold sweeps. One test per row. Tolerances are the reference README's:
 * migrations and host shutdowns exact; energy within 0.00002 kWh; SLATAH, PDM, overall and average
 * SLA within 1e-9 absolute or 1e-6 relative; SLAV within 1e-6 relative or 2e-10 absolute;
 * mean/stdev times within 0.01 s (NaN only where CloudSim printed NaN).
 * Every compared metric is printed with its difference when it is off.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "run.h"
#include "sim.h"
#include "suites.h"
#include "trace.h"

#define NCOL 32

struct ref_row {
	char cols[NCOL][64];
	int n;
};

static const char *const header_names[] = {
	"setup", "day", "policy", "selection", "param", "hosts", "vms", "sim_time_s", "energy_kwh",
	"migrations", "slav", "slatah", "pdm", "sla_overall", "sla_average", "host_shutdowns",
	"mean_time_before_host_shutdown_s", "stdev_time_before_host_shutdown_s",
	"mean_time_before_vm_migration_s", "stdev_time_before_vm_migration_s",
};

static int split(char *line, struct ref_row *r)
{
	r->n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	char *p = line;
	for (;;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (r->n < NCOL) {
			size_t len = strlen(p);
			if (len >= sizeof r->cols[0])
				len = sizeof r->cols[0] - 1;
			memcpy(r->cols[r->n], p, len);
			r->cols[r->n++][len] = '\0';
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	return r->n;
}

#define MAX_ROWS 256

static struct ref_row rows[MAX_ROWS];
static int n_rows;

/* Loads every row of the four reference files (called when the suite is built). */
static void load_rows(void)
{
	static const char *const files[] = {
		"tests/data/reference/paper-20110303.csv", "tests/data/reference/paper-20110306.csv",
		"tests/data/reference/planetlab-20110303.csv", "tests/data/reference/planetlab-20110306.csv",
	};
	n_rows = 0;
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		FILE *in = fopen(test_srcpath(files[f]), "r");
		if (in == NULL)
			continue; /* the row count test below fails */
		char line[1024];
		int first = 1;
		while (fgets(line, sizeof line, in) != NULL && n_rows < MAX_ROWS) {
			struct ref_row r;
			split(line, &r);
			if (first) {
				first = 0;
				int ok = 1;
				for (size_t i = 0; i < sizeof header_names / sizeof header_names[0]; i++)
					ok &= strcmp(r.cols[i], header_names[i]) == 0;
				if (!ok)
					break;
				continue;
			}
			rows[n_rows++] = r;
		}
		fclose(in);
	}
}

static int off_count;

static void check_value(const char *row, const char *metric, double got, const char *want_s,
			double abs_tol, double rel_tol)
{
	double want = strcmp(want_s, "NaN") == 0 ? NAN : strtod(want_s, NULL);
	int ok;
	if (isnan(want) || isnan(got))
		ok = isnan(want) && isnan(got);
	else
		ok = fabs(got - want) <= abs_tol || fabs(got - want) <= rel_tol * fabs(want);
	if (!ok) {
		off_count++;
		fprintf(stderr, "parity %s: %s is off: greenmig %.17g, CloudSim %s, difference %.3g\n",
			row, metric, got, want_s, got - want);
	}
}

static void parity(const struct ref_row *ref)
{
	const char *setup = ref->cols[0], *day = ref->cols[1], *policy = ref->cols[2];
	const char *ini = strcmp(setup, "paper") == 0 ? "examples/paper.ini" : "examples/cloudsim-planetlab.ini";
	static struct experiment e;
	struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_msg(config_load(&e, test_srcpath(ini), &d) == 0, "%s", d.msg[0]);
	snprintf(e.day, sizeof e.day, "%s", day);
	snprintf(e.policy, sizeof e.policy, "%s", policy);
	snprintf(e.selection, sizeof e.selection, "%s", ref->cols[3]);
	snprintf(e.param, sizeof e.param, "%s", ref->cols[4]);
	ck_assert_msg(config_validate(&e, &d) == 0, "%s", d.msg[0]);
	ck_assert_str_eq(e.setup, setup);
	char *path = trace_resolve_day(e.traces, e.day, &d);
	ck_assert_msg(path != NULL, "%s", d.msg[0]);
	struct trace_set *t = trace_read(path, (size_t)e.vms, &d);
	free(path);
	ck_assert_msg(t != NULL, "%s", d.msg[0]);
	struct run_sim rs;
	struct run_result r;
	ck_assert_msg(run_day(&e, t, &rs, &r, &d) == 0, "%s", d.msg[0]);

	char row[512];
	snprintf(row, sizeof row, "%s-%s %s %s %s", setup, day, policy, ref->cols[3], ref->cols[4]);
	off_count = 0;
	const struct metrics_result *m = &r.m;
	check_value(row, "hosts", r.sim.hosts, ref->cols[5], 0, 0);
	check_value(row, "vms", r.sim.vms, ref->cols[6], 0, 0);
	check_value(row, "sim_time_s", r.sim.sim_time_s, ref->cols[7], 0.005, 0);
	check_value(row, "energy_kwh", r.sim.energy_kwh, ref->cols[8], 0.00002, 0);
	check_value(row, "migrations", (double)r.sim.migrations, ref->cols[9], 0, 0);
	check_value(row, "slav", m->slav, ref->cols[10], 2e-10, 1e-6);
	check_value(row, "slatah", m->slatah, ref->cols[11], 1e-9, 1e-6);
	check_value(row, "pdm", m->pdm, ref->cols[12], 1e-9, 1e-6);
	check_value(row, "sla_overall", m->sla_overall, ref->cols[13], 1e-9, 1e-6);
	check_value(row, "sla_average", m->sla_average, ref->cols[14], 1e-9, 1e-6);
	check_value(row, "host_shutdowns", (double)m->host_shutdowns, ref->cols[15], 0, 0);
	check_value(row, "mean_time_before_host_shutdown_s", m->mean_time_before_host_shutdown_s,
		    ref->cols[16], 0.01, 0);
	check_value(row, "stdev_time_before_host_shutdown_s", m->stdev_time_before_host_shutdown_s,
		    ref->cols[17], 0.01, 0);
	check_value(row, "mean_time_before_vm_migration_s", m->mean_time_before_vm_migration_s,
		    ref->cols[18], 0.01, 0);
	check_value(row, "stdev_time_before_vm_migration_s", m->stdev_time_before_vm_migration_s,
		    ref->cols[19], 0.01, 0);
	fprintf(stderr, "parity %s: %s (energy %.5f kWh, CloudSim %s; %ld migrations)\n", row,
		off_count == 0 ? "matches" : "DIFFERS", r.sim.energy_kwh, ref->cols[8], r.sim.migrations);
	ck_assert_msg(off_count == 0, "%s: %d metric(s) off CloudSim 3.0.3, see the lines above", row,
		      off_count);
	ck_assert_int_eq(r.sim.unplaced_vms, 0);
	run_sim_destroy(&rs);
	trace_destroy(t);
}

START_TEST(test_parity_row)
{
	parity(&rows[_i]);
}
END_TEST

START_TEST(test_parity_all_rows_loaded)
{
	/* 26 + 26 paper rows, 17 + 17 planetlab rows. */
	ck_assert_int_eq(n_rows, 86);
}
END_TEST

Suite *parity_suite(void)
{
	load_rows();
	Suite *s = suite_create("parity");
	TCase *core = tcase_create("core");
	tcase_set_timeout(core, 600);
	tcase_add_test(core, test_parity_all_rows_loaded);
	tcase_add_loop_test(core, test_parity_row, 0, n_rows);
	suite_add_tcase(s, core);
	return s;
}
