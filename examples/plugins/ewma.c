/*
 * ewma: an overload detector as a greenmig policy plugin. A host is overloaded when the
 * exponentially weighted moving average of its CPU utilization, the current request included,
 * is above a threshold:
 *
 *     e_0 = u_oldest,  e_k = alpha u_k + (1 - alpha) e_(k-1),  overloaded iff e_now > threshold
 *
 * over the host's utilization history (what CloudSim's IQR, MAD and LR detectors read) and the
 * requested utilization now (what THR reads). alpha near 1 follows the current load (alpha = 1
 * is THR); smaller alpha ignores short peaks. --param "alpha,threshold" (default 0.5,0.8).
 * Everything else is CloudSim's consolidation: the VMs leave overloaded hosts by --selection,
 * go where the power-aware best fit puts them, and the least utilized hosts are emptied.
 *
 * Build: make (pkg-config greenmig); run: greenmig run paper.ini --policy ./ewma.so
 */
#include <greenmig/policy.h>

#include <stddef.h>

static bool ewma_overloaded(const gm_ctx *ctx, const gm_host *h, double *metric)
{
	const gm_datacenter *dc = gm_ctx_datacenter(ctx);
	double alpha = gm_ctx_param(ctx, 0), threshold = gm_ctx_param(ctx, 1);
	double history[GM_HISTORY_LEN];
	int n = gm_host_history(dc, h, history); /* index 0 newest */
	double now = gm_host_requested_mips(dc, h) / gm_host_total_mips(h);
	double e = n > 0 ? history[n - 1] : now;
	for (int k = n - 2; k >= 0; k--)
		e = alpha * history[k] + (1 - alpha) * e;
	e = alpha * now + (1 - alpha) * e;
	if (metric != NULL)
		*metric = e;
	return e > threshold;
}

static const struct gm_policy ewma = {
	.api_version = GREENMIG_API_VERSION,
	.name = "ewma",
	.summary = "overloaded when the EWMA of the host's utilization exceeds a threshold",
	.reproduces = NULL, /* our own: no CloudSim class */
	.n_params = 2,
	.param_min = 0,
	.param_max = 1,
	.param_help = "alpha,threshold: the EWMA's weight of the newest value and the threshold, each 0-1",
	.default_param = "0.5,0.8",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.overloaded = ewma_overloaded,
};

const struct gm_policy *gm_policy_entry(void)
{
	return &ewma;
}
