/*
 * overload: the policy's overload detector as the consolidation and the best fit ask it, with
 * the metric history CloudSim keeps for hosts 0-9 (PowerVmAllocationPolicyMigrationAbstract
 * .addHistoryEntry: the first detector call of each instant, written out by
 * Helper.writeMetricHistory).
 */
#ifndef GREENMIG_OVERLOAD_H
#define GREENMIG_OVERLOAD_H

#include <stdbool.h>

#include "ctx.h"
#include "datacenter.h"

/* CloudSim writes the metric history of the first 10 hosts (Helper.writeMetricHistory). */
#define CONSOLIDATION_METRIC_HOSTS 10

/* A host's metric history: (time, cached utilization, metric) at the first detector call of
 * each instant. */
struct metric_history {
	double *t_s, *utilization, *metric;
	int n, cap;
};

struct overload {
	struct gm_ctx *ctx;
	struct metric_history metrics[CONSOLIDATION_METRIC_HOSTS];
};

void overload_init(struct overload *o, struct gm_ctx *ctx);
void overload_fini(struct overload *o);

/* Whether host id's metric history has an entry at ctx->now already. */
static inline bool overload_recorded_now(const struct overload *o, int host)
{
	const struct metric_history *m = &o->metrics[host];
	return m->n > 0 && m->t_s[m->n - 1] == o->ctx->now;
}

/* addHistoryEntry for h (id < CONSOLIDATION_METRIC_HOSTS), unless it has one at this instant. */
void overload_record(struct overload *o, const struct host *h, double metric);

/* The detector on h as it is (false for a policy without one), recording hosts 0-9's metric. */
bool overload_ask(struct overload *o, const struct host *h);

/*
 * isHostOverUtilizedAfterAllocation: vmCreate tentatively, ask the detector, vmDestroy. The caller
 * has applied the pair's lasting effect on the scheduler (host_touch) and checked that the create
 * succeeds (suitable, storage free); what remains is the detector on the VM list with vm appended,
 * and vmDestroy's vm.setHost(null).
 */
bool overload_ask_after(struct overload *o, struct host *h, struct vm *vm);

#endif
