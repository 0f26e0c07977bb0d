/*
 * policy_fuzzy: fuzzy reactive controller.
 * ../shared/spec/algorithms.md Gmach et al. 2009 (no CloudSim class):section 8; [placement] and [fuzzy] of the experiment (config.h) set it;
 * the controllers are consolidation.c's optimize_placement and optimize_fuzzy (fuzzy.h has the
 * fuzzy table and rules, placement.h the search). CloudSim 3.0.3's engine.
 */
#include "policy.h"

const struct policy policy_fuzzy = {
	.name = "fuzzy",
	.summary = "fuzzy reactive controller",
	.cloudsim = " overloaded hosts shed the most suitable VM to the least loaded host, an under-loaded pool empties its least loaded host",
	.param_help = NULL,
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.models = POLICY_CLOUDSIM3,
	.consolidation = CONSOLIDATION_FUZZY,
	.place = policy_first_fit,
};
