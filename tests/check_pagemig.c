/*
 * The page-level secure migration model (pagemig.h): each attack succeeds with the defences off
 * (with its harm observable) and is stopped with them on; clean runs resume bit-identical; the
 * plain model's rounds, pages, stop-and-copy and times equal the analytic pre-copy model
 * (precopy.h) for a constant dirty rate.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calibrate.h"
#include "pagemig.h"
#include "report.h"
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

/* A rate far beyond what dirties every page in every step gives the same run as one that just
 * does (the writer dirties distinct pages, so no more than all of them), and in finite work: before,
 * 1e9 pages/s ran for minutes (the tcase's timeout). Every live round and the stop-and-copy send
 * every page. The same for protect events. */
START_TEST(test_pagemig_huge_dirty_rate)
{
	struct pagemig_params p;
	pagemig_defaults(&p);
	struct pagemig_result r[3];
	const double rates[3] = { 1e6, 1e9, 1e300 }; /* 1e6 pages/s: about 2100 writes per step */
	for (int k = 0; k < 3; k++) {
		p.dirty_rate = rates[k];
		struct diag d;
		diag_init(&d);
		ck_assert_msg(pagemig_run(&p, &r[k], &d) == 0, "%s", d.msg[0]);
	}
	for (int k = 1; k < 3; k++) {
		ck_assert_int_eq(r[k].rounds, r[0].rounds);
		ck_assert_int_eq(r[k].pages_plain, r[0].pages_plain);
		ck_assert_int_eq(r[k].pages_encrypted, r[0].pages_encrypted);
		ck_assert_int_eq(r[k].stop_pages, r[0].stop_pages);
		ck_assert_double_eq(r[k].bytes, r[0].bytes);
		ck_assert_double_eq(r[k].total_s, r[0].total_s);
		ck_assert_double_eq(r[k].downtime_s, r[0].downtime_s);
		ck_assert_int_eq(r[k].outcome, PAGEMIG_CLEAN);
	}
	/* Xen's data factor ends it: rounds 0, 1, 2 of 1024 pages each, then all 1024 at the stop */
	ck_assert_int_eq(r[1].rounds, 3);
	ck_assert_int_eq(r[1].stop_pages, 1024);
	ck_assert_int_eq(r[1].pages_plain + r[1].pages_encrypted, 4 * 1024);
	/* protect events at any rate: in the first race window every page becomes protected, the
	 * 64 the MM has mapped are remapped to the zero page, nothing leaks */
	pagemig_defaults(&p);
	p.protected_share = 0;
	p.protect_rate = 1e12;
	struct pagemig_result q;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(pagemig_run(&p, &q, &d), 0);
	ck_assert_int_eq(q.leaks, 0);
	ck_assert(q.resumed);
	ck_assert_int_eq(q.defence_tocttou, 64);
	ck_assert_int_eq(q.caught.zero_reads, 64);
	ck_assert_int_eq(q.outcome, PAGEMIG_PREVENTED);
}
END_TEST

/* Each attack's harm is shown (which page, which content, which mapping), not only asserted;
 * with the defences on, what each caught. The scripted attacks: TOCTTOU on the first page the MM
 * maps unprotected, a page table in the last page mapping protected page 0 from context 2, a
 * ciphertext of page 0 recorded in round 1. */
START_TEST(test_pagemig_harm_is_observable)
{
	for (uint64_t seed = 1; seed <= 3; seed++) {
		struct pagemig_result r = run(PAGEMIG_ATTACK_TOCTTOU, false, seed);
		ck_assert_int_ge(r.harm.leaks, 1);
		ck_assert_int_eq(r.harm.leak_pfn, r.outcome_pfn);
		ck_assert_int_ge(r.harm.leak_pfn, 0);
		ck_assert_int_ge(r.harm.leak_version, 2); /* the secret the owner wrote after protecting it */
		ck_assert_int_eq(r.caught.tocttou_pfn, -1);
		struct pagemig_result c = run(PAGEMIG_ATTACK_TOCTTOU, true, seed);
		ck_assert_int_eq(c.harm.leaks, 0);
		ck_assert_int_eq(c.caught.tocttou_pfn, r.harm.leak_pfn); /* the same page, remapped */
		ck_assert_int_ge(c.caught.zero_reads, 1);

		r = run(PAGEMIG_ATTACK_RESUME_ORDER, false, seed);
		ck_assert_int_eq(r.harm.unauthorized_mappings, 1);
		ck_assert_int_eq(r.harm.unauth_pt_pfn, 1023);
		ck_assert_int_eq(r.harm.unauth_target_pfn, 0);
		ck_assert_int_eq(r.harm.unauth_context, 2);
		ck_assert_int_eq(r.caught.pin_refused_pfn, -1);
		c = run(PAGEMIG_ATTACK_RESUME_ORDER, true, seed);
		ck_assert_int_eq(c.harm.unauthorized_mappings, 0);
		ck_assert_int_eq(c.caught.pin_refused_pfn, 1023);
		ck_assert_int_eq(c.caught.pin_rejected, 1);
		ck_assert_int_eq(c.caught.pin_rejected_pfn, 1023);
		ck_assert_int_eq(c.caught.pin_rejected_target_pfn, 0);

		r = run(PAGEMIG_ATTACK_REPLAY, false, seed);
		ck_assert_int_eq(r.harm.stale_protected, 1);
		ck_assert_int_eq(r.harm.stale_pfn, 0);
		ck_assert_int_eq(r.harm.stale_round, 1);
		ck_assert_int_lt(r.harm.stale_version, r.harm.stale_source_version);
		ck_assert_int_eq(r.caught.hash_mismatch_pages, 0);
		c = run(PAGEMIG_ATTACK_REPLAY, true, seed);
		ck_assert_int_eq(c.harm.stale_protected, 0); /* not resumed */
		ck_assert_int_eq(c.caught.hash_mismatch_pages, 1);
		ck_assert_int_eq(c.caught.hash_mismatch_pfn, 0);
		ck_assert_int_eq(c.caught.hash_mismatch_round, 1);
		ck_assert_int_eq(c.caught.hash_mismatch_version, r.harm.stale_version);
	}
	/* and the output says so */
	struct pagemig_params p;
	pagemig_defaults(&p);
	p.attack = PAGEMIG_ATTACK_REPLAY;
	p.security = false;
	struct pagemig_result r = run(PAGEMIG_ATTACK_REPLAY, false, 1);
	char buf[8192] = "";
	FILE *f = fmemopen(buf, sizeof buf - 1, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(report_migration(f, &p, &r, false), 0);
	fclose(f);
	ck_assert_msg(strstr(buf, "\nharm: page 0 resumed with its content of round 1 (version ") != NULL, "%s", buf);
	ck_assert_msg(strstr(buf, "\nharm_stale_protected=1 harm_stale_pfn=0 ") != NULL, "%s", buf);
	f = fmemopen(buf, sizeof buf - 1, "w");
	ck_assert_int_eq(report_migration(f, &p, &r, true), 0);
	fclose(f);
	ck_assert_msg(strstr(buf, "\"stale_protected\": 1, \"stale_pfn\": 0, ") != NULL, "%s", buf);
	p.security = true;
	r = run(PAGEMIG_ATTACK_REPLAY, true, 1);
	f = fmemopen(buf, sizeof buf - 1, "w");
	ck_assert_int_eq(report_migration(f, &p, &r, false), 0);
	fclose(f);
	ck_assert_msg(strstr(buf, "\ncaught: page 0 holds its content of round 1 (version ") != NULL, "%s", buf);
	ck_assert_msg(strstr(buf, "harm:") == NULL, "%s", buf);
}
END_TEST

/* The defences cost nothing when off (no hashing, no hash list, no target check), so on minus
 * off is their cost; encryption and the metadata are the protocol and cost the same either way. */
START_TEST(test_pagemig_defences_cost_nothing_when_off)
{
	for (uint64_t seed = 1; seed <= 3; seed++) {
		struct pagemig_result off = run(PAGEMIG_ATTACK_NONE, false, seed);
		struct pagemig_result on = run(PAGEMIG_ATTACK_NONE, true, seed);
		ck_assert_double_eq(off.defence_s, 0);
		ck_assert_double_eq(off.defence_bytes, 0);
		ck_assert_double_gt(on.defence_s, 0);
		/* 102 protected pages: 32-byte hashes; two passes over them at 1e9 B/s */
		ck_assert_double_eq(on.defence_bytes, 102 * 32.0);
		ck_assert_double_eq_tol(on.defence_s, 2 * 102 * 4096 / 1e9 + 102 * 32 / 125e6, 1e-15);
		ck_assert_double_eq_tol(on.total_s - off.total_s, on.defence_s, 1e-15);
		ck_assert_double_eq_tol(on.downtime_s - off.downtime_s, on.defence_s, 1e-15);
		ck_assert_double_eq(on.bytes - off.bytes, on.defence_bytes);
		ck_assert_double_gt(off.encrypt_s, 0);
		ck_assert_double_eq(on.encrypt_s, off.encrypt_s);
		ck_assert_double_eq(on.meta_bytes, off.meta_bytes);
		ck_assert_int_eq(on.pages_encrypted, off.pages_encrypted);
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

/* A temporary file holding text (len bytes, NULs included); its path in path[64]. */
static void temp_file(char *path, const char *text, size_t len)
{
	const char *dir = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
	snprintf(path, 64, "%.40s/gm-cal.XXXXXX", dir);
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* calibrate measures CPU time with repetitions and a spread; what it prints is what migrate reads
 * back (the medians), and they reach the model's timings. */
START_TEST(test_calibrate_round_trip)
{
	struct calibrate_params cp;
	calibrate_defaults(&cp);
	ck_assert_double_eq(cp.seconds, 0.1);
	ck_assert_int_eq(cp.repeat, 5);
	cp.seconds = 0.002;
	cp.repeat = 4;
	struct calibration c;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(calibrate_run(&cp, &c, &d), 0);
	ck_assert_int_eq(c.repeat, 4);
	const struct calibrate_spread *sp[3] = { &c.sha256, &c.blake2b, &c.aead };
	for (int k = 0; k < 3; k++) {
		ck_assert_double_gt(sp[k]->min, 0);
		ck_assert(sp[k]->min <= sp[k]->median && sp[k]->median <= sp[k]->max);
	}
	char text[2048] = "";
	FILE *f = fmemopen(text, sizeof text - 1, "w");
	ck_assert_int_eq(report_calibration(f, &c), 0);
	fclose(f);
	char path[64];
	temp_file(path, text, strlen(text));
	struct calibrate_figures fig;
	int rc = calibrate_read(path, &fig, &d);
	remove(path);
	ck_assert_msg(rc == 0, "%s\n%s", d.count > 0 ? d.msg[0] : "", text);
	char want[64];
	snprintf(want, sizeof want, "%.3g", c.aead.median);
	ck_assert_double_eq(fig.cipher_bps, strtod(want, NULL));
	snprintf(want, sizeof want, "%.3g", c.blake2b.median);
	ck_assert_double_eq(fig.hash_bps, strtod(want, NULL));
	/* into the model: the defences' time is two hash passes at hash_bps plus the list on the wire */
	struct pagemig_params p;
	pagemig_defaults(&p);
	p.cipher_bps = fig.cipher_bps;
	p.hash_bps = fig.hash_bps;
	struct pagemig_result r;
	ck_assert_int_eq(pagemig_run(&p, &r, &d), 0);
	ck_assert_double_eq_tol(r.defence_s, 2 * 102 * 4096 / fig.hash_bps + 102 * 32 / 125e6, 1e-15);
	ck_assert_double_eq_tol(r.encrypt_s, (double)r.pages_encrypted * 4096 / fig.cipher_bps, 1e-15);
}
END_TEST

START_TEST(test_calibrate_bad_files)
{
	char text[4096];
	size_t n = (size_t)snprintf(text, sizeof text,
				    "# greenmig calibrate\n"          /* 1 */
				    "cipher_bps = 1e9\n"              /* 2: before the section */
				    "[security]\n"                    /* 3 */
				    "[hosts]\n"                       /* 4 */
				    "hash_bps = fast\n"               /* 5 */
				    "  cipher_bps = 1.5e9  \n"        /* 6: fine */
				    "cipher_bps = 2e9\n"              /* 7: twice */
				    "enabled = yes\n"                 /* 8 */
				    "hash_bps\n"                      /* 9 */
				    "hash_bps = -1\n"                 /* 10 */
				    "hash_bps = inf\n"                /* 11 */
				    "[security]\n");                  /* 12 */
	memcpy(text + n, "hash_bps = 1e9\0x\n", 17); /* 13: a NUL byte */
	n += 17;
	memset(text + n, ' ', 1100); /* 14: too long */
	n += 1100;
	text[n++] = '\n';
	char path[64];
	temp_file(path, text, n);
	struct calibrate_figures f = { 7, 7 };
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(calibrate_read(path, &f, &d), -1);
	ck_assert_double_eq(f.cipher_bps, 7);
	const char *want[] = {
		":2: cipher_bps before [security]",
		":4: section [hosts]: calibrate's output has only [security]",
		":5: hash_bps = \"fast\": expected bytes/s, a number > 0",
		":7: cipher_bps given twice (lines 6 and 7)",
		":8: \"enabled\" is not a calibration key (cipher_bps, hash_bps)",
		":9: \"hash_bps\": expected key = value",
		":10: hash_bps = \"-1\": expected bytes/s, a number > 0",
		":11: hash_bps = \"inf\": expected bytes/s, a number > 0",
		":12: [security] again (first at line 3)",
		":13: a NUL byte in the line",
		":14: line longer than 1023 bytes",
		": no hash_bps (a [security] line of greenmig calibrate)",
	};
	ck_assert_int_eq(d.count, 12);
	for (int k = 0; k < 12; k++) {
		char full[256];
		snprintf(full, sizeof full, "%s%s", path, want[k]);
		ck_assert_str_eq(d.msg[k], full);
	}
	/* a missing file, an empty one */
	diag_init(&d);
	ck_assert_int_eq(calibrate_read("/nonexistent/cal.txt", &f, &d), -1);
	ck_assert_str_eq(d.msg[0], "/nonexistent/cal.txt: cannot open: No such file or directory");
	remove(path);
	temp_file(path, "", 0);
	diag_init(&d);
	ck_assert_int_eq(calibrate_read(path, &f, &d), -1);
	ck_assert_int_eq(d.count, 2);
	remove(path);
	/* calibrate's own parameters */
	struct calibrate_params cp = { 0.0001, 5 };
	struct calibration c;
	diag_init(&d);
	ck_assert_int_eq(calibrate_run(&cp, &c, &d), -1);
	ck_assert_str_eq(d.msg[0], "calibrate: 0.0001 CPU seconds per repetition: expected 0.001 to 60");
	cp = (struct calibrate_params){ 0.01, 0 };
	diag_init(&d);
	ck_assert_int_eq(calibrate_run(&cp, &c, &d), -1);
	ck_assert_str_eq(d.msg[0], "calibrate: 0 repetitions: expected 1 to 1000");
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
	tcase_add_test(core, test_pagemig_huge_dirty_rate);
	tcase_add_test(core, test_pagemig_harm_is_observable);
	tcase_add_test(core, test_pagemig_defences_cost_nothing_when_off);
	tcase_add_test(core, test_pagemig_bad_parameters);
	tcase_add_test(core, test_calibrate_round_trip);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_calibrate_bad_files);
	suite_add_tcase(s, errors);
	return s;
}
