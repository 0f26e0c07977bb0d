/*
 * policy_rc: double threshold with Random Choice (Beloglazov & Buyya 2010,
 * doc/model2010.md#hpg-and-rc): from a host above the upper threshold, shed VMs picked uniformly at
 * random (the run's seeded PRNG, an index into the host's candidates in list order) until it is not
 * above. --param "T_l,T_u" (default 0.4,0.8). The loop: threshold2010.h.
 */
#include "mbfd.h"
#include "policy.h"
#include "threshold2010.h"

static int rc_pick(struct model2010 *m, const int *cand, int n, double excess)
{
	(void)cand;
	(void)excess;
	if (n == 0)
		return -1;
	return (int)rng_below(&m->rng, (uint64_t)n);
}

static int rc_optimize2010(gm_model2010 *m)
{
	return threshold2010_optimize(ctx_model2010(m), rc_pick);
}

const struct gm_policy policy_rc = {
	.api_version = GREENMIG_API_VERSION,
	.name = "rc",
	.summary = "double threshold, random choice (2010): --param lower,upper",
	.reproduces = "Beloglazov & Buyya 2010 RC (no released CloudSim class)",
	THRESHOLD2010_PARAMS,
	.engines = GM_ENGINE_2010,
	.optimize2010 = rc_optimize2010,
};
