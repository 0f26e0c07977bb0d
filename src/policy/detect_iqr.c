/*
 * detect_iqr: adaptive threshold from the interquartile range of the host's utilization history.
 * upper = 1 - s * IQR(history), IQR with MathUtil's quartile indexes round(0.25 (n + 1)) - 1 and
 * round(0.75 (n + 1)) - 1 on the sorted history; overloaded iff requested utilization > upper.
 * With fewer than 12 history values: the static threshold 0.7.
 * CloudSim 3.0.3: PowerVmAllocationPolicyMigrationInterQuartileRange.isHostOverUtilized.
 */
#include "detect.h"
#include "mathutil.h"
#include "policy.h"

#include <float.h>

bool detect_iqr(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		double *metric)
{
	return detect_adaptive(dc, h, s, interval_s, mathutil_iqr, metric);
}

static bool overloaded(const gm_ctx *ctx, const gm_host *h, double *metric)
{
	return detect_iqr(ctx->dc, ctx_host(h), detect_param(ctx), ctx->interval_s, metric);
}

const struct gm_policy policy_iqr = {
	.api_version = GREENMIG_API_VERSION,
	.name = "iqr",
	.summary = "interquartile range: threshold 1 - param x IQR of the host's history (default 1.5)",
	.reproduces = "PowerVmAllocationPolicyMigrationInterQuartileRange",
	DETECT_SAFETY_PARAM("1.5"),
	.overloaded = overloaded,
	.overloaded_bound = detect_adaptive_bound_hook,
};
