/*
 * policy_placement_fuzzy: the placement controller at its interval, the fuzzy controller at the other steps.
 * ../shared/spec/algorithms.md sections 7 and 8; [placement] and [fuzzy] of the experiment (config.h) set it;
 * the controllers are consolidation.c's optimize_placement and optimize_fuzzy (fuzzy.h has the
 * fuzzy table and rules, placement.h the search); in the 2010 model, controllers2010.c.
 */
#include "controllers2010.h"
#include "policy.h"

/* The 2010 model: the re-pack at its interval, the reactive controller at the other ticks. */
static int both2010(struct model2010 *m)
{
	int before = m->n_moves;
	if (controllers2010_placement(m) != 0)
		return -1;
	return m->n_moves == before ? controllers2010_fuzzy(m) : 0;
}

const struct policy policy_placement_fuzzy = {
	.name = "placement+fuzzy",
	.summary = "the placement controller at its interval, the fuzzy controller at the other steps",
	.cloudsim = "Gmach et al. 2009, the two controllers combined",
	.param_help = NULL,
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.models = POLICY_CLOUDSIM3 | POLICY_2010,
	.consolidation = CONSOLIDATION_PLACEMENT_FUZZY,
	.place = policy_first_fit, /* then the first re-pack after one interval */
	.optimize2010 = both2010,
};
