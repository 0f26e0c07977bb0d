/*
 * detect_lr: local regression. The last 10 host utilization values, oldest first, are fitted
 * against x = 1..10 (MathUtil.getLoessParameterEstimates: tricube weights that CloudSim applies
 * only when 40 % of them are <= 0, so in practice ordinary least squares); the fit is extrapolated
 * over the longest migration of the host's VMs: predicted = s * (b0 + b1 * (10 + ceil(T_mig / 300)))
 * with T_mig = max VM RAM / (host BW / 16000). Overloaded iff predicted >= 1.
 * With fewer than 10 history values: the static threshold 0.7.
 * CloudSim 3.0.3: PowerVmAllocationPolicyMigrationLocalRegression.isHostOverUtilized.
 */
#include "detect.h"

#include <limits.h>
#include <math.h>

#include "mathutil.h"
#include "policy.h"

#define LR_LENGTH 10 /* "10 to make the regression responsive enough to latest values" */

bool detect_regression(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		       int (*fit)(const double *, size_t, double *), double *metric)
{
	double hist[VM_HISTORY_LEN];
	size_t n = detect_host_history_head(dc, h, hist, LR_LENGTH);
	if (n < LR_LENGTH)
		return detect_fallback(dc, h, interval_s, metric);
	double y[LR_LENGTH];
	for (int i = 0; i < LR_LENGTH; i++)
		y[i] = hist[LR_LENGTH - i - 1];
	double est[2];
	if (fit(y, LR_LENGTH, est) != 0)
		return detect_fallback(dc, h, interval_s, metric);
	/* getMaximumVmMigrationTime: the largest configured RAM (an int) over half the host BW. */
	long max_ram = INT_MIN;
	for (int i = 0; i < h->n_slots; i++)
		if (dc->vms[h->slots[i].vm].ram_mb > max_ram)
			max_ram = dc->vms[h->slots[i].vm].ram_mb;
	double max_migration_s = (double)max_ram / ((double)h->bw / (2 * 8000));
	double intervals = ceil(max_migration_s / interval_s);
	double predicted = est[0] + est[1] * (LR_LENGTH + intervals);
	predicted *= s;
	if (metric != NULL)
		*metric = predicted;
	return predicted >= 1;
}

bool detect_lr(const struct datacenter *dc, const struct host *h, double s, double interval_s,
	       double *metric)
{
	return detect_regression(dc, h, s, interval_s, mathutil_loess, metric);
}

const struct policy policy_lr = {
	.name = "lr",
	.summary = "local regression: overloaded if param x the extrapolated utilization >= 1 (default 1.2)",
	.cloudsim = "PowerVmAllocationPolicyMigrationLocalRegression",
	.param_help = "safety parameter s",
	.default_param = "1.2",
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.overloaded = detect_lr,
};
