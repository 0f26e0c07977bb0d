/*
 * consolidation: CloudSim 3.0.3's dynamic VM consolidation (PowerVmAllocationPolicyMigration-
 * Abstract): at each scheduling step, find overloaded hosts, pick VMs off them, place those with a
 * power-aware best fit, then try to empty the least-utilized hosts, and return the migrations to
 * start. Also the initial placement of the consolidating policies (the same best fit at t = 0).
 */
#ifndef GREENMIG_CONSOLIDATION_H
#define GREENMIG_CONSOLIDATION_H

#include "config.h"
#include "datacenter.h"
#include "policy.h"
#include "rng.h"
#include "select.h"

struct migration {
	int vm;
	int target;
};

struct consolidation;

/* CloudSim writes the metric history of the first 10 hosts (Helper.writeMetricHistory). */
#define CONSOLIDATION_METRIC_HOSTS 10

/* A host's metric history: (time, cached utilization, metric) at the first detector call of
 * each instant (PowerVmAllocationPolicyMigrationAbstract.addHistoryEntry). */
struct metric_history {
	double *t_s, *utilization, *metric;
	int n, cap;
};

/* Scratch space for dc, allocated once. NULL if out of memory. */
struct consolidation *consolidation_create(struct datacenter *dc, const struct policy *p,
					   const struct selection *sel, double param, double interval_s,
					   struct rng *rng);
void consolidation_destroy(struct consolidation *c);

/*
 * Whether the best fit uses its segment index and the detector's shortcut (policy.h's
 * overloaded_bound), the default, or scans every host and runs the detector itself: the
 * answers are the same (simulation.best_fit_index, for checking that).
 */
void consolidation_set_index(struct consolidation *c, bool on);

/* The threads the overload scan may use (NULL: this one only; results are the same). */
struct workers;
void consolidation_set_workers(struct consolidation *c, struct workers *w);

/*
 * Settings of the 2010 policies on this engine: `lower` is MM's lower threshold (the upper one
 * is the detector's param), stay_quirk ST's (spec Q4), drr_power_on DRR's (Q9; DRR's
 * retirement threshold in seconds is the param).
 */
void consolidation_set_2010(struct consolidation *c, double lower, bool stay_quirk, bool drr_power_on);

/* PowerVmAllocationPolicyMigrationAbstract.findHostForVm(vm) at t = 0: a host id or -1. */
int consolidation_place(struct consolidation *c, struct vm *vm);

/*
 * The same for a VM that arrives at `now` (workload.h); DRR: its round robin over the hosts that
 * are not retiring. A host id or -1.
 */
int consolidation_place_at(struct consolidation *c, struct vm *vm, double now);

/* A VM left host h for good (its cloudlet finished, or it went idle: sim.c). */
void consolidation_vm_left(struct consolidation *c, int h);

/* The placement and fuzzy controllers' settings ([placement], [fuzzy] of the experiment). */
void consolidation_set_controllers(struct consolidation *c, const struct experiment *e);

/* The placement controller's counts: invocations, hosts its plans use (summed), migrations
 * planned and started, plans with no feasible placement (the current one kept). */
void consolidation_placement_counts(const struct consolidation *c, long *invocations, double *hosts_sum,
				    long *planned, long *done, long *infeasible);

/* DRR's counts: retirements, retiring hosts emptied by the threshold, and drained on their own. */
void consolidation_drr_counts(const struct consolidation *c, long *retired, long *evacuated,
			      long *drained);

/*
 * optimizeAllocation at time now: the migrations to start, in order (*out points into c's
 * storage, valid until the next call). The datacenter's VM lists and allocations are left as they
 * were (restoreAllocation). Returns the count.
 */
int consolidation_optimize(struct consolidation *c, double now, const struct migration **out);

/* The metric histories of hosts 0 .. CONSOLIDATION_METRIC_HOSTS - 1 (owned by c). */
const struct metric_history *consolidation_metrics(const struct consolidation *c);

/* Hosts found overloaded by the last consolidation_optimize. */
int consolidation_overloaded_count(const struct consolidation *c);

#endif
