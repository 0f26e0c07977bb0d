/*
 * policy_placement: trace-based placement (Capman).
 * ../shared/spec/algorithms.md Gmach, Rolia, Cherkasova et al. 2008/2009 (no CloudSim class):section 7; [placement] and [fuzzy] of the experiment (config.h) set it;
 * the controllers are consolidation.c's optimize_placement and optimize_fuzzy (fuzzy.h has the
 * fuzzy table and rules, placement.h the search); in the 2010 model, controllers2010.c.
 */
#include "controllers2010.h"
#include "policy.h"

const struct policy policy_placement = {
	.name = "placement",
	.summary = "trace-based placement (Capman)",
	.cloudsim = " every placement.interval_s re-pack by the peak of the demand over the window, fewest hosts within placement.max_migrations",
	.param_help = NULL,
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.models = POLICY_CLOUDSIM3 | POLICY_2010,
	.consolidation = CONSOLIDATION_PLACEMENT,
	.place = policy_first_fit, /* then the first re-pack after one interval */
	.optimize2010 = controllers2010_placement,
};
