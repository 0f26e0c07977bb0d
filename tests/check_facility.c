/*
 * Facility, carbon and cost ([facility], doc/facility.md): the series reader and its errors,
 * the PUE models, and a two-step run with a carbon intensity and a price that change inside a
 * step, computed by hand.
 *
 * The run is check_sim.c's small datacenter (two hosts, linear 250 W, static 0.7), dvfs, 900 s:
 * steps at T1 = 300.1 and T2 = 600.1. A 900 s run keeps 3 samples and repeats the last, so VM 0
 * is at 0.24004 at T1 and exactly 0.36 at T2. IT energy: [0, T1] 0 (every host starts at 0 %,
 * which CloudSim charges nothing), [T1, T2] (193.003 + 202) / 2 x 300 = 59250.45 W*s.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "facility.h"
#include "run.h"
#include "series.h"
#include "sim.h"
#include "suites.h"
#include "trace.h"

/* Writes text to a fresh temporary file; its path in path (PATH_MAX-sized). */
static void temp_file(char *path, size_t n, const char *text)
{
	snprintf(path, n, "/tmp/greenmig-facility-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_facility_series_read_and_integral)
{
	char path[256];
	temp_file(path, sizeof path, "time_s,g_per_kwh\n# a comment\n0,100\n\n450,300\n700,200\n");
	struct series s;
	struct diag d;
	diag_init(&d);
	ck_assert_msg(series_read(&s, path, &d) == 0, "%s", d.msg[0]);
	unlink(path);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_double_eq(series_at(&s, -5), 100);
	ck_assert_double_eq(series_at(&s, 449.9), 100);
	ck_assert_double_eq(series_at(&s, 450), 300);
	ck_assert_double_eq(series_at(&s, 1e9), 200);
	/* [300.1, 600.1]: 149.9 s at 100, 150.1 s at 300 */
	ck_assert_double_eq_tol(series_integral(&s, 300.1, 600.1), 14990 + 45030, 1e-9);
	/* past the last row and inside one row */
	ck_assert_double_eq_tol(series_integral(&s, 800, 900), 20000, 1e-9);
	ck_assert_double_eq(series_integral(&s, 10, 10), 0);
	series_free(&s);
	ck_assert_int_eq(series_constant(&s, 475), 0);
	ck_assert_double_eq_tol(series_integral(&s, 300.1, 600.1), 475 * 300.0, 1e-9);
	series_free(&s);
}
END_TEST

START_TEST(test_facility_series_errors)
{
	char path[256];
	temp_file(path, sizeof path, "time,g\n0,1\n5,x\n0,2\n7,-1\n8\n9,1,2\n");
	struct series s;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(series_read(&s, path, &d), -1);
	ck_assert_int_eq(d.count, 6);
	char want[512];
	snprintf(want, sizeof want, "%s:1: expected the header time_s,NAME (e.g. time_s,g_per_kwh)", path);
	ck_assert_str_eq(d.msg[0], want);
	snprintf(want, sizeof want, "%s:3:2: \"x\" is not a value (a number >= 0)", path);
	ck_assert_str_eq(d.msg[1], want);
	snprintf(want, sizeof want, "%s:4:1: time 0 s is not after the previous row's 0 s", path);
	ck_assert_str_eq(d.msg[2], want);
	snprintf(want, sizeof want, "%s:5:2: \"-1\" is not a value (a number >= 0)", path);
	ck_assert_str_eq(d.msg[3], want);
	snprintf(want, sizeof want, "%s:6: expected two fields TIME,VALUE", path);
	ck_assert_str_eq(d.msg[4], want);
	snprintf(want, sizeof want, "%s:7: expected two fields TIME,VALUE", path);
	ck_assert_str_eq(d.msg[5], want);
	ck_assert_ptr_null(s.t);
	unlink(path);
	temp_file(path, sizeof path, "time_s,price\n");
	diag_init(&d);
	ck_assert_int_eq(series_read(&s, path, &d), -1);
	snprintf(want, sizeof want, "%s: no rows (expected the header time_s,NAME and rows TIME,VALUE)", path);
	ck_assert_str_eq(d.msg[0], want);
	unlink(path);
	diag_init(&d);
	ck_assert_int_eq(series_read(&s, "/nonexistent/greenmig-ci.csv", &d), -1);
	ck_assert_str_eq(d.msg[0], "/nonexistent/greenmig-ci.csv: cannot open: No such file or directory");
}
END_TEST

START_TEST(test_facility_pue_models)
{
	struct facility_params c = { .quadratic = false, .pue = 1.9 };
	ck_assert_double_eq_tol(facility_ws(&c, 1000, 10), 1900, 1e-12);
	/* quadratic, defaults: PUE 1.60 at full load, 1.83 at half, 2.15 at 0.3 */
	struct facility_params q = { .quadratic = true, .c0 = 0.25, .c1 = 0.30, .c2 = 0.05, .design_w = 1000 };
	ck_assert_double_eq_tol(facility_ws(&q, 1000 * 10, 10) / (1000 * 10), 1.60, 1e-12);
	ck_assert_double_eq_tol(facility_ws(&q, 500 * 10, 10) / (500 * 10), 1.825, 1e-12);
	ck_assert_double_eq_tol(facility_ws(&q, 300 * 10, 10) / (300 * 10), 1 + (0.25 + 0.09 + 0.0045) / 0.3,
				1e-12);
	/* no IT load: the no-load overhead alone */
	ck_assert_double_eq_tol(facility_ws(&q, 0, 10), 2500, 1e-12);
}
END_TEST

static double pct0[4] = { 20, 40, 60, 80 };
static double pct1[4] = { 50, 0, 0, 30 };
static char *names[2] = { "a", "b" };
static char *sources[2] = { "mem/a", "mem/b" };
static long lines[2] = { 0, 0 };
static size_t counts[2] = { 4, 4 };
static double *pcts[2] = { pct0, pct1 };
static struct trace_set traces_small = { "mem", "mem", 2, names, sources, lines, counts, pcts, NULL, NULL, 0, NULL, 0 };
static struct experiment exp_fac;

static int run_fac(const char *const *extra, size_t n_extra, struct run_result *r, struct diag *d)
{
	diag_init(d);
	config_defaults(&exp_fac, "mem");
	const char *sets[] = {
		"experiment.setup=small", "simulation.limit_s=900", "hosts.count=2", "hosts.types=h",
		"host.h.pes=1", "host.h.mips=1000", "host.h.ram_mb=4096", "host.h.power=linear",
		"host.h.power_max_w=250", "host.h.power_static_share=0.7", "vms.types=v", "vm.v.mips=600",
		"vm.v.ram_mb=128", "vm.v.bw=2500", "facility.enabled=yes",
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		ck_assert_msg(config_set(&exp_fac, sets[i], d) == 0, "%s: %s", sets[i], d->msg[0]);
	for (size_t i = 0; i < n_extra; i++)
		ck_assert_msg(config_set(&exp_fac, extra[i], d) == 0, "%s: %s", extra[i], d->msg[0]);
	snprintf(exp_fac.policy, sizeof exp_fac.policy, "dvfs");
	ck_assert_msg(config_validate(&exp_fac, d) == 0, "%s", d->msg[0]);
	struct run_sim s;
	int rc = run_day(&exp_fac, &traces_small, &s, r, d);
	run_sim_destroy(&s);
	return rc;
}

START_TEST(test_facility_two_steps_varying_intensity)
{
	/*
	 * PUE 1.5. Step 1 [0, 300.1]: no IT energy, nothing. Step 2 [300.1, 600.1]: facility energy
	 * 59250.45 x 1.5 = 88875.675 W*s, a mean 296.25225 W. The intensity is 100 g/kWh until
	 * 450 s, then 300: 149.9 s x 100 + 150.1 s x 300 = 60020 g*s/kWh, so 296.25225 x 60020 /
	 * 3.6e6 = 4.93918334... g. The price is 0.1 until 500 s, then 0.3: 0.1 x 199.9 + 0.3 x 100.1
	 * = 50.02, cost 296.25225 x 50.02 / 3.6e6.
	 */
	char ci[256], pr[256], s1[300], s2[300];
	temp_file(ci, sizeof ci, "time_s,g_per_kwh\n0,100\n450,300\n");
	temp_file(pr, sizeof pr, "time_s,price_per_kwh\n0,0.1\n500,0.3\n");
	snprintf(s1, sizeof s1, "facility.carbon_file=%s", ci);
	snprintf(s2, sizeof s2, "facility.price_file=%s", pr);
	const char *extra[] = { "facility.pue=1.5", s1, s2 };
	struct run_result r;
	struct diag d;
	ck_assert_msg(run_fac(extra, 3, &r, &d) == 0, "%s", d.msg[0]);
	unlink(ci);
	unlink(pr);
	ck_assert_int_eq(r.sim.steps, 2);
	ck_assert_double_eq_tol(r.sim.energy_kwh * 3600e3, 59250.45, 1e-6);
	ck_assert(r.sim.facility);
	ck_assert_double_eq_tol(r.sim.facility_kwh * 3600e3, 88875.675, 1e-6);
	double w = 88875.675 / 300;
	ck_assert_double_eq_tol(r.sim.co2_kg, w * 60020 / 3.6e6 / 1000, 1e-15);
	ck_assert_double_eq_tol(r.sim.co2_kg * 1000, 4.9391833458333, 1e-9);
	ck_assert_double_eq_tol(r.sim.cost, w * 50.02 / 3.6e6, 1e-15);
	/* the same intensity all the time (the constant): 296.25225 x 300 x 475 / 3.6e6 g */
	const char *constant[] = { "facility.pue=1.5" };
	ck_assert_int_eq(run_fac(constant, 1, &r, &d), 0);
	ck_assert_double_eq_tol(r.sim.co2_kg, w * 300 * 475 / 3.6e6 / 1000, 1e-15);
	ck_assert_double_eq_tol(r.sim.cost, w * 300 * 0.10 / 3.6e6, 1e-15);
}
END_TEST

START_TEST(test_facility_quadratic_run)
{
	/* design_w 0: 2 x 250 W = 500 W. Step 1: x = 0, overhead 500 x 0.25 x 300.1 = 37512.5 W*s.
	 * Step 2: x = 197.5015 / 500, overhead 500 x (0.25 + 0.3 x + 0.05 x^2) x 300. */
	const char *extra[] = { "facility.pue_model=quadratic" };
	struct run_result r;
	struct diag d;
	ck_assert_int_eq(run_fac(extra, 1, &r, &d), 0);
	double x = 59250.45 / 300 / 500;
	double want = 37512.5 + 59250.45 + 500 * (0.25 + 0.3 * x + 0.05 * x * x) * 300;
	ck_assert_double_eq_tol(r.sim.facility_kwh * 3600e3, want, 1e-6);
}
END_TEST

START_TEST(test_facility_bad_file_stops_the_run)
{
	char ci[256], s1[300];
	temp_file(ci, sizeof ci, "time_s,g_per_kwh\n0,100\n10,abc\n");
	snprintf(s1, sizeof s1, "facility.carbon_file=%s", ci);
	const char *extra[] = { s1 };
	struct run_result r;
	struct diag d;
	ck_assert_int_ne(run_fac(extra, 1, &r, &d), 0);
	char want[512];
	snprintf(want, sizeof want, "%s:3:2: \"abc\" is not a value (a number >= 0)", ci);
	ck_assert_str_eq(d.msg[0], want);
	unlink(ci);
}
END_TEST

Suite *facility_suite(void)
{
	Suite *s = suite_create("facility");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_facility_series_read_and_integral);
	tcase_add_test(tc, test_facility_pue_models);
	tcase_add_test(tc, test_facility_two_steps_varying_intensity);
	tcase_add_test(tc, test_facility_quadratic_run);
	suite_add_tcase(s, tc);
	TCase *te = tcase_create("errors");
	tcase_add_test(te, test_facility_series_errors);
	tcase_add_test(te, test_facility_bad_file_stops_the_run);
	suite_add_tcase(s, te);
	return s;
}
