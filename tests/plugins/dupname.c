/* A plugin whose policy takes a built-in's name: greenmig refuses it (tests/plugins.sh). */
#include <greenmig/policy.h>

static const struct gm_policy p = {
	.api_version = GREENMIG_API_VERSION,
	.name = "thr",
	.summary = "takes the built-in thr's name",
	.engines = GM_ENGINE_CLOUDSIM3,
	.energy = GM_ENERGY_UTILIZATION,
};

const struct gm_policy *gm_policy_entry(void)
{
	return &p;
}
