/*
 * consolidation: CloudSim 3.0.3's dynamic VM consolidation (PowerVmAllocationPolicyMigration-
 * Abstract) for the policy of a gm_ctx: at each scheduling step, the policy's optimize hook, or
 * CloudSim's loop (find overloaded hosts, pick VMs off them, place those, then try to empty the
 * least-utilized hosts), between saveAllocation and restoreAllocation; it returns the migrations
 * to start. Also the initial placement of the consolidating policies (the best fit at t = 0).
 */
#ifndef GREENMIG_CONSOLIDATION_H
#define GREENMIG_CONSOLIDATION_H

#include <stdbool.h>

#include "ctx.h"
#include "datacenter.h"
#include "overload.h"

struct migration {
	int vm;
	int target;
};

struct consolidation;

/* For ctx (its policy, datacenter with hosts built, selection, rng): scratch space allocated
 * once, and the detectors' history sums (dc->history_cache, owned by it). NULL if out of memory. */
struct consolidation *consolidation_create(struct gm_ctx *ctx);
void consolidation_destroy(struct consolidation *c);

/* bestfit_set_index (simulation.best_fit_index). */
void consolidation_set_index(struct consolidation *c, bool on);

/* The threads the overload scan may use (NULL: this one only; results are the same). */
struct workers;
void consolidation_set_workers(struct consolidation *c, struct workers *w);

/* PowerVmAllocationPolicyMigrationAbstract.findHostForVm(vm) for a VM being placed at ctx->now
 * (t = 0, or its arrival), avoiding the hosts held off: a host id or -1. */
int consolidation_place(struct consolidation *c, struct vm *vm);

/*
 * optimizeAllocation at ctx->now: the migrations to start, in order (*out points into c's
 * storage, valid until the next call). The datacenter's VM lists and allocations are left as they
 * were (restoreAllocation). Returns the count, or -1 when the policy failed (ctx->failed).
 */
int consolidation_optimize(struct consolidation *c, const struct migration **out);

/* consolidation_optimize in two parts, for a run stepped by a gm_simulation's caller (sim.h's
 * SIM_STOPPED): consolidation_begin opens the step (gm_migrate and friends schedule into its
 * map from then on), consolidation_decide lets the policy decide and returns what
 * consolidation_optimize returns. consolidation_optimize is the one followed by the other. */
void consolidation_begin(struct consolidation *c);
int consolidation_decide(struct consolidation *c, const struct migration **out);

/* The metric histories of hosts 0 .. CONSOLIDATION_METRIC_HOSTS - 1 (owned by c). */
const struct metric_history *consolidation_metrics(const struct consolidation *c);

/* Hosts found overloaded by the last consolidation_optimize. */
int consolidation_overloaded_count(const struct consolidation *c);

/* Where the consolidation's time went, over every step so far: seconds of the monotonic clock
 * (stopwatch.h) in each phase of CloudSim's optimizeAllocation, or in the policy's own optimize
 * hook, and what the phases did. The counts are the same in every run of one experiment; the
 * times are not, and no result depends on them. */
struct consolidation_timings {
	double detect_s;        /* getOverUtilizedHosts: the detector on every host */
	double overload_s;      /* the VMs picked from the overloaded hosts and placed */
	double underload_s;     /* the under-utilized hosts drained (getMigrationMapFromUnderUtilizedHosts) */
	double restore_s;       /* the allocation restored (restoreAllocation) */
	double hook_s;          /* a policy's own optimize hook, all of it */
	long overload_calls;    /* placements asked for VMs of overloaded hosts (one per VM picked) */
	long overload_placed;   /* ... that found a host */
	long underload_hosts;   /* under-utilized hosts whose VMs were asked for */
	long underload_failed;  /* ... given up, a VM fitting nowhere (their VMs stay) */
	long underload_calls;   /* placements asked for their VMs, the failed ones included */
	long underload_placed;  /* VMs of the hosts drained in full (their migrations) */
};
void consolidation_timings(const struct consolidation *c, struct consolidation_timings *out);

/* For the actions (step.c) */
/* gm_best_fit: in a step on its state, else as consolidation_place; held-off hosts avoided. */
int consolidation_best_fit(struct consolidation *c, struct vm *vm, const unsigned char *excl);
/* Whether vm is in this step's map by consolidation_migrate; adds it there. */
bool consolidation_scheduled(const struct consolidation *c, int vm);
void consolidation_migrate(struct consolidation *c, int vm, int host);
/* PowerVmList.sortByCpuUtilization of vms[0 .. n - 1] at ctx->now (stable, n <= VMs). */
void consolidation_sort_by_utilization(struct consolidation *c, int *vms, int n);

#endif
