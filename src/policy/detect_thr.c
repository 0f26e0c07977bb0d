/*
 * detect_thr: static CPU utilization threshold (THR).
 * Overloaded iff requested utilization > threshold (strict), with requested utilization
 * = sum of the VMs' uncapped requests / host MIPS.
 * CloudSim 3.0.3: PowerVmAllocationPolicyMigrationStaticThreshold.isHostOverUtilized.
 */
#include "detect.h"
#include "policy.h"

#include <float.h>

bool detect_thr(const struct datacenter *dc, const struct host *h, double threshold, double interval_s,
		double *metric)
{
	(void)interval_s;
	return detect_threshold(dc, h, threshold, metric);
}

bool detect_thr_hook(const gm_ctx *ctx, const gm_host *h, double *metric)
{
	return detect_threshold(ctx->dc, ctx_host(h), detect_param(ctx), metric);
}

int detect_thr_bound_hook(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm)
{
	return detect_thr_bound(ctx->dc, ctx_host(h), ctx_vm(vm), detect_param(ctx), ctx->interval_s);
}

const struct gm_policy policy_thr = {
	.api_version = GREENMIG_API_VERSION,
	.name = "thr",
	.summary = "static threshold: a host is overloaded above --param of its CPU (default 0.8)",
	.reproduces = "PowerVmAllocationPolicyMigrationStaticThreshold",
	.n_params = 1,
	.param_min = 0,
	.param_max = 1,
	.param_help = "a utilization threshold in [0, 1]",
	.default_param = "0.8",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.overloaded = detect_thr_hook,
	.overloaded_bound = detect_thr_bound_hook,
};
