/*
 * policy_fuzzy: fuzzy reactive controller.
 * ../shared/spec/algorithms.md Gmach et al. 2009 (no CloudSim class):section 8; [placement] and [fuzzy] of the experiment (config.h) set it;
 * the controllers are consolidation.c's optimize_placement and optimize_fuzzy (fuzzy.h has the
 * fuzzy table and rules, placement.h the search); in the 2010 model, controllers2010.c.
 */
#include "controllers2010.h"
#include "policy.h"

const struct policy policy_fuzzy = {
	.name = "fuzzy",
	.summary = "fuzzy reactive controller",
	.cloudsim = " overloaded hosts shed the most suitable VM to the least loaded host, an under-loaded pool empties its least loaded host",
	.param_help = NULL,
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.models = POLICY_CLOUDSIM3 | POLICY_2010,
	.consolidation = CONSOLIDATION_FUZZY,
	.place = policy_first_fit,
	.optimize2010 = controllers2010_fuzzy,
};
