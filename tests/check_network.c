/*
 * The network model (network.h, netmig.h, doc/network.md): max-min sharing by progressive filling
 * on hand-computed cases, the topology's paths and capacities, migrations as flows (a flow ending
 * and the others speeding up, a pre-copy migration whose rate changes between rounds, the per-host
 * cap's queue), and its consistency with the analytic pre-copy model at a constant rate.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "config.h"
#include "datacenter.h"
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

START_TEST(test_network_flow_ends_others_speed_up)
{
	/* Host 0 sends 300 pages (1,228,800 B) to host 1 and 700 pages (2,867,200 B) to host 2: they
	 * share its 1,048,576 B/s uplink, 524,288 each. The first lands at 1,228,800 / 524,288 =
	 * 2.34375 s; the second has 1,638,400 B left then, alone at 1,048,576: 1.5625 s more. */
	struct rig g;
	rig_init(&g, 4, 0);
	add(&g, 0, 1, 300, 0, 0, 0);
	add(&g, 0, 2, 700, 0, 1, 0);
	ck_assert_double_eq_tol(netmig_next(g.net), 2.34375, 1e-12);
	struct netmig_done d;
	netmig_pop(g.net, &d);
	ck_assert_int_eq(d.vm, 0);
	ck_assert_double_eq_tol(netmig_next(g.net), 3.90625, 1e-12);
	netmig_pop(g.net, &d);
	ck_assert_int_eq(d.vm, 1);
	ck_assert_double_eq_tol(d.t_end, 3.90625, 1e-12);
	ck_assert(netmig_next(g.net) == DBL_MAX);
	struct netmig_totals t;
	netmig_totals(g.net, 10, &t);
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
	struct netmig_done d;
	const double want[3] = { 3, 5, 7 };
	for (int i = 0; i < 3; i++) {
		ck_assert_double_eq_tol(netmig_next(g.net), want[i], 1e-9);
		netmig_pop(g.net, &d);
		ck_assert_int_eq(d.vm, i);
	}
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
	struct netmig_done d;
	ck_assert_double_eq_tol(netmig_next(g.net), 1.5625, 1e-12);
	netmig_pop(g.net, &d);
	ck_assert_int_eq(d.vm, 1);
	ck_assert_double_eq_tol(netmig_next(g.net), 5.781841278076171875, 1e-12);
	netmig_pop(g.net, &d);
	ck_assert_int_eq(d.vm, 0);
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
	ck_assert_double_eq_tol(netmig_next(g.net), r.total_s, 1e-12);
	struct netmig_done d;
	netmig_pop(g.net, &d);
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
	struct netmig_done d;
	ck_assert_double_eq_tol(netmig_next(g.net), 2, 1e-12);
	netmig_pop(g.net, &d);
	ck_assert_double_eq_tol(netmig_next(g.net), 5, 1e-12);
	netmig_pop(g.net, &d);
	ck_assert_double_eq_tol(d.t_start, 2, 1e-12);
	struct netmig_totals t;
	netmig_totals(g.net, 5, &t);
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
	netmig_totals(g.net, 3600, &t);
	ck_assert_double_eq_tol(t.switch_dynamic_kwh * 3.6e6, 3.5175, 1e-9);
	ck_assert_double_eq_tol(t.switch_kwh * 3.6e6, 70.35 * 3600 + 3.5175, 1e-6);
	ck_assert_double_eq_tol(t.nic_kwh * 3.6e6, 4 * 0.535 * 3600, 1e-6);
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
	/* an odd k, too few hosts for it, and power states: each refused at [network] topology's line */
	static struct experiment e;
	static struct diag d;
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("tests/data/config/full.ini"), &d), 0);
	ck_assert_int_eq(config_set(&e, "network.topology=fattree", &d), 0);
	ck_assert_int_eq(config_set(&e, "network.fattree_k=5", &d), 0);
	ck_assert_int_eq(config_set(&e, "power.states=yes", &d), 0);
	ck_assert_int_eq(config_validate(&e, &d), -1);
	ck_assert(has(&d, "network.topology does not combine with power.states = yes yet"));
	ck_assert(has(&d, "network.fattree_k = 5: a fat-tree needs an even k"));
	ck_assert(has(&d, "network.fattree_k = 5 holds 31 hosts, fewer than hosts.count = 100"));
	ck_assert_int_eq(d.count, 3);
	/* the 2010 model has no network */
	diag_init(&d);
	config_defaults(&e, NULL);
	ck_assert_int_eq(config_load(&e, test_srcpath("examples/paper2010.ini"), &d), 0);
	ck_assert_int_eq(config_set(&e, "network.topology=tree", &d), 0);
	ck_assert_int_eq(config_validate(&e, &d), -1);
	ck_assert(has(&d, "network.topology applies to simulation.model = cloudsim3"));
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
	suite_add_tcase(s, tc);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_network_bad_keys);
	tcase_add_test(errors, test_network_bad_combination);
	suite_add_tcase(s, errors);
	return s;
}
