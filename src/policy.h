/*
 * policy: the registry of VM placement and consolidation policies.
 *
 * A policy is a const struct entry in one file (policy_<name>.c), listed in policy_table
 * (policy.c), as tmux registers its cmd-*.c. It decides the initial placement of each VM and,
 * for consolidating policies, which VMs migrate at each scheduling step.
 */
#ifndef GREENMIG_POLICY_H
#define GREENMIG_POLICY_H

#include <stdbool.h>

#include "datacenter.h"

enum energy_rule {
	ENERGY_UTILIZATION, /* PowerDatacenter: P(utilization), interpolated, idle hosts free */
	ENERGY_MAX_POWER,   /* PowerDatacenterNonPowerAware: every host at P(100 %) all the time */
};

struct policy {
	const char *name;       /* as given to --policy */
	const char *summary;    /* one line for help texts */
	const char *cloudsim;   /* the CloudSim 3.0.3 classes it mirrors */
	const char *param_help; /* meaning of --param, NULL if it takes none */
	enum energy_rule energy;
	bool migrations;        /* false: CloudSim's disableMigrations, no optimization step */
	const char *default_param; /* used when --param is not given */
	/*
	 * Initial placement at t = 0 (vm is being instantiated): a host id, or -1 if none fits.
	 * NULL for consolidating policies: they place with the power-aware best fit.
	 */
	int (*place)(const struct datacenter *dc, const struct vm *vm);
	/* Overload detector of consolidating policies (detect.h), NULL otherwise. */
	bool (*overloaded)(const struct datacenter *dc, const struct host *h, double param,
			   double interval_s, double *metric);
};

extern const struct policy policy_npa;
extern const struct policy policy_dvfs;
extern const struct policy policy_thr;
extern const struct policy policy_iqr;
extern const struct policy policy_mad;
extern const struct policy policy_lr;
extern const struct policy policy_lrr;

/* The policies, terminated by NULL. */
extern const struct policy *const policy_table[];

/* The policy called name, or NULL. */
const struct policy *policy_find(const char *name);

/* "npa, dvfs, thr, ...": the known names, comma-separated, for messages (static storage). */
const char *policy_names(void);

/*
 * PowerVmAllocationPolicySimple (via PowerVmAllocationPolicyAbstract.findHostForVm): the first
 * host, in id order, that is suitable for vm.
 */
int policy_first_fit(const struct datacenter *dc, const struct vm *vm);

#endif
