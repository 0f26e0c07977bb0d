/*
 * fuzzy: the fuzzy inference of the reactive migration controller (Gmach et al. 2009;
 * doc/model2010.md#fuzzy-inference, a reconstruction): how suitable a workload is to leave an
 * overloaded server, from the server's CPU and memory utilization and the workload's CPU and
 * memory shares of the server, all in [0, 1].
 *
 * Terms of every input and of the output (trapezoids a, b, c, d):
 *   | term   | a   | b   | c   | d   |
 *   | low    | 0   | 0   | 0.3 | 0.5 |
 *   | medium | 0.3 | 0.5 | 0.6 | 0.8 |
 *   | high   | 0.6 | 0.8 | 1   | 1   |
 * Rules (Mamdani: AND = min, NOT = 1 - x, aggregation = max, centroid defuzzification):
 *   1. server CPU high AND workload CPU high            -> suitability high
 *   2. server memory high AND workload memory high      -> high
 *   3. workload CPU medium AND workload memory low      -> medium
 *   4. workload CPU low AND workload memory low         -> low
 *   5. workload memory high AND NOT server memory high  -> low
 */
#ifndef GREENMIG_FUZZY_H
#define GREENMIG_FUZZY_H

#include "network.h"

enum fuzzy_term { FUZZY_LOW, FUZZY_MEDIUM, FUZZY_HIGH };

/* Membership of x in a term. */
double fuzzy_membership(enum fuzzy_term t, double x);

/* The migration suitability in [0, 1] (0 when no rule fires). */
double fuzzy_suitability(double server_cpu, double server_mem, double vm_cpu, double vm_mem);

/* The controller's thresholds ([fuzzy] of the experiment). */
struct fuzzy_settings {
	double overload, memory_overload, underload, memory_underload;
	int max_moves;
};

/*
 * A pool as the reactive controller sees it at one step, in either model. Hosts: capacities, use
 * (tentative: updated as VMs are moved), available MIPS for admission (INFINITY: no such check),
 * on/off; their VMs as lists (host_vms[host_start[h] .. host_start[h + 1] - 1], list order). VMs:
 * CPU demand (MIPS), memory (MB), whether they may move (not migrating, not new). Scratch: moved,
 * target (per host), order (n_vms).
 */
struct fuzzy_pool {
	int n_hosts, n_vms;
	const double *cap_cpu, *cap_mem;
	double *cpu, *mem, *avail;
	unsigned char *on, *target;
	const int *host_start, *host_vms;
	const double *vm_cpu, *vm_mem;
	const unsigned char *movable;
	unsigned char *moved;
	int *order;
	/* [network] target (doc/network.md#target-choice): among targets equally loaded (CPU and
	 * memory), the one of least network_target_cost from the VM's host first, then by id. NULL
	 * (or NET_TARGET_ANY): by id. */
	const struct net_params *net;
	enum net_target net_target;
};

/*
 * One step of the fuzzy reactive controller (doc/model2010.md#fuzzy-controller): each overloaded
 * host (CPU or memory use above its threshold), in id order, sheds the VM with the highest
 * suitability (ties: lower id), one per decision and at most max_moves, to the least loaded host
 * that is on and keeps both under the thresholds (CPU, then memory, then the network's target
 * choice, then id), else to the lowest-id
 * host that is off with room (started for it); then, if the pool is under-loaded (mean CPU and
 * memory of the hosts on below their thresholds), its least loaded host with VMs that is no target
 * is emptied only if every VM (largest CPU first) finds a host that is on. The moves go to vm[] and
 * to[]; returns their count.
 */
int fuzzy_control(const struct fuzzy_settings *s, struct fuzzy_pool *p, int *vm, int *to);

#endif
