/*
 * network: the datacenter network that live migrations cross (doc/network.md): the topology as
 * directed links (hosts in racks under top-of-rack switches, racks in pods under aggregation
 * switches, pods under the core), a migration's path, the switches and their ports for the energy,
 * and the max-min fair rates of flows sharing links, by progressive filling
 * (doc/network.md#max-min-sharing). Rates in bytes/s, whatever the caller's byte is.
 * Pure arithmetic: uses nothing of the project.
 */
#ifndef GREENMIG_NETWORK_H
#define GREENMIG_NETWORK_H

#include <stdbool.h>

/* A path: host up, ToR up, pod up, pod down, ToR down, host down at most. */
#define NET_MAX_PATH 6

enum net_topology { NET_NONE, NET_TREE, NET_FATTREE, NET_LEAFSPINE };

/* Which of equally good migration targets a placement prefers (doc/network.md#target-choice):
 * the first by id (CloudSim's), one in the VM's rack, or the one on the fewest links. */
enum net_target { NET_TARGET_ANY, NET_TARGET_SAME_RACK, NET_TARGET_CHEAPEST_PATH };

/* The tier of a link, for the bytes reported per tier. */
enum net_tier { NET_TIER_HOST, NET_TIER_RACK, NET_TIER_POD, NET_TIERS };

struct net_params {
	enum net_topology topology;
	int hosts_per_rack;            /* tree, leafspine (fattree: k / 2) */
	int racks_per_pod;             /* tree: 0 = one pod of every rack, no core tier (fattree: k / 2) */
	int fattree_k;                 /* fattree: the switches' port count, even */
	int spines;                    /* leafspine: spine switches */
	double oversubscription;       /* a rack's host link capacity / its uplink's (>= 1 typically) */
	double core_oversubscription;  /* tree: a pod's rack uplinks / its core uplink */
};

struct network {
	int n_hosts, n_links;
	int hosts_per_rack, racks, racks_per_pod, pods;
	bool core;                     /* a pod tier exists (more than one pod) */
	double *cap;                   /* per directed link, bytes/s */
	unsigned char *tier;           /* per link, enum net_tier */
	/* switches and their ports, for the energy (doc/network.md#network-energy) */
	int switches, ports;
	/* per link: the ports it occupies (1 for a host link: the switch's; 2 between switches) */
	unsigned char *link_ports;
};

/*
 * Builds the links of p for n_hosts hosts whose own link rates are host_cap[0 .. n_hosts - 1]
 * (bytes/s); a rack's uplink carries the sum of its hosts' rates / oversubscription, a pod's the sum
 * of its racks' uplinks / core_oversubscription. 0; -1 out of memory; -2 the topology cannot hold
 * n_hosts hosts (fattree: k^3 / 4) or a parameter is out of range. network_fini in every case.
 */
int network_init(struct network *n, const struct net_params *p, int n_hosts, const double *host_cap);
void network_fini(struct network *n);

/* The links from host src to host dst, in order, into links; their count (0 if src == dst). */
int network_path(const struct network *n, int src, int dst, int links[NET_MAX_PATH]);

/* The rack of a host. */
int network_rack(const struct network *n, int host);

/* What a migration from host a to host b costs in target preference t, from the topology p alone
 * (racks and pods filled in host id order as network_init does): NET_TARGET_SAME_RACK: 0 in a's
 * rack, 1 elsewhere; NET_TARGET_CHEAPEST_PATH: the links of the path (0 for a = b, 2 in one rack,
 * 4 in one pod, 6 across the core); NET_TARGET_ANY or a < 0 (a VM on no host): 0. */
int network_target_cost(const struct net_params *p, enum net_target t, int a, int b);

/* The hosts 0 .. n_hosts - 1 by network_target_cost from host a, as nested id ranges: level j is
 * [lo[j], hi[j]) without level j - 1's range, and its hosts cost more than level j - 1's and the
 * same among themselves; the last level is [0, n_hosts). Returns the levels (1 .. 4; 1 where every
 * host costs the same). */
int network_target_levels(const struct net_params *p, enum net_target t, int a, int n_hosts, int lo[4],
			  int hi[4]);

/* A flow for the solver: its links and its own rate bound (<= 0: none). */
struct net_flow {
	int links[NET_MAX_PATH];
	int n_links;
	double bound;
};

/* The solver's workspace for up to n_links links and max_flows flows (network_solve). */
struct net_solver {
	int n_links, max_flows;
	double *rem;        /* remaining capacity per link */
	int *count;         /* unfixed flows per link */
	int *used;          /* links with unfixed flows, this solve */
	int n_used;
	int *start, *total; /* per link: its flows' run in by_link (this solve's links only) */
	int *by_link;       /* the flows of each used link, link after link */
	int *sat;           /* the links saturated at one step */
	double *share;      /* used[j]'s fair share at this step */
	unsigned char *fixed;
	unsigned char *in_used;
};

int net_solver_init(struct net_solver *s, int n_links, int max_flows);
/* Grows the flow capacity to max_flows. 0 or -1 out of memory. */
int net_solver_reserve(struct net_solver *s, int max_flows);
void net_solver_fini(struct net_solver *s);

/*
 * Max-min fair rates by progressive filling (SimGrid's lmm::MaxMin without weights): every unfixed
 * flow grows at the same pace until a link is full or a flow meets its bound; the flows of a full
 * link (or the bounded ones) are fixed and the rest go on. rate[f] for each of flows[0 .. n - 1]; a
 * flow with no link and no bound gets +inf.
 */
void network_solve(struct net_solver *s, const double *cap, const struct net_flow *flows, int n,
		   double *rate);

#endif
