/*
 * policy_npa: Non Power Aware. Every host draws its maximum power all the time, whatever its
 * load; VMs are placed first-fit and never migrate. CloudSim 3.0.3: PowerDatacenterNonPowerAware
 * with PowerVmAllocationPolicySimple and migrations disabled (examples.power.planetlab.NonPowerAware).
 * Energy = sum over hosts of P(100 %) x elapsed time, including the first interval [0, 300.1].
 */
#include "policy.h"

const struct policy policy_npa = {
	.name = "npa",
	.summary = "non power aware: every host at full power, first-fit placement, no migration",
	.cloudsim = "PowerDatacenterNonPowerAware + PowerVmAllocationPolicySimple",
	.param_help = NULL,
	.energy = ENERGY_MAX_POWER,
	.migrations = false,
	.place = policy_first_fit,
	.models = POLICY_CLOUDSIM3 | POLICY_2010,
};
