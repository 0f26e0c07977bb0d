/*
 * simgrid-xcheck: the same migrations and flows in SimGrid 3.32 (its live-migration plugin and
 * max-min flow model) and in greenmig's network model (netmig.h), their durations side by side;
 * exit status 1 if one differs by more than 1 % (bench/README.md#simgrid-cross-check).
 *
 * Usage: bench/simgrid-xcheck bench/simgrid-xcheck.xml
 *
 * SimGrid runs with network/model CM02, no cross-traffic and a TCP-gamma too large to bind, so its
 * flows share links plainly max-min (latency 0 everywhere). The cases:
 *   1. one live migration of a busy 1,024 MiB VM dirtying 20 % of its 100 MiB/s migration speed,
 *      over a 125 MB/s link (SimGrid's stop rule: the rest fits in 30 ms at the last round's rate);
 *   2. two idle 1,024 MiB VMs migrating at once over one 125 MB/s link;
 *   3. two flows, 1,000 MB and 300 MB, over one 100 MB/s link (the small one ends, the other
 *      speeds up);
 *   4. three flows: 1,000 MB on L1 (100 MB/s), 300 MB on L1 and L2 (60 MB/s), 600 MB on L2;
 *   5. case 1's migration with a 300 MB flow on its link: its first round shares the link, the
 *      rest runs at its own 100 MiB/s (a pre-copy whose rate changes between rounds).
 * Built only when configure finds SimGrid (pkg-config simgrid).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <simgrid/actor.h>
#include <simgrid/engine.h>
#include <simgrid/host.h>
#include <simgrid/mailbox.h>
#include <simgrid/plugins/live_migration.h>
#include <simgrid/vm.h>

#include "config.h"
#include "datacenter.h"
#include "diag.h"
#include "netmig.h"
#include "precopy.h"

#define MIB 1048576.0

/* SimGrid's durations, case by case (flows in the order listed above) */
static double sg_single, sg_two[2], sg_flows2[2], sg_flows3[3], sg_shared[2];

static void worker(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sg_actor_execute(1e15);
}

static void migrator(int argc, char **argv)
{
	sg_vm_t vm = sg_vm_by_name(sg_host_by_name(argv[1]), argv[2]);
	double t0 = simgrid_get_clock();
	sg_vm_migrate(vm, sg_host_by_name(argv[3]));
	(argc > 5 ? sg_shared : sg_two)[atoi(argv[4])] = simgrid_get_clock() - t0;
}

static void sender(int argc, char **argv)
{
	(void)argc;
	double t0 = simgrid_get_clock();
	static char token;
	sg_mailbox_put(sg_mailbox_by_name(argv[1]), &token, atol(argv[2]));
	double *out = argv[3][0] == '2' ? sg_flows2 : argv[3][0] == '3' ? sg_flows3 : sg_shared;
	out[atoi(argv[4])] = simgrid_get_clock() - t0;
}

static void receiver(int argc, char **argv)
{
	(void)argc;
	sg_mailbox_get(sg_mailbox_by_name(argv[1]));
}

static void spawn(const char *name, const char *host, void (*fn)(int, char **), int argc, const char **argv)
{
	sg_actor_create(name, sg_host_by_name(host), fn, argc, (char **)argv);
}

static void controller(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* 1: one busy VM */
	sg_vm_t vm = sg_vm_create_migratable(sg_host_by_name("A"), "vm1", 1, 1024, 100, 20);
	sg_vm_start(vm);
	sg_actor_t w = sg_actor_create("worker", (sg_host_t)vm, worker, 0, NULL);
	sg_actor_daemonize(w);
	sg_actor_sleep_for(1);
	double t0 = simgrid_get_clock();
	sg_vm_migrate(vm, sg_host_by_name("B"));
	sg_single = simgrid_get_clock() - t0;
	/* 2: two idle VMs at once */
	sg_vm_start(sg_vm_create_migratable(sg_host_by_name("C"), "vm2", 1, 1024, 100, 0));
	sg_vm_start(sg_vm_create_migratable(sg_host_by_name("C"), "vm3", 1, 1024, 100, 0));
	sg_actor_sleep_for(1);
	spawn("m2", "ctl", migrator, 5, (const char *[]){ "m", "C", "vm2", "D", "0", NULL });
	spawn("m3", "ctl", migrator, 5, (const char *[]){ "m", "C", "vm3", "D", "1", NULL });
	sg_actor_sleep_for(100);
	/* 3: two flows on one link */
	spawn("r1", "F", receiver, 2, (const char *[]){ "r", "f2a", NULL });
	spawn("r2", "F", receiver, 2, (const char *[]){ "r", "f2b", NULL });
	spawn("s1", "E", sender, 5, (const char *[]){ "s", "f2a", "1000000000", "2", "0", NULL });
	spawn("s2", "E", sender, 5, (const char *[]){ "s", "f2b", "300000000", "2", "1", NULL });
	sg_actor_sleep_for(100);
	/* 4: three flows on two links */
	spawn("r3", "P2", receiver, 2, (const char *[]){ "r", "f3a", NULL });
	spawn("r4", "P4", receiver, 2, (const char *[]){ "r", "f3b", NULL });
	spawn("r5", "P6", receiver, 2, (const char *[]){ "r", "f3c", NULL });
	spawn("s3", "P1", sender, 5, (const char *[]){ "s", "f3a", "1000000000", "3", "0", NULL });
	spawn("s4", "P3", sender, 5, (const char *[]){ "s", "f3b", "300000000", "3", "1", NULL });
	spawn("s5", "P5", sender, 5, (const char *[]){ "s", "f3c", "600000000", "3", "2", NULL });
	sg_actor_sleep_for(100);
	/* 5: a busy VM's migration and a flow on the same link */
	sg_vm_t vm4 = sg_vm_create_migratable(sg_host_by_name("G"), "vm4", 1, 1024, 100, 20);
	sg_vm_start(vm4);
	sg_actor_daemonize(sg_actor_create("worker4", (sg_host_t)vm4, worker, 0, NULL));
	sg_actor_sleep_for(1);
	spawn("r6", "H", receiver, 2, (const char *[]){ "r", "f5", NULL });
	spawn("m4", "ctl", migrator, 6, (const char *[]){ "m", "G", "vm4", "H", "0", "shared", NULL });
	spawn("s6", "G", sender, 5, (const char *[]){ "s", "f5", "300000000", "5", "1", NULL });
	sg_actor_sleep_for(100);
}

/*
 * greenmig's side: hosts whose links carry bw / 8000 MiB/s x migration_share (with the share
 * 15625 / 16384, bw x 125 B/s), all in one rack; each transfer crosses its source's uplink and its target's
 * downlink, which play the platform's links.
 */
struct gm {
	struct experiment e;
	struct datacenter *dc;
	struct netmig *net;
};

static void gm_init(struct gm *g, const long *bw, int n, double share)
{
	config_defaults(&g->e, NULL);
	g->e.network.params.topology = NET_TREE;
	g->e.network.params.hosts_per_rack = n;
	g->e.network.migration_share = share;
	g->dc = datacenter_create(n, 1);
	for (int h = 0; h < n; h++)
		g->dc->hosts[h].bw = bw[h];
	static struct diag d;
	diag_init(&d);
	g->net = netmig_create(&g->e, g->dc, &d);
	if (g->net == NULL) {
		fprintf(stderr, "simgrid-xcheck: %s\n", d.msg[0]);
		exit(2);
	}
}

static void gm_add(struct gm *g, const struct precopy_params *pp, double bound, int src, int dst, int id)
{
	static struct diag d;
	diag_init(&d);
	if (netmig_add(g->net, pp, bound, id, src, dst, id, 0, 0, 0, &d) != 0) {
		fprintf(stderr, "simgrid-xcheck: %s\n", d.msg[0]);
		exit(2);
	}
}

/* The durations of the landings, by id. */
static void gm_run(struct gm *g, double *dur, int n)
{
	for (int i = 0; i < n; i++) {
		struct netmig_done d;
		netmig_pop(g->net, &d);
		dur[d.vm] = d.t_end;
	}
	netmig_destroy(g->net);
	datacenter_destroy(g->dc);
}

/* SimGrid's migratable VM of 1,024 MiB at 100 MiB/s, busy, 20 %: it dirties 20 % of its migration
 * speed, in pages/s; SimGrid's stop rule; no round limit (at most 64 here) */
static void busy(struct precopy_params *pp)
{
	precopy_defaults(pp, 1024 * MIB / 4096, 100 * MIB);
	pp->stop = PRECOPY_STOP_SIMGRID;
	pp->max_rounds = PRECOPY_MAX_ROUNDS;
	pp->dirty_rate = 0.20 * 100 * MIB / 4096;
}

/* A transfer of bytes bytes with no dirtying: one round. */
static void plain(struct precopy_params *pp, double bytes)
{
	precopy_defaults(pp, bytes / 4096, 1);
}

static int report(const char *what, double sg, double gm)
{
	double rel = fabs(gm - sg) / sg;
	printf("%-46s %13.9f %13.9f %9.2e %%\n", what, sg, gm, 100 * rel);
	return rel <= 0.01 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: simgrid-xcheck PLATFORM.xml\n");
		return 2;
	}
	char *sg_argv[] = { argv[0], "--cfg=network/model:CM02", "--cfg=network/crosstraffic:0",
			    "--cfg=network/TCP-gamma:1e12", "--log=root.thres:warning", NULL };
	int sg_argc = 5;
	simgrid_init(&sg_argc, sg_argv);
	sg_vm_live_migration_plugin_init();
	simgrid_load_platform(argv[1]);
	sg_actor_create("controller", sg_host_by_name("ctl"), controller, 0, NULL);
	simgrid_run();

	struct gm g;
	struct precopy_params pp;
	double single, two[2], flows2[2], flows3[3], shared[2];
	const double mb = 15625.0 / 16384; /* share: bw x 125 B/s */
	/* 1: host links of 125 MB/s (bw 1,000,000), the flow bound by the VM's 100 MiB/s */
	gm_init(&g, (const long[]){ 1000000, 1000000 }, 2, mb);
	busy(&pp);
	gm_add(&g, &pp, 100 * MIB, 0, 1, 0);
	gm_run(&g, &single, 1);
	/* 2: two idle VMs from host 0 to host 1 */
	gm_init(&g, (const long[]){ 1000000, 1000000 }, 2, mb);
	busy(&pp);
	pp.dirty_rate = 0;
	gm_add(&g, &pp, 100 * MIB, 0, 1, 0);
	gm_add(&g, &pp, 100 * MIB, 0, 1, 1);
	gm_run(&g, two, 2);
	/* 3: host 0 (100 MB/s: bw 800,000) sends 1,000 MB and 300 MB to host 1 (fast) */
	gm_init(&g, (const long[]){ 800000, 8000000 }, 2, mb);
	plain(&pp, 1e9);
	gm_add(&g, &pp, 0, 0, 1, 0);
	plain(&pp, 3e8);
	gm_add(&g, &pp, 0, 0, 1, 1);
	gm_run(&g, flows2, 2);
	/* 4: L1 = host 0's uplink (100 MB/s), L2 = host 3's downlink (60 MB/s: bw 480,000);
	 * f1 0 -> 1, f2 0 -> 3, f3 2 -> 3 */
	gm_init(&g, (const long[]){ 800000, 8000000, 8000000, 480000 }, 4, mb);
	plain(&pp, 1e9);
	gm_add(&g, &pp, 0, 0, 1, 0);
	plain(&pp, 3e8);
	gm_add(&g, &pp, 0, 0, 3, 1);
	plain(&pp, 6e8);
	gm_add(&g, &pp, 0, 2, 3, 2);
	gm_run(&g, flows3, 3);
	/* 5: case 1's migration and a 300 MB flow on the same host links */
	gm_init(&g, (const long[]){ 1000000, 1000000 }, 2, mb);
	busy(&pp);
	gm_add(&g, &pp, 100 * MIB, 0, 1, 0);
	plain(&pp, 3e8);
	gm_add(&g, &pp, 0, 0, 1, 1);
	gm_run(&g, shared, 2);

	printf("%-46s %13s %13s %11s\n", "case (duration, s)", "SimGrid", "greenmig", "difference");
	int bad = 0;
	bad |= report("1 busy VM, 20 % dirty, 1 GiB, 100 MiB/s", sg_single, single);
	bad |= report("2 idle VMs at once, 125 MB/s: first", sg_two[0], two[0]);
	bad |= report("2 idle VMs at once, 125 MB/s: second", sg_two[1], two[1]);
	bad |= report("2 flows on 100 MB/s: 1,000 MB", sg_flows2[0], flows2[0]);
	bad |= report("2 flows on 100 MB/s: 300 MB", sg_flows2[1], flows2[1]);
	bad |= report("3 flows, 100 + 60 MB/s: 1,000 MB on L1", sg_flows3[0], flows3[0]);
	bad |= report("3 flows, 100 + 60 MB/s: 300 MB on L1 + L2", sg_flows3[1], flows3[1]);
	bad |= report("3 flows, 100 + 60 MB/s: 600 MB on L2", sg_flows3[2], flows3[2]);
	bad |= report("case 1's VM and a 300 MB flow, 125 MB/s: VM", sg_shared[0], shared[0]);
	bad |= report("case 1's VM and a 300 MB flow, 125 MB/s: flow", sg_shared[1], shared[1]);
	return bad;
}
