/*
 * thrmmt: CloudSim's static-threshold detector (THR) with minimum-migration-time selection
 * (MMT), written again through the public headers alone, as a user would. It must give the
 * built-in `thr` with `--selection mmt` to the byte (tests/plugins.sh): the proof that the
 * public API shows a policy everything the built-in one uses.
 *   overloaded: the sum of the VMs' current requests over the host's MIPS > threshold
 *   select: the VM with the least RAM among those not migrating, the first on ties
 */
#include <greenmig/policy.h>

#include <float.h>
#include <stddef.h>

static bool thr_overloaded(const gm_ctx *ctx, const gm_host *h, double *metric)
{
	double threshold = gm_ctx_param(ctx, 0);
	if (metric != NULL)
		*metric = threshold;
	const gm_datacenter *dc = gm_ctx_datacenter(ctx);
	return gm_host_requested_mips(dc, h) / gm_host_total_mips(h) > threshold;
}

static int mmt_select(gm_ctx *ctx, const gm_host *h)
{
	const gm_datacenter *dc = gm_ctx_datacenter(ctx);
	int best = -1;
	double least = DBL_MAX;
	for (int i = 0; i < gm_host_vm_count(h); i++) {
		const gm_vm *vm = gm_host_vm(dc, h, i);
		if (gm_vm_migrating(vm))
			continue;
		double ram = (double)gm_vm_ram_mb(vm);
		if (ram < least) {
			least = ram;
			best = gm_vm_id(vm);
		}
	}
	return best;
}

static const struct gm_policy thrmmt = {
	.api_version = GREENMIG_API_VERSION,
	.name = "thrmmt",
	.summary = "THR with MMT through the public API (a test of the API)",
	.reproduces = "PowerVmAllocationPolicyMigrationStaticThreshold + PowerVmSelectionPolicyMinimumMigrationTime",
	.n_params = 1,
	.param_min = 0,
	.param_max = 1,
	.param_help = "utilization threshold, 0-1",
	.default_param = "0.8",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.overloaded = thr_overloaded,
	.select = mmt_select,
};

const struct gm_policy *gm_policy_entry(void)
{
	return &thrmmt;
}
