/*
 * select_mmt: Minimum Migration Time: the VM with the least configured RAM (its migration time is
 * RAM / bandwidth), the first in the host's list on ties (strict <). With equal RAM everywhere, as
 * in the paper setup, it is always the first VM of the list, so the list order (initial placement,
 * migrated VMs appended) decides. CloudSim 3.0.3: PowerVmSelectionPolicyMinimumMigrationTime.
 */
#include <float.h>

#include "select.h"

int select_mmt_pick(const struct datacenter *dc, const struct host *h, double now, struct rng *rng)
{
	(void)now;
	(void)rng;
	int best = -1;
	double min_ram = DBL_MAX;
	for (int i = 0; i < h->n_slots; i++) {
		const struct vm *vm = &dc->vms[h->slots[i].vm];
		if (vm->in_migration)
			continue;
		double ram = (double)vm->ram_mb;
		if (ram < min_ram) {
			min_ram = ram;
			best = vm->id;
		}
	}
	return best;
}

const struct selection selection_mmt = {
	.name = "mmt",
	.summary = "minimum migration time: the VM with the least RAM",
	.cloudsim = "PowerVmSelectionPolicyMinimumMigrationTime",
	.pick = select_mmt_pick,
};
