/*
 * A plugin whose whole-step hook asks for an impossible migration and, refused, ends the run
 * with the engine's reason (tests/plugins.sh): gm_migrate's check, gm_ctx_error and
 * gm_ctx_fail seen from outside the tree.
 */
#include <greenmig/policy.h>

static int failing_optimize(gm_ctx *ctx)
{
	if (gm_ctx_now(ctx) < 1000)
		return 0;
	int n = gm_dc_host_count(gm_ctx_datacenter(ctx));
	if (gm_migrate(ctx, 0, n) != 0) { /* no host has id n */
		gm_ctx_fail(ctx, "at t = %.1f s: %s", gm_ctx_now(ctx), gm_ctx_error(ctx));
		return -1;
	}
	return 0;
}

static const struct gm_policy p = {
	.api_version = GREENMIG_API_VERSION,
	.name = "failing",
	.summary = "fails at its first step after 1000 s",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = true,
	.optimize = failing_optimize,
};

const struct gm_policy *gm_policy_entry(void)
{
	return &p;
}
