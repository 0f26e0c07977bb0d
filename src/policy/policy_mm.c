/*
 * policy_mm: double threshold with Minimization of Migrations (Beloglazov & Buyya 2010; the
 * pre-3.0 PowerVmAllocationPolicyDoubleThresholdMinimizationOfMigrations), spec algorithms.md
 * 4.1: from a host above the upper threshold, shed while it is above: of the VMs whose demand
 * exceeds the excess x, the one with the least d - x (the smallest that alone removes it);
 * if none does, the largest. --param "T_l,T_u" (default 0.4,0.8). The loop: threshold2010.h.
 * On CloudSim 3.0.3's engine the same selection runs at every scheduling step on the hosts'
 * cached utilization and the VMs' requests, and the selected VMs go through that engine's
 * power-aware best fit with the static threshold T_u (consolidation.c).
 */
#include "detect.h"
#include "policy.h"
#include "threshold2010.h"

static int mm_pick(struct model2010 *m, const int *cand, int n, double excess)
{
	int best = -1;
	double best_gap = 0;
	for (int i = 0; i < n; i++) {
		double d = m->vms[cand[i]].demand;
		if (d > excess && (best < 0 || d - excess < best_gap)) {
			best = i;
			best_gap = d - excess;
		}
	}
	if (best >= 0)
		return best;
	double largest = 0;
	for (int i = 0; i < n; i++) {
		double d = m->vms[cand[i]].demand;
		if (best < 0 || d > largest) {
			best = i;
			largest = d;
		}
	}
	return best;
}

static int mm_optimize(struct model2010 *m)
{
	return threshold2010_optimize(m, mm_pick);
}

const struct policy policy_mm = {
	.name = "mm",
	.summary = "double threshold, minimization of migrations (2010): --param lower,upper",
	.cloudsim = "CloudSim 2.x-era PowerVmAllocationPolicyDoubleThresholdMinimizationOfMigrations",
	.param_help = "two utilization thresholds lower,upper with 0 <= lower < upper <= 1",
	.default_param = "0.4,0.8",
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.models = POLICY_2010 | POLICY_CLOUDSIM3,
	.consolidation = CONSOLIDATION_MM,
	.overloaded = detect_thr, /* on CloudSim 3.0.3's engine: the best fit's threshold test */
	.n_params = 2,
	.param_min = 0,
	.param_max = 1,
	.optimize2010 = mm_optimize,
};
