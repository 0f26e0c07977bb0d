/*
 * The network model (network.h, netmig.h, doc/network.md): max-min sharing by progressive filling
 * on hand-computed cases, the topology's paths and capacities, migrations as flows (a flow ending
 * and the others speeding up, a pre-copy migration whose rate changes between rounds, the per-host
 * cap's queue), and its consistency with the analytic pre-copy model at a constant rate.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "consolidation.h"
#include "ctx.h"
#include "datacenter.h"
#include "detect.h"
#include "fuzzy.h"
#include "netmig.h"
#include "network.h"
#include "precopy.h"
#include "suites.h"

static void solve(int n_links, const double *cap, const struct net_flow *f, int n, double *rate)
{
	struct net_solver s;
	ck_assert_int_eq(net_solver_init(&s, n_links, n), 0);
	network_solve(&s, cap, f, n, rate);
	net_solver_fini(&s);
}

START_TEST(test_network_two_flows_share_a_link)
{
	/* one 238.5 MB/s link, two flows: 119.25 each */
	const double cap[1] = { 2.385e8 };
	struct net_flow f[2] = { { { 0 }, 1, 0 }, { { 0 }, 1, 0 } };
	double r[2];
	solve(1, cap, f, 2, r);
	ck_assert_double_eq_tol(r[0], 1.1925e8, 1e-3);
	ck_assert_double_eq_tol(r[1], 1.1925e8, 1e-3);
}
END_TEST

START_TEST(test_network_three_flows_two_links)
{
	/* doc/network.md#max-min-sharing's example: L1 100, L2 60; f1 on L1, f2 on L1 and L2, f3 on
	 * L2. L2's share 30 is the smaller (L1's 50): f2 and f3 get 30; L1 has 70 left for f1. */
	const double cap[2] = { 100, 60 };
	struct net_flow f[3] = { { { 0 }, 1, 0 }, { { 0, 1 }, 2, 0 }, { { 1 }, 1, 0 } };
	double r[3];
	solve(2, cap, f, 3, r);
	ck_assert_double_eq_tol(r[0], 70, 1e-12);
	ck_assert_double_eq_tol(r[1], 30, 1e-12);
	ck_assert_double_eq_tol(r[2], 30, 1e-12);
}
END_TEST

START_TEST(test_network_bound_and_three_flows)
{
	/* 90 shared by three, one held to 12 by its bound: 12, then (90 - 12) / 2 = 39 each */
	const double cap[1] = { 90 };
	struct net_flow f[3] = { { { 0 }, 1, 0 }, { { 0 }, 1, 12 }, { { 0 }, 1, 0 } };
	double r[3];
	solve(1, cap, f, 3, r);
	ck_assert_double_eq_tol(r[0], 39, 1e-12);
	ck_assert_double_eq_tol(r[1], 12, 1e-12);
	ck_assert_double_eq_tol(r[2], 39, 1e-12);
}
END_TEST

START_TEST(test_network_tree_paths_and_capacities)
{
	/* 10 hosts, racks of 4 (3 racks), pods of 2 racks (2 pods): a rack uplink carries 4 x 7 / 4
	 * = 7 (the last rack: 2 x 7 / 4 = 3.5), a pod's (7 + 7) / 2 = 7 */
	struct net_params p = { .topology = NET_TREE, .hosts_per_rack = 4, .racks_per_pod = 2,
				.oversubscription = 4, .core_oversubscription = 2 };
	double hc[10];
	for (int i = 0; i < 10; i++)
		hc[i] = 7;
	struct network n;
	ck_assert_int_eq(network_init(&n, &p, 10, hc), 0);
	ck_assert_int_eq(n.racks, 3);
	ck_assert_int_eq(n.pods, 2);
	ck_assert_int_eq(n.n_links, 2 * (10 + 3 + 2));
	int l[NET_MAX_PATH];
	ck_assert_int_eq(network_path(&n, 1, 2, l), 2); /* same rack */
	ck_assert_int_eq(l[0], 2);
	ck_assert_int_eq(l[1], 5);
	ck_assert_int_eq(network_path(&n, 1, 5, l), 4); /* same pod */
	ck_assert_int_eq(l[1], 20);
	ck_assert_int_eq(l[2], 23);
	ck_assert_int_eq(network_path(&n, 1, 9, l), 6); /* across the core */
	ck_assert_int_eq(l[2], 26);
	ck_assert_int_eq(l[3], 29);
	ck_assert_double_eq_tol(n.cap[20], 7, 1e-12);
	ck_assert_double_eq_tol(n.cap[24], 3.5, 1e-12);
	ck_assert_double_eq_tol(n.cap[26], 7, 1e-12);
	ck_assert_double_eq_tol(n.cap[28], 1.75, 1e-12);
	/* switches: 3 ToRs, 2 aggregation, 1 core; ports 10 + 2 x 3 + 2 x 2 */
	ck_assert_int_eq(n.switches, 6);
	ck_assert_int_eq(n.ports, 20);
	network_fini(&n);
	/* a 4-ary fat-tree holds 16 hosts */
	p.topology = NET_FATTREE;
	p.fattree_k = 4;
	ck_assert_int_eq(network_init(&n, &p, 17, (double[17]){ 0 }), -2);
	network_fini(&n);
}
END_TEST

/* A datacenter of n hosts whose links carry 1 MiB/s each (bw 8000, migration_share 1), racks of 4
 * in one pod; cap: per-host cap on concurrent migrations. */
struct rig {
	struct experiment e;
	struct datacenter *dc;
	struct netmig *net;
};

static void rig_init(struct rig *g, int n, int cap)
{
	config_defaults(&g->e, NULL);
	g->e.network.params.topology = NET_TREE;
	g->e.network.params.hosts_per_rack = 4;
	g->e.network.migration_share = 1;
	g->e.network.max_per_host = cap;
	g->dc = datacenter_create(n, 1);
	ck_assert_ptr_nonnull(g->dc);
	for (int h = 0; h < n; h++)
		g->dc->hosts[h].bw = 8000;
	static struct diag d;
	diag_init(&d);
	g->net = netmig_create(&g->e, g->dc, &d);
	ck_assert_ptr_nonnull(g->net);
}

static void rig_fini(struct rig *g)
{
	netmig_destroy(g->net);
	datacenter_destroy(g->dc);
}

/* A plain migration of pages pages (4096 B), or pre-copy at dirty pages/s. */
static void add(struct rig *g, int src, int dst, double pages, double dirty, long seq, double now)
{
	struct precopy_params pp;
	precopy_defaults(&pp, pages, 1048576);
	pp.dirty_rate = dirty;
	static struct diag d;
	diag_init(&d);
	ck_assert_int_eq(netmig_add(g->net, &pp, 0, seq, src, dst, seq, 0, 0, now, &d), 0);
}

/* The next landing: at t (to 1e-12 s), of VM vm (-1: any); popped and returned. */
static struct netmig_done land(struct rig *g, double t, int vm)
{
	struct netmig_done d;
	ck_assert_double_eq_tol(netmig_next(g->net), t, 1e-12);
	netmig_pop(g->net, &d);
	if (vm >= 0)
		ck_assert_int_eq(d.vm, vm);
	return d;
}

START_TEST(test_network_flow_ends_others_speed_up)
{
	/* Host 0 sends 300 pages (1,228,800 B) to host 1 and 700 pages (2,867,200 B) to host 2: they
	 * share its 1,048,576 B/s uplink, 524,288 each. The first lands at 1,228,800 / 524,288 =
	 * 2.34375 s; the second has 1,638,400 B left then, alone at 1,048,576: 1.5625 s more. */
	struct rig g;
	rig_init(&g, 4, 0);
	add(&g, 0, 1, 300, 0, 0, 0);
	add(&g, 0, 2, 700, 0, 1, 0);
	land(&g, 2.34375, 0);
	struct netmig_done d = land(&g, 3.90625, 1);
	ck_assert_double_eq_tol(d.t_end, 3.90625, 1e-12);
	ck_assert(netmig_next(g.net) == DBL_MAX);
	struct netmig_totals t;
	netmig_totals(g.net, 10, 0, &t);
	ck_assert_int_eq(t.completed, 2);
	ck_assert_double_eq_tol(t.mig_mean_s, (2.34375 + 3.90625) / 2, 1e-12);
	ck_assert_double_eq_tol(t.mig_max_s, 3.90625, 1e-12);
	ck_assert_double_eq_tol(t.bytes[NET_TIER_HOST], 2 * (1228800 + 2867200), 1e-6);
	ck_assert_double_eq_tol(t.bytes[NET_TIER_RACK], 0, 1e-12);
	ck_assert_int_eq(t.rate_updates, 2); /* the starts at 0, the first landing */
	rig_fini(&g);
}
END_TEST

START_TEST(test_network_three_flows_one_ends)
{
	/* Hosts 0, 1, 2 each send to host 3 (its downlink shared by three, 349,525.33 B/s each):
	 * 256, 512 and 1024 pages (1, 2 and 4 MiB). The first lands at 1,048,576 / (1,048,576 / 3) =
	 * 3 s; the two others have 1 and 3 MiB left, at half the link: the second lands at 5 s; the
	 * third, 2 MiB left, alone: 7 s. */
	struct rig g;
	rig_init(&g, 4, 0);
	add(&g, 0, 3, 256, 0, 0, 0);
	add(&g, 1, 3, 512, 0, 1, 0);
	add(&g, 2, 3, 1024, 0, 2, 0);
	land(&g, 3, 0);
	land(&g, 5, 1);
	land(&g, 7, 2);
	rig_fini(&g);
}
END_TEST

START_TEST(test_network_precopy_rate_changes)
{
	/*
	 * A pre-copy migration of 1000 pages dirtying 50 pages/s (host 0 to 1) starts with a plain
	 * one of 200 pages (host 0 to 2) on the same uplink. Both at 524,288 B/s until the plain one
	 * lands at 819,200 / 524,288 = 1.5625 s; round 0's 3,276,800 B left then go at 1,048,576:
	 * round 0 ends at 4.6875 s. Round 1: 50 x 4.6875 = 234.375 pages, 960,000 B, 0.91552734375 s.
	 * Then 45.7763671875 pages were dirtied, below Xen's 50: stop-and-copy, 187,500 B,
	 * 0.178813934326171875 s. Landing at 5.781841278076171875 s.
	 */
	struct rig g;
	rig_init(&g, 4, 0);
	add(&g, 0, 1, 1000, 50, 0, 0);
	add(&g, 0, 2, 200, 0, 1, 0);
	land(&g, 1.5625, 1);
	struct netmig_done d = land(&g, 5.781841278076171875, 0);
	ck_assert_double_eq_tol(d.downtime_s, 0.178813934326171875, 1e-12);
	rig_fini(&g);
}
END_TEST

START_TEST(test_network_alone_equals_precopy_eval)
{
	/* alone on its path at a constant rate the walk gives precopy_eval's times (1000 pages, 50
	 * pages/s, 1,048,576 B/s: 3.90625 + 0.762939453125 + 0.1490116119384765625 s) */
	struct precopy_params pp;
	precopy_defaults(&pp, 1000, 1048576);
	pp.dirty_rate = 50;
	struct precopy_result r;
	ck_assert_int_eq(precopy_eval(&pp, &r), 0);
	ck_assert_double_eq_tol(r.total_s, 3.90625 + 0.762939453125 + 0.1490116119384765625, 1e-12);
	struct rig g;
	rig_init(&g, 8, 0);
	add(&g, 1, 6, 1000, 50, 0, 0); /* across racks: the uplinks carry 4 MiB/s, not the limit */
	struct netmig_done d = land(&g, r.total_s, 0);
	ck_assert_double_eq_tol(d.downtime_s, r.downtime_s, 1e-12);
	rig_fini(&g);
}
END_TEST

START_TEST(test_network_cap_queues)
{
	/* Cap 1: host 0's second transfer (to host 2) waits for the first (to host 1, 512 pages at
	 * the full 1,048,576 B/s: 2 s), then takes 768 pages, 3 s: it lands at 5 s after 2 s queued. */
	struct rig g;
	rig_init(&g, 4, 1);
	add(&g, 0, 1, 512, 0, 0, 0);
	add(&g, 0, 2, 768, 0, 1, 0);
	land(&g, 2, 0);
	struct netmig_done d = land(&g, 5, 1);
	ck_assert_double_eq_tol(d.t_start, 2, 1e-12);
	struct netmig_totals t;
	netmig_totals(g.net, 5, 0, &t);
	ck_assert_double_eq_tol(t.queued_s, 2, 1e-12);
	ck_assert_double_eq_tol(t.queued_max_s, 2, 1e-12);
	ck_assert_double_eq_tol(t.mig_max_s, 5, 1e-12);
	rig_fini(&g);
}
END_TEST

START_TEST(test_network_energy)
{
	/* 4 hosts in one rack: one switch of 4 active ports, 66.7 + 4 x 0.9125 = 70.35 W for 3600 s;
	 * 4 MiB went host 0 to host 1: two ports, each at 4,194,304 / (2 x 1,048,576) = 2 port-seconds;
	 * traffic 0.05 x 70.35 x 4 / 4 = 3.5175 J. NICs 4 x 0.535 W x 3600 s. */
	struct rig g;
	rig_init(&g, 4, 0);
	g.e.network.switch_chassis_w = 66.7;
	netmig_destroy(g.net);
	static struct diag dg;
	diag_init(&dg);
	g.net = netmig_create(&g.e, g.dc, &dg);
	add(&g, 0, 1, 1024, 0, 0, 0);
	struct netmig_done d;
	netmig_pop(g.net, &d);
	struct netmig_totals t;
	netmig_totals(g.net, 3600, 0, &t);
	ck_assert_double_eq_tol(t.switch_dynamic_kwh * 3.6e6, 3.5175, 1e-9);
	ck_assert_double_eq_tol(t.switch_kwh * 3.6e6, 70.35 * 3600 + 3.5175, 1e-6);
	ck_assert_double_eq_tol(t.nic_kwh * 3.6e6, 4 * 0.535 * 3600, 1e-6);
	/* [power] states: hosts off for 5,000 host-seconds leave their port (0.9125 W) and NIC
	 * (0.535 W) idle that long */
	netmig_totals(g.net, 3600, 5000, &t);
	ck_assert_double_eq_tol(t.switch_kwh * 3.6e6, 70.35 * 3600 - 0.9125 * 5000 + 3.5175, 1e-6);
	ck_assert_double_eq_tol(t.nic_kwh * 3.6e6, (4 * 3600 - 5000) * 0.535, 1e-6);
	rig_fini(&g);
}
END_TEST

START_TEST(test_network_target_booting)
{
	/* [power] states: host 0 sends 300 pages (1,228,800 B) to host 1 at 0 and 700 pages
	 * (2,867,200 B) to host 2, which is booting until 1 s. The first is alone on host 0's
	 * 1,048,576 B/s uplink until 1 s (180,224 B left), then both get 524,288: it lands at
	 * 1 + 180,224 / 524,288 = 1.34375 s, the second having sent 180,224 B; its 2,686,976 B left
	 * go alone: 2.5625 s, landing at 3.90625 s. Its time counts from 1 s (the boot's wait is
	 * power states' ps_migration_wait_s): 2.90625 s, no queue. */
	struct rig g;
	rig_init(&g, 4, 0);
	struct precopy_params pp;
	static struct diag dg;
	diag_init(&dg);
	add(&g, 0, 1, 300, 0, 0, 0);
	precopy_defaults(&pp, 700, 1048576);
	ck_assert_int_eq(netmig_add_at(g.net, &pp, 0, 1, 0, 2, 1, 0, 0, 0, 1, &dg), 0);
	land(&g, 1.34375, 0);
	struct netmig_done d = land(&g, 3.90625, 1);
	ck_assert_double_eq(d.t_request, 1);
	ck_assert_double_eq(d.t_start, 1);
	struct netmig_totals t;
	netmig_totals(g.net, 10, 0, &t);
	ck_assert_int_eq(t.completed, 2);
	ck_assert_double_eq_tol(t.mig_mean_s, (1.34375 + 2.90625) / 2, 1e-12);
	ck_assert_double_eq(t.queued_s, 0);
	ck_assert_double_eq_tol(t.bytes[NET_TIER_HOST], 2 * (1228800 + 2867200), 1e-6);
	ck_assert_int_eq(t.rate_updates, 3); /* the start at 0, the one at 1, the first landing */
	/* one still waiting for its target at the end counts as queued */
	add(&g, 0, 1, 300, 0, 2, 20);
	ck_assert_int_eq(netmig_add_at(g.net, &pp, 0, 3, 0, 2, 3, 0, 0, 20, 100, &dg), 0);
	netmig_totals(g.net, 30, 0, &t);
	ck_assert_int_eq(t.in_flight, 1);
	ck_assert_int_eq(t.queued, 1);
	rig_fini(&g);
}
END_TEST

static int has(const struct diag *d, const char *needle)
{
	for (int i = 0; i < d->count; i++)
		if (strstr(d->msg[i], needle) != NULL)
			return 1;
	return 0;
}

START_TEST(test_network_bad_keys)
{
	/* out-of-range values are refused with their line and what the key expects */
	static struct experiment e;
	static struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/full.ini"), &d), 0);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/network-bad.ini"), &d), -1);
	ck_assert_msg(has(&d, "network-bad.ini:5: \"0.5\" is out of range (network.oversubscription expects a "
			  "ratio >= 1)"), "%s", d.msg[0]);
	ck_assert_msg(has(&d, "network-bad.ini:6: \"0\" is out of range (network.migration_share expects a share "
			  "in (0, 1])"), "%s", d.msg[1]);
	ck_assert_int_eq(d.count, 2);
}
END_TEST

START_TEST(test_network_bad_combination)
{
	/* an odd k and too few hosts for it: each refused at [network] topology's line (power states
	 * combine with the network: accepted) */
	static struct experiment e;
	static struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/full.ini"), &d), 0);
	ck_assert_int_eq(config_set(&e, "network.topology=fattree", &d), 0);
	ck_assert_int_eq(config_set(&e, "network.fattree_k=5", &d), 0);
	ck_assert_int_eq(config_set(&e, "power.states=yes", &d), 0);
	ck_assert_int_eq(config_validate(&e, &d), -1);
	ck_assert(has(&d, "network.fattree_k = 5: a fat-tree needs an even k"));
	ck_assert(has(&d, "network.fattree_k = 5 holds 31 hosts, fewer than hosts.count = 100"));
	ck_assert_int_eq(d.count, 2);
	/* the 2010 model has no network */
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("examples/paper2010.ini"), &d), 0);
	ck_assert_int_eq(config_set(&e, "network.topology=tree", &d), 0);
	ck_assert_int_eq(config_validate(&e, &d), -1);
	ck_assert(has(&d, "network.topology applies to simulation.model = cloudsim3"));
	/* a target choice without a topology: no racks to prefer */
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/full.ini"), &d), 0);
	ck_assert_int_eq(config_set(&e, "network.target=same_rack", &d), 0);
	ck_assert_int_eq(config_validate(&e, &d), -1);
	ck_assert(has(&d, "network.target prefers targets by rack or path: it needs a network.topology"));
	ck_assert_int_eq(d.count, 1);
	ck_assert_int_eq(config_set(&e, "network.target=nearest", &d), -1);
	ck_assert(has(&d, "\"nearest\" is not a target choice (network.target expects any, same_rack or "
		      "cheapest_path)"));
}
END_TEST

/*
 * network.target (doc/network.md#target-choice) on the engine's best fit: eight hosts of 1000
 * MIPS (linear power, 175 W + 0.75 W per %; P(0) = 0) in racks of two, two racks a pod:
 * racks {0, 1} {2, 3} in pod 0, {4, 5} {6, 7} in pod 1. VM 0 (500 MIPS at 50 %: 250 MIPS) is on
 * host 4; the test policy takes it off (as ST and MM do) and asks the best fit. The cached
 * utilizations are 0 (no host update), so every host's power now is P(0) = 0 and an empty host's
 * increase is P(0.25) = 175 + 18.75 = 193.75 W: an exact tie among the empty hosts. A host with
 * VM 1 (250 MIPS live) would go to P(0.5) = 212.5 W: worse.
 */
#define TG_NH 8
static struct datacenter *tg_dc;
static double tg_util[2][4];
static int tg_found[3];
static const unsigned char *tg_excl[3];

static int tg_optimize(gm_ctx *ctx)
{
	ck_assert_int_eq(gm_move_tentatively(ctx, 0, -1), 0);
	for (int k = 0; k < 3; k++)
		tg_found[k] = gm_best_fit(ctx, gm_vm_of(&tg_dc->vms[0]), tg_excl[k]);
	return 0;
}

static const struct gm_policy tg_policy = {
	.api_version = GREENMIG_API_VERSION,
	.name = "target-test",
	.summary = "network.target's test",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.overloaded = detect_thr_hook,
	.optimize = tg_optimize,
};

/* VM 1 on host `loaded` (-1: not placed); the three best fits of VM 0 into found[]. */
static void tg_run(enum net_target target, int loaded, int found[3])
{
	tg_dc = datacenter_create(TG_NH, 2);
	ck_assert_ptr_nonnull(tg_dc);
	tg_dc->scheduling_interval_s = 300;
	for (int i = 0; i < TG_NH; i++) {
		struct host *h = &tg_dc->hosts[i];
		h->id = i;
		h->pes = 1;
		h->pe_mips = h->total_mips = 1000;
		h->ram_mb = 8192;
		h->bw = 1000000;
		h->storage_mb = 1000000;
		ck_assert_int_eq(power_model_init(&h->power, power_find("linear"), 250, 0.7), 0);
		ck_assert_int_eq(datacenter_init_host(h, 4), 0);
	}
	for (int i = 0; i < 2; i++) {
		struct vm *vm = &tg_dc->vms[i];
		vm->id = i;
		vm->uid_hash = vm_uid_hash(i);
		vm->mips = i == 0 ? 500 : 250;
		vm->pes = 1;
		vm->ram_mb = 128;
		vm->bw = 2500;
		vm->size_mb = 2500;
		vm->host = -1;
		for (int k = 0; k < 4; k++)
			tg_util[i][k] = i == 0 ? 0.5 : 1;
		vm->util = tg_util[i];
		vm->util_stride = 1;
		vm->n_util = 4;
		vm->interval_s = 300;
		vm->req_total = 250;
	}
	int where[2] = { 4, loaded };
	for (int i = 0; i < 2; i++) {
		if (where[i] < 0)
			continue;
		ck_assert(host_vm_create(tg_dc, &tg_dc->hosts[where[i]], &tg_dc->vms[i]));
		tg_dc->vm_table[i] = where[i];
		tg_dc->vms[i].placed = true;
	}
	static struct experiment e;
	memset(&e, 0, sizeof e);
	e.network.params = (struct net_params){ .topology = NET_TREE, .hosts_per_rack = 2, .racks_per_pod = 2,
						.oversubscription = 1, .core_oversubscription = 1 };
	e.network.target = target;
	struct rng r;
	rng_init(&r, 7);
	struct gm_ctx ctx = { .policy = &tg_policy, .dc = tg_dc, .e = &e, .param = { 0.8 }, .n_params = 1,
			      .interval_s = 300, .now = 600, .rng = &r };
	struct consolidation *c = consolidation_create(&ctx);
	ck_assert_ptr_nonnull(c);
	ctx.cons = c;
	const struct migration *map;
	consolidation_optimize(c, &map);
	ck_assert(!ctx.failed);
	for (int k = 0; k < 3; k++)
		found[k] = tg_found[k];
	consolidation_destroy(c);
	free(ctx.held_off);
	datacenter_destroy(tg_dc);
}

START_TEST(test_network_target_choice)
{
	/* the three questions: every host but 4 (its own: CloudSim's exclusion); host 5 out too;
	 * hosts 0-3 and 5 out */
	static const unsigned char x0[TG_NH] = { 0, 0, 0, 0, 1, 0, 0, 0 };
	static const unsigned char x1[TG_NH] = { 0, 0, 0, 0, 1, 1, 0, 0 };
	static const unsigned char x2[TG_NH] = { 1, 1, 1, 1, 1, 1, 0, 0 };
	tg_excl[0] = x0;
	tg_excl[1] = x1;
	tg_excl[2] = x2;
	int f[3];
	/* any: the first by id of the tied empty hosts, CloudSim's answer */
	tg_run(NET_TARGET_ANY, -1, f);
	ck_assert_int_eq(f[0], 0);
	ck_assert_int_eq(f[1], 0);
	ck_assert_int_eq(f[2], 6);
	/* same_rack: host 5 (rack 2, as host 4); without it no host of the rack is left: by id */
	tg_run(NET_TARGET_SAME_RACK, -1, f);
	ck_assert_int_eq(f[0], 5);
	ck_assert_int_eq(f[1], 0);
	ck_assert_int_eq(f[2], 6);
	/* cheapest_path: host 5 (2 links); without it host 6 (pod 1: 4 links) before 0-3 (6) */
	tg_run(NET_TARGET_CHEAPEST_PATH, -1, f);
	ck_assert_int_eq(f[0], 5);
	ck_assert_int_eq(f[1], 6);
	ck_assert_int_eq(f[2], 6);
	/* only exact ties: host 5 with VM 1 (212.5 W against 193.75) loses to the empty host 0 */
	tg_run(NET_TARGET_SAME_RACK, 5, f);
	ck_assert_int_eq(f[0], 0);
	tg_run(NET_TARGET_CHEAPEST_PATH, 5, f);
	ck_assert_int_eq(f[0], 6);
	/* the cost levels: host b's level (the first range holding it) orders b as its cost does,
	 * for every pair of hosts of every topology and target */
	const struct net_params tops[] = { { .topology = NET_TREE, .hosts_per_rack = 3, .racks_per_pod = 2 },
					   { .topology = NET_TREE, .hosts_per_rack = 4, .racks_per_pod = 0 },
					   { .topology = NET_FATTREE, .fattree_k = 4 },
					   { .topology = NET_LEAFSPINE, .hosts_per_rack = 5 },
					   { .topology = NET_NONE } };
	const enum net_target tgs[] = { NET_TARGET_ANY, NET_TARGET_SAME_RACK, NET_TARGET_CHEAPEST_PATH };
	for (int t = 0; t < 5; t++)
		for (int g = 0; g < 3; g++)
			for (int a = -1; a < 17; a++) {
				int lo[4], hi[4], level[17];
				int nl = network_target_levels(&tops[t], tgs[g], a, 17, lo, hi);
				ck_assert(nl >= 1 && nl <= 4);
				ck_assert(lo[nl - 1] == 0 && hi[nl - 1] == 17);
				for (int b = 0; b < 17; b++) {
					level[b] = -1;
					for (int j = nl - 1; j >= 0; j--)
						if (b >= lo[j] && b < hi[j])
							level[b] = j;
					ck_assert_int_ge(level[b], 0);
				}
				for (int b = 0; b < 17; b++)
					for (int b2 = 0; b2 < 17; b2++) {
						int cb = network_target_cost(&tops[t], tgs[g], a, b);
						int cb2 = network_target_cost(&tops[t], tgs[g], a, b2);
						ck_assert_msg((cb < cb2) == (level[b] < level[b2]),
							      "topology %d target %d from %d: hosts %d and %d", t, g, a, b, b2);
					}
			}
	/* the costs themselves */
	const struct net_params p = { .topology = NET_TREE, .hosts_per_rack = 2, .racks_per_pod = 2 };
	ck_assert_int_eq(network_target_cost(&p, NET_TARGET_CHEAPEST_PATH, 4, 4), 0);
	ck_assert_int_eq(network_target_cost(&p, NET_TARGET_CHEAPEST_PATH, 4, 5), 2);
	ck_assert_int_eq(network_target_cost(&p, NET_TARGET_CHEAPEST_PATH, 4, 7), 4);
	ck_assert_int_eq(network_target_cost(&p, NET_TARGET_CHEAPEST_PATH, 4, 3), 6);
	ck_assert_int_eq(network_target_cost(&p, NET_TARGET_SAME_RACK, 4, 5), 0);
	ck_assert_int_eq(network_target_cost(&p, NET_TARGET_SAME_RACK, 4, 6), 1);
	ck_assert_int_eq(network_target_cost(&p, NET_TARGET_SAME_RACK, -1, 6), 0);
	ck_assert_int_eq(network_target_cost(&p, NET_TARGET_ANY, 4, 3), 0);
	const struct net_params one_pod = { .topology = NET_TREE, .hosts_per_rack = 2, .racks_per_pod = 0 };
	ck_assert_int_eq(network_target_cost(&one_pod, NET_TARGET_CHEAPEST_PATH, 4, 0), 4);
}
END_TEST

/* The fuzzy controller's least loaded target (doc/network.md#target-choice): four hosts of 1000
 * MIPS in racks of two ({0, 1}, {2, 3}); host 2 at 90 % (VMs 0 and 1 of 450 MIPS) sheds VM 0
 * (equal suitability: the lower id); hosts 0, 1 and 3 are on at 30 %, 128 MB each: equally
 * loaded. By id host 0 takes it; preferring the VM's rack, host 3. With host 3 at 31 % the tie is
 * gone: host 0 again. */
static int fz_target(enum net_target target, double load3)
{
	double capc[4] = { 1000, 1000, 1000, 1000 }, capm[4] = { 4096, 4096, 4096, 4096 };
	double cpu[4] = { 300, 300, 900, load3 }, mem[4] = { 128, 128, 256, 128 };
	double avail[4] = { INFINITY, INFINITY, INFINITY, INFINITY };
	unsigned char on[4] = { 1, 1, 1, 1 }, target_[4], moved[2];
	int start[5] = { 0, 0, 0, 2, 2 }, vms[2] = { 0, 1 }, order[2];
	double vcpu[2] = { 450, 450 }, vmem[2] = { 128, 128 };
	unsigned char movable[2] = { 1, 1 };
	struct fuzzy_settings s = { 0.85, 0.95, 0.10, 0.10, 1 };
	const struct net_params np = { .topology = NET_TREE, .hosts_per_rack = 2 };
	struct fuzzy_pool p = { 4, 2, capc, capm, cpu, mem, avail, on, target_, start, vms, vcpu, vmem, movable,
				moved, order, &np, target };
	int mv[2], mt[2];
	ck_assert_int_eq(fuzzy_control(&s, &p, mv, mt), 1);
	ck_assert_int_eq(mv[0], 0);
	return mt[0];
}

START_TEST(test_network_target_fuzzy)
{
	ck_assert_int_eq(fz_target(NET_TARGET_ANY, 300), 0);
	ck_assert_int_eq(fz_target(NET_TARGET_SAME_RACK, 300), 3);
	ck_assert_int_eq(fz_target(NET_TARGET_CHEAPEST_PATH, 300), 3);
	ck_assert_int_eq(fz_target(NET_TARGET_SAME_RACK, 310), 0);
}
END_TEST

Suite *network_suite(void)
{
	Suite *s = suite_create("network");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_network_two_flows_share_a_link);
	tcase_add_test(tc, test_network_three_flows_two_links);
	tcase_add_test(tc, test_network_bound_and_three_flows);
	tcase_add_test(tc, test_network_tree_paths_and_capacities);
	tcase_add_test(tc, test_network_flow_ends_others_speed_up);
	tcase_add_test(tc, test_network_three_flows_one_ends);
	tcase_add_test(tc, test_network_precopy_rate_changes);
	tcase_add_test(tc, test_network_alone_equals_precopy_eval);
	tcase_add_test(tc, test_network_cap_queues);
	tcase_add_test(tc, test_network_energy);
	tcase_add_test(tc, test_network_target_choice);
	tcase_add_test(tc, test_network_target_booting);
	tcase_add_test(tc, test_network_target_fuzzy);
	suite_add_tcase(s, tc);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_network_bad_keys);
	tcase_add_test(errors, test_network_bad_combination);
	suite_add_tcase(s, errors);
	return s;
}
