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
#include <stddef.h>

#include "config.h"
#include "datacenter.h"

struct model2010;

/* The models a policy runs in (config.h enum config_model, as bits). */
#define POLICY_CLOUDSIM3 (1u << MODEL_CLOUDSIM3)
#define POLICY_2010 (1u << MODEL_2010)
#define POLICY_MAX_PARAMS 2

/* What a consolidating policy does at each step on CloudSim 3.0.3's engine (consolidation.c). */
enum consolidation_kind {
	CONSOLIDATION_CLOUDSIM3, /* overloaded hosts, VM selection, under-utilized hosts (3.0.3) */
	CONSOLIDATION_ST,        /* every VM re-placed under the threshold (spec 3) */
	CONSOLIDATION_MM,        /* double threshold, minimization of migrations (spec 4.1) */
	CONSOLIDATION_DRR,       /* dynamic round-robin: retiring hosts (spec 6) */
	CONSOLIDATION_PLACEMENT, /* trace-based placement every interval (spec 7) */
	CONSOLIDATION_FUZZY,     /* fuzzy reactive controller every step (spec 8) */
	CONSOLIDATION_PLACEMENT_FUZZY, /* both: placement at its interval, fuzzy between */
};

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
	/*
	 * Optional, for the best fit: whether `overloaded` would call h overloaded with vm appended
	 * to its list, when that is clear without running it: 1 yes, 0 no, -1 unknown (the caller
	 * then runs the detector). Only while the consolidation runs (dc->history_stamp != 0).
	 */
	int (*overloaded_bound)(const struct datacenter *dc, const struct host *h, const struct vm *vm,
				double param, double interval_s);
	unsigned models;        /* POLICY_CLOUDSIM3 | POLICY_2010: where it runs (0: cloudsim3) */
	enum consolidation_kind consolidation; /* on CloudSim 3.0.3's engine */
	/*
	 * The 2010 model's parameters (--param "a" or "a,b"): n_params numbers in
	 * [param_min, param_max], strictly increasing when there are two.
	 */
	int n_params;
	double param_min, param_max;
	/* 2010 model: initial placement of vm (host id or -1); NULL: MBFD at full demand (bound 1). */
	int (*place2010)(struct model2010 *m, int vm);
	/* 2010 model: the optimization of one tick (emits migrations); NULL: none. 0 or -1. */
	int (*optimize2010)(struct model2010 *m);
};

extern const struct policy policy_npa;
extern const struct policy policy_dvfs;
extern const struct policy policy_thr;
extern const struct policy policy_iqr;
extern const struct policy policy_mad;
extern const struct policy policy_lr;
extern const struct policy policy_lrr;
extern const struct policy policy_st;
extern const struct policy policy_mm;
extern const struct policy policy_hpg;
extern const struct policy policy_rc;
extern const struct policy policy_drr;
extern const struct policy policy_placement;
extern const struct policy policy_fuzzy;
extern const struct policy policy_placement_fuzzy;

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

/* Whether p runs in model (config.h). */
bool policy_runs_in(const struct policy *p, int model);

/*
 * Parses the 2010 model's --param s for p into out[0..p->n_params - 1] (s NULL or "": the
 * default_param). 0, or -1 with a message naming what was expected in msg.
 */
int policy_params(const struct policy *p, const char *s, double *out, char *msg, size_t n);

#endif
