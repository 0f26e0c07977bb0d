/*
 * policy_dvfs: Dynamic Voltage and Frequency Scaling. Power follows each host's CPU utilization
 * through its power model; VMs are placed first-fit and never migrate. CloudSim 3.0.3:
 * PowerDatacenter with PowerVmAllocationPolicySimple, whose optimizeAllocation returns null
 * (examples.power.planetlab.Dvfs). An idle host, and the first interval, cost nothing
 * (doc/cloudsim-engine.md#q4).
 * In the 2010 model: MBFD at t = 0, no migration.
 */
#include "mbfd.h"
#include "policy.h"

const struct gm_policy policy_dvfs = {
	.api_version = GREENMIG_API_VERSION,
	.name = "dvfs",
	.summary = "power follows utilization, first-fit placement, no migration",
	.reproduces = "PowerDatacenter + PowerVmAllocationPolicySimple",
	.engines = GM_ENGINE_CLOUDSIM3 | GM_ENGINE_2010,
	.energy = GM_ENERGY_UTILIZATION,
	.migrations = false,
	.place = gm_first_fit,
	.place2010 = mbfd_place,
};
