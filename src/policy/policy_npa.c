/*
 * policy_npa: Non Power Aware. Every host draws its maximum power all the time, whatever its
 * load; VMs are placed first-fit and never migrate. CloudSim 3.0.3: PowerDatacenterNonPowerAware
 * with PowerVmAllocationPolicySimple and migrations disabled (examples.power.planetlab.NonPowerAware).
 * Energy = sum over hosts of P(100 %) x elapsed time, including the first interval [0, 300.1].
 * In the 2010 model: MBFD at t = 0, every host at P(100 %).
 */
#include "mbfd.h"
#include "policy.h"

const struct gm_policy policy_npa = {
	.api_version = GREENMIG_API_VERSION,
	.name = "npa",
	.summary = "non power aware: every host at full power, first-fit placement, no migration",
	.reproduces = "PowerDatacenterNonPowerAware + PowerVmAllocationPolicySimple",
	.engines = GM_ENGINE_CLOUDSIM3 | GM_ENGINE_2010,
	.energy = GM_ENERGY_MAX_POWER,
	.migrations = false,
	.place = gm_first_fit,
	.place2010 = mbfd_place,
};
