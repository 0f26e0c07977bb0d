/*
 * policy_dvfs: Dynamic Voltage and Frequency Scaling. Power follows each host's CPU utilization
 * through its power model; VMs are placed first-fit and never migrate. CloudSim 3.0.3:
 * PowerDatacenter with PowerVmAllocationPolicySimple, whose optimizeAllocation returns null
 * (examples.power.planetlab.Dvfs). An idle host, and the first interval, cost nothing (Q4).
 */
#include "policy.h"

const struct policy policy_dvfs = {
	.name = "dvfs",
	.summary = "power follows utilization, first-fit placement, no migration",
	.cloudsim = "PowerDatacenter + PowerVmAllocationPolicySimple",
	.param_help = NULL,
	.energy = ENERGY_UTILIZATION,
	.migrations = false,
	.place = policy_first_fit,
	.models = POLICY_CLOUDSIM3 | POLICY_2010,
};
