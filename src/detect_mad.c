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

#define MAD_MIN_HISTORY 12

bool detect_mad(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		double *metric)
{
	double hist[VM_HISTORY_LEN];
	size_t n = detect_host_history(dc, h, hist);
	if (mathutil_count_nonzero_beginning(hist, n) < MAD_MIN_HISTORY)
		return detect_fallback(dc, h, interval_s, metric);
	double upper = 1 - s * mathutil_mad(hist, n);
	if (metric != NULL)
		*metric = upper;
	return detect_requested_utilization(dc, h) > upper;
}

const struct policy policy_mad = {
	.name = "mad",
	.summary = "median absolute deviation: threshold 1 - param x MAD of the history (default 2.5)",
	.cloudsim = "PowerVmAllocationPolicyMigrationMedianAbsoluteDeviation",
	.param_help = "safety parameter s",
	.default_param = "2.5",
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.overloaded = detect_mad,
};
