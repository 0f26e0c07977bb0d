/* A plugin whose entry returns no policy: greenmig refuses it (tests/plugins.sh). */
#include <greenmig/policy.h>

const struct gm_policy *gm_policy_entry(void)
{
	return NULL;
}
