/*
 * The synthetic trace generator: deterministic for a seed, and its mean, spread and lag-1
 * autocorrelation match the figures of the shipped PlanetLab days (synth.h), which the test also
 * recomputes from the shipped packed days themselves.
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "suites.h"
#include "synth.h"

START_TEST(test_synth_same_seed_same_set)
{
	struct diag d;
	diag_init(&d);
	struct trace_set *a = synth_generate(50, 288, 42, &d);
	struct trace_set *b = synth_generate(50, 288, 42, &d);
	struct trace_set *c = synth_generate(50, 288, 43, &d);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(c);
	int differ = 0;
	for (size_t i = 0; i < 50; i++) {
		ck_assert_uint_eq(a->n_samples[i], 288);
		ck_assert_str_eq(a->names[i], b->names[i]);
		for (size_t k = 0; k < 288; k++) {
			ck_assert_double_eq(a->pct[i][k], b->pct[i][k]);
			ck_assert(a->pct[i][k] >= 0 && a->pct[i][k] <= 100 && a->pct[i][k] == floor(a->pct[i][k]));
			differ |= a->pct[i][k] != c->pct[i][k];
		}
	}
	ck_assert(differ);
	ck_assert_str_eq(a->names[7], "synth-000007");
	trace_destroy(a);
	trace_destroy(b);
	trace_destroy(c);
}
END_TEST

START_TEST(test_synth_matches_planetlab_figures)
{
	struct diag d;
	diag_init(&d);
	struct trace_set *t = synth_generate(2000, 288, 1, &d);
	double mean, sd, lag1;
	ck_assert_int_eq(synth_stats(t, &mean, &sd, &lag1), 0);
	ck_assert_msg(fabs(mean - SYNTH_TARGET_MEAN) < 0.08 * SYNTH_TARGET_MEAN, "mean %g", mean);
	ck_assert_msg(fabs(sd - SYNTH_TARGET_SD) < 0.08 * SYNTH_TARGET_SD, "sd %g", sd);
	ck_assert_msg(fabs(lag1 - SYNTH_TARGET_LAG1) < 0.015, "lag1 %g", lag1);
	trace_destroy(t);
}
END_TEST

START_TEST(test_synth_targets_are_the_shipped_days)
{
	/* The targets are the figures of the real data: check them on one shipped day. */
	struct diag d;
	diag_init(&d);
	struct trace_set *t = trace_read(test_srcpath("traces/planetlab/20110303.csv.gz"), 0, &d);
	ck_assert_ptr_nonnull(t);
	double mean, sd, lag1;
	ck_assert_int_eq(synth_stats(t, &mean, &sd, &lag1), 0);
	ck_assert_msg(fabs(mean - SYNTH_TARGET_MEAN) < 0.2 * SYNTH_TARGET_MEAN, "mean %g", mean);
	ck_assert_msg(fabs(sd - SYNTH_TARGET_SD) < 0.2 * SYNTH_TARGET_SD, "sd %g", sd);
	ck_assert_msg(fabs(lag1 - SYNTH_TARGET_LAG1) < 0.05, "lag1 %g", lag1);
	trace_destroy(t);
}
END_TEST

START_TEST(test_synth_stats_hand_computed)
{
	/* One VM 10, 20, 30, 40: mean 25, sd sqrt(125), lag-1 = (-15*-5 + -5*5 + 5*15) / 500 = 0.25. */
	double v[4] = { 10, 20, 30, 40 };
	double *p[1] = { v };
	char *n[1] = { "x" };
	size_t c[1] = { 4 };
	long l[1] = { 0 };
	struct trace_set t = { "m", "m", 1, n, n, l, c, p, NULL, NULL, 0, NULL, 0 };
	double mean, sd, lag1;
	ck_assert_int_eq(synth_stats(&t, &mean, &sd, &lag1), 0);
	ck_assert_double_eq_tol(mean, 25, 1e-12);
	ck_assert_double_eq_tol(sd, sqrt(125), 1e-12);
	ck_assert_double_eq_tol(lag1, 0.25, 1e-12);
}
END_TEST

Suite *synth_suite(void)
{
	Suite *s = suite_create("synth");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_synth_same_seed_same_set);
	tcase_add_test(core, test_synth_matches_planetlab_figures);
	tcase_add_test(core, test_synth_targets_are_the_shipped_days);
	tcase_add_test(core, test_synth_stats_hand_computed);
	suite_add_tcase(s, core);
	return s;
}
