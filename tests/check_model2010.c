/*
 * The 2010 model (model2010.h), MBFD (mbfd.h) and the 2010 policies on small hand-made scenarios
 * (doc/model2010.md, from doc/model2010.md#tick-order to doc/model2010.md#double-threshold).
 *
 * Hosts come from three types with the linear power model of the 2010 papers, 250 W at 100 %,
 * static share 0.7: P(U) = 175 + 75 U for U > 0 and P(0) = 0. So opening an empty host of C MIPS
 * for d MIPS costs 175 + 75 d / C W and adding d to a running one 75 d / C W. Unless a test says
 * otherwise, host i has the type a, b, c of i mod 3: 1000, 2000, 3000 MIPS (8192 MB RAM each), and
 * every VM holds 128 MB. A scenario is set by hand after model2010_create: VMs are moved with
 * model2010_assign, their demands written and marked not fresh, then every host shares its CPU.
 * The expected hosts, moves and allocations in the comments are worked out by hand from these
 * rules.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "mbfd.h"
#include "model2010.h"
#include "policy.h"
#include "rng.h"
#include "suites.h"

#define RAM_MB 8192

static struct experiment e;

/* e: the 2010 model on `hosts` hosts of types a, b, c (round robin), plus the assignments in
 * extra (VM count and types, seed, ...). */
static void exp_init(long hosts, const char *const *extra, size_t n_extra)
{
	struct diag d;
	diag_init(&d);
	config_defaults(&e, "");
	static const char *const base[] = {
		"simulation.model=2010", "simulation.scheduling_interval_s=5",
		"simulation.cloudlet_length_mi=150000", "hosts.types=a,b,c", "hosts.assign=round_robin",
		"host.a.mips=1000", "host.a.ram_mb=8192", "host.a.power=linear", "host.a.power_max_w=250",
		"host.a.power_static_share=0.7", "host.b.mips=2000", "host.b.ram_mb=8192",
		"host.b.power=linear", "host.b.power_max_w=250", "host.b.power_static_share=0.7",
		"host.c.mips=3000", "host.c.ram_mb=8192", "host.c.power=linear", "host.c.power_max_w=250",
		"host.c.power_static_share=0.7", "vms.assign=round_robin",
	};
	for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
		ck_assert_msg(config_set(&e, base[i], &d) == 0, "%s: %s", base[i], d.msg[0]);
	char count[64];
	snprintf(count, sizeof count, "hosts.count=%ld", hosts);
	ck_assert_int_eq(config_set(&e, count, &d), 0);
	for (size_t i = 0; i < n_extra; i++)
		ck_assert_msg(config_set(&e, extra[i], &d) == 0, "%s: %s", extra[i], d.msg[0]);
	ck_assert_msg(config_validate(&e, &d) == 0, "%s", d.msg[0]);
}

/* The model of e for p with the parameters s (parsed as --param). */
static struct model2010 *make(const struct gm_policy *p, const char *s)
{
	snprintf(e.param, sizeof e.param, "%s", s != NULL ? s : "");
	struct diag d;
	diag_init(&d);
	struct model2010 *m = model2010_create(&e, p, &d);
	ck_assert_msg(m != NULL, "%s", d.msg[0]);
	return m;
}

/* VM vm on host h (at the end of its list) with demand d, no longer "recently created". */
static void put(struct model2010 *m, int vm, int h, double d)
{
	ck_assert_int_eq(model2010_assign(m, vm, h), 0);
	m->vms[vm].demand = d;
	m->vms[vm].fresh = false;
}

static void share_all(struct model2010 *m)
{
	for (int h = 0; h < m->n_hosts; h++)
		model2010_share(m, h);
}

/* Runs the policy's optimization once on the state as it is. */
static void optimize(struct model2010 *m, const struct gm_policy *p)
{
	m->n_moves = 0;
	ck_assert_int_eq(p->optimize2010(gm_model2010_of(m)), 0);
}

/* m->moves is exactly want[0..n-1] as (vm, target) pairs, in this order. */
static void expect_moves(const struct model2010 *m, const int want[][2], int n)
{
	ck_assert_int_eq(m->n_moves, n);
	for (int i = 0; i < n; i++) {
		ck_assert_msg(m->moves[i].vm == want[i][0] && m->moves[i].target == want[i][1],
			      "move %d: (vm %d, host %d), expected (vm %d, host %d)", i, m->moves[i].vm,
			      m->moves[i].target, want[i][0], want[i][1]);
	}
}

/* Tentative state for mbfd_find: every host empty, no RAM held. */
static void clear_state(struct model2010 *m)
{
	for (int h = 0; h < m->n_hosts; h++) {
		m->load[h] = 0;
		m->ram[h] = 0;
	}
}

/* ---- MBFD ---------------------------------------------------------------------------------- */

/* Four hosts: 0 = 1000, 1 = 2000, 2 = 3000, 3 = 1000 MIPS; five VMs of 250 MIPS. */
static struct model2010 *mbfd_model(void)
{
	static const char *const extra[] = { "vms.count=5", "vms.types=v", "vm.v.mips=250",
					     "vm.v.ram_mb=128", "vm.v.bw=2500" };
	exp_init(4, extra, sizeof extra / sizeof extra[0]);
	return make(&policy_st, "0.5");
}

START_TEST(test_model2010_mbfd_running_host_before_empty)
{
	struct model2010 *m = mbfd_model();
	/* All empty, 500 MIPS: 175 + 75 x 500 / C is least on the 3000-MIPS host (187.5 W against
	 * 212.5 on 2000 and 212.5 on 1000). */
	clear_state(m);
	ck_assert_int_eq(mbfd_find(m, 500, 128, 1.0, NULL), 2);
	/* Host 0 runs 300 MIPS: adding 500 costs 75 x 0.5 = 37.5 W, less than opening host 2. */
	m->load[0] = 300;
	ck_assert_int_eq(mbfd_find(m, 500, 128, 1.0, NULL), 0);
	/* Host 1 also runs, 1500 of 2000: 75 x 500 / 2000 = 18.75 W beats host 0's 37.5 W. */
	m->load[1] = 1500;
	ck_assert_int_eq(mbfd_find(m, 500, 128, 1.0, NULL), 1);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_mbfd_bound_and_free_mips)
{
	struct model2010 *m = mbfd_model();
	clear_state(m);
	m->load[0] = 300;
	m->load[1] = 1500;
	/* Bound 0.8: host 1 would reach 2000 / 2000 = 1 > 0.8; host 0 reaches exactly 0.8 (kept). */
	ck_assert_int_eq(mbfd_find(m, 500, 128, 0.8, NULL), 0);
	/* Bound 0.75: host 0 would reach 0.8 too; of the empty ones, host 2 (187.5 W) beats host 3
	 * (212.5 W). */
	ck_assert_int_eq(mbfd_find(m, 500, 128, 0.75, NULL), 2);
	/* Exactly the free MIPS of host 0 (700) fits; 700.5 does not (hosts 1 to 3 left out). */
	unsigned char only0[4] = { 0, 1, 1, 1 };
	ck_assert_int_eq(mbfd_find(m, 700, 128, 1.0, only0), 0);
	ck_assert_int_eq(mbfd_find(m, 700.5, 128, 1.0, only0), -1);
	/* Nothing fits: more than any host's capacity, or a bound below every host's step. */
	clear_state(m);
	ck_assert_int_eq(mbfd_find(m, 3000.5, 128, 1.0, NULL), -1);
	ck_assert_int_eq(mbfd_find(m, 3000, 128, 1.0, NULL), 2);
	ck_assert_int_eq(mbfd_find(m, 500, 128, 0.1, NULL), -1); /* 500 / 3000 = 0.167 > 0.1 */
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_mbfd_ties_lowest_id)
{
	struct model2010 *m = mbfd_model();
	clear_state(m);
	/* Hosts 0 and 3 are both empty 1000-MIPS hosts: equal power steps, the lower id wins. */
	unsigned char ex12[4] = { 0, 1, 1, 0 };
	ck_assert_int_eq(mbfd_find(m, 400, 128, 1.0, ex12), 0);
	unsigned char ex012[4] = { 1, 1, 1, 0 };
	ck_assert_int_eq(mbfd_find(m, 400, 128, 1.0, ex012), 3);
	/* Both running at 250 MIPS, hosts 1 and 2 out for lack of RAM: 375 MIPS costs
	 * 75 x 0.375 = 28.125 W on either; host 0 (strict <). */
	m->load[0] = 250;
	m->load[3] = 250;
	m->ram[1] = RAM_MB - 100;
	m->ram[2] = RAM_MB - 100;
	ck_assert_int_eq(mbfd_find(m, 375, 128, 1.0, NULL), 0);
	/* RAM: exactly what is free fits; 1 MB less does not. */
	m->ram[0] = RAM_MB - 128;
	ck_assert_int_eq(mbfd_find(m, 375, 128, 1.0, NULL), 0);
	m->ram[0] = RAM_MB - 127;
	ck_assert_int_eq(mbfd_find(m, 375, 128, 1.0, NULL), 3);
	m->ram[3] = RAM_MB;
	ck_assert_int_eq(mbfd_find(m, 375, 128, 1.0, NULL), -1);
	ck_assert_int_eq(mbfd_find(m, 375, 0, 1.0, NULL), 0); /* no RAM needed: fits again */
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_mbfd_sort_and_state)
{
	struct model2010 *m = mbfd_model();
	const double dem[5] = { 300, 700, 300, 1000, 700 };
	for (int v = 0; v < 5; v++)
		put(m, v, 2, dem[v]);
	/* Decreasing demand; 700/700 and 300/300 by VM id whatever the input order. */
	int list[5] = { 2, 4, 0, 3, 1 };
	mbfd_sort(m, list, 5);
	const int want[5] = { 3, 1, 4, 0, 2 };
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(list[i], want[i]);
	int list2[5] = { 4, 3, 2, 1, 0 };
	mbfd_sort(m, list2, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(list2[i], want[i]);
	/* The state with VMs 1 and 3 off host 2: 300 + 300 + 700 MIPS, 3 x 128 MB. */
	unsigned char skip[5] = { 0, 1, 0, 1, 0 };
	mbfd_state(m, skip);
	ck_assert_double_eq(m->load[2], 1300);
	ck_assert_int_eq(m->ram[2], 384);
	for (int h = 0; h < 4; h++) {
		if (h == 2)
			continue;
		ck_assert_double_eq(m->load[h], 0);
		ck_assert_int_eq(m->ram[h], 0);
	}
	mbfd_state(m, NULL);
	ck_assert_double_eq(m->load[2], 3000);
	ck_assert_int_eq(m->ram[2], 640);
	model2010_destroy(m);
}
END_TEST

/* ---- initial placement --------------------------------------------------------------------- */

START_TEST(test_model2010_initial_placement)
{
	/* Hosts 1000, 2000, 3000; VMs of 1000, 750, 1500, 500 MIPS placed in id order at full demand,
	 * bound 1:
	 *   VM 0 (1000): all empty, host 2 (175 + 25 = 200 W; host 1 212.5, host 0 250);
	 *   VM 1 (750): host 2 runs, 75 x 750 / 3000 = 18.75 W -> host 2 (1750);
	 *   VM 2 (1500): host 0 too small, host 2 has 1250 free -> host 1 (175 + 56.25);
	 *   VM 3 (500): host 1 +18.75 W (2000 / 2000 = 1, allowed), host 2 +12.5 W -> host 2 (2250).
	 * Sorted by demand (VM 2 first) it would open host 2 for VM 2 instead. */
	static const char *const extra[] = {
		"vms.count=4", "vms.types=w,x,y,z", "vm.w.mips=1000", "vm.w.ram_mb=128",
		"vm.x.mips=750", "vm.x.ram_mb=128", "vm.y.mips=1500", "vm.y.ram_mb=128",
		"vm.z.mips=500", "vm.z.ram_mb=128",
	};
	exp_init(3, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_dvfs, NULL);
	const int want[4] = { 2, 2, 1, 2 };
	for (int v = 0; v < 4; v++) {
		ck_assert_int_eq(m->vms[v].host, want[v]);
		ck_assert(m->vms[v].fresh);
		ck_assert(m->vms[v].running);
		ck_assert_double_eq(m->vms[v].demand, m->vms[v].mips);
		ck_assert_double_eq(m->vms[v].alloc, m->vms[v].mips);
	}
	ck_assert_int_eq(m->unplaced, 0);
	ck_assert_int_eq(m->running, 4);
	ck_assert_int_eq(m->hosts[2].n, 3);
	ck_assert_int_eq(m->hosts[2].vms[0], 0);
	ck_assert_int_eq(m->hosts[2].vms[1], 1);
	ck_assert_int_eq(m->hosts[2].vms[2], 3);
	ck_assert_double_eq(m->hosts[0].alloc, 0);
	ck_assert_double_eq(m->hosts[1].alloc, 1500);
	ck_assert_double_eq(m->hosts[2].alloc, 2250);
	ck_assert_int_eq(m->hosts[2].ram_used, 384);
	ck_assert_int_eq(m->hosts[1].ram_used, 128);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_initial_placement_unplaced)
{
	/* One 1000-MIPS host, two VMs of 750: the second finds 250 free and stays unplaced. */
	static const char *const extra[] = { "vms.count=2", "vms.types=v", "vm.v.mips=750",
					     "vm.v.ram_mb=128" };
	exp_init(1, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_npa, NULL);
	ck_assert_int_eq(m->vms[0].host, 0);
	ck_assert_int_eq(m->vms[1].host, -1);
	ck_assert(!m->vms[1].running);
	ck_assert_int_eq(m->unplaced, 1);
	ck_assert_int_eq(m->running, 1);
	ck_assert_double_eq(m->hosts[0].alloc, 750);
	model2010_destroy(m);
}
END_TEST

/* ---- CPU sharing --------------------------------------------------------------------------- */

/* Three VMs of 1000 MIPS moved onto host 0 (1000 MIPS), list 0, 1, 2. */
static struct model2010 *share_model(void)
{
	static const char *const extra[] = { "vms.count=3", "vms.types=v", "vm.v.mips=1000",
					     "vm.v.ram_mb=128" };
	exp_init(3, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_dvfs, NULL);
	for (int v = 0; v < 3; v++)
		put(m, v, 0, 0);
	return m;
}

static void set_demands(struct model2010 *m, double d0, double d1, double d2)
{
	m->vms[0].demand = d0;
	m->vms[1].demand = d1;
	m->vms[2].demand = d2;
	model2010_share(m, 0);
}

START_TEST(test_model2010_share_first_come)
{
	struct model2010 *m = share_model();
	ck_assert_int_eq(e.cpu_share, CPU_SHARE_FIRST_COME);
	set_demands(m, 600, 300, 300); /* 600, 300, then the 100 left */
	ck_assert_double_eq(m->vms[0].alloc, 600);
	ck_assert_double_eq(m->vms[1].alloc, 300);
	ck_assert_double_eq(m->vms[2].alloc, 100);
	ck_assert_double_eq(m->hosts[0].alloc, 1000);
	set_demands(m, 900, 900, 50); /* 900, 100, nothing */
	ck_assert_double_eq(m->vms[0].alloc, 900);
	ck_assert_double_eq(m->vms[1].alloc, 100);
	ck_assert_double_eq(m->vms[2].alloc, 0);
	set_demands(m, 300.5, 250.25, 120); /* fits: each its demand */
	ck_assert_double_eq(m->vms[0].alloc, 300.5);
	ck_assert_double_eq(m->vms[1].alloc, 250.25);
	ck_assert_double_eq(m->vms[2].alloc, 120);
	ck_assert_double_eq(m->hosts[0].alloc, 670.75);
	/* List order, not id order: VM 0 to the end of the list (1, 2, 0) gets what is left. */
	put(m, 0, 0, 600);
	ck_assert_int_eq(m->hosts[0].vms[2], 0);
	set_demands(m, 600, 300, 300);
	ck_assert_double_eq(m->vms[1].alloc, 300);
	ck_assert_double_eq(m->vms[2].alloc, 300);
	ck_assert_double_eq(m->vms[0].alloc, 400);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_share_equal)
{
	struct model2010 *m = share_model();
	e.cpu_share = CPU_SHARE_EQUAL; /* m->e is &e */
	/* Shortage 200 over three VMs: 66.67 off each. */
	set_demands(m, 600, 300, 300);
	ck_assert_double_eq_tol(m->vms[0].alloc, 1600.0 / 3, 1e-9);
	ck_assert_double_eq_tol(m->vms[1].alloc, 700.0 / 3, 1e-9);
	ck_assert_double_eq_tol(m->vms[2].alloc, 700.0 / 3, 1e-9);
	ck_assert_double_eq_tol(m->hosts[0].alloc, 1000, 1e-9);
	/* Shortage 850: 283.3 each exceeds VM 2's 50, which drops to 0 and absorbs 50; the other
	 * 800 are spread over two VMs: 500, 500, 0. */
	set_demands(m, 900, 900, 50);
	ck_assert_double_eq_tol(m->vms[0].alloc, 500, 1e-9);
	ck_assert_double_eq_tol(m->vms[1].alloc, 500, 1e-9);
	ck_assert_double_eq(m->vms[2].alloc, 0);
	ck_assert_double_eq_tol(m->hosts[0].alloc, 1000, 1e-9);
	/* Two rounds of drops: 1200, 40, 30: shortage 270, 90 each exceeds 40 and 30; both drop,
	 * leaving 200 for VM 0 alone: 1000, 0, 0. */
	set_demands(m, 1200, 40, 30);
	ck_assert_double_eq_tol(m->vms[0].alloc, 1000, 1e-9);
	ck_assert_double_eq(m->vms[1].alloc, 0);
	ck_assert_double_eq(m->vms[2].alloc, 0);
	/* A VM asking nothing takes no part: 700, 500, 0 -> shortage 200 over two: 600, 400, 0. */
	set_demands(m, 700, 500, 0);
	ck_assert_double_eq_tol(m->vms[0].alloc, 600, 1e-9);
	ck_assert_double_eq_tol(m->vms[1].alloc, 400, 1e-9);
	ck_assert_double_eq(m->vms[2].alloc, 0);
	/* Demands that fit are met whatever the rule. */
	set_demands(m, 300.5, 250.25, 120);
	ck_assert_double_eq(m->vms[0].alloc, 300.5);
	ck_assert_double_eq(m->vms[1].alloc, 250.25);
	ck_assert_double_eq(m->vms[2].alloc, 120);
	model2010_destroy(m);
}
END_TEST

/* ---- ST ------------------------------------------------------------------------------------ */

/*
 * Hosts 0 = 1000, 1 = 2000, 2 = 3000 MIPS; VMs 0-2 of 1000 MIPS, 3-5 of 500 (block).
 *   host 0: VM 1 (600), VM 2 (450), VM 3 (300);  host 1: VM 4 (200), VM 5 (fresh, 500);
 *   host 2: VM 0 (900).
 * ST 0.5 re-places VMs 0, 1, 2, 3, 4 (not the fresh 5, whose 500 stay on host 1) in that order
 * (decreasing demand) from loads 0, 500, 0.
 */
static struct model2010 *st_model(void)
{
	static const char *const extra[] = { "vms.count=6", "vms.types=k,h", "vms.assign=block",
					     "vm.k.mips=1000", "vm.k.ram_mb=128", "vm.h.mips=500",
					     "vm.h.ram_mb=128" };
	exp_init(3, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_st, "0.5");
	ck_assert_double_eq(m->param[0], 0.5);
	put(m, 0, 2, 900);
	put(m, 1, 0, 600);
	put(m, 2, 0, 450);
	put(m, 3, 0, 300);
	put(m, 4, 1, 200);
	ck_assert_int_eq(model2010_assign(m, 5, 1), 0);
	m->vms[5].demand = 500;
	m->vms[5].fresh = true;
	share_all(m);
	return m;
}

START_TEST(test_model2010_st_stay_quirk)
{
	/* With the quirk:
	 *   VM 0 (900): host 0 0.9 and host 1 0.7 exceed 0.5; host 2 (0.3) is its own: no migration,
	 *     and its 900 are not put back: host 2 reads 0;
	 *   VM 1 (600): host 0 0.6, host 1 0.55 too high; host 2 0.2 -> migrates there (600);
	 *   VM 2 (450): host 0 +208.75 W, host 1 +16.875, host 2 (1050 / 3000) +11.25 -> host 2;
	 *   VM 3 (300): host 0 +197.5, host 1 +11.25, host 2 (0.45) +7.5 -> host 2 (1350);
	 *   VM 4 (200): host 2 would reach 0.517; host 1 +7.5 beats host 0 +190: its own, stays.
	 * Host 2 ends with 900 + 600 + 450 + 300 = 2250 MIPS (0.75) although the pass saw 0.45.
	 * (CloudSim 2.1's class, stay_quirk = yes; test_model2010_st_without_quirk has the default.) */
	struct model2010 *m = st_model();
	ck_assert(!e.stay_quirk); /* the default: the class's first version (policy_st.c) */
	e.stay_quirk = true;      /* CloudSim 2.1's */
	optimize(m, &policy_st);
	const int want[][2] = { { 1, 2 }, { 2, 2 }, { 3, 2 } };
	expect_moves(m, want, 3);
	ck_assert_double_eq(m->load[0], 0);
	ck_assert_double_eq(m->load[1], 500);
	ck_assert_double_eq(m->load[2], 1350);
	for (int i = 0; i < m->n_moves; i++) {
		int h = m->moves[i].target;
		ck_assert(m->load[h] / m->hosts[h].cap <= 0.5);
	}
	/* The pass changes no host: the datacenter starts the moves afterwards. */
	ck_assert_int_eq(m->vms[1].host, 0);
	ck_assert_int_eq(m->hosts[0].n, 3);
	ck_assert_int_eq(m->migrations, 0);
	double on2 = m->vms[0].demand;
	for (int i = 0; i < m->n_moves; i++)
		on2 += m->vms[m->moves[i].vm].demand;
	ck_assert_double_eq(on2, 2250);
	/* Started as instant migrations, in order. Host 0 had shared first come: 600, 400 (of 450),
	 * 0 (of 300). Each VM joins the end of host 2's list with what is free there: 600 of 2100,
	 * 450 of 1500, 300 of 1050; host 0 keeps the allocations of the VMs left (no new sharing). */
	ck_assert_double_eq(m->vms[2].alloc, 400);
	ck_assert_double_eq(m->vms[3].alloc, 0);
	ck_assert_int_eq(model2010_migrate(m, 1, 2), 0);
	ck_assert_double_eq(m->hosts[0].alloc, 400);
	ck_assert_double_eq(m->hosts[2].alloc, 1500);
	ck_assert_int_eq(model2010_migrate(m, 2, 2), 0);
	ck_assert_int_eq(model2010_migrate(m, 3, 2), 0);
	ck_assert_int_eq(m->migrations, 3);
	ck_assert_int_eq(m->hosts[0].n, 0);
	ck_assert_double_eq(m->hosts[0].alloc, 0);
	ck_assert_int_eq(m->hosts[0].ram_used, 0);
	ck_assert_int_eq(m->hosts[2].n, 4);
	for (int k = 0; k < 4; k++)
		ck_assert_int_eq(m->hosts[2].vms[k], k);
	ck_assert_double_eq(m->vms[1].alloc, 600);
	ck_assert_double_eq(m->vms[2].alloc, 450);
	ck_assert_double_eq(m->vms[3].alloc, 300);
	ck_assert_double_eq(m->hosts[2].alloc, 2250);
	ck_assert_int_eq(m->hosts[2].ram_used, 512);
	ck_assert_int_eq(m->vms[3].host, 2);
	/* Onto a host short of room: VM 5 (500) to the empty host 0, then VM 0 (900) finds 500 free
	 * there and gets 500; host 2 keeps 2250 - 900. */
	ck_assert_int_eq(model2010_migrate(m, 5, 0), 0);
	ck_assert_int_eq(model2010_migrate(m, 0, 0), 0);
	ck_assert_double_eq(m->vms[5].alloc, 500);
	ck_assert_double_eq(m->vms[0].alloc, 500);
	ck_assert_double_eq(m->hosts[0].alloc, 1000);
	ck_assert_double_eq(m->hosts[1].alloc, 200);
	ck_assert_double_eq(m->hosts[2].alloc, 1350);
	ck_assert_int_eq(m->migrations, 5);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_st_without_quirk)
{
	/* stay_quirk = no (the default): a VM staying on its own host counts there.
	 *   VM 0 (900): host 2, its own: stays, host 2 reads 900;
	 *   VM 1 (600): host 2 (1500 / 3000 = 0.5, allowed) -> migrates (host 2: 1500);
	 *   VM 2 (450): host 2 would reach 0.65; host 1 (950 / 2000) +16.875 beats host 0 +208.75;
	 *   VM 3 (300): host 1 0.625 and host 2 0.6 too high; host 0 (0.3): its own, stays (300);
	 *   VM 4 (200): host 1 0.575 and host 2 0.567 too high; host 0 reaches 0.5 -> migrates. */
	struct model2010 *m = st_model();
	e.stay_quirk = false;
	optimize(m, &policy_st);
	const int want[][2] = { { 1, 2 }, { 2, 1 }, { 4, 0 } };
	expect_moves(m, want, 3);
	ck_assert_double_eq(m->load[0], 500);
	ck_assert_double_eq(m->load[1], 950);
	ck_assert_double_eq(m->load[2], 1500);
	for (int h = 0; h < m->n_hosts; h++)
		ck_assert(m->load[h] / m->hosts[h].cap <= 0.5);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_st_skips_migrating)
{
	/* VM 1 is migrating: not re-placed, its 600 stay on host 0 (loads 600, 500, 0).
	 * With stay_quirk = yes:
	 *   VM 0 (900): host 2, its own (quirk: host 2 reads 0);
	 *   VM 2 (450): host 0 would exceed its MIPS; host 1 (0.475) +16.875 beats host 2 +186.25;
	 *   VM 3 (300): host 0 0.9, host 1 0.625 too high -> host 2 (0.1);
	 *   VM 4 (200): host 0 0.8, host 1 0.575 too high -> host 2 (500 / 3000). */
	struct model2010 *m = st_model();
	e.stay_quirk = true;
	m->vms[1].migrating = true;
	optimize(m, &policy_st);
	const int want[][2] = { { 2, 1 }, { 3, 2 }, { 4, 2 } };
	expect_moves(m, want, 3);
	ck_assert_double_eq(m->load[0], 600);
	ck_assert_double_eq(m->load[1], 950);
	ck_assert_double_eq(m->load[2], 500);
	m->vms[1].migrating = false;
	model2010_destroy(m);
}
END_TEST

/* ---- MM, HPG, RC --------------------------------------------------------------------------- */

START_TEST(test_model2010_mm_overloaded_hosts)
{
	/*
	 * MM 0.4,0.8 on hosts 0 = 1000 (empty), 1 = 2000, 2 = 3000, 3 = 1000:
	 *   host 1: VMs 0-3 at 700, 500, 450, 300: U = 1950 > 1600, excess 350. Above it: 700 (by
	 *     350), 500 (150), 450 (100): VM 2 (450) goes; 1500 is not above 1600.
	 *   host 2: VMs 4-11 at 500, 450, 450, 400, 300, 300, 300, 300: U = 3000 > 2400, excess 600,
	 *     none above it: the largest, VM 4 (500); U = 2500, excess 100: the least above it are the
	 *     300s, the first in the list, VM 8; U = 2200.
	 *   host 3: VM 12 at 500: between 400 and 800, nothing.
	 * Placement (bound 0.8) of VM 4 (500), VM 2 (450), VM 8 (300) on loads 0, 1500, 2200, 500:
	 *   VM 4: hosts 1 (1.0), 2 (0.9), 3 (1.0) too high -> host 0 (500);
	 *   VM 2: 0.95, 0.975, 0.883, 0.95 everywhere: no host, it stays (host 1 back to 1950);
	 *   VM 8: host 0 and host 3 both go 0.5 -> 0.8 (equal steps) -> host 0.
	 */
	static const char *const extra[] = { "vms.count=13", "vms.types=v", "vm.v.mips=1000",
					     "vm.v.ram_mb=128" };
	exp_init(4, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_mm, "0.4,0.8");
	ck_assert_double_eq(m->param[0], 0.4);
	ck_assert_double_eq(m->param[1], 0.8);
	const double dem[13] = { 700, 500, 450, 300, 500, 450, 450, 400, 300, 300, 300, 300, 500 };
	for (int v = 0; v < 13; v++)
		put(m, v, v < 4 ? 1 : v < 12 ? 2 : 3, dem[v]);
	share_all(m);
	ck_assert_double_eq(m->hosts[1].alloc, 1950);
	ck_assert_double_eq(m->hosts[2].alloc, 3000);
	optimize(m, &policy_mm);
	const int want[][2] = { { 4, 0 }, { 8, 0 } };
	expect_moves(m, want, 2);
	/* The selected VMs, in host order: 2, then 4 and 8. */
	ck_assert_int_eq(m->list[0], 4); /* sorted by demand for the placement */
	ck_assert_int_eq(m->list[1], 2);
	ck_assert_int_eq(m->list[2], 8);
	for (int v = 0; v < 13; v++)
		ck_assert_int_eq(m->vflag[v], v == 2 || v == 4 || v == 8);
	ck_assert_double_eq(m->load[0], 800);
	ck_assert_double_eq(m->load[1], 1950);
	ck_assert_double_eq(m->load[2], 2200);
	ck_assert_double_eq(m->load[3], 500);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_mm_alloc_and_underload)
{
	/*
	 * MM 0.3,0.7 on hosts 0 = 1000, 1 = 2000, 2 = 3000, 3 = 1000:
	 *   host 0: VM 0 (900), VM 1 (500): first come allocates 900 + 100, U = 1000 (not the 1400
	 *     asked) > 700: excess 300; above it 900 (by 600) and 500 (by 200): VM 1; U = 500.
	 *     (With U = 1400 the excess, 700, would select VM 0 instead.)
	 *   host 1: VM 2 (250), VM 3 (200): U = 450 < 600: both selected.
	 *   host 2: VM 4 (1500): 900 <= U <= 2100, nothing.   host 3: VM 5 (400): likewise.
	 * Placement (bound 0.7) on loads 900, 0, 1500, 400:
	 *   VM 1 (500): host 0 lacks MIPS, host 3 0.9; host 2 (2000 / 3000) +12.5 W beats host 1
	 *     +193.75 -> host 2;
	 *   VM 2 (250): host 2 0.75 too high; host 3 (650 / 1000) +18.75 beats host 1 +184.375;
	 *   VM 3 (200): host 2 0.733, host 3 0.85 too high: host 1, its own: stays.
	 */
	static const char *const extra[] = { "vms.count=6", "vms.types=v", "vm.v.mips=1500",
					     "vm.v.ram_mb=128" };
	exp_init(4, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_mm, "0.3,0.7");
	put(m, 0, 0, 900);
	put(m, 1, 0, 500);
	put(m, 2, 1, 250);
	put(m, 3, 1, 200);
	put(m, 4, 2, 1500);
	put(m, 5, 3, 400);
	share_all(m);
	ck_assert_double_eq(m->hosts[0].alloc, 1000);
	optimize(m, &policy_mm);
	const int want[][2] = { { 1, 2 }, { 2, 3 } };
	expect_moves(m, want, 2);
	for (int v = 0; v < 6; v++)
		ck_assert_int_eq(m->vflag[v], v == 1 || v == 2 || v == 3);
	ck_assert_double_eq(m->load[1], 200);
	ck_assert_double_eq(m->load[2], 2000);
	ck_assert_double_eq(m->load[3], 650);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_mm_boundaries)
{
	/*
	 * MM 0.4,0.8 on hosts 0 = 1000, 1 = 2000 (empty), 2 = 3000, 3 = 1000, 4 = 2000 (empty), at
	 * the edges of each rule:
	 *   host 0: VMs 0-2 at 500, 300, 200: U = 1000, excess 200. VM 2 equals the excess, it is not
	 *     above it: of 500 (by 300) and 300 (by 100), VM 1 goes; U = 700.
	 *   host 2: VMs 3-9 at 400: U = 2800, excess 400, none above: the largest, the first in the
	 *     list on ties, VM 3; U = 2400 = T_u x C is not above: done.
	 *   host 3: VM 10 at 400 = T_l x C is not below: nothing.
	 * Placement (bound 0.8) on loads 700, 0, 2400, 400, 0:
	 *   VM 3 (400): host 0 lacks MIPS, host 2 0.93; host 3 (0.8) +30 W beats hosts 1 and 4
	 *     (+190) -> host 3;
	 *   VM 1 (300): its own host would reach 1.0, host 3 1.1; hosts 1 and 4 tie at +186.25 W:
	 *     host 1.
	 */
	static const char *const extra[] = { "vms.count=11", "vms.types=v", "vm.v.mips=1000",
					     "vm.v.ram_mb=128" };
	exp_init(5, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_mm, "0.4,0.8");
	put(m, 0, 0, 500);
	put(m, 1, 0, 300);
	put(m, 2, 0, 200);
	for (int v = 3; v < 10; v++)
		put(m, v, 2, 400);
	put(m, 10, 3, 400);
	share_all(m);
	optimize(m, &policy_mm);
	const int want[][2] = { { 3, 3 }, { 1, 1 } };
	expect_moves(m, want, 2);
	for (int v = 0; v < 11; v++)
		ck_assert_int_eq(m->vflag[v], v == 1 || v == 3);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_mm_between_thresholds)
{
	/* Every host between its thresholds (0.4,0.8): 400 of 1000 (exactly T_l: not below), 1000
	 * of 2000, 2400 of 3000 (exactly T_u: not above). No VM moves, although MBFD would pack them
	 * better. A fresh VM is never selected, even from an under-loaded host (host 3, 300 < 400). */
	static const char *const extra[] = { "vms.count=6", "vms.types=v", "vm.v.mips=1200",
					     "vm.v.ram_mb=128" };
	exp_init(4, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_mm, "0.4,0.8");
	put(m, 0, 0, 400);
	put(m, 1, 1, 600);
	put(m, 2, 1, 400);
	put(m, 3, 2, 1200);
	put(m, 4, 2, 1200);
	ck_assert_int_eq(model2010_assign(m, 5, 3), 0);
	m->vms[5].demand = 300;
	m->vms[5].fresh = true;
	share_all(m);
	optimize(m, &policy_mm);
	ck_assert_int_eq(m->n_moves, 0);
	for (int v = 0; v < 6; v++)
		ck_assert_int_eq(m->vflag[v], 0);
	/* Host 0 drops to 390 (< 400): VM 0 is selected, and goes to host 1 (1390 / 2000 = 0.695,
	 * +14.625 W), the cheapest running host with room under 0.8 (host 2 would reach 0.93). */
	m->vms[0].demand = 390;
	share_all(m);
	optimize(m, &policy_mm);
	const int want[][2] = { { 0, 1 } };
	expect_moves(m, want, 1);
	model2010_destroy(m);
}
END_TEST

/*
 * Hosts 0 = 1000 (empty), 1 = 2000, 2 = 3000; VMs alternate 1000 and 500 MIPS (round robin).
 *   host 1 (list 0, 1, 2, 3): VM 0 700 (0.7 of its MIPS), VM 1 150 (0.3), VM 2 600 (0.6),
 *     VM 3 400 (0.8): U = 1850 > 1600.
 *   host 2: VM 4 1000, VM 5 500: U = 1500, between 1200 and 2400.
 */
static struct model2010 *growth_model(const struct gm_policy *p)
{
	static const char *const extra[] = { "vms.count=6", "vms.types=k,h", "vm.k.mips=1000",
					     "vm.k.ram_mb=128", "vm.h.mips=500", "vm.h.ram_mb=128" };
	exp_init(3, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(p, "0.4,0.8");
	put(m, 0, 1, 700);
	put(m, 1, 1, 150);
	put(m, 2, 1, 600);
	put(m, 3, 1, 400);
	put(m, 4, 2, 1000);
	put(m, 5, 2, 500);
	share_all(m);
	return m;
}

START_TEST(test_model2010_hpg_least_ratio_first)
{
	/* HPG: VM 1 (0.3) first: 1700 still above 1600; then VM 2 (0.6): 1100. Placement on loads
	 * 0, 1100, 1500: VM 2 (600): host 1 0.85 too high; host 2 (0.7) +15 W beats host 0 +220;
	 * VM 1 (150): host 2 (0.75) +3.75 W beats host 1 +5.625 and host 0 +186.25. */
	struct model2010 *m = growth_model(&policy_hpg);
	optimize(m, &policy_hpg);
	const int want[][2] = { { 2, 2 }, { 1, 2 } };
	expect_moves(m, want, 2);
	/* MM on the same state: excess 250, the least above it is VM 3 (400, by 150); 1450 is not
	 * above 1600. VM 3 goes to host 2 (1900 / 3000, +10 W; host 0 +205). */
	optimize(m, &policy_mm);
	const int want_mm[][2] = { { 3, 2 } };
	expect_moves(m, want_mm, 1);
	model2010_destroy(m);
}
END_TEST

/* Four VMs of 250 MIPS, all at full use, on host 0 (1000): U = 1000 > 800; any one removes the
 * excess (200). Host 0 cannot take it back (1000 > 800); host 2 (+181.25 W) beats host 1. */
static int rc_pick_once(uint64_t seed, struct model2010 **out)
{
	char s[64];
	snprintf(s, sizeof s, "policy.seed=%llu", (unsigned long long)seed);
	const char *const extra[] = { "vms.count=4", "vms.types=v", "vm.v.mips=250",
				      "vm.v.ram_mb=128", s };
	exp_init(3, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_rc, "0.4,0.8");
	for (int v = 0; v < 4; v++)
		put(m, v, 0, 250);
	share_all(m);
	optimize(m, &policy_rc);
	ck_assert_int_eq(m->n_moves, 1);
	ck_assert_int_eq(m->moves[0].target, 2);
	*out = m;
	return m->moves[0].vm;
}

START_TEST(test_model2010_rc_reproducible)
{
	for (uint64_t seed = 1; seed <= 6; seed++) {
		struct model2010 *a, *b;
		int va = rc_pick_once(seed, &a);
		int vb = rc_pick_once(seed, &b);
		ck_assert_int_eq(va, vb);
		/* The pick is the first draw of the run's PRNG: an index into host 0's list (0..3). */
		struct rng r;
		rng_init(&r, seed);
		ck_assert_int_eq(va, (int)rng_below(&r, 4));
		/* Both models' generators moved on alike. */
		ck_assert_uint_eq(rng_next(&a->rng), rng_next(&b->rng));
		model2010_destroy(a);
		model2010_destroy(b);
	}
	/* Seeds 1 and 3 draw indices 1 and 0. */
	struct model2010 *m;
	ck_assert_int_eq(rc_pick_once(1, &m), 1);
	model2010_destroy(m);
	ck_assert_int_eq(rc_pick_once(3, &m), 0);
	model2010_destroy(m);
}
END_TEST

/* ---- whole runs ---------------------------------------------------------------------------- */

/*
 * One 1000-MIPS host, one 1000-MIPS VM, cloudlet of 11116 MI, seed 1 (first draws 0.702922...,
 * 0.520437...):
 *   t = 5: recently created, full demand: 5 x 1000 = 5000 MI; draw u1: demand 702.92 MIPS;
 *   t = 10: 5 x 702.92 = 3514 MI (whole MI), 8514; draw u2: 520.44 MIPS;
 *   t = 15: 5 x 520.44 = 2602 MI, 11116: exactly the length, finished; no draw; the run ends.
 * DVFS: [0, 5] free (no sharing step yet), then 5 x P(u1) + 5 x P(u2) = 2208.76 W s.
 * NPA: 250 W x 15 s = 3750 W s.
 */
static void one_vm_exp(const char *limit)
{
	const char *const extra[] = { "vms.count=1", "vms.types=v", "vm.v.mips=1000",
				      "vm.v.ram_mb=128", "simulation.cloudlet_length_mi=11116",
				      "policy.seed=1", limit };
	exp_init(1, extra, sizeof extra / sizeof extra[0]);
}

START_TEST(test_model2010_run_one_vm_by_hand)
{
	struct rng r;
	rng_init(&r, 1);
	double u1 = rng_uniform(&r), u2 = rng_uniform(&r);
	ck_assert_double_eq_tol(u1, 0.702922, 1e-6);
	ck_assert_double_eq_tol(u2, 0.520437, 1e-6);
	one_vm_exp("simulation.limit_s=86400");
	struct diag d;
	diag_init(&d);
	struct model2010_result res;

	struct model2010 *m = make(&policy_dvfs, NULL);
	ck_assert_int_eq(model2010_run(m, &res, &d), 0);
	ck_assert_double_eq(res.sim_time_s, 15);
	ck_assert_int_eq(res.ticks, 3);
	ck_assert_int_eq(m->vms[0].done_mi, 11116);
	ck_assert_int_eq(m->vms[0].host, -1);
	ck_assert(!m->vms[0].running);
	ck_assert_int_eq(m->running, 0);
	double dvfs_ws = 5 * (175 + 75 * u1) + 5 * (175 + 75 * u2);
	ck_assert_double_eq_tol(dvfs_ws, 2208.76, 0.01);
	ck_assert_double_eq_tol(res.energy_kwh * 3.6e6, dvfs_ws, 1e-9);
	ck_assert_int_eq(res.samples, 2); /* t = 5 and t = 10; at 15 the demand is 0 */
	ck_assert_double_eq(res.sla_violation_pct, 0);
	ck_assert(isnan(res.sla_average_pct));
	ck_assert_double_eq(res.sla_overall, 0);
	ck_assert_int_eq(res.migrations, 0);
	ck_assert_double_eq_tol(res.mean_active_hosts, 10.0 / 15, 1e-12);
	ck_assert_int_eq(res.unplaced_vms, 0);
	model2010_destroy(m);

	m = make(&policy_npa, NULL);
	ck_assert_int_eq(model2010_run(m, &res, &d), 0);
	ck_assert_double_eq(res.sim_time_s, 15);
	ck_assert_double_eq(res.energy_kwh, 3750 / 3.6e6);
	ck_assert_int_eq(res.samples, 2);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_run_first_tick)
{
	/* Stopped by the limit after the first tick (1: an input error, with a message): 5000 MI
	 * done at full demand, the first draw set the demand and the allocation, and DVFS has
	 * charged nothing. */
	one_vm_exp("simulation.limit_s=7");
	struct rng r;
	rng_init(&r, 1);
	double u1 = rng_uniform(&r);
	struct diag d;
	diag_init(&d);
	struct model2010_result res;
	struct model2010 *m = make(&policy_dvfs, NULL);
	ck_assert_int_eq(model2010_run(m, &res, &d), 1);
	ck_assert_str_eq(d.msg[0], "1 cloudlets still run at simulation.limit_s = 7 s (the 2010 model "
				   "runs until the last one finishes: raise the limit)");
	ck_assert_int_eq(m->ticks, 1);
	ck_assert_int_eq(m->vms[0].done_mi, 5000);
	ck_assert(!m->vms[0].fresh);
	ck_assert_double_eq(m->vms[0].demand, u1 * 1000);
	ck_assert_double_eq(m->vms[0].alloc, u1 * 1000);
	ck_assert_double_eq(m->energy_ws, 0);
	ck_assert(m->hosts[0].shared);
	ck_assert_double_eq(m->hosts[0].util_shared, u1);
	model2010_destroy(m);
	/* NPA pays the first interval: 250 W x 5 s. */
	diag_init(&d);
	m = make(&policy_npa, NULL);
	ck_assert_int_eq(model2010_run(m, &res, &d), 1);
	ck_assert_double_eq(m->energy_ws, 1250);
	model2010_destroy(m);
}
END_TEST

START_TEST(test_model2010_run_capped_progress)
{
	/* One 1000-MIPS host, VMs 0 and 1 of 1000 MIPS: VM 1 finds no room at t = 0 and is put on
	 * host 0 by hand, still at full demand, where first come gives it nothing. Seed 1, stopped
	 * after two ticks (limit 12 s):
	 *   t = 5: VM 0 +5000 MI, VM 1 +0 (min(1000, 0)); draws u1 (VM 0), u2 (VM 1): demands
	 *     702.92 and 520.44, shared 702.92 and 297.08 (a violation);
	 *   t = 10: DVFS charges P(1) x 5 = 1250 W s; VM 0 +3514 MI, VM 1 +1485 (5 x 297.08, not
	 *     5 x 520.44); draws u3, u4: 574.11 + 391.33 fit. Four samples, one violation. */
	const char *const extra[] = { "vms.count=2", "vms.types=v", "vm.v.mips=1000",
				      "vm.v.ram_mb=128", "policy.seed=1", "simulation.limit_s=12" };
	exp_init(1, extra, sizeof extra / sizeof extra[0]);
	struct rng r;
	rng_init(&r, 1);
	double u[4];
	for (int i = 0; i < 4; i++)
		u[i] = rng_uniform(&r);
	struct model2010 *m = make(&policy_dvfs, NULL);
	ck_assert_int_eq(m->vms[1].host, -1);
	ck_assert_int_eq(model2010_assign(m, 1, 0), 0);
	ck_assert(m->vms[1].fresh);
	model2010_share(m, 0);
	ck_assert_double_eq(m->vms[1].alloc, 0);
	struct diag d;
	diag_init(&d);
	struct model2010_result res;
	ck_assert_int_eq(model2010_run(m, &res, &d), 1);
	ck_assert_int_eq(m->ticks, 2);
	ck_assert_int_eq(m->vms[0].done_mi, 8514);
	ck_assert_int_eq(m->vms[1].done_mi, 1485);
	ck_assert_int_eq(m->vms[1].done_mi, (long long)(5 * (1000 - u[0] * 1000)));
	ck_assert_double_eq(m->energy_ws, 1250);
	ck_assert_int_eq(m->samples, 4);
	ck_assert_int_eq(m->violations, 1);
	ck_assert_double_eq_tol(m->shortfall_sum, (u[1] * 1000 - (1000 - u[0] * 1000)) / (u[1] * 1000),
				1e-12);
	ck_assert_double_eq_tol(m->vms[0].alloc, u[2] * 1000, 1e-9);
	ck_assert_double_eq_tol(m->vms[1].alloc, u[3] * 1000, 1e-9);
	ck_assert_double_eq_tol(m->hosts[0].alloc, 965.435, 1e-3);
	model2010_destroy(m);
}
END_TEST

/* Three hosts (1000, 2000, 3000), eight VMs of 250, 500, 750, 1000 MIPS (i mod 4), 15000 MI. */
static void small_exp(uint64_t seed)
{
	char s[64];
	snprintf(s, sizeof s, "policy.seed=%llu", (unsigned long long)seed);
	const char *const extra[] = {
		"vms.count=8", "vms.types=p,q,r,s", "vm.p.mips=250", "vm.p.ram_mb=128",
		"vm.q.mips=500", "vm.q.ram_mb=128", "vm.r.mips=750", "vm.r.ram_mb=128",
		"vm.s.mips=1000", "vm.s.ram_mb=128", "simulation.cloudlet_length_mi=15000", s,
	};
	exp_init(3, extra, sizeof extra / sizeof extra[0]);
}

static void run_small(const struct gm_policy *p, const char *param, uint64_t seed,
		      struct model2010_result *res)
{
	small_exp(seed);
	struct model2010 *m = make(p, param);
	struct diag d;
	diag_init(&d);
	ck_assert_msg(model2010_run(m, res, &d) == 0, "%s", d.msg[0]);
	model2010_destroy(m);
}

START_TEST(test_model2010_run_npa_dvfs)
{
	struct model2010_result npa, dvfs;
	run_small(&policy_npa, NULL, 5, &npa);
	run_small(&policy_dvfs, NULL, 5, &dvfs);
	/* Whole ticks; a 250-MIPS VM needs at least 15000 / 250 = 60 s. */
	ck_assert_double_eq(npa.sim_time_s, 5.0 * (double)npa.ticks);
	ck_assert(npa.sim_time_s >= 60);
	ck_assert_double_eq(npa.energy_kwh, 3 * 250 * npa.sim_time_s / 3.6e6);
	ck_assert_int_eq(npa.migrations, 0);
	/* Same placement, same draws: same length and samples; DVFS pays less, and nothing for the
	 * first 5 s. */
	ck_assert_double_eq(dvfs.sim_time_s, npa.sim_time_s);
	ck_assert_int_eq(dvfs.samples, npa.samples);
	ck_assert_int_eq(dvfs.migrations, 0);
	ck_assert(dvfs.energy_kwh > 0);
	ck_assert(dvfs.energy_kwh * 3.6e6 <= 3 * 250 * (dvfs.sim_time_s - 5));
	ck_assert(dvfs.energy_kwh < npa.energy_kwh);
}
END_TEST

static void expect_same(const struct model2010_result *a, const struct model2010_result *b)
{
	ck_assert_double_eq(a->energy_kwh, b->energy_kwh);
	ck_assert_double_eq(a->sim_time_s, b->sim_time_s);
	ck_assert_int_eq(a->ticks, b->ticks);
	ck_assert_int_eq(a->migrations, b->migrations);
	ck_assert_int_eq(a->samples, b->samples);
	ck_assert(a->sla_violation_pct == b->sla_violation_pct ||
		  (isnan(a->sla_violation_pct) && isnan(b->sla_violation_pct)));
	ck_assert(a->sla_average_pct == b->sla_average_pct ||
		  (isnan(a->sla_average_pct) && isnan(b->sla_average_pct)));
	ck_assert_double_eq(a->sla_overall, b->sla_overall);
	ck_assert_double_eq(a->mean_active_hosts, b->mean_active_hosts);
}

START_TEST(test_model2010_run_reproducible)
{
	static const struct {
		const struct gm_policy *p;
		const char *param;
	} runs[] = { { &policy_st, "0.5" }, { &policy_mm, "0.4,0.8" }, { &policy_hpg, "0.3,0.7" },
		     { &policy_rc, "0.4,0.8" } };
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		struct model2010_result a, b, c;
		run_small(runs[i].p, runs[i].param, 11, &a);
		run_small(runs[i].p, runs[i].param, 11, &b);
		expect_same(&a, &b);
		ck_assert_double_eq(a.sim_time_s, 5.0 * (double)a.ticks);
		run_small(runs[i].p, runs[i].param, 12, &c);
		ck_assert_msg(a.energy_kwh != c.energy_kwh, "%s: seeds 11 and 12 give the same energy",
			      runs[i].p->name);
	}
	/* ST re-places VMs at every tick: it migrates. */
	struct model2010_result st;
	run_small(&policy_st, "0.5", 11, &st);
	ck_assert(st.migrations > 0);
}
END_TEST

/* ---- parameters ---------------------------------------------------------------------------- */

START_TEST(test_model2010_params_good)
{
	double out[GM_MAX_PARAMS] = { -1, -1 };
	char msg[256] = "";
	ck_assert_int_eq(policy_params(&policy_mm, "0.4,0.8", out, msg, sizeof msg), 2);
	ck_assert_double_eq(out[0], 0.4);
	ck_assert_double_eq(out[1], 0.8);
	ck_assert_int_eq(policy_params(&policy_hpg, "0.35,0.725", out, msg, sizeof msg), 2);
	ck_assert_double_eq(out[0], 0.35);
	ck_assert_double_eq(out[1], 0.725);
	ck_assert_int_eq(policy_params(&policy_rc, "0,1", out, msg, sizeof msg), 2);
	ck_assert_double_eq(out[0], 0);
	ck_assert_double_eq(out[1], 1);
	/* No --param: the default. */
	ck_assert_int_eq(policy_params(&policy_mm, NULL, out, msg, sizeof msg), 2);
	ck_assert_double_eq(out[0], 0.4);
	ck_assert_double_eq(out[1], 0.8);
	ck_assert_int_eq(policy_params(&policy_st, "", out, msg, sizeof msg), 1);
	ck_assert_double_eq(out[0], 0.5);
	ck_assert_int_eq(policy_params(&policy_st, "0.65", out, msg, sizeof msg), 1);
	ck_assert_double_eq(out[0], 0.65);
	ck_assert_int_eq(policy_params(&policy_npa, NULL, out, msg, sizeof msg), 0);
	/* the detectors: thr's threshold in [0, 1], the others' safety parameter positive */
	ck_assert_int_eq(policy_params(&policy_thr, "0.725", out, msg, sizeof msg), 1);
	ck_assert_double_eq(out[0], 0.725);
	ck_assert_int_eq(policy_params(&policy_thr, "0", out, msg, sizeof msg), 1);
	ck_assert_double_eq(out[0], 0);
	ck_assert_int_eq(policy_params(&policy_thr, NULL, out, msg, sizeof msg), 1);
	ck_assert_double_eq(out[0], 0.8);
	ck_assert_int_eq(policy_params(&policy_lr, "2.385", out, msg, sizeof msg), 1);
	ck_assert_double_eq(out[0], 2.385);
	ck_assert_int_eq(policy_params(&policy_iqr, NULL, out, msg, sizeof msg), 1);
	ck_assert_double_eq(out[0], 1.5);
	ck_assert_int_eq(policy_params(&policy_drr, "600", out, msg, sizeof msg), 1);
	ck_assert_double_eq(out[0], 600);
}
END_TEST

START_TEST(test_model2010_params_bad)
{
	static const char *const bad_mm[] = { "0.8,0.4", "0.4", "0.4,0.8,0.9", "x", "1.5", "0.4,0.4",
					      "0.4,", ",0.8", "0.4,1.5", "-0.1,0.5", "0.4;0.8",
					      "0.4,0.8x", "nan,0.8", "0.4,inf" };
	double out[GM_MAX_PARAMS];
	char msg[256], want[256];
	for (size_t i = 0; i < sizeof bad_mm / sizeof bad_mm[0]; i++) {
		msg[0] = '\0';
		ck_assert_msg(policy_params(&policy_mm, bad_mm[i], out, msg, sizeof msg) == -1,
			      "\"%s\" accepted", bad_mm[i]);
		snprintf(want, sizeof want,
			 "policy mm: parameter \"%s\" is not two utilization thresholds lower,upper "
			 "with 0 <= lower < upper <= 1",
			 bad_mm[i]);
		ck_assert_str_eq(msg, want);
	}
	static const char *const bad_st[] = { "1.5", "0", "-0.5", "0.5,0.6", "x", "0.5 " };
	for (size_t i = 0; i < sizeof bad_st / sizeof bad_st[0]; i++) {
		msg[0] = '\0';
		ck_assert_msg(policy_params(&policy_st, bad_st[i], out, msg, sizeof msg) == -1,
			      "\"%s\" accepted", bad_st[i]);
		snprintf(want, sizeof want,
			 "policy st: parameter \"%s\" is not a utilization threshold in [0.01, 1]", bad_st[i]);
		ck_assert_str_eq(msg, want);
	}
	ck_assert_int_eq(policy_params(&policy_npa, "0.5", out, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "policy npa takes no parameter (got \"0.5\")");
	/* thr: outside [0, 1] refused, with the range */
	static const char *const bad_thr[] = { "1.5", "-0.1", "x", "0.8,0.9", "inf" };
	for (size_t i = 0; i < sizeof bad_thr / sizeof bad_thr[0]; i++) {
		ck_assert_int_eq(policy_params(&policy_thr, bad_thr[i], out, msg, sizeof msg), -1);
		snprintf(want, sizeof want, "policy thr: parameter \"%s\" is not a utilization threshold in [0, 1]",
			 bad_thr[i]);
		ck_assert_str_eq(msg, want);
	}
	static const char *const bad_lr[] = { "0", "-1.2", "nan", "1.2x" };
	for (size_t i = 0; i < sizeof bad_lr / sizeof bad_lr[0]; i++) {
		ck_assert_int_eq(policy_params(&policy_lr, bad_lr[i], out, msg, sizeof msg), -1);
		snprintf(want, sizeof want,
			 "policy lr: parameter \"%s\" is not a positive number (the safety parameter s)", bad_lr[i]);
		ck_assert_str_eq(msg, want);
	}
}
END_TEST


/* ---- DRR ----------------------------------------------------------------------------------- */

/* VM vm's cloudlet finished: it leaves its host (as the model's step 4 does). */
static void finish(struct model2010 *m, int vm)
{
	struct m10_vm *v = &m->vms[vm];
	struct m10_host *h = &m->hosts[v->host];
	for (int k = 0; k < h->n; k++) {
		if (h->vms[k] == vm) {
			memmove(h->vms + k, h->vms + k + 1, (size_t)(h->n - k - 1) * sizeof *h->vms);
			h->n--;
			break;
		}
	}
	h->ram_used -= v->ram_mb;
	m->flag[v->host] = 1;
	v->host = -1;
	v->running = false;
	m->running--;
}

/*
 * Hosts 0 (1000), 1 (2000), 2 (3000 MIPS); six VMs of 250 MIPS placed round robin by nominal
 * MIPS: 0 -> 0, 1 -> 1, 2 -> 2, 3 -> 0, 4 -> 1, 5 -> 2 (the pointer back at 0). VM 0 finishes at
 * t = 100 while VM 3 runs on host 0: host 0 retires. Threshold 10 s: at t = 105 it keeps VM 3 and
 * takes no new VM; at t = 110 VM 3 goes round robin to a host that is on (1, the pointer's next);
 * once empty, host 0 counts as emptied by the threshold and is an ordinary off host again.
 * Host 2's VMs then finish one by one: it retires and drains on its own.
 */
START_TEST(test_model2010_drr_rules)
{
	static const char *const extra[] = { "vms.count=6", "vms.types=v", "vm.v.mips=250",
					     "vm.v.ram_mb=128", "vm.v.bw=2500" };
	exp_init(3, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(&policy_drr, "10");
	const int want_host[6] = { 0, 1, 2, 0, 1, 2 };
	for (int v = 0; v < 6; v++)
		ck_assert_int_eq(m->vms[v].host, want_host[v]);
	ck_assert_int_eq(m->rr_next, 0);
	m->t = 100;
	finish(m, 0);
	optimize(m, &policy_drr);
	ck_assert_int_eq(m->drr[0].retiring, true);
	ck_assert_int_eq(m->counts.hosts_retired, 1);
	ck_assert_int_eq(m->n_moves, 0);
	/* a new VM skips the retiring host, wherever the pointer is */
	m->rr_next = 0;
	ck_assert_int_eq(policy_drr.place2010(gm_model2010_of(m), 5), 1);
	m->rr_next = 0;
	memset(m->flag, 0, (size_t)m->n_hosts);
	m->t = 105;
	optimize(m, &policy_drr);
	ck_assert_int_eq(m->n_moves, 0); /* 5 s < 10 s */
	m->t = 110;
	optimize(m, &policy_drr);
	const int want[1][2] = { { 3, 1 } };
	expect_moves(m, want, 1);
	ck_assert_int_eq(model2010_migrate(m, 3, 1), 0);
	ck_assert_int_eq(m->hosts[0].n, 0);
	m->t = 115;
	optimize(m, &policy_drr);
	ck_assert_int_eq(m->counts.hosts_evacuated, 1);
	ck_assert_int_eq(m->counts.hosts_drained, 0);
	ck_assert_int_eq(m->drr[0].retiring, false);
	/* host 2: VM 2 finishes (retiring), then VM 5 before the threshold: drained */
	finish(m, 2);
	optimize(m, &policy_drr);
	ck_assert_int_eq(m->drr[2].retiring, true);
	ck_assert_int_eq(m->counts.hosts_retired, 2);
	memset(m->flag, 0, (size_t)m->n_hosts);
	m->t = 120;
	finish(m, 5);
	optimize(m, &policy_drr);
	ck_assert_int_eq(m->counts.hosts_drained, 1);
	ck_assert_int_eq(m->counts.hosts_evacuated, 1);
	ck_assert_int_eq(m->n_moves, 0);
	model2010_destroy(m);
}
END_TEST

/*
 * No host that is on has room: with drr_power_on the lowest-id off host is switched on for the
 * VM; without it the VM stays on its retiring host. Hosts of 1000, 2000, 3000 MIPS, four VMs of
 * 1000: round robin 0 -> 0, 1 -> 1, 2 -> 2, 3 -> 1 (host 0 is full). VMs 2 and 1 finish: host 2
 * is off, host 1 retires with VM 3, and host 0, the only host on, is full.
 */
START_TEST(test_model2010_drr_power_on)
{
	static const char *const extra[] = { "vms.count=4", "vms.types=v", "vm.v.mips=1000",
					     "vm.v.ram_mb=128", "vm.v.bw=2500" };
	for (int on = 1; on >= 0; on--) {
		exp_init(3, extra, sizeof extra / sizeof extra[0]);
		e.drr_power_on = on;
		struct model2010 *m = make(&policy_drr, "0");
		const int want_host[4] = { 0, 1, 2, 1 };
		for (int v = 0; v < 4; v++)
			ck_assert_int_eq(m->vms[v].host, want_host[v]);
		m->t = 50;
		finish(m, 2);
		finish(m, 1);
		optimize(m, &policy_drr);
		ck_assert_int_eq(m->drr[1].retiring, true);
		if (on) {
			const int want[1][2] = { { 3, 2 } };
			expect_moves(m, want, 1);
		} else {
			ck_assert_int_eq(m->n_moves, 0);
		}
		model2010_destroy(m);
	}
}
END_TEST

/*
 * drr2010 (MM 0.4,0.8 under DRR's rules, R = 10 s) on hosts 0 = 1000, 1 = 2000, 2 = 3000,
 * 3 = 1000, 4 = 2000, 5 = 3000 MIPS:
 *   host 1: VM 0 (900); host 2: VMs 1 (300), 2 (900), 3 (600); host 3: VM 4 (500); host 5:
 *   VMs 5 (1000), 6 (1000), 7 (500); hosts 0 and 4 empty.
 * t = 100: VM 1 finishes: host 2 (1500, between 1200 and 2400) retires. Host 5 is above 2400 by
 *   100: MM picks VM 7 (500 - 100 is the least). MBFD (bound 0.8) on loads 0, 900, 1500, 500, 0,
 *   2000: host 2 would cost 75 x 500 / 3000 = 12.5 W (MM's choice), but it retires; host 1
 *   1400 / 2000 costs 18.75 W; hosts 3 and 5 exceed 0.8; empty hosts cost 175 W and more.
 * t = 105: nothing (no host outside its band, host 2 retiring for 5 s < 10 s).
 * t = 110: host 2 is evacuated whatever its use: VMs 2 (900) then 3 (600) on loads 0, 1400, -,
 *   500, 0, 2000: VM 2 fits only host 4 (0.45); VM 3: host 4 (1500 / 2000, +22.5 W) beats host 0
 *   (+220 W). t = 115: host 2 is empty and no longer retiring (evacuated).
 */
static struct model2010 *drr2010_model(const struct gm_policy *p)
{
	static const char *const extra[] = { "vms.count=8", "vms.types=v", "vm.v.mips=1000",
					     "vm.v.ram_mb=128", "vm.v.bw=2500", "policy.retire_threshold_s=10" };
	exp_init(6, extra, sizeof extra / sizeof extra[0]);
	struct model2010 *m = make(p, "0.4,0.8");
	const int host[8] = { 1, 2, 2, 2, 3, 5, 5, 5 };
	const double dem[8] = { 900, 300, 900, 600, 500, 1000, 1000, 500 };
	for (int v = 0; v < 8; v++)
		put(m, v, host[v], dem[v]);
	share_all(m);
	memset(m->flag, 0, (size_t)m->n_hosts);
	m->t = 100;
	finish(m, 1);
	share_all(m);
	return m;
}

START_TEST(test_model2010_drr2010_rules)
{
	/* MM alone sends VM 7 to host 2 */
	struct model2010 *m = drr2010_model(&policy_mm);
	optimize(m, &policy_mm);
	const int want_mm[1][2] = { { 7, 2 } };
	expect_moves(m, want_mm, 1);
	model2010_destroy(m);

	m = drr2010_model(&policy_drr2010);
	optimize(m, &policy_drr2010);
	ck_assert_int_eq(m->drr[2].retiring, true);
	ck_assert_int_eq(m->counts.hosts_retired, 1);
	const int want1[1][2] = { { 7, 1 } };
	expect_moves(m, want1, 1);
	ck_assert_int_eq(model2010_migrate(m, 7, 1), 0);
	share_all(m);
	memset(m->flag, 0, (size_t)m->n_hosts);
	m->t = 105;
	optimize(m, &policy_drr2010);
	ck_assert_int_eq(m->n_moves, 0);
	ck_assert_int_eq(m->drr[2].evacuating, false);
	m->t = 110;
	optimize(m, &policy_drr2010);
	const int want2[2][2] = { { 2, 4 }, { 3, 4 } };
	expect_moves(m, want2, 2);
	ck_assert_int_eq(m->drr[2].evacuating, true);
	ck_assert_int_eq(model2010_migrate(m, 2, 4), 0);
	ck_assert_int_eq(model2010_migrate(m, 3, 4), 0);
	ck_assert_int_eq(m->hosts[2].n, 0);
	share_all(m);
	m->t = 115;
	optimize(m, &policy_drr2010);
	ck_assert_int_eq(m->n_moves, 0);
	ck_assert_int_eq(m->drr[2].retiring, false);
	ck_assert_int_eq(m->counts.hosts_evacuated, 1);
	ck_assert_int_eq(m->counts.hosts_drained, 0);
	ck_assert_int_eq(m->counts.hosts_retired, 1);
	model2010_destroy(m);
}
END_TEST

Suite *model2010_suite(void)
{
	Suite *s = suite_create("model2010");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_model2010_mbfd_running_host_before_empty);
	tcase_add_test(core, test_model2010_mbfd_bound_and_free_mips);
	tcase_add_test(core, test_model2010_mbfd_ties_lowest_id);
	tcase_add_test(core, test_model2010_mbfd_sort_and_state);
	tcase_add_test(core, test_model2010_initial_placement);
	tcase_add_test(core, test_model2010_initial_placement_unplaced);
	tcase_add_test(core, test_model2010_share_first_come);
	tcase_add_test(core, test_model2010_share_equal);
	tcase_add_test(core, test_model2010_st_stay_quirk);
	tcase_add_test(core, test_model2010_st_without_quirk);
	tcase_add_test(core, test_model2010_st_skips_migrating);
	tcase_add_test(core, test_model2010_mm_overloaded_hosts);
	tcase_add_test(core, test_model2010_mm_alloc_and_underload);
	tcase_add_test(core, test_model2010_mm_boundaries);
	tcase_add_test(core, test_model2010_mm_between_thresholds);
	tcase_add_test(core, test_model2010_hpg_least_ratio_first);
	tcase_add_test(core, test_model2010_rc_reproducible);
	tcase_add_test(core, test_model2010_run_one_vm_by_hand);
	tcase_add_test(core, test_model2010_run_capped_progress);
	tcase_add_test(core, test_model2010_run_npa_dvfs);
	tcase_add_test(core, test_model2010_run_reproducible);
	tcase_add_test(core, test_model2010_params_good);
	tcase_add_test(core, test_model2010_drr_rules);
	tcase_add_test(core, test_model2010_drr_power_on);
	tcase_add_test(core, test_model2010_drr2010_rules);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_model2010_run_first_tick);
	tcase_add_test(errors, test_model2010_params_bad);
	suite_add_tcase(s, errors);
	return s;
}
