/*
 * detect_lrr: robust local regression: as LR, but the fit is MathUtil.getRobustLoessParameter-
 * Estimates (a second fit with bisquare weights from the residuals of the first, 6 x their
 * median as scale). Because CloudSim applies weights only when 40 % of them are <= 0, the second
 * fit is again plain least squares and LRR gives LR's results in 3.0.3 (the reference rows agree);
 * the formulas are kept literally for the pathological case.
 * CloudSim 3.0.3: PowerVmAllocationPolicyMigrationLocalRegressionRobust.
 */
#include "detect.h"
#include "mathutil.h"
#include "policy.h"

#include <float.h>

bool detect_lrr(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		double *metric)
{
	return detect_regression(dc, h, s, interval_s, mathutil_loess_robust, metric);
}

static bool overloaded(const gm_ctx *ctx, const gm_host *h, double *metric)
{
	return detect_lrr(ctx->dc, ctx_host(h), detect_param(ctx), ctx->interval_s, metric);
}

const struct gm_policy policy_lrr = {
	.api_version = GREENMIG_API_VERSION,
	.name = "lrr",
	.summary = "robust local regression (bisquare re-weighting), otherwise as lr (default 1.2)",
	.reproduces = "PowerVmAllocationPolicyMigrationLocalRegressionRobust",
	DETECT_SAFETY_PARAM("1.2"),
	.overloaded = overloaded,
	.overloaded_bound = detect_regression_bound_hook,
};
