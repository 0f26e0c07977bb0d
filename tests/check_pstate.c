/*
 * Host power states (pstate.h, doc/power-states.md): the state machine on hand-computed cases,
 * SimGrid's energy-boot example, and whole runs where a VM waits for a boot and for a wake.
 *
 * The runs use check_sim.c's small datacenter: two hosts of 1 PE x 1000 MIPS, linear 250 W with
 * static share 0.7 (P(u) = 175 + 75 u; an on host at 0 % draws 175 W with power states), VMs of
 * 600 MIPS, CPU traces constant per VM so that every value below is exact.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "pstate.h"
#include "report.h"
#include "run.h"
#include "sim.h"
#include "suites.h"
#include "trace.h"

/* SimGrid v3.32 examples/platforms/energy_boot.xml: boot 150 s at 120 W, shutdown 7 s at 110 W,
 * off 10 W (a host of 95 W idle); sleep 9.75 W (Batsim's platform), suspend 1 s at 175 W and
 * wake 10 s at 120 W (reconstructions, doc/power-states.md#example-set). */
static const struct pstate_params simgrid = {
	.boot_s = 150, .boot_w = 120, .shutdown_s = 7, .shutdown_w = 110, .off_w = 10,
	.suspend_s = 1, .suspend_w = 175, .sleep_w = 9.75, .wake_s = 10, .wake_w = 120,
};

START_TEST(test_pstate_boot_from_off)
{
	struct pstate_host h;
	pstate_init(&h, PSTATE_OFF);
	/* 100 s off, then wanted on: ready after the 150 s boot */
	ck_assert_double_eq(pstate_advance(&h, &simgrid, 0, 100, 95), 1000);
	ck_assert_double_eq(pstate_power_on(&h, &simgrid, 100), 250);
	ck_assert_int_eq(h.state, PSTATE_BOOTING);
	ck_assert_double_eq(pstate_ready_at(&h, &simgrid), 250);
	ck_assert(pstate_is_off(&h) == false);
	/* a second request changes nothing */
	ck_assert_double_eq(pstate_power_on(&h, &simgrid, 120), 250);
	/* up to the end of the boot only: 150 x 120 W, and the host is on */
	ck_assert_double_eq(pstate_advance(&h, &simgrid, 100, 250, 95), 18000);
	ck_assert_int_eq(h.state, PSTATE_ON);
	ck_assert(isinf(pstate_ready_at(&h, &simgrid)));
	ck_assert_int_eq(h.boots, 1);
	ck_assert_double_eq(h.time_s[PSTATE_OFF], 100);
	ck_assert_double_eq(h.time_s[PSTATE_BOOTING], 150);
	ck_assert_double_eq(h.energy_ws[PSTATE_BOOTING], 18000);
	/* an interval running past the end of a boot charges the rest at the on power given */
	pstate_init(&h, PSTATE_OFF);
	pstate_power_on(&h, &simgrid, 0);
	ck_assert_double_eq(pstate_advance(&h, &simgrid, 0, 200.5, 95), 18000 + 50.5 * 95);
	ck_assert_double_eq(h.time_s[PSTATE_ON], 50.5);
}
END_TEST

START_TEST(test_pstate_simgrid_energy_boot_tesh)
{
	/* SimGrid's examples/cpp/energy-boot tesh for MyHost1: 950 J after 10 s idle at 95 W,
	 * 1720 J after the 7 s shutdown, 1820 J after 10 s off, 19820 J after the 150 s boot. */
	struct pstate_host h;
	pstate_init(&h, PSTATE_ON);
	double e = 0;
	pstate_charge_on(&h, 10, 95 * 10);
	e += 950;
	pstate_power_down(&h, &simgrid, 10, false);
	ck_assert_int_eq(h.state, PSTATE_SHUTTING_DOWN);
	ck_assert(pstate_is_off(&h));
	e += pstate_advance(&h, &simgrid, 10, 17, 95);
	ck_assert_double_eq(e, 1720);
	ck_assert_int_eq(h.state, PSTATE_OFF);
	e += pstate_advance(&h, &simgrid, 17, 27, 95);
	ck_assert_double_eq(e, 1820);
	ck_assert_double_eq(pstate_power_on(&h, &simgrid, 27), 177);
	e += pstate_advance(&h, &simgrid, 27, 177, 95);
	ck_assert_double_eq(e, 19820);
	ck_assert_int_eq(h.state, PSTATE_ON);
	double sum = 0;
	for (int k = 0; k < PSTATE_N; k++)
		sum += h.energy_ws[k];
	ck_assert_double_eq(sum, 19820);
	ck_assert_int_eq(h.shutdowns, 1);
	ck_assert_int_eq(h.boots, 1);
}
END_TEST

START_TEST(test_pstate_power_on_during_shutdown_is_queued)
{
	/* wanted on 3 s into a 7 s shutdown: the shutdown completes, then the boot: on at 157 */
	struct pstate_host h;
	pstate_init(&h, PSTATE_ON);
	pstate_power_down(&h, &simgrid, 0, false);
	ck_assert_double_eq(pstate_power_on(&h, &simgrid, 3), 157);
	ck_assert(!pstate_is_off(&h)); /* wanted: no longer passed over */
	ck_assert_double_eq(pstate_ready_at(&h, &simgrid), 157);
	ck_assert_double_eq(pstate_advance(&h, &simgrid, 0, 157, 95), 7 * 110 + 150 * 120);
	ck_assert_int_eq(h.state, PSTATE_ON);
	ck_assert_int_eq(h.shutdowns, 1);
	ck_assert_int_eq(h.boots, 1);
	/* a power-down of a host that is not on does nothing */
	pstate_init(&h, PSTATE_OFF);
	pstate_power_down(&h, &simgrid, 5, true);
	ck_assert_int_eq(h.state, PSTATE_OFF);
	ck_assert_int_eq(h.suspends, 0);
}
END_TEST

START_TEST(test_pstate_sleep_and_wake)
{
	/* suspend 1 s at 175 W, asleep at 9.75 W, wake 10 s at 120 W */
	struct pstate_host h;
	pstate_init(&h, PSTATE_ON);
	pstate_power_down(&h, &simgrid, 0, true);
	ck_assert_int_eq(h.state, PSTATE_SUSPENDING);
	ck_assert(!pstate_is_off(&h)); /* a sleeping host is taken before an off one */
	ck_assert_double_eq(pstate_advance(&h, &simgrid, 0, 1000, 95), 175 + 999 * 9.75);
	ck_assert_int_eq(h.state, PSTATE_ASLEEP);
	ck_assert_double_eq(pstate_power_on(&h, &simgrid, 1000), 1010);
	ck_assert_int_eq(h.state, PSTATE_WAKING);
	ck_assert_double_eq(pstate_advance(&h, &simgrid, 1000, 1010, 95), 1200);
	ck_assert_int_eq(h.state, PSTATE_ON);
	ck_assert_int_eq(h.suspends, 1);
	ck_assert_int_eq(h.wakes, 1);
	ck_assert_double_eq(h.time_s[PSTATE_ASLEEP], 999);
}
END_TEST

START_TEST(test_pstate_zero_durations_are_instant)
{
	/* the defaults: every transition takes 0 s and costs nothing */
	struct pstate_params zero = { 0 };
	struct pstate_host h;
	pstate_init(&h, PSTATE_ON);
	pstate_power_down(&h, &zero, 50, false);
	ck_assert_int_eq(h.state, PSTATE_OFF);
	ck_assert_double_eq(pstate_power_on(&h, &zero, 60), 60);
	ck_assert_int_eq(h.state, PSTATE_ON);
	ck_assert_double_eq(pstate_advance(&h, &zero, 60, 70, 0), 0);
	ck_assert_str_eq(pstate_name(PSTATE_SHUTTING_DOWN), "shutting_down");
	ck_assert(isnan(pstate_watts(&zero, PSTATE_ON)));
}
END_TEST

/* --- whole runs --- */

static struct experiment exp_ps;

static void setup_states(const char *const *extra, size_t n_extra)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&exp_ps, "mem");
	const char *sets[] = {
		"experiment.setup=small", "hosts.count=2", "hosts.types=h", "host.h.pes=1",
		"host.h.mips=1000", "host.h.ram_mb=4096", "host.h.power=linear",
		"host.h.power_max_w=250", "host.h.power_static_share=0.7", "vms.types=v",
		"vm.v.mips=600", "vm.v.ram_mb=128", "vm.v.bw=2500", "power.states=yes",
		"host.h.boot_s=150", "host.h.boot_w=120", "host.h.shutdown_s=7",
		"host.h.shutdown_w=110", "host.h.off_w=10", "host.h.suspend_s=1",
		"host.h.suspend_w=175", "host.h.sleep_w=9.75", "host.h.wake_s=10", "host.h.wake_w=120",
		"workload.arrivals=waves", "workload.wave_size=1",
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		ck_assert_msg(config_set(&exp_ps, sets[i], &d) == 0, "%s: %s", sets[i], d.msg[0]);
	for (size_t i = 0; i < n_extra; i++)
		ck_assert_msg(config_set(&exp_ps, extra[i], &d) == 0, "%s: %s", extra[i], d.msg[0]);
	snprintf(exp_ps.policy, sizeof exp_ps.policy, "dvfs");
	ck_assert_msg(config_validate(&exp_ps, &d) == 0, "%s", d.msg[0]);
}

static double busy[6] = { 80, 80, 80, 80, 80, 80 };
static double half[6] = { 50, 50, 50, 50, 50, 50 };
static double gone[6] = { 50, 50, 0, 0, 0, 0 };
static char *ps_names[3] = { "a", "b", "c" };
static char *ps_sources[3] = { "mem/a", "mem/b", "mem/c" };
static long ps_lines[3] = { 0, 0, 0 };
static size_t ps_counts[3] = { 6, 6, 6 };

static double state_energy_sum(const struct sim_result *r)
{
	double sum = 0;
	for (int k = 0; k < PSTATE_N; k++)
		sum += r->state_energy_kwh[k];
	return sum;
}

START_TEST(test_pstate_run_vm_waits_for_boot)
{
	/*
	 * VM 0 (80 %: 480 MIPS) on host 0 at t = 0; host 1 starts off. VM 1 (50 %: 300 MIPS)
	 * arrives at 300 and is created at T1 = 300.1; host 0 has 520 MIPS left of the 600 it asks
	 * at creation, so first fit takes host 1, which boots until 450.1. The VM runs from 450.1:
	 * it is delayed by the 150 s boot.
	 * Host 0: [0, T1] from 175 W (on, 0 %) to 211 W: 193 x 300.1 = 57919.3; then 211 W x 600 s
	 * = 126600. Host 1: off 10 W x 300.1 = 3001; boot 120 W x 150 = 18000; on at 30 %
	 * (197.5 W) x 450 s = 88875. Total 294395.3 W*s.
	 * VM 1's demand 300 MIPS over [300.1, 450.1] is unmet: 45000 MIPS*s of the 468000 requested
	 * (VM 0 480 x 600 s, VM 1 300 x 600 s): overall SLA violation 45000 / 468000.
	 */
	const char *extra[] = { "simulation.limit_s=1200", "workload.initial_vms=1",
				"workload.wave_interval_s=300", "power.vm_energy=yes" };
	setup_states(extra, 4);
	double *pcts[2] = { busy, half };
	struct trace_set t = { "mem", "mem", 2, ps_names, ps_sources, ps_lines, ps_counts, pcts, NULL, NULL, 0, NULL, 0 };
	struct diag d;
	diag_init(&d);
	struct run_sim s;
	struct run_result r;
	ck_assert_msg(run_day(&exp_ps, &t, &s, &r, &d) == 0, "%s", d.msg[0]);
	const struct datacenter *dc = sim_datacenter(s.sim);
	ck_assert_int_eq(dc->vm_table[1], 1);
	ck_assert(r.sim.power_states);
	ck_assert_double_eq_tol(r.sim.energy_kwh * 3600e3, 57919.3 + 126600 + 3001 + 18000 + 88875, 1e-6);
	ck_assert_double_eq_tol(r.sim.state_energy_kwh[PSTATE_OFF] * 3600e3, 3001, 1e-9);
	ck_assert_double_eq_tol(r.sim.state_energy_kwh[PSTATE_BOOTING] * 3600e3, 18000, 1e-9);
	ck_assert_double_eq_tol(r.sim.state_energy_kwh[PSTATE_ON] * 3600e3, 57919.3 + 126600 + 88875, 1e-6);
	ck_assert_double_eq_tol(state_energy_sum(&r.sim), r.sim.energy_kwh, 1e-12);
	ck_assert_int_eq(r.sim.boots, 1);
	ck_assert_int_eq(r.sim.shutdowns, 0);
	ck_assert_double_eq_tol(r.sim.vm_wait_s, 150, 1e-9);
	ck_assert_double_eq_tol(r.sim.state_time_s[PSTATE_BOOTING], 150, 1e-9);
	ck_assert_double_eq_tol(r.sim.state_time_s[PSTATE_ON], 900.1 + 450, 1e-9);
	/* the delay: 300 MIPS from 450.1 to 900.1, not from 300.1 */
	ck_assert_int_eq(dc->vms[1].done_instructions, 300LL * 450 * 1000000);
	ck_assert_double_eq_tol(r.m.sla_overall, 45000.0 / 468000.0, 1e-12);
	/* per VM: VM 1 is charged the boot it waited for (18000), host 1's 3001 W*s off without a
	 * VM are nobody's; everything adds up */
	int nv;
	const struct vm_energy *ve = sim_vm_energy(s.sim, &nv);
	ck_assert_int_eq(nv, 2);
	ck_assert_double_eq_tol(ve[1].wait_ws, 18000, 1e-9);
	ck_assert_double_eq_tol(ve[1].idle_ws + ve[1].dynamic_ws, 88875, 1e-6);
	ck_assert_double_eq_tol(r.sim.unattributed_kwh * 3600e3, 3001, 1e-9);
	ck_assert_double_eq_tol(r.sim.vm_energy_kwh + r.sim.unattributed_kwh, r.sim.energy_kwh, 1e-15);
	/* the timeline: at T1 host 1 is booting, at T2 both are on (211 + 197.5 W) */
	int n;
	const struct timeline_row *tl = sim_timeline(s.sim, &n);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(tl[0].hosts_transition, 1);
	ck_assert_double_eq_tol(tl[0].power_w, 211 + 120, 1e-9);
	ck_assert_int_eq(tl[1].hosts_on, 2);
	ck_assert_double_eq_tol(tl[1].power_w, 211 + 197.5, 1e-9);
	run_sim_destroy(&s);
}
END_TEST

START_TEST(test_pstate_run_sleep_and_wake)
{
	/*
	 * Both hosts on at t = 0 (VM 0 on host 0, VM 1 on host 1). VM 1's trace drops to 0 at 600 s:
	 * at T1 it asks 600 x (0.5 - 0.5 x 0.1 / 300) = 299.9 MIPS (300.1 s interpolates the
	 * samples at 300 and 600 s), at T2 0, and is destroyed; host 1 is
	 * then empty and suspends (1 s at 175 W), asleep at 9.75 W. VM 2 (300 MIPS) arrives at 900,
	 * is created at T3 = 900.1 on host 1 (host 0 has only 520 MIPS free), which wakes in 10 s
	 * at 120 W and runs it from 910.1.
	 * Host 1: [0, T1] 175 -> 197.4925 W: 186.24625 x 300.1; [T1, T2] 197.4925 -> 175 W:
	 * 186.24625 x 300; suspend 175; asleep 299 x 9.75; wake 1200; on at 30 % 197.5 x 290.
	 * Host 0: 57919.3 + 211 x 900.
	 */
	const char *extra[] = { "simulation.limit_s=1500", "workload.initial_vms=2",
				"workload.wave_interval_s=900", "power.idle_state=sleep" };
	setup_states(extra, 4);
	double *pcts[3] = { busy, gone, half };
	struct trace_set t = { "mem", "mem", 3, ps_names, ps_sources, ps_lines, ps_counts, pcts, NULL, NULL, 0, NULL, 0 };
	struct diag d;
	diag_init(&d);
	struct run_sim s;
	struct run_result r;
	ck_assert_msg(run_day(&exp_ps, &t, &s, &r, &d) == 0, "%s", d.msg[0]);
	const struct datacenter *dc = sim_datacenter(s.sim);
	ck_assert(dc->vms[1].removed);
	ck_assert_int_eq(dc->vm_table[2], 1);
	double host1 = 186.24625 * 300.1 + 186.24625 * 300 + 175 + 299 * 9.75 + 1200 + 197.5 * 290;
	double host0 = 57919.3 + 211 * 900;
	ck_assert_double_eq_tol(r.sim.energy_kwh * 3600e3, host0 + host1, 1e-6);
	ck_assert_double_eq_tol(state_energy_sum(&r.sim), r.sim.energy_kwh, 1e-12);
	ck_assert_int_eq(r.sim.suspends, 1);
	ck_assert_int_eq(r.sim.wakes, 1);
	ck_assert_int_eq(r.sim.boots, 0);
	ck_assert_double_eq_tol(r.sim.vm_wait_s, 10, 1e-9);
	ck_assert_double_eq_tol(r.sim.state_time_s[PSTATE_ASLEEP], 299, 1e-9);
	ck_assert_double_eq_tol(r.sim.state_time_s[PSTATE_WAKING], 10, 1e-9);
	ck_assert_double_eq_tol(r.sim.state_energy_kwh[PSTATE_SUSPENDING] * 3600e3, 175, 1e-9);
	/* 300 MIPS from 910.1 to 1200.1 (290 s as 1200.1 - 910.1 rounds: one instruction short) */
	ck_assert_int_eq(dc->vms[2].done_instructions, (long long)((1200.1 - 910.1) * 300 * 1e6));
	ck_assert(llabs(dc->vms[2].done_instructions - 300LL * 290 * 1000000) <= 1);
	run_sim_destroy(&s);
}
END_TEST

START_TEST(test_pstate_placement_passes_over_off_hosts)
{
	/*
	 * Hosts h (1000 MIPS), tiny (500), h; VMs of 600 MIPS (VM 0 at 100 %, VM 1 at 50 %) and VM 2
	 * of 450 MIPS arriving at T1. At t = 0 VM 0 fills host 0 to 600, VM 1 (600) does not fit
	 * tiny and goes to host 2; tiny stays empty, so it starts off (or asleep). At T1 first fit
	 * would take tiny for VM 2 (host 0 has 400 MIPS free); as tiny is off, host 2 (300 MIPS
	 * used) takes it and nothing boots. Asleep, tiny is not passed over: it wakes for VM 2.
	 */
	const char *extra[] = { "simulation.limit_s=900", "workload.initial_vms=2",
				"workload.wave_interval_s=300", "hosts.count=3", "hosts.types=h,tiny",
				"host.tiny.mips=500", "host.tiny.ram_mb=4096", "host.tiny.power=linear",
				"host.tiny.power_max_w=200", "vms.types=v,w", "vm.w.mips=450",
				"vm.w.ram_mb=128" };
	static double full[6] = { 100, 100, 100, 100, 100, 100 };
	double *pcts[3] = { full, half, half };
	struct trace_set t = { "mem", "mem", 3, ps_names, ps_sources, ps_lines, ps_counts, pcts, NULL, NULL, 0, NULL, 0 };
	struct diag d;
	struct run_sim s;
	struct run_result r;
	for (int sleep = 0; sleep <= 1; sleep++) {
		setup_states(extra, sizeof extra / sizeof extra[0]);
		diag_init(&d);
		if (sleep)
			ck_assert_int_eq(config_set(&exp_ps, "power.idle_state=sleep", &d), 0);
		ck_assert_msg(run_day(&exp_ps, &t, &s, &r, &d) == 0, "%s", d.msg[0]);
		const struct datacenter *dc = sim_datacenter(s.sim);
		ck_assert_int_eq(dc->vm_table[0], 0);
		ck_assert_int_eq(dc->vm_table[1], 2);
		ck_assert_int_eq(dc->vm_table[2], sleep ? 1 : 2);
		ck_assert_int_eq(r.sim.boots, 0);
		ck_assert_int_eq(r.sim.wakes, sleep ? 1 : 0);
		run_sim_destroy(&s);
	}
}
END_TEST

START_TEST(test_pstate_defaults_and_range)
{
	/* every new setting defaults to CloudSim (no states); a negative idle time is refused */
	struct experiment e;
	config_defaults(&e, "mem");
	ck_assert(!e.pstates.states);
	ck_assert(!e.pstates.idle_sleep);
	ck_assert_double_eq(e.pstates.idle_before_s, 0);
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(config_set(&e, "power.idle_before_s=-1", &d), -1);
	ck_assert_msg(strstr(d.msg[0], "power.idle_before_s") != NULL, "%s", d.msg[0]);
}
END_TEST

START_TEST(test_pstate_2010_model_refused)
{
	struct experiment e;
	struct diag d;
	diag_init(&d);
	config_defaults(&e, "mem");
	const char *sets[] = { "simulation.model=2010", "vms.count=2", "hosts.types=h", "host.h.mips=1000",
			       "host.h.power=linear", "host.h.power_max_w=250", "vms.types=v",
			       "vm.v.mips=500", "vm.v.ram_mb=128", "power.states=yes" };
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		ck_assert_msg(config_set(&e, sets[i], &d) == 0, "%s: %s", sets[i], d.msg[0]);
	ck_assert_int_eq(config_validate(&e, &d), -1);
	ck_assert_msg(strstr(d.msg[0], "power.states applies to simulation.model = cloudsim3") != NULL, "%s",
		      d.msg[0]);
}
END_TEST

Suite *pstate_suite(void)
{
	Suite *s = suite_create("pstate");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_pstate_boot_from_off);
	tcase_add_test(tc, test_pstate_simgrid_energy_boot_tesh);
	tcase_add_test(tc, test_pstate_power_on_during_shutdown_is_queued);
	tcase_add_test(tc, test_pstate_sleep_and_wake);
	tcase_add_test(tc, test_pstate_zero_durations_are_instant);
	tcase_add_test(tc, test_pstate_run_vm_waits_for_boot);
	tcase_add_test(tc, test_pstate_run_sleep_and_wake);
	tcase_add_test(tc, test_pstate_placement_passes_over_off_hosts);
	suite_add_tcase(s, tc);
	TCase *te = tcase_create("errors");
	tcase_add_test(te, test_pstate_defaults_and_range);
	tcase_add_test(te, test_pstate_2010_model_refused);
	suite_add_tcase(s, te);
	return s;
}
