/*
 * detect_mad: adaptive threshold from the median absolute deviation of the host's history.
 * upper = 1 - s * MAD, MAD = median(|median(history) - history_i|) with commons-math's LEGACY
 * percentile (for even n: lo + 0.5 (hi - lo)); overloaded iff requested utilization > upper.
 * With fewer than 12 history values: the static threshold 0.7.
 * CloudSim 3.0.3: PowerVmAllocationPolicyMigrationMedianAbsoluteDeviation.isHostOverUtilized.
 */
#include "detect.h"
#include "mathutil.h"
#include "policy.h"

#include <float.h>

bool detect_mad(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		double *metric)
{
	return detect_adaptive(dc, h, s, interval_s, mathutil_mad, metric);
}

static bool overloaded(const gm_ctx *ctx, const gm_host *h, double *metric)
{
	return detect_mad(ctx->dc, ctx_host(h), detect_param(ctx), ctx->interval_s, metric);
}

const struct gm_policy policy_mad = {
	.api_version = GREENMIG_API_VERSION,
	.name = "mad",
	.summary = "median absolute deviation: threshold 1 - param x MAD of the history (default 2.5)",
	.reproduces = "PowerVmAllocationPolicyMigrationMedianAbsoluteDeviation",
	DETECT_SAFETY_PARAM("2.5"),
	.overloaded = overloaded,
	.overloaded_bound = detect_adaptive_bound_hook,
};
