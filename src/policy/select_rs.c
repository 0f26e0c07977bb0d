/*
 * select_rs: Random Selection: a migratable VM drawn uniformly with the run's seeded PRNG.
 * CloudSim 3.0.3's PowerVmSelectionPolicyRandomSelection uses an unseeded java.util.Random, so
 * its runs cannot be repeated; greenmig's are reproducible for a seed (and do not equal Java's).
 */
#include "select.h"

static int rs_pick(const struct datacenter *dc, const struct host *h, double now, struct rng *rng)
{
	(void)now;
	int count = 0;
	for (int i = 0; i < h->n_slots; i++)
		if (!dc->vms[h->slots[i].vm].in_migration)
			count++;
	if (count == 0)
		return -1;
	int k = (int)rng_below(rng, (uint64_t)count);
	for (int i = 0; i < h->n_slots; i++) {
		if (dc->vms[h->slots[i].vm].in_migration)
			continue;
		if (k-- == 0)
			return h->slots[i].vm;
	}
	return -1;
}

const struct selection selection_rs = {
	.name = "rs",
	.summary = "random selection with the run's seed",
	.cloudsim = "PowerVmSelectionPolicyRandomSelection (seeded here)",
	.pick = rs_pick,
};
