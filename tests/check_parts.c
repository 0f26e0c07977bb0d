/*
 * Sub-system power (power.h's parts, doc/power-parts.md): the split of a host's power into parts
 * on hand-computed values, the savings of powering down unused memory, disks and NICs, and whole
 * runs whose part energies add up to the host energy.
 *
 * The runs use check_sim.c's small datacenter and trace: two hosts of 1 PE x 1000 MIPS, 4096 MB,
 * linear 250 W with static share 0.7 (P(u) = 175 + 75 u, P(0) = 0); VM 0 (600 MIPS, 128 MB,
 * samples 20, 40, 60, 80 %) on host 0 at 0.24004, 0.36004, 0.48 at T1, T2, T3; VM 1 destroyed at
 * T1. Energy without parts: 121201.35 W*s, all of it host 0's over [T1, T3] (600 s).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "power.h"
#include "pstate.h"
#include "run.h"
#include "sim.h"
#include "suites.h"
#include "trace.h"

/* The defaults of the [host.NAME] parts keys (power.h's table). */
static struct power_parts_params defaults(void)
{
	struct power_parts_params p = {
		.psu_efficiency = 0.8, .platform_w = 35, .mem_gb = -1, .mem_w_per_gb = 1.275,
		.mem_sr_w_per_gb = 0.1275, .mem_rank_gb = 1, .mem_os_gb = 0.5, .disks = 1,
		.disk_idle_w = 7.5, .disk_standby_w = 1, .nic_ports = 1, .nic_w = 0.535, .nic_lpi_w = 0.152,
	};
	return p;
}

START_TEST(test_parts_split_ml110_g5_idle)
{
	/* An HP ML110 G5 at idle (93.7 W) with 4 GB: PSU loss 0.2 x 93.7 = 18.74 W, memory 5.1,
	 * disk 7.5, NIC 0.535, platform 35, CPU the rest: 26.825 W. */
	struct power_parts_params p = defaults();
	double none[PART_N] = { 0 }, out[PART_N];
	power_parts_split(&p, 4, 93.7, none, out);
	ck_assert_double_eq_tol(out[PART_PSU], 18.74, 1e-12);
	ck_assert_double_eq_tol(out[PART_MEMORY], 5.1, 1e-12);
	ck_assert_double_eq(out[PART_DISK], 7.5);
	ck_assert_double_eq(out[PART_NIC], 0.535);
	ck_assert_double_eq(out[PART_PLATFORM], 35);
	ck_assert_double_eq_tol(out[PART_CPU], 26.825, 1e-12);
	ck_assert_double_eq(out[PART_STANDBY], 0);
	double sum = 0;
	for (int k = 0; k < PART_N; k++)
		sum += out[k];
	ck_assert_double_eq_tol(sum, 93.7, 1e-12);
	ck_assert_double_eq_tol(power_parts_fixed_w(&p, 4), 48.135, 1e-12);
	/* a host counted as off (P = 0) has no parts */
	power_parts_split(&p, 4, 0, none, out);
	for (int k = 0; k < PART_N; k++)
		ck_assert_double_eq(out[k], 0);
	ck_assert_str_eq(power_part_name(PART_PSU), "psu");
}
END_TEST

START_TEST(test_parts_saving_rules)
{
	struct power_parts_params p = defaults();
	double sv[PART_N];
	/* VMs holding 1.2 GB: 0.5 + 1.2 = 1.7 GB rounds up to 2 active ranks of 1 GB; 2 of 4 GB in
	 * self-refresh save 2 x (1.275 - 0.1275) = 2.295 W; the disk and NIC stay up (VMs) */
	struct power_parts_use u = { .ram_used_gb = 1.2, .has_vms = true, .migrating = false };
	ck_assert_double_eq_tol(power_parts_saving(&p, 4, &u, true, true, true, sv), 2.295, 1e-12);
	ck_assert_double_eq(sv[PART_DISK], 0);
	ck_assert_double_eq(sv[PART_NIC], 0);
	/* memory flag off: nothing */
	ck_assert_double_eq(power_parts_saving(&p, 4, &u, false, true, true, sv), 0);
	/* no VM: 0.5 GB rounds to 1 rank, 3 GB saved (3.4425 W); disk to standby 6.5 W; NIC in
	 * low-power idle 0.383 W */
	struct power_parts_use empty = { 0 };
	ck_assert_double_eq_tol(power_parts_saving(&p, 4, &empty, true, true, true, sv), 3.4425 + 6.5 + 0.383,
				1e-12);
	ck_assert_double_eq_tol(sv[PART_NIC], 0.383, 1e-12);
	/* a migration keeps the NIC up */
	empty.migrating = true;
	power_parts_saving(&p, 4, &empty, false, false, true, sv);
	ck_assert_double_eq(sv[PART_NIC], 0);
	/* more RAM used than populated: nothing to power down */
	struct power_parts_use full = { .ram_used_gb = 7, .has_vms = true };
	ck_assert_double_eq(power_parts_saving(&p, 4, &full, true, false, false, sv), 0);
	/* the split takes the saving off its part */
	power_parts_saving(&p, 4, &u, true, false, false, sv);
	double out[PART_N];
	power_parts_split(&p, 4, 100 - 2.295 / 0.8, sv, out);
	ck_assert_double_eq_tol(out[PART_MEMORY], 5.1 - 2.295, 1e-12);
}
END_TEST

static struct experiment exp_parts;
static double pct0[4] = { 20, 40, 60, 80 };
static double pct1[4] = { 50, 0, 0, 30 };
static char *names[2] = { "a", "b" };
static char *sources[2] = { "mem/a", "mem/b" };
static long lines[2] = { 0, 0 };
static size_t counts[2] = { 4, 4 };
static double *pcts[2] = { pct0, pct1 };
static struct trace_set traces_small = { "mem", "mem", 2, names, sources, lines, counts, pcts, NULL, NULL, 0, NULL, 0 };
/* VM 1 at 50 % until 300 s, then 0: it asks 199.933 MIPS (of 400) at T1 and 0 at T2 */
static double pct1b[4] = { 50, 50, 0, 0 };
static double *pcts_b[2] = { pct0, pct1b };
static struct trace_set traces_shared = { "mem", "mem", 2, names, sources, lines, counts, pcts_b, NULL, NULL, 0, NULL, 0 };
static const struct trace_set *run_traces = &traces_small;

static void run_parts(const char *const *extra, size_t n_extra, struct run_result *r)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&exp_parts, "mem");
	const char *sets[] = {
		"experiment.setup=small", "simulation.limit_s=1200", "hosts.count=2", "hosts.types=h",
		"host.h.pes=1", "host.h.mips=1000", "host.h.ram_mb=4096", "host.h.power=linear",
		"host.h.power_max_w=250", "host.h.power_static_share=0.7", "vms.types=v", "vm.v.mips=600",
		"vm.v.ram_mb=128", "vm.v.bw=2500", "power.parts=yes",
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		ck_assert_msg(config_set(&exp_parts, sets[i], &d) == 0, "%s: %s", sets[i], d.msg[0]);
	for (size_t i = 0; i < n_extra; i++)
		ck_assert_msg(config_set(&exp_parts, extra[i], &d) == 0, "%s: %s", extra[i], d.msg[0]);
	snprintf(exp_parts.policy, sizeof exp_parts.policy, "dvfs");
	ck_assert_msg(config_validate(&exp_parts, &d) == 0, "%s", d.msg[0]);
	struct run_sim s;
	ck_assert_msg(run_day(&exp_parts, run_traces, &s, r, &d) == 0, "%s", d.msg[0]);
	run_sim_destroy(&s);
}

static double parts_sum(const struct sim_result *r)
{
	double sum = 0;
	for (int k = 0; k < PART_N; k++)
		sum += r->part_kwh[k];
	return sum;
}

START_TEST(test_parts_run_split_only)
{
	/* parts = yes, nothing powered down: the energy is CloudSim's, split. Over the 600 s host 0
	 * is charged: memory 4 GB x 1.275 = 5.1 W (3060 W*s), disk 7.5 W (4500), NIC 0.535 W (321),
	 * platform 35 W (21000), PSU 0.2 x 121201.35 = 24240.27, CPU the rest 68080.08. */
	struct run_result r;
	run_parts(NULL, 0, &r);
	ck_assert(r.sim.power_parts);
	ck_assert_double_eq_tol(r.sim.energy_kwh * 3600e3, 121201.35, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_MEMORY] * 3600e3, 3060, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_DISK] * 3600e3, 4500, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_NIC] * 3600e3, 321, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_PLATFORM] * 3600e3, 21000, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_PSU] * 3600e3, 24240.27, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_CPU] * 3600e3, 68080.08, 1e-6);
	ck_assert_double_eq(r.sim.part_kwh[PART_STANDBY], 0);
	ck_assert_double_eq(r.sim.parts_saved_kwh, 0);
	/* the parts add up to the host energy (to the rounding of the sums' order) */
	ck_assert_double_eq_tol(parts_sum(&r.sim), r.sim.energy_kwh, 1e-15);
}
END_TEST

START_TEST(test_parts_run_memory_powered_down)
{
	/* VM 0 holds 128 MB: 0.5 + 0.125 GB rounds to 1 active rank, 3 GB in self-refresh save
	 * 3 x 1.1475 = 3.4425 W DC = 4.303125 W at the wall, 2581.875 W*s over 600 s. Memory
	 * (5.1 - 3.4425) x 600 = 994.5; PSU 0.2 of the lower total. */
	const char *extra[] = { "power.power_down_unused_memory=yes" };
	struct run_result r;
	run_parts(extra, 1, &r);
	double total = 121201.35 - 2581.875;
	ck_assert_double_eq_tol(r.sim.energy_kwh * 3600e3, total, 1e-6);
	ck_assert_double_eq_tol(r.sim.parts_saved_kwh * 3600e3, 2581.875, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_MEMORY] * 3600e3, 994.5, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_PSU] * 3600e3, 0.2 * total, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_DISK] * 3600e3, 4500, 1e-6);
	ck_assert_double_eq_tol(parts_sum(&r.sim), r.sim.energy_kwh, 1e-15);
	/* disk and NIC flags change nothing here: the only host charged has a VM throughout */
	const char *all[] = { "power.power_down_unused_memory=yes", "power.power_down_unused_disk=yes",
			      "power.power_down_unused_nic=yes" };
	struct run_result r2;
	run_parts(all, 3, &r2);
	ck_assert_double_eq(r2.sim.energy_kwh, r.sim.energy_kwh);
}
END_TEST

START_TEST(test_parts_run_with_states_standby)
{
	/* With power states both hosts are on from t = 0 ([0, T1] charged from their idle 175 W);
	 * host 1 loses its VM at T1 and goes off (at once, 10 W) for 600 s: standby 6000 W*s. The
	 * disks run while the hosts are on: 900.1 + 300.1 s at 7.5 W. Every part adds up; the
	 * standby part is the energy of the states but on. */
	const char *extra[] = { "power.states=yes", "host.h.off_w=10" };
	struct run_result r;
	run_parts(extra, 2, &r);
	ck_assert(r.sim.power_states);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_STANDBY] * 3600e3, 10 * 600, 1e-6);
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_DISK] * 3600e3, 7.5 * (900.1 + 300.1), 1e-6);
	ck_assert_int_eq(r.sim.shutdowns, 1);
	double not_on = 0;
	for (int k = PSTATE_ON + 1; k < PSTATE_N; k++)
		not_on += r.sim.state_energy_kwh[k];
	ck_assert_double_eq_tol(r.sim.part_kwh[PART_STANDBY], not_on, 1e-15);
	ck_assert_double_eq_tol(parts_sum(&r.sim), r.sim.energy_kwh, 1e-15);
}
END_TEST

START_TEST(test_parts_vm_energy_one_vm_per_host)
{
	/* vm_energy = yes (parts off): host 0's 121201.35 W*s all go to VM 0, its idle share
	 * 175 W x 600 s = 105000; VM 1 (on host 1, charged nothing) none. */
	const char *extra[] = { "power.parts=no", "power.vm_energy=yes" };
	struct run_result r;
	struct run_sim s;
	struct diag d;
	diag_init(&d);
	run_parts(extra, 2, &r);
	ck_assert(r.sim.vm_energy);
	ck_assert(!r.sim.power_parts);
	ck_assert_double_eq_tol(r.sim.vm_energy_kwh * 3600e3, 121201.35, 1e-6);
	ck_assert_double_eq(r.sim.unattributed_kwh, 0);
	ck_assert_double_eq_tol(r.sim.vm_energy_kwh + r.sim.unattributed_kwh, r.sim.energy_kwh, 1e-15);
	/* each VM's row */
	ck_assert_int_eq(run_day(&exp_parts, &traces_small, &s, &r, &d), 0);
	int n;
	const struct vm_energy *v = sim_vm_energy(s.sim, &n);
	ck_assert_int_eq(n, 2);
	ck_assert_double_eq_tol(v[0].idle_ws, 105000, 1e-6);
	ck_assert_double_eq_tol(v[0].dynamic_ws, 121201.35 - 105000, 1e-6);
	ck_assert_double_eq(v[0].wait_ws, 0);
	ck_assert_double_eq(v[1].idle_ws + v[1].dynamic_ws + v[1].wait_ws, 0);
	run_sim_destroy(&s);
}
END_TEST

START_TEST(test_parts_vm_energy_shared_host)
{
	/* VMs of 400 MIPS: both fit on host 0 (traces_shared). [T1, T2]: both there, the idle
	 * 175 W x 300 s split evenly (26250 each); VM 1 asks 0 at T2 (allocated 0 there), so the rest
	 * of that interval goes to VM 0; VM 1 is destroyed at T2 and VM 0 has [T2, T3] alone. VM 1:
	 * 26250 exactly. With the memory powered down and parts on, the shares still add up to the
	 * hosts'. */
	run_traces = &traces_shared;
	const char *extra[] = { "vm.v.mips=400", "power.vm_energy=yes", "power.power_down_unused_memory=yes" };
	struct run_result r;
	struct run_sim s;
	struct diag d;
	diag_init(&d);
	run_parts(extra, 3, &r);
	ck_assert_double_eq_tol(r.sim.vm_energy_kwh + r.sim.unattributed_kwh, r.sim.energy_kwh, 1e-15);
	ck_assert_double_eq(r.sim.unattributed_kwh, 0);
	run_parts(extra, 2, &r); /* without the memory saving: the hand-computed shares */
	ck_assert_int_eq(run_day(&exp_parts, &traces_shared, &s, &r, &d), 0);
	run_traces = &traces_small;
	int n;
	const struct vm_energy *v = sim_vm_energy(s.sim, &n);
	const struct datacenter *dc = sim_datacenter(s.sim);
	ck_assert(dc->vms[1].removed);
	ck_assert_double_eq_tol(v[1].idle_ws, 26250, 1e-6);
	ck_assert_double_eq(v[1].dynamic_ws, 0);
	ck_assert_double_eq_tol(v[0].idle_ws, 26250 + 52500, 1e-6);
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += v[i].idle_ws + v[i].dynamic_ws + v[i].wait_ws;
	ck_assert_double_eq_tol(sum, r.sim.energy_kwh * 3600e3, 1e-6);
	run_sim_destroy(&s);
}
END_TEST

START_TEST(test_parts_too_large_for_idle)
{
	/* 175 W idle x 0.8 = 140 W DC; a 200 W platform (with 5.1 + 7.5 + 0.535 W) does not fit */
	struct diag d;
	diag_init(&d);
	config_defaults(&exp_parts, "mem");
	const char *sets[] = {
		"hosts.count=2", "hosts.types=h", "host.h.mips=1000", "host.h.power=linear",
		"host.h.power_max_w=250", "vms.types=v", "vm.v.mips=600", "vm.v.ram_mb=128",
		"power.parts=yes", "host.h.platform_w=200", "simulation.limit_s=1200",
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		ck_assert_msg(config_set(&exp_parts, sets[i], &d) == 0, "%s: %s", sets[i], d.msg[0]);
	ck_assert_int_eq(config_validate(&exp_parts, &d), 0);
	struct run_sim s;
	struct run_result r;
	ck_assert_int_ne(run_day(&exp_parts, &traces_small, &s, &r, &d), 0);
	ck_assert_msg(strstr(d.msg[0], "host type h: its parts other than the CPU draw 213.135 W (DC), more "
				       "than its idle power x psu_efficiency (140 W)") != NULL, "%s", d.msg[0]);
	run_sim_destroy(&s);
}
END_TEST

Suite *parts_suite(void)
{
	Suite *s = suite_create("parts");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_parts_split_ml110_g5_idle);
	tcase_add_test(tc, test_parts_saving_rules);
	tcase_add_test(tc, test_parts_run_split_only);
	tcase_add_test(tc, test_parts_run_memory_powered_down);
	tcase_add_test(tc, test_parts_run_with_states_standby);
	tcase_add_test(tc, test_parts_vm_energy_one_vm_per_host);
	tcase_add_test(tc, test_parts_vm_energy_shared_host);
	suite_add_tcase(s, tc);
	TCase *te = tcase_create("errors");
	tcase_add_test(te, test_parts_too_large_for_idle);
	suite_add_tcase(s, te);
	return s;
}
