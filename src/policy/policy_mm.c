/*
 * policy_mm: double threshold with Minimization of Migrations (Beloglazov & Buyya 2010; the
 * pre-3.0 PowerVmAllocationPolicyDoubleThresholdMinimizationOfMigrations;
 * doc/model2010.md#mm): from a host above the upper threshold, shed while it is above: of the VMs
 * whose demand exceeds the excess x, the one with the least d - x (the smallest that alone removes
 * it); if none does, the largest. --param "T_l,T_u" (default 0.4,0.8). The 2010 loop:
 * threshold2010.h. On CloudSim 3.0.3's engine the same selection runs at every scheduling step on
 * the hosts' cached utilization and the VMs' requests, and the selected VMs go through that
 * engine's power-aware best fit with the static threshold T_u (replace.h).
 */
#include <string.h>

#include "ctx.h"
#include "detect.h"
#include "mbfd.h"
#include "mm_pick.h"
#include "policy.h"
#include "replace.h"
#include "select.h"
#include "threshold2010.h"

/* The demand (MIPS) of candidate k */
typedef double (*mm_demand)(const void *arg, int k);

/*
 * MM's pick among n candidates for an excess of `excess` MIPS: of those whose demand exceeds it,
 * the least demand - excess; if none does, the largest demand (the first on ties). An index, or
 * -1 if n = 0.
 */
static int mm_pick_index(int n, double excess, mm_demand demand, const void *arg)
{
	int best = -1;
	double best_gap = 0;
	for (int i = 0; i < n; i++) {
		double d = demand(arg, i);
		if (d > excess && (best < 0 || d - excess < best_gap)) {
			best = i;
			best_gap = d - excess;
		}
	}
	if (best >= 0)
		return best;
	double largest = 0;
	for (int i = 0; i < n; i++) {
		double d = demand(arg, i);
		if (best < 0 || d > largest) {
			best = i;
			largest = d;
		}
	}
	return best;
}

struct cand2010 {
	const struct model2010 *m;
	const int *cand;
};

static double demand2010(const void *arg, int k)
{
	const struct cand2010 *c = arg;
	return c->m->vms[c->cand[k]].demand;
}

int mm_pick2010(struct model2010 *m, const int *cand, int n, double excess)
{
	struct cand2010 c = { m, cand };
	return mm_pick_index(n, excess, demand2010, &c);
}

static int mm_optimize2010(gm_model2010 *m)
{
	return threshold2010_optimize(ctx_model2010(m), mm_pick2010);
}

struct cand_cs {
	const struct datacenter *dc;
	const int *cand;
};

static double demand_cs(const void *arg, int k)
{
	const struct cand_cs *c = arg;
	return vm_req_total(&c->dc->vms[c->cand[k]]);
}

/*
 * CloudSim's engine (doc/model2010.md#mm-on-cloudsim, doc/model2010.md#q6): per host in id order, U
 * its CPU in use (the cached utilization): below the lower threshold all its migratable VMs are
 * selected; above the upper one, while above, MM's pick, its request coming off U. Then replace_all
 * (a VM with no admissible host, or its own, stays).
 */
static int mm_optimize(gm_ctx *ctx)
{
	const struct datacenter *dc = ctx->dc;
	struct replace *r = ctx->state;
	double lower = ctx->param[0], upper_share = ctx->param[1];
	int *cand = r->cand;
	r->n = 0;
	for (int i = 0; i < dc->n_hosts; i++) {
		const struct host *h = &dc->hosts[i];
		double u = h->utilization_mips;
		int n = select_migratable(dc, h, cand);
		if (u > 0 && u < lower * h->total_mips) {
			for (int k = 0; k < n; k++)
				r->vms[r->n++] = cand[k];
			continue;
		}
		double upper = upper_share * h->total_mips;
		struct cand_cs c = { dc, cand };
		while (u > upper && n > 0) {
			int best = mm_pick_index(n, u - upper, demand_cs, &c);
			r->vms[r->n++] = cand[best];
			u -= vm_req_total(&dc->vms[cand[best]]);
			memmove(cand + best, cand + best + 1, (size_t)(n - best - 1) * sizeof *cand);
			n--; /* the rest keep list order (first on ties) */
		}
	}
	return replace_all(ctx, r, true);
}

const struct gm_policy policy_mm = {
	.api_version = GREENMIG_API_VERSION,
	.name = "mm",
	.summary = "double threshold, minimization of migrations (2010): --param lower,upper",
	.reproduces = "CloudSim 2.x-era PowerVmAllocationPolicyDoubleThresholdMinimizationOfMigrations",
	THRESHOLD2010_PARAMS,
	.engines = GM_ENGINE_2010 | GM_ENGINE_CLOUDSIM3,
	.create = replace_create,
	.destroy = replace_destroy,
	.overloaded = detect_thr_hook, /* the best fit's threshold test at the upper threshold */
	.optimize = mm_optimize,
	.optimize2010 = mm_optimize2010,
};
