/*
 * policy_placement_fuzzy: the placement controller at its interval, the fuzzy controller at the other steps.
 * ../shared/spec/algorithms.md sections 7 and 8; [placement] and [fuzzy] of the experiment (config.h) set it;
 * the controllers are consolidation.c's optimize_placement and optimize_fuzzy (fuzzy.h has the
 * fuzzy table and rules, placement.h the search). CloudSim 3.0.3's engine.
 */
#include "policy.h"

const struct policy policy_placement_fuzzy = {
	.name = "placement+fuzzy",
	.summary = "the placement controller at its interval, the fuzzy controller at the other steps",
	.cloudsim = "Gmach et al. 2009, the two controllers combined",
	.param_help = NULL,
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.models = POLICY_CLOUDSIM3,
	.consolidation = CONSOLIDATION_PLACEMENT_FUZZY,
	.place = policy_first_fit, /* then the first re-pack after one interval */
};
