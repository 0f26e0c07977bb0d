/*
 * The fuzzy reactive controller (fuzzy.h, consolidation.c) on hand-made cases: the inference by
 * hand, an overload that starts a host for exactly one VM, and an under-load consolidation that
 * cannot place every VM and so moves none; the placement controller's upfront check.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "fuzzy.h"
#include "sim.h"
#include "suites.h"
#include "trace.h"

START_TEST(test_fuzzy_inference_by_hand)
{
	ck_assert_double_eq(fuzzy_membership(FUZZY_LOW, 0.2), 1);
	ck_assert_double_eq_tol(fuzzy_membership(FUZZY_LOW, 0.4), 0.5, 1e-12);
	ck_assert_double_eq_tol(fuzzy_membership(FUZZY_MEDIUM, 0.7), 0.5, 1e-12);
	ck_assert_double_eq(fuzzy_membership(FUZZY_HIGH, 1.0), 1);
	ck_assert_double_eq(fuzzy_membership(FUZZY_HIGH, 0.5), 0);
	/* only rule 1 fires, fully: the output is the whole "high" trapezoid (0.6, 0.8, 1, 1), whose
	 * centroid is (0.1 x 0.7333 + 0.2 x 0.9) / 0.3 = 0.8444 */
	ck_assert_double_eq_tol(fuzzy_suitability(0.9, 0.2, 0.9, 0.1), 0.84444, 2e-3);
	/* only rule 4 fires (a small VM): the "low" trapezoid (0, 0, 0.3, 0.5): centroid
	 * (0.3 x 0.15 + 0.1 x 0.3667) / 0.4 = 0.2042 */
	ck_assert_double_eq_tol(fuzzy_suitability(0.9, 0.2, 0.1, 0.1), 0.20417, 2e-3);
	/* a VM using more of the overloaded CPU is more suitable */
	ck_assert(fuzzy_suitability(0.9, 0.2, 0.7, 0.1) > fuzzy_suitability(0.9, 0.2, 0.4, 0.1));
	/* nothing fires: 0 */
	ck_assert_double_eq(fuzzy_suitability(0.5, 0.5, 0.55, 0.55), 0);
}
END_TEST

/* fuzzy_control on a pool by hand (4 hosts of 1000 MIPS, thresholds 85 % / 50 %): host 0 is
 * overloaded at 90 % (VMs 0 and 1 of 450 MIPS), hosts 1 (500) and 2 (300) are on, host 3 is off.
 * One decision moves one VM, VM 0 (equal suitability: the lower id), to host 2, the least loaded
 * host that is on and stays under 85 % (750). Host 0 is then at 45 %: no more overload; the pool's
 * mean CPU is (450 + 500 + 750) / 3000 = 56.7 %, not under-loaded: exactly one move, no host
 * started. Second case: no host that is on has room (800 + 450 > 850), so the overload starts the
 * switched-off host 3 for exactly one VM. */
START_TEST(test_fuzzy_control_pool)
{
	double capc[4] = { 1000, 1000, 1000, 1000 }, capm[4] = { 4096, 4096, 4096, 4096 };
	double cpu[4] = { 900, 500, 300, 0 }, mem[4] = { 256, 128, 128, 0 };
	double avail[4] = { INFINITY, INFINITY, INFINITY, INFINITY };
	unsigned char on[4] = { 1, 1, 1, 0 }, target[4], moved[4];
	int start[5] = { 0, 2, 3, 4, 4 }, vms[4] = { 0, 1, 2, 3 }, order[4];
	double vcpu[4] = { 450, 450, 500, 300 }, vmem[4] = { 128, 128, 128, 128 };
	unsigned char movable[4] = { 1, 1, 1, 1 };
	struct fuzzy_settings s = { 0.85, 0.95, 0.50, 0.80, 3 };
	struct fuzzy_pool p = { 4, 4, capc, capm, cpu, mem, avail, on, target, start, vms, vcpu, vmem, movable,
				moved, order, NULL, NET_TARGET_ANY };
	int mv[4], mt[4];
	int n = fuzzy_control(&s, &p, mv, mt);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(mv[0], 0);
	ck_assert_int_eq(mt[0], 2); /* the least loaded host that is on and has room */
	ck_assert_double_eq(cpu[0], 450);
	ck_assert_double_eq(cpu[2], 750);
	ck_assert(!on[3]); /* no host was started: there was room */
	/* no room anywhere that is on: the overload starts host 3, for one VM */
	double cpu2[4] = { 900, 800, 800, 0 };
	unsigned char on2[4] = { 1, 1, 1, 0 };
	p.cpu = cpu2;
	p.on = on2;
	n = fuzzy_control(&s, &p, mv, mt);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(mt[0], 3);
	ck_assert(on2[3]);
}
END_TEST

static struct experiment ex;

/* 3 hosts of 1 x 1000 MIPS; VM types a (MIPS_A) and b; traces given. */
static void setup(const char *policy, const char *const *extra, size_t n)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&ex, "mem");
	const char *sets[] = { "experiment.setup=small", "simulation.limit_s=900", "hosts.count=3",
			       "hosts.types=h", "host.h.pes=1", "host.h.mips=1000", "host.h.ram_mb=4096",
			       "host.h.power=linear", "host.h.power_max_w=250", "host.h.power_static_share=0.7",
			       "vm.a.ram_mb=128", "vm.a.bw=2500", "vm.b.ram_mb=128", "vm.b.bw=2500",
			       "simulation.destroy_idle_vms=no" };
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		ck_assert_msg(config_set(&ex, sets[i], &d) == 0, "%s", d.msg[0]);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(config_set(&ex, extra[i], &d) == 0, "%s: %s", extra[i], d.msg[0]);
	snprintf(ex.policy, sizeof ex.policy, "%s", policy);
	ck_assert_msg(config_validate(&ex, &d) == 0, "%s", d.msg[0]);
}

static double full[4] = { 100, 100, 100, 100 }, half[4] = { 50, 50, 50, 50 }, seventy[4] = { 70, 70, 70, 70 };
static double forty[4] = { 40, 40, 40, 40 };
static char *nm[3] = { "a", "b", "c" };
static char *src[3] = { "mem/a", "mem/b", "mem/c" };
static long ln[3] = { 0 };
static size_t cnt[3] = { 4, 4, 4 };

/* Hosts 0 and 1 hold 450-MIPS VMs 0, 1 (host 0: 90 %) and 2 (host 1: 45 %), all at 100 %: host 0 is
 * overloaded; no host that is on has room for another 450 under 85 %, so host 2 is started for
 * the most suitable VM (VM 0 on the tie) and exactly one VM moves. */
START_TEST(test_fuzzy_overload_starts_a_host_for_one_vm)
{
	const char *extra[] = { "vms.types=a", "vm.a.mips=450", "vms.count=3" };
	setup("fuzzy", extra, 3);
	double *p[3] = { full, full, full };
	struct trace_set t = { "mem", "mem", 3, nm, src, ln, cnt, p, NULL, NULL, 0, NULL, 0 };
	struct diag d;
	diag_init(&d);
	struct sim *s = sim_create(&ex, &t, &d);
	ck_assert_msg(s != NULL, "%s", d.msg[0]);
	const struct datacenter *dc = sim_datacenter(s);
	ck_assert_int_eq(dc->vms[0].host, 0);
	ck_assert_int_eq(dc->vms[1].host, 0);
	ck_assert_int_eq(dc->vms[2].host, 1);
	ck_assert_int_eq(sim_step(s, &d), 1); /* 300.1 */
	int moving = 0;
	for (int v = 0; v < 3; v++)
		moving += dc->vms[v].in_migration;
	ck_assert_int_eq(moving, 1);
	ck_assert(dc->vms[0].in_migration);
	ck_assert(idlist_has(&dc->hosts[2].vms_migrating_in, 0));
	sim_destroy(s);
}
END_TEST

/* An under-loaded pool (mean 47 %): the least loaded host 0 holds VMs of 250 and 200 MIPS; host 1
 * (490) takes the first but not the second under 85 %, and under-load never starts a host: no VM
 * moves at all. */
START_TEST(test_fuzzy_underload_all_or_nothing)
{
	const char *extra[] = { "vms.types=a,a,b", "vms.assign=round_robin", "vm.a.mips=500", "vm.b.mips=700",
				"vms.count=3" };
	setup("fuzzy", extra, 5);
	double *p[3] = { half, forty, seventy };
	struct trace_set t = { "mem", "mem", 3, nm, src, ln, cnt, p, NULL, NULL, 0, NULL, 0 };
	struct diag d;
	diag_init(&d);
	struct sim *s = sim_create(&ex, &t, &d);
	ck_assert_msg(s != NULL, "%s", d.msg[0]);
	const struct datacenter *dc = sim_datacenter(s);
	/* first fit at full demand: VMs 0 and 1 fill host 0 (500 + 500), VM 2 on host 1 */
	ck_assert_int_eq(dc->vms[0].host, 0);
	ck_assert_int_eq(dc->vms[1].host, 0);
	ck_assert_int_eq(dc->vms[2].host, 1);
	ck_assert_int_eq(sim_step(s, &d), 1); /* 300.1: host 0 at 45 %, host 1 at 49 % */
	for (int v = 0; v < 3; v++)
		ck_assert(!dc->vms[v].in_migration);
	ck_assert_int_eq(dc->hosts[2].n_slots, 0); /* and no host was started */
	/* with host 1's VM at 50 % (350) host 1 is the least loaded, and its one VM fits on host 0
	 * (800 of 1000, under 85 %): it moves, host 1 empties */
	sim_destroy(s);
	double *q[3] = { half, forty, half };
	struct trace_set t2 = { "mem", "mem", 3, nm, src, ln, cnt, q, NULL, NULL, 0, NULL, 0 };
	s = sim_create(&ex, &t2, &d);
	ck_assert_msg(s != NULL, "%s", d.msg[0]);
	dc = sim_datacenter(s);
	ck_assert_int_eq(sim_step(s, &d), 1);
	ck_assert(!dc->vms[0].in_migration && !dc->vms[1].in_migration && dc->vms[2].in_migration);
	ck_assert(idlist_has(&dc->hosts[0].vms_migrating_in, 2));
	sim_destroy(s);
}
END_TEST

/* The placement controller refuses, before running, a VM larger than every host. */
START_TEST(test_placement_vm_larger_than_hosts)
{
	const char *extra[] = { "vms.types=a", "vm.a.mips=1200", "vms.count=1" };
	setup("placement", extra, 3);
	double *p[3] = { full, full, full };
	struct trace_set t = { "mem", "mem", 3, nm, src, ln, cnt, p, NULL, NULL, 0, NULL, 0 };
	struct diag d;
	diag_init(&d);
	struct sim *s = sim_create(&ex, &t, &d);
	ck_assert_ptr_null(s);
	ck_assert_msg(strstr(d.msg[0], "VM 0 (1200 MIPS, 128 MB) is larger than every host") != NULL, "%s",
		      d.msg[0]);
}
END_TEST

Suite *controllers_suite(void)
{
	Suite *s = suite_create("controllers");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_fuzzy_inference_by_hand);
	tcase_add_test(core, test_fuzzy_control_pool);
	tcase_add_test(core, test_fuzzy_overload_starts_a_host_for_one_vm);
	tcase_add_test(core, test_fuzzy_underload_all_or_nothing);
	tcase_add_test(core, test_placement_vm_larger_than_hosts);
	suite_add_tcase(s, core);
	return s;
}
