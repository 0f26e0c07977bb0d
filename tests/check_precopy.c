/*
 * The analytic pre-copy model (precopy.h) on the worked examples of
 * doc/migration-security.md#closed-forms and doc/migration-security.md#security-costs, and its
 * CloudSim consistency check (doc/migration-security.md#pre-copy-in-the-datacenter).
 */
#include <check.h>
#include <math.h>

#include "precopy.h"
#include "suites.h"

/* 1 GiB, 1 Gbit/s, 5000 pages/s: lambda = 0.16384 */
static void example(struct precopy_params *p)
{
	precopy_defaults(p, 262144, 125e6);
	p->dirty_rate = 5000;
}

START_TEST(test_precopy_plain_example)
{
	struct precopy_params p;
	struct precopy_result r;
	example(&p);
	ck_assert_int_eq(precopy_eval(&p, &r), 0);
	const double want[5] = { 262144, 42949.7, 7036.9, 1152.9, 188.9 };
	ck_assert_int_eq(r.rounds, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_double_eq_tol(r.round_pages[i], want[i], 0.06);
	ck_assert_double_eq_tol(r.stop_pages, 30.9, 0.06);
	ck_assert_double_eq_tol(r.total_s, 10.2729, 5e-5);
	ck_assert_double_eq_tol(r.downtime_s, 0.00101, 5e-6);
	ck_assert_double_eq_tol(r.bytes / 1e6, 1284.11, 0.006);
	ck_assert(r.converged);
	/* the closed forms of 2.4 with lambda = D P / B */
	double lambda = 5000 * 4096 / 125e6, mpb = 262144 * 4096 / 125e6;
	ck_assert_double_eq_tol(r.total_s, mpb * (1 - pow(lambda, 6)) / (1 - lambda), 1e-9);
	ck_assert_double_eq_tol(r.downtime_s, mpb * pow(lambda, 5), 1e-12);
	ck_assert_double_eq_tol(r.bytes, 262144 * 4096 * (1 - pow(lambda, 6)) / (1 - lambda), 1e-3);
	ck_assert_double_eq(r.cpu_source_s, 0);
}
END_TEST

START_TEST(test_precopy_secure_example)
{
	struct precopy_params p;
	struct precopy_result r;
	example(&p);
	p.secure = true;
	ck_assert_int_eq(precopy_eval(&p, &r), 0);
	const double want[5] = { 262144, 43336.9, 7164.3, 1184.4, 195.8 };
	ck_assert_int_eq(r.rounds, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_double_eq_tol(r.round_pages[i], want[i], 0.06);
	ck_assert_double_eq_tol(r.stop_pages, 32.4, 0.06);
	ck_assert_double_eq_tol(r.total_s, 10.6087, 5e-5);
	ck_assert_double_eq_tol(r.downtime_s, 0.22588, 5e-6);
	ck_assert_double_eq_tol(r.bytes / 1e6, 1288.519, 0.0006);
	ck_assert_double_eq_tol(r.cpu_source_s, 0.1931, 5e-5);
	ck_assert_double_eq_tol(r.cpu_target_s, 0.1931, 5e-5);
	p.hash_incremental = true;
	ck_assert_int_eq(precopy_eval(&p, &r), 0);
	ck_assert_double_eq_tol(r.downtime_s, 0.11852, 5e-6);
}
END_TEST

/* D = 0: one round, nothing left; with one MB for both conversions the time is CloudSim's delay
 * RAM_MB / (BW / 16000) (doc/migration-security.md#pre-copy-in-the-datacenter). */
START_TEST(test_precopy_cloudsim_consistency)
{
	struct precopy_params p;
	struct precopy_result r;
	double ram_mb = 2500, bw = 1000000;
	precopy_defaults(&p, ram_mb * 1048576 / 4096, (bw / 16000) * 1048576);
	ck_assert_int_eq(precopy_eval(&p, &r), 0);
	ck_assert_int_eq(r.rounds, 1);
	ck_assert_double_eq(r.stop_pages, 0);
	ck_assert_double_eq_tol(r.total_s, ram_mb / (bw / 16000), 1e-12);
	ck_assert_double_eq(r.downtime_s, 0);
}
END_TEST

/* lambda >= 1: never converges; Xen's data factor or round limit stops it. */
START_TEST(test_precopy_non_convergent)
{
	struct precopy_params p;
	struct precopy_result r;
	precopy_defaults(&p, 1000, 4096 * 100.0); /* 100 pages/s link */
	p.dirty_rate = 150;
	ck_assert_int_eq(precopy_eval(&p, &r), 0);
	ck_assert(!r.converged);
	/* every round after the first resends the whole memory (capped at M): 3 x M after 3 rounds */
	ck_assert_int_eq(r.rounds, 3);
	ck_assert_double_eq(r.stop_pages, 1000);
	p.stop = PRECOPY_STOP_SIMGRID;
	ck_assert_int_eq(precopy_eval(&p, &r), 0);
	ck_assert_int_eq(r.rounds, 29); /* the safety cap */
	ck_assert(!r.converged);
	p.pages = 0;
	ck_assert_int_eq(precopy_eval(&p, &r), -1);
}
END_TEST

Suite *precopy_suite(void)
{
	Suite *s = suite_create("precopy");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_precopy_plain_example);
	tcase_add_test(core, test_precopy_secure_example);
	tcase_add_test(core, test_precopy_cloudsim_consistency);
	tcase_add_test(core, test_precopy_non_convergent);
	suite_add_tcase(s, core);
	return s;
}
