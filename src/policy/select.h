/*
 * select: VM selection policies of CloudSim 3.0.3's dynamic consolidation
 * (PowerVmSelectionPolicy*): which VM leaves an overloaded host next.
 */
#ifndef GREENMIG_SELECT_H
#define GREENMIG_SELECT_H

#include "datacenter.h"
#include "rng.h"

struct selection {
	const char *name;     /* as given to --selection */
	const char *summary;
	const char *cloudsim; /* the class it mirrors */
	/* The VM to migrate from h at time now, or -1 if h has no migratable VM. */
	int (*pick)(const struct datacenter *dc, const struct host *h, double now, struct rng *rng);
};

extern const struct selection selection_mmt;
extern const struct selection selection_mc;
extern const struct selection selection_mu;
extern const struct selection selection_rs;

/* The selection called name, or NULL. */
const struct selection *selection_find(const char *name);
/* "mmt, mc, mu, rs" (static storage). */
const char *selection_names(void);

/* PowerVmSelectionPolicy.getMigratableVms: h's VMs not in migration, list order. Returns count. */
int select_migratable(const struct datacenter *dc, const struct host *h, int *out);

/*
 * MC's R^2 of each of n histories (m values, n <= m) regressed on the others, as commons-math
 * computes it: shared-prefix (fast) and one-by-one (plain) versions, equal to the bit.
 * -1 if a regression is singular.
 */
int select_mc_r_squared(const double *const *hist, int n, int m, double *r2);
int select_mc_r_squared_plain(const double *const *hist, int n, int m, double *r2);
/* MC's pick among the n histories (its index in *index), computing the exact R^2 only for the
 * VMs that can win; equal to the argmax of select_mc_r_squared. -1 if a regression is singular. */
int select_mc_index(const double *const *hist, int n, int m, int *index);

int select_mmt_pick(const struct datacenter *dc, const struct host *h, double now, struct rng *rng);

#endif
