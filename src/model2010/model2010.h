/*
 * model2010: the simulation model of Beloglazov & Buyya's 2010 experiments (CCGrid 2010, FGCS
 * 2012; CloudSim 2.x semantics), the source of the seed paper's NPA, DVFS, ST and MM numbers.
 * doc/model2010.md gives every rule; in short:
 *   - hosts and VMs from the experiment (100 hosts i mod 3, 290 VMs i mod 4 in
 *     examples/paper2010.ini), one cloudlet of cloudlet_length_mi per VM, submitted at t = 0;
 *   - a tick every scheduling_interval_s (5 s); at each tick, in this order: energy of the past
 *     interval (left rectangle, P(U) of the allocation as migrations left it, charged only to
 *     hosts that carried load at the sharing step that opened the interval; NPA: every host at
 *     P(100 %)), cloudlet progress at min(demand, allocation) of the interval's start (whole MI),
 *     a fresh U[0, 1) draw per running VM in id order from the run's PRNG and the hosts' CPU
 *     sharing (first_come or equal), one SLA sample per VM with demand > 0, removal of the VMs
 *     whose cloudlet finished, then the policy's migrations;
 *   - the run ends at the tick where the last cloudlet finishes;
 *   - initial placement at t = 0 in VM id order at full demand with MBFD (bound 1), or the
 *     policy's own rule (DRR);
 *   - migrations: instant (moved within the tick, doc/model2010.md#q1) or cloudsim21
 *     (RAM / (BW / 8000) s, the VM on its source at 90 % of its demand meanwhile, moved at the
 *     first tick after).
 * Host and VM state is public so that the policies (policy_st.c, policy_mm.c, ...) can read it;
 * they change it only through model2010_emit and the MBFD helpers (mbfd.h), which also give the
 * policies' initial placement (mbfd_place).
 */
#ifndef GREENMIG_MODEL2010_H
#define GREENMIG_MODEL2010_H

#include <stdbool.h>

#include <greenmig/policy.h>

#include "config.h"
#include "diag.h"
#include "power.h"
#include "rng.h"

/* A host's state under DRR (policy_drr.c, on both engines). */
struct drr_host {
	bool retiring;           /* a VM left it while others run: it accepts no VM */
	bool evacuating;         /* its VMs were sent away by the retirement threshold */
	double since;            /* when it became retiring */
};

struct m10_host {
	double cap;              /* C_h: MIPS (sum over PEs) */
	long ram_mb, ram_used;   /* RAM, and RAM held by its VMs and migrating-in reservations */
	struct power_model power;
	int *vms;                /* the VM list: first-come sharing walks it in this order */
	int n, cap_vms;
	double alloc;            /* MIPS allocated now (as migrations since the last sharing left it) */
	double util_shared;      /* alloc / cap at the last sharing step (the energy gate) */
	bool shared;             /* has had a sharing step */
	int migrating_out;       /* migrations from it still under way (cloudsim21) */
};

struct m10_vm {
	double mips;             /* M_v */
	long ram_mb;
	long bw;
	int host;                /* -1: not placed, or gone */
	double demand;           /* d_v: requested MIPS (90 % of it while migrating, cloudsim21) */
	double alloc;            /* a_v */
	long long done_mi;       /* work done, whole MI */
	bool running;            /* placed, cloudlet not finished */
	bool finished;           /* cloudlet done at this tick (removed at step 4) */
	bool fresh;              /* "recently created": no non-zero demand reported yet */
	bool migrating;          /* cloudsim21: on its source, moving to `target` */
	int target;
	double arrival_s;        /* cloudsim21: when the migration completes */
};

struct model2010 {
	const struct experiment *e;
	const struct gm_policy *p;
	double param[GM_MAX_PARAMS]; /* the policy's parameters (thresholds, seconds) */
	int n_hosts, n_vms;
	struct m10_host *hosts;
	struct m10_vm *vms;
	struct rng rng;
	double t;                /* time of the last tick processed */
	double dt;               /* tick length */
	long ticks;
	int running;             /* VMs whose cloudlet is still running */
	/* results so far */
	double energy_ws;
	long migrations;
	long samples, violations;
	double shortfall_sum;    /* sum over violating samples of (d - a) / d */
	double demand_sum, alloc_sum;
	double active_host_s;    /* sum over ticks of hosts with load x tick length */
	long unplaced;           /* VMs no host could take at t = 0 */
	struct gm_counts counts; /* DRR's and the placement controller's */
	/* scratch for the policies (n_hosts and n_vms entries) */
	double *load;            /* tentative load per host (MIPS of demands) */
	long *ram;               /* tentative RAM per host */
	int *list;               /* VM ids */
	int *list2;              /* VM ids (a second list) */
	unsigned char *flag;     /* per host */
	unsigned char *vflag;    /* per VM */
	struct m10_move {
		int vm, target;
	} *moves;                /* a policy's migrations of this tick, applied in this order */
	int n_moves;
	int *queue;              /* cloudsim21: migrating VMs in the order they were issued */
	int n_queue;
	struct drr_host *drr;    /* DRR: per host */
	int rr_next;             /* DRR: the round-robin pointer */
	/* the placement controller: each VM's last demands (a ring of window samples) */
	double *demand_history;  /* n_vms x window */
	int window, history_fill, history_pos;
	double next_placement;
};

/* The public handle of the model (<greenmig/policy.h>'s 2010 hooks) and back. */
static inline struct model2010 *ctx_model2010(gm_model2010 *m)
{
	return (struct model2010 *)(void *)m;
}
static inline gm_model2010 *gm_model2010_of(struct model2010 *m)
{
	return (gm_model2010 *)(void *)m;
}

/* What a run reports (doc/model2010.md#sla-metrics-2010 beside the shared ones). */
struct model2010_result {
	int hosts, vms;
	double sim_time_s;        /* the tick at which the last cloudlet finished */
	double energy_kwh;
	long migrations;
	long samples;             /* (demand, allocation) pairs with demand > 0 */
	double sla_violation_pct; /* violating samples / samples x 100 */
	double sla_average_pct;   /* mean over violating samples of (d - a) / d x 100; NaN if none */
	double sla_overall;       /* (sum d - sum a) / sum d */
	long ticks;
	long unplaced_vms;
	double mean_active_hosts; /* time average of hosts with load */
	long hosts_retired, hosts_evacuated, hosts_drained;
	long placement_invocations, placement_planned, placement_done, placement_infeasible;
	double placement_hosts_mean;
};

/*
 * Builds the 2010 model of e for policy p, parses its parameters (e->param, policy.h's
 * policy_params) and places the VMs at t = 0 (p->place2010, or MBFD at full demand: bound 1).
 * NULL with a message in d on bad input or out of memory.
 */
struct model2010 *model2010_create(const struct experiment *e, const struct gm_policy *p, struct diag *d);

/*
 * Runs to the tick where the last cloudlet finishes. 0; 1 if cloudlets still run at e->limit_s
 * (an input error); -1 out of memory. A message in d unless 0.
 */
int model2010_run(struct model2010 *m, struct model2010_result *r, struct diag *d);

void model2010_destroy(struct model2010 *m);

/*
 * For policies: starts the migration of vm to host `target` (counted now). Instant: the VM
 * leaves its host's list and joins the end of target's, taking what target has free of its
 * demand. cloudsim21: the VM stays on its source, target reserves its RAM. 0, or -1 (out of
 * memory).
 */
int model2010_migrate(struct model2010 *m, int vm, int target);

/*
 * Puts vm on host h (at the end of its list; off its current host first, if any), running, with
 * its RAM held, allocations untouched (model2010_share sets them). For placement rules and for
 * tests that build a state by hand. 0, or -1 (out of memory).
 */
int model2010_assign(struct model2010 *m, int vm, int h);

/* For policies: queues the migration of vm to target in m->moves (started after the pass). */
void model2010_emit(struct model2010 *m, int vm, int target);

/*
 * The CPU sharing of one host (doc/model2010.md#cpu-sharing): sets a_v of its VMs and the host's
 * alloc from their demands. first_come: in list order, each VM gets min(d_v, what is still free);
 * equal: when the demands exceed the capacity, the shortage is spread equally in MIPS over the VMs,
 * a VM whose share exceeds its demand gets 0 and the rest is spread again.
 */
void model2010_share(struct model2010 *m, int h);

#endif
