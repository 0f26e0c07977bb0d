/* A plugin built for another API version: greenmig refuses it (tests/plugins.sh). */
#include <greenmig/policy.h>

static const struct gm_policy p = {
	.api_version = GREENMIG_API_VERSION + 98,
	.name = "future",
	.summary = "claims an API version this greenmig does not have",
	.engines = GM_ENGINE_CLOUDSIM3,
};

const struct gm_policy *gm_policy_entry(void)
{
	return &p;
}
