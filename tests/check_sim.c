/*
 * The simulation loop on hand-computed small cases.
 *
 * Two hosts of 1 PE x 1000 MIPS with the linear model (250 W, static share 0.7: P(u) = 175 + 75 u,
 * P(0) = 0), two VMs of 600 MIPS, a 1200 s run: steps at T1 = 300.1, T2 = 600.1, T3 = 900.1.
 * First fit puts VM 0 on host 0 and VM 1 on host 1 (400 MIPS left on host 0).
 * VM 0 samples 20, 40, 60, 80 %: at T_k it requests 600 x (u_k + (u_{k+1} - u_k) x 0.1 / 300),
 * so host 0 is at 0.24004, 0.36004, 0.48 (the last exactly: 0.6 + 0.2/300 x 0.1 rounds so).
 * DVFS energy: [0, T1] free (idle start); [T1, T2]: (193.003 + 202.003) / 2 x 300 = 59250.9 W*s;
 * [T2, T3]: (202.003 + 211) / 2 x 300 = 61950.45 W*s; total 121201.35 W*s = 0.0336670416667 kWh.
 * VM 1 samples 50, 0, 0, 30 %: at T1 it requests exactly 0, so CloudSim destroys it
 * (doc/cloudsim-engine.md#q1) and host 1, inactive at its first entry, counts one shutdown of
 * 300.1 s.
 * NPA: both hosts at 250 W from 0 to T3: 2 x 250 x 900.1 = 450050 W*s = 0.125013888889 kWh.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "report.h"
#include "run.h"
#include "sim.h"
#include "suites.h"
#include "synth.h"
#include "trace.h"

static struct experiment exp_small;

static void setup_small(const char *policy)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&exp_small, "mem");
	const char *sets[] = {
		"experiment.setup=small", "simulation.limit_s=1200", "hosts.count=2",
		"hosts.types=h", "host.h.pes=1", "host.h.mips=1000", "host.h.ram_mb=4096",
		"host.h.power=linear", "host.h.power_max_w=250", "host.h.power_static_share=0.7",
		"vms.types=v", "vm.v.mips=600", "vm.v.ram_mb=128", "vm.v.bw=2500",
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		ck_assert_msg(config_set(&exp_small, sets[i], &d) == 0, "%s: %s", sets[i], d.msg[0]);
	snprintf(exp_small.policy, sizeof exp_small.policy, "%s", policy);
	ck_assert_msg(config_validate(&exp_small, &d) == 0, "%s", d.msg[0]);
}

/* A two-VM trace set in memory. */
static double pct0[4] = { 20, 40, 60, 80 };
static double pct1[4] = { 50, 0, 0, 30 };
static char *names[2] = { "a", "b" };
static char *sources[2] = { "mem/a", "mem/b" };
static long lines[2] = { 0, 0 };
static size_t counts[2] = { 4, 4 };
static double *pcts[2] = { pct0, pct1 };
static struct trace_set traces_small = { "mem", "mem", 2, names, sources, lines, counts, pcts, NULL, NULL, 0, NULL, 0 };

static void run_small(const char *policy, struct run_result *r, struct run_sim *out)
{
	struct diag d;
	diag_init(&d);
	setup_small(policy);
	ck_assert_msg(run_sim_create(out, &exp_small, &traces_small, &d) == 0, "%s", d.msg[0]);
	struct sim *s = out->sim;
	int steps = 0;
	int rc;
	while ((rc = sim_step(s, &d)) == 1)
		steps++;
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(steps, 3); /* T1, T2, T3; the next event, 1200.1, is past the limit */
	ck_assert(sim_done(s));
	ck_assert_int_eq(run_sim_result(out, r, &d), 0);
}

START_TEST(test_sim_dvfs_two_hosts_three_steps)
{
	struct run_result r;
	struct run_sim s;
	run_small("dvfs", &r, &s);
	ck_assert_int_eq(r.sim.hosts, 2);
	ck_assert_int_eq(r.sim.vms, 2);
	ck_assert_int_eq(r.sim.steps, 3);
	ck_assert_double_eq_tol(r.sim.energy_kwh * 3600e3, 121201.35, 1e-6);
	ck_assert_double_eq_tol(r.sim.energy_kwh, 0.0336670416666667, 1e-12);
	ck_assert_int_eq(r.sim.migrations, 0);
	ck_assert_double_eq(r.m.slatah, 0);
	ck_assert_double_eq(r.m.sla_overall, 0);
	ck_assert_int_eq(r.m.host_shutdowns, 1);
	ck_assert_double_eq_tol(r.m.mean_time_before_host_shutdown_s, 300.1, 1e-9);
	ck_assert(isnan(r.m.stdev_time_before_host_shutdown_s)); /* one value: 0/0 as in Java */
	ck_assert(isnan(r.m.mean_time_before_vm_migration_s));
	ck_assert_double_eq(r.sim.sim_time_s, 1200);
	const struct datacenter *dc = sim_datacenter(s.sim);
	ck_assert(dc->vms[1].removed);
	ck_assert(!dc->vms[0].removed);
	ck_assert_int_eq(dc->hosts[0].n_slots, 1);
	ck_assert_int_eq(dc->hosts[1].n_slots, 0);
	ck_assert_double_eq_tol(dc->hosts[0].utilization_mips, 480, 1e-9);
	run_sim_destroy(&s);
}
END_TEST

START_TEST(test_sim_keep_idle_vms)
{
	/* destroy_idle_vms = no: VM 1 (50, 0, 0, 30 %) stays on host 1; it requests 0 at T1,
	 * 600 x 0.3 / 300 x 0.1 = 0.06 MIPS at T2 and 180 MIPS at T3. Host 1 shuts down once (at T1)
	 * and costs (P(0.00006) + P(0.18)) / 2 x 300 = (175.0045 + 188.5) / 2 x 300 = 54525.675 W*s
	 * in [T2, T3] on top of host 0's 121201.35. */
	struct diag d;
	diag_init(&d);
	setup_small("dvfs");
	ck_assert_int_eq(config_set(&exp_small, "simulation.destroy_idle_vms=no", &d), 0);
	struct run_sim s;
	struct run_result r;
	ck_assert_int_eq(run_day(&exp_small, &traces_small, &s, &r, &d), 0);
	const struct datacenter *dc = sim_datacenter(s.sim);
	ck_assert(!dc->vms[1].removed);
	ck_assert_int_eq(dc->hosts[1].n_slots, 1);
	ck_assert_double_eq_tol(dc->hosts[1].utilization_mips, 180, 1e-9);
	ck_assert_int_eq(r.m.host_shutdowns, 1);
	ck_assert_double_eq_tol(r.sim.energy_kwh * 3600e3, 121201.35 + 54525.675, 1e-6);
	ck_assert_int_eq(config_set(&exp_small, "simulation.destroy_idle_vms=maybe", &d), -1);
	ck_assert_str_eq(d.msg[0], "--set: \"maybe\" is not yes or no (simulation.destroy_idle_vms)");
	run_sim_destroy(&s);
}
END_TEST

START_TEST(test_sim_npa_max_power)
{
	struct run_result r;
	struct run_sim s;
	run_small("npa", &r, &s);
	ck_assert_double_eq_tol(r.sim.energy_kwh * 3600e3, 450050, 1e-6);
	/* Placement and histories are those of DVFS: same shutdowns. */
	ck_assert_int_eq(r.m.host_shutdowns, 1);
	run_sim_destroy(&s);
}
END_TEST

START_TEST(test_sim_unplaced_vm_is_counted)
{
	/* Three 600-MIPS VMs on two 1000-MIPS hosts: the third fits nowhere. */
	static double pct2[4] = { 10, 10, 10, 10 };
	static char *n3[3] = { "a", "b", "c" };
	static char *s3[3] = { "mem/a", "mem/b", "mem/c" };
	static long l3[3] = { 0, 0, 0 };
	static size_t c3[3] = { 4, 4, 4 };
	static double *p3[3] = { pct0, pct2, pct2 };
	struct trace_set t3 = { "mem", "mem", 3, n3, s3, l3, c3, p3, NULL, NULL, 0, NULL, 0 };
	struct diag d;
	diag_init(&d);
	setup_small("dvfs");
	struct sim *s = sim_create(&exp_small, &t3, &d);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(sim_run(s, &d), 0);
	struct sim_result r;
	sim_result(s, &r);
	ck_assert_int_eq(r.unplaced_vms, 1);
	ck_assert_int_eq(r.unplaced[0], 2);
	ck_assert_int_eq(r.vms, 3);
	sim_destroy(s);
}
END_TEST

START_TEST(test_sim_short_trace_is_an_error)
{
	static double shortp[3] = { 10, 20, 30 };
	static double *p[2] = { pct0, shortp };
	static size_t c[2] = { 4, 3 };
	struct trace_set t = traces_small;
	t.pct = p;
	t.n_samples = c;
	struct diag d;
	diag_init(&d);
	setup_small("dvfs");
	ck_assert_ptr_null(sim_create(&exp_small, &t, &d));
	ck_assert_int_ge(d.count, 1);
	ck_assert_msg(strstr(d.msg[0], "mem/b") != NULL && strstr(d.msg[0], "4") != NULL, "%s", d.msg[0]);
}
END_TEST

START_TEST(test_sim_unknown_policy)
{
	struct diag d;
	diag_init(&d);
	setup_small("dvfs");
	snprintf(exp_small.policy, sizeof exp_small.policy, "greedy");
	ck_assert_ptr_null(sim_create(&exp_small, &traces_small, &d));
	ck_assert_str_eq(d.msg[0], "unknown policy 'greedy'; valid: npa, dvfs, thr, iqr, mad, lr, lrr, st, mm, hpg, rc, drr, drr2010, placement, fuzzy, placement+fuzzy");
}
END_TEST

START_TEST(test_sim_java_number_formats)
{
	char b[64];
	/* String.format rounds the shortest decimal form HALF_UP: 1.005 and 0.125 round up. */
	report_java_fixed(b, sizeof b, 2, 1.005);
	ck_assert_str_eq(b, "1.01");
	report_java_fixed(b, sizeof b, 2, 0.125);
	ck_assert_str_eq(b, "0.13");
	report_java_fixed(b, sizeof b, 2, 2.044999);
	ck_assert_str_eq(b, "2.04");
	report_java_fixed(b, sizeof b, 5, 802.754491888914);
	ck_assert_str_eq(b, "802.75449");
	report_java_fixed(b, sizeof b, 2, 99.995);
	ck_assert_str_eq(b, "100.00");
	report_java_fixed(b, sizeof b, 2, -0.005);
	ck_assert_str_eq(b, "-0.01");
	report_java_fixed(b, sizeof b, 10, 0.0000001090123);
	ck_assert_str_eq(b, "0.0000001090");
	report_java_fixed(b, sizeof b, 2, NAN);
	ck_assert_str_eq(b, "NaN");
	/* Double.toString */
	report_java_double(b, sizeof b, 300.1);
	ck_assert_str_eq(b, "300.1");
	report_java_double(b, sizeof b, 2.048);
	ck_assert_str_eq(b, "2.048");
	report_java_double(b, sizeof b, 300.0);
	ck_assert_str_eq(b, "300.0");
	report_java_double(b, sizeof b, 12345678.5);
	ck_assert_str_eq(b, "1.23456785E7");
	report_java_double(b, sizeof b, 0.0001);
	ck_assert_str_eq(b, "1.0E-4");
	report_java_double(b, sizeof b, 0.001);
	ck_assert_str_eq(b, "0.001");
}
END_TEST

/* One synthetic day of 800 hosts and 1,600 VMs under LR-MMT with `threads` threads. */
static void run_threads(const struct trace_set *t, int threads, struct run_sim *s, struct run_result *r)
{
	struct diag d;
	diag_init(&d);
	struct experiment e;
	config_defaults(&e, "mem");
	const char *sets[] = {
		"experiment.setup=threads", "hosts.count=800", "hosts.types=g4,g5",
		"host.g4.pes=2", "host.g4.mips=1860", "host.g4.power=hp_ml110_g4",
		"host.g5.pes=2", "host.g5.mips=2660", "host.g5.power=hp_ml110_g5",
		"vms.types=hcm,xl,small,micro", "vm.hcm.mips=2500", "vm.hcm.ram_mb=870",
		"vm.xl.mips=2000", "vm.xl.ram_mb=1740", "vm.small.mips=1000", "vm.small.ram_mb=1740",
		"vm.micro.mips=500", "vm.micro.ram_mb=613", "policy.name=lr", "policy.selection=mmt",
		"policy.param=1.2", "simulation.cloudlet_length_mi=20000000",
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		ck_assert_msg(config_set(&e, sets[i], &d) == 0, "%s: %s", sets[i], d.msg[0]);
	e.threads = threads;
	ck_assert_msg(config_validate(&e, &d) == 0, "%s", d.msg[0]);
	ck_assert_msg(run_day(&e, t, s, r, &d) == 0, "%s", d.msg[0]);
}

/*
 * simulation.threads: the host updates and the overload scan split among 2 or 3 threads give
 * the run of one thread, to the bit (every result, every timeline row, every shutdown and
 * migration time in order), and the split did happen, migrating VMs included.
 */
START_TEST(test_sim_threads_same_results)
{
	struct diag d;
	diag_init(&d);
	struct trace_set *t = synth_generate(1600, 289, 11, &d);
	ck_assert_ptr_nonnull(t);
	struct run_result one;
	struct run_sim s1;
	run_threads(t, 1, &s1, &one);
	ck_assert_int_eq(sim_datacenter(s1.sim)->batches_parallel, 0);
	ck_assert(one.sim.migrations > 1000); /* a day with real work for the migration bookkeeping */
	int n1;
	const struct timeline_row *tl1 = sim_timeline(s1.sim, &n1);
	for (int threads = 2; threads <= 3; threads++) {
		struct run_result r;
		struct run_sim s;
		run_threads(t, threads, &s, &r);
		const struct datacenter *dc = sim_datacenter(s.sim);
		ck_assert(dc->batches_parallel > 100);
		ck_assert(dc->targets_parallel > 10);
		ck_assert_double_eq(r.sim.energy_kwh, one.sim.energy_kwh);
		ck_assert_int_eq(r.sim.migrations, one.sim.migrations);
		ck_assert_double_eq(r.m.slatah, one.m.slatah);
		ck_assert_double_eq(r.m.pdm, one.m.pdm);
		ck_assert_double_eq(r.m.sla_overall, one.m.sla_overall);
		ck_assert_double_eq(r.m.sla_average, one.m.sla_average);
		ck_assert_double_eq(r.sim.migration_energy_kwh, one.sim.migration_energy_kwh);
		ck_assert_double_eq(r.sim.migration_time_s, one.sim.migration_time_s);
		ck_assert_double_eq(r.mean_active_hosts, one.mean_active_hosts);
		ck_assert_int_eq(r.sim.steps, one.sim.steps);
		ck_assert_int_eq(r.m.host_shutdowns, one.m.host_shutdowns);
		ck_assert_int_eq(r.m.vm_migration_durations, one.m.vm_migration_durations);
		ck_assert(memcmp(r.m.shutdown_times, one.m.shutdown_times,
				 (size_t)one.m.host_shutdowns * sizeof(double)) == 0);
		ck_assert(memcmp(r.m.migration_times, one.m.migration_times,
				 (size_t)one.m.vm_migration_durations * sizeof(double)) == 0);
		int n;
		const struct timeline_row *tl = sim_timeline(s.sim, &n);
		ck_assert_int_eq(n, n1);
		for (int i = 0; i < n; i++) {
			ck_assert_double_eq(tl[i].power_w, tl1[i].power_w);
			ck_assert_double_eq(tl[i].energy_kwh, tl1[i].energy_kwh);
			ck_assert_int_eq(tl[i].active_hosts, tl1[i].active_hosts);
			ck_assert_int_eq(tl[i].overloaded_hosts, tl1[i].overloaded_hosts);
			ck_assert_int_eq(tl[i].migrations_started, tl1[i].migrations_started);
		}
		run_sim_destroy(&s);
	}
	run_sim_destroy(&s1);
	trace_destroy(t);
}
END_TEST

Suite *sim_suite(void)
{
	Suite *s = suite_create("sim");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_sim_dvfs_two_hosts_three_steps);
	tcase_add_test(core, test_sim_npa_max_power);
	tcase_add_test(core, test_sim_keep_idle_vms);
	tcase_add_test(core, test_sim_java_number_formats);
	tcase_add_test(core, test_sim_unplaced_vm_is_counted);
	suite_add_tcase(s, core);
	TCase *threads = tcase_create("threads");
	tcase_set_timeout(threads, 120);
	tcase_add_test(threads, test_sim_threads_same_results);
	suite_add_tcase(s, threads);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_sim_short_trace_is_an_error);
	tcase_add_test(errors, test_sim_unknown_policy);
	suite_add_tcase(s, errors);
	return s;
}
