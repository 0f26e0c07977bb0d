/*
 * policy_hpg: double threshold with Highest Potential Growth (Beloglazov & Buyya 2010,
 * doc/model2010.md#hpg-and-rc): from a host above the upper threshold, shed the VMs that use the
 * least of their own nominal MIPS first (least d_v / M_v; the first on ties) until it is not above.
 * --param "T_l,T_u" (default 0.4,0.8). The loop: threshold2010.h.
 */
#include "mbfd.h"
#include "policy.h"
#include "threshold2010.h"

static int hpg_pick(struct model2010 *m, const int *cand, int n, double excess)
{
	(void)excess;
	int best = -1;
	double best_ratio = 0;
	for (int i = 0; i < n; i++) {
		const struct m10_vm *vm = &m->vms[cand[i]];
		double ratio = vm->demand / vm->mips;
		if (best < 0 || ratio < best_ratio) {
			best = i;
			best_ratio = ratio;
		}
	}
	return best;
}

static int hpg_optimize2010(gm_model2010 *m)
{
	return threshold2010_optimize(ctx_model2010(m), hpg_pick);
}

const struct gm_policy policy_hpg = {
	.api_version = GREENMIG_API_VERSION,
	.name = "hpg",
	.summary = "double threshold, highest potential growth (2010): --param lower,upper",
	.reproduces = "Beloglazov & Buyya 2010 HPG (no released CloudSim class)",
	THRESHOLD2010_PARAMS,
	.engines = GM_ENGINE_2010,
	.optimize2010 = hpg_optimize2010,
};
