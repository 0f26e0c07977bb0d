/*
 * detect_thr: static CPU utilization threshold (THR).
 * Overloaded iff requested utilization > threshold (strict), with requested utilization
 * = sum of the VMs' uncapped requests / host MIPS.
 * CloudSim 3.0.3: PowerVmAllocationPolicyMigrationStaticThreshold.isHostOverUtilized.
 */
#include "detect.h"
#include "policy.h"

bool detect_thr(const struct datacenter *dc, const struct host *h, double threshold, double interval_s,
		double *metric)
{
	(void)interval_s;
	if (metric != NULL)
		*metric = threshold;
	return detect_requested_utilization(dc, h) > threshold;
}

const struct policy policy_thr = {
	.name = "thr",
	.summary = "static threshold: a host is overloaded above --param of its CPU (default 0.8)",
	.cloudsim = "PowerVmAllocationPolicyMigrationStaticThreshold",
	.param_help = "utilization threshold, 0-1",
	.default_param = "0.8",
	.energy = ENERGY_UTILIZATION,
	.migrations = true,
	.overloaded = detect_thr,
	.overloaded_bound = detect_thr_bound,
};
