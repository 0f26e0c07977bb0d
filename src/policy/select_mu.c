/*
 * select_mu: Minimum Utilization: the VM with the smallest (u(now) x MIPS) / MIPS, first on ties.
 * CloudSim 3.0.3: PowerVmSelectionPolicyMinimumUtilization.
 */
#include <float.h>

#include "select.h"

static int mu_pick(const struct datacenter *dc, const struct host *h, double now, struct rng *rng)
{
	(void)rng;
	int best = -1;
	double min_metric = DBL_MAX;
	for (int i = 0; i < h->n_slots; i++) {
		const struct vm *vm = &dc->vms[h->slots[i].vm];
		if (vm->in_migration)
			continue;
		/* getTotalUtilizationOfCpuMips(clock) / getMips(), as computed in Java. */
		double u = vm->finished ? 0.0 : vm_utilization(vm, now);
		double metric = u * vm->mips / vm->mips;
		if (metric < min_metric) {
			min_metric = metric;
			best = vm->id;
		}
	}
	return best;
}

const struct selection selection_mu = {
	.name = "mu",
	.summary = "minimum utilization: the VM using the smallest share of its MIPS",
	.cloudsim = "PowerVmSelectionPolicyMinimumUtilization",
	.pick = mu_pick,
};
