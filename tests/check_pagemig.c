/*
 * The page-level secure migration model (pagemig.h): each attack succeeds with the defences off
 * (with its harm observable) and is stopped with them on; clean runs resume bit-identical; the
 * plain model's rounds, pages, stop-and-copy and times equal the analytic pre-copy model
 * (precopy.h) for a constant dirty rate.
 */
#include <check.h>
#include <math.h>

#include "pagemig.h"
#include "precopy.h"
#include "suites.h"

static struct pagemig_result run(enum pagemig_attack a, bool security, uint64_t seed)
{
	struct pagemig_params p;
	pagemig_defaults(&p);
	p.attack = a;
	p.security = security;
	p.seed = seed;
	struct pagemig_result r;
	struct diag d;
	diag_init(&d);
	ck_assert_msg(pagemig_run(&p, &r, &d) == 0, "%s", d.msg[0]);
	return r;
}

START_TEST(test_pagemig_attacks_succeed_without_defences)
{
	for (uint64_t seed = 1; seed <= 5; seed++) {
		struct pagemig_result r = run(PAGEMIG_ATTACK_TOCTTOU, false, seed);
		ck_assert_int_eq(r.outcome, PAGEMIG_SUCCEEDED);
		ck_assert_int_ge(r.leaks, 1); /* the MM read a protected page's plaintext */
		ck_assert_int_ge(r.outcome_pfn, 0);
		r = run(PAGEMIG_ATTACK_RESUME_ORDER, false, seed);
		ck_assert_int_eq(r.outcome, PAGEMIG_SUCCEEDED);
		ck_assert(r.resumed);          /* resumed with an unauthorized mapping of page 0 */
		ck_assert_int_eq(r.outcome_pfn, 0);
		r = run(PAGEMIG_ATTACK_REPLAY, false, seed);
		ck_assert_int_eq(r.outcome, PAGEMIG_SUCCEEDED);
		ck_assert(r.resumed);          /* resumed with a stale page 0 */
		ck_assert_int_eq(r.outcome_pfn, 0);
	}
}
END_TEST

START_TEST(test_pagemig_defences_stop_the_attacks)
{
	for (uint64_t seed = 1; seed <= 5; seed++) {
		struct pagemig_result r = run(PAGEMIG_ATTACK_TOCTTOU, true, seed);
		ck_assert_int_eq(r.outcome, PAGEMIG_PREVENTED);
		ck_assert_int_eq(r.leaks, 0);
		ck_assert_int_ge(r.defence_tocttou, 1);
		ck_assert(r.resumed); /* and the page arrived encrypted later: target == source */
		r = run(PAGEMIG_ATTACK_RESUME_ORDER, true, seed);
		ck_assert_int_eq(r.outcome, PAGEMIG_PREVENTED);
		ck_assert_int_ge(r.defence_pin_refused, 1);
		ck_assert(r.resumed);
		r = run(PAGEMIG_ATTACK_REPLAY, true, seed);
		ck_assert_int_eq(r.outcome, PAGEMIG_DETECTED);
		ck_assert_int_eq(r.defence_hash_mismatch, 1);
		ck_assert(!r.resumed); /* the target never resumes on bad state */
	}
}
END_TEST

/* No attack: clean and bit-identical (the oracle compares every page); with natural protect
 * events racing the MM, the defence handles them (prevented), never a leak. */
START_TEST(test_pagemig_clean_and_natural_races)
{
	for (uint64_t seed = 1; seed <= 5; seed++) {
		struct pagemig_result r = run(PAGEMIG_ATTACK_NONE, true, seed);
		ck_assert_int_eq(r.outcome, PAGEMIG_CLEAN);
		ck_assert(r.resumed);
		ck_assert_int_eq(r.integrity_unprotected, 0);
		ck_assert_int_gt(r.pages_encrypted, 0);
		struct pagemig_params p;
		pagemig_defaults(&p);
		p.seed = seed;
		p.protect_rate = 2000;
		struct diag d;
		diag_init(&d);
		ck_assert_int_eq(pagemig_run(&p, &r, &d), 0);
		ck_assert(r.outcome == PAGEMIG_CLEAN || r.outcome == PAGEMIG_PREVENTED);
		ck_assert_int_eq(r.leaks, 0);
		p.security = false;
		ck_assert_int_eq(pagemig_run(&p, &r, &d), 0);
		ck_assert(r.outcome == PAGEMIG_CLEAN || r.outcome == PAGEMIG_SUCCEEDED);
	}
	/* the same seed, the same run */
	struct pagemig_result a = run(PAGEMIG_ATTACK_NONE, true, 9), b = run(PAGEMIG_ATTACK_NONE, true, 9);
	ck_assert_int_eq(a.pages_plain, b.pages_plain);
	ck_assert_int_eq(a.pages_encrypted, b.pages_encrypted);
	ck_assert_double_eq(a.total_s, b.total_s);
}
END_TEST

/* A constant dirty rate, nothing protected: the analytic model's rounds and stop-and-copy, its
 * pages within one per round (the page model counts whole pages), its times within one page. */
START_TEST(test_pagemig_matches_analytic_precopy)
{
	const double rates[3] = { 2000, 5000, 12000 };
	for (int k = 0; k < 3; k++) {
		struct pagemig_params p;
		pagemig_defaults(&p);
		p.pages = 8192;
		p.protected_share = 0;
		p.dirty_rate = rates[k];
		struct pagemig_result r;
		struct diag d;
		diag_init(&d);
		ck_assert_int_eq(pagemig_run(&p, &r, &d), 0);
		struct precopy_params a;
		precopy_defaults(&a, 8192, p.bandwidth);
		a.dirty_rate = rates[k];
		struct precopy_result x;
		ck_assert_int_eq(precopy_eval(&a, &x), 0);
		ck_assert_int_eq(r.rounds, x.rounds);
		double sent = x.stop_pages;
		for (int i = 0; i < x.rounds; i++)
			sent += x.round_pages[i];
		ck_assert_msg(fabs((double)r.pages_plain - sent) <= x.rounds + 1, "rate %g: %ld pages, analytic %g",
			      rates[k], r.pages_plain, sent);
		ck_assert_msg(fabs((double)r.stop_pages - x.stop_pages) <= 1, "rate %g: stop %ld, analytic %g",
			      rates[k], r.stop_pages, x.stop_pages);
		double page_s = 4096 / p.bandwidth;
		ck_assert(fabs(r.downtime_s - x.downtime_s) <= page_s);
		ck_assert(fabs(r.total_s - x.total_s) <= (x.rounds + 1) * page_s);
		ck_assert_double_eq(r.bytes, r.pages_plain * 4096.0);
		ck_assert_int_eq(r.outcome, PAGEMIG_CLEAN);
	}
}
END_TEST

START_TEST(test_pagemig_bad_parameters)
{
	struct pagemig_params p;
	pagemig_defaults(&p);
	p.pages = 8;
	struct pagemig_result r;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(pagemig_run(&p, &r, &d), -1);
	ck_assert_int_eq(d.count, 1);
	ck_assert_str_eq(pagemig_outcome_name(PAGEMIG_DETECTED), "attack-detected");
}
END_TEST

Suite *pagemig_suite(void)
{
	Suite *s = suite_create("pagemig");
	TCase *core = tcase_create("core");
	tcase_set_timeout(core, 120);
	tcase_add_test(core, test_pagemig_attacks_succeed_without_defences);
	tcase_add_test(core, test_pagemig_defences_stop_the_attacks);
	tcase_add_test(core, test_pagemig_clean_and_natural_races);
	tcase_add_test(core, test_pagemig_matches_analytic_precopy);
	tcase_add_test(core, test_pagemig_bad_parameters);
	suite_add_tcase(s, core);
	return s;
}
