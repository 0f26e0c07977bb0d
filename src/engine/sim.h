/*
 * sim: one simulation run, CloudSim 3.0.3's PowerDatacenter event loop.
 *
 * Create it from an experiment and a trace day, then step it (one event instant per call,
 * like GSL's init-iterate-test) or run it to the end, then read the result. Times follow
 * CloudSim exactly: the periodic steps are T_1 = 0.1 + 300, T_k = T_{k-1} + 300 (repeated
 * double addition), processed while T_k < limit (86400 s): T_287 = 86100.1 is the last.
 */
#ifndef GREENMIG_SIM_H
#define GREENMIG_SIM_H

#include <stdbool.h>

#include "config.h"
#include "power.h"
#include "pstate.h"
#include "consolidation.h"
#include "netmig.h"
#include "diag.h"
#include "policy.h"
#include "trace.h"

/*
 * What the simulation itself computes. The SLA and host metrics are not here: they come from the
 * history entries the host updates make, which go to the sinks the caller attaches
 * (sim_attach_sink; metrics.h in the layer above folds them).
 */
struct sim_result {
	int hosts;
	int vms;
	double sim_time_s;        /* CloudSim's "Total simulation time" */
	double energy_kwh;
	long migrations;
	double migration_time_s;  /* sum of the durations of the migrations started */
	double migration_energy_kwh; /* energy above what the hosts would have used without the
				      * migrations' CPU overhead (the 10 % reserved on each target) */
	long unplaced_vms;        /* VMs no host could take at t = 0 (CloudSim exits there) */
	const int *unplaced;      /* their ids (owned by the sim) */
	long steps;               /* scheduling steps processed */
	double history_span_s;    /* simulated seconds with history entries: T_1 to the last
				   * processed instant (0 if none) */
	const struct metric_history *metric_history; /* consolidating policies: hosts 0..9, else NULL */
	int metric_hosts;
	/* The 2010 model's own metrics (model2010.h; NaN and 0 in CloudSim 3.0.3 runs) */
	double sla2010_violation_pct;
	double sla2010_average_pct;
	long hosts_retired, hosts_evacuated, hosts_drained;
	/* Secure migration ([security], doc/migration-security.md#security-in-the-datacenter): what it
	 * added */
	double security_time_s;      /* to the migrations' durations */
	double security_energy_kwh;  /* energy of the crypto load on source and target hosts */
	double security_downtime_s;  /* to the downtimes (stop-and-copy hashing and metadata) */
	double security_bytes;       /* to the bytes on the wire */
	double downtime_s;           /* pre-copy or secure migrations: the downtimes summed */
	/* The placement controller (policies placement, placement+fuzzy) */
	long placement_invocations;  /* re-packs run */
	double placement_hosts_mean; /* hosts its feasible plans use, mean (NaN if none) */
	long placement_planned;      /* migrations its plans need */
	long placement_done;         /* migrations it started */
	long placement_infeasible;   /* re-packs with no feasible placement (current one kept) */
	/* [power] states (doc/power-states.md); all 0 and false without them */
	bool power_states;
	double state_time_s[PSTATE_N];     /* host-seconds in each state (enum pstate order) */
	double state_energy_kwh[PSTATE_N]; /* energy in each state */
	long boots, shutdowns, suspends, wakes; /* transitions started */
	double vm_wait_s;            /* placed VMs' waits for their hosts to come on, summed */
	double migration_wait_s;     /* migrations' waits for their targets to come on, summed */
	/* [power] parts (doc/power-parts.md); 0 and false without them */
	bool power_parts;
	double part_kwh[PART_N];     /* energy of each part (enum power_part); they add up to
				      * energy_kwh */
	double parts_saved_kwh;      /* energy the parts powered down saved */
	/* [facility] (doc/facility.md); 0 and false without it */
	bool facility;
	double facility_kwh;         /* IT energy x PUE */
	double co2_kg;               /* facility energy x carbon intensity */
	double cost;                 /* facility energy x price */
	/* [power] vm_energy (doc/power-parts.md#per-vm-energy); 0 and false without it */
	bool vm_energy;
	double vm_energy_kwh;        /* the VMs' shares summed */
	double unattributed_kwh;     /* energy of hosts without a VM (idle on, off, asleep, ...) */
	/* [network] (doc/network.md); 0 and false without it */
	bool network;
	struct netmig_totals net;
	/* memory (doc/memory.md#memory-as-a-resource): the trace has a memory series; 0 and false
	 * without */
	bool memory;
	double mem_used_gb_mean;     /* the VMs' used memory over the datacenter, mean over the steps */
	double mem_host_peak;        /* the highest used share of one host's RAM at a step (0..1) */
	double mem_migrated_gb;      /* the used memory of the migrated VMs at their starts, summed */
};

/* One VM's share of the energy ([power] vm_energy), W*s. */
struct vm_energy {
	double idle_ws;    /* of its hosts' idle power, by MIPS capacity */
	double dynamic_ws; /* of the rest, by allocated MIPS */
	double wait_ws;    /* of hosts not on while it waited on them (booting, waking) */
};

/* One scheduling step, for plots (--timeline). */
struct timeline_row {
	double t_s;
	int active_hosts;       /* hosts with cached utilization > 0 */
	double power_w;         /* datacenter power at t under the policy's energy rule */
	int overloaded_hosts;   /* found by the policy's detector (0 without one) */
	int migrations_started;
	double energy_kwh;      /* cumulative */
	/* [power] states only: hosts on, off, asleep and in a transition (booting, waking,
	 * shutting down, suspending) at t */
	int hosts_on, hosts_off, hosts_asleep, hosts_transition;
	double part_kwh[PART_N];  /* [power] parts only: each part's energy so far */
	double facility_kwh, co2_kg, cost; /* [facility] only: so far */
	double mem_used_gb, mem_host_max; /* memory only: used in all, highest host share, at t */
};

struct sim;

/*
 * Builds the datacenter of e with the first VMs of t (e->vms, or all), checks that the traces
 * are long enough, and places the VMs at t = 0. e and t must outlive the sim. NULL with
 * messages in d on bad input or out of memory.
 */
struct sim *sim_create(const struct experiment *e, const struct trace_set *t, struct diag *d);

/*
 * Processes the next event instant: a scheduling step, or the completion of the migrations that
 * end at that instant. 1 if there may be more, 0 when the run is over, -1 on error, -2 on bad
 * input found during the run (a day of a trace over several days: trace_day_read); with an agent
 * (sim_set_agent), SIM_STOPPED at a scheduling step before the policy decides: sim_resume
 * finishes that step.
 */
#define SIM_STOPPED 2
int sim_step(struct sim *s, struct diag *d);

/* After sim_step returned SIM_STOPPED: the policy decides and the step ends (its migrations
 * start). 1, or -1 on error (messages in d). */
int sim_resume(struct sim *s, struct diag *d);

/* The lanes the host updates are split into (hosts_update in datacenter.h): 1 without threads. */
int sim_lanes(const struct sim *s);

/*
 * Attaches sink (copied) to lane `lane` (0 .. sim_lanes - 1): the host updates of that lane send
 * it every history entry they make, and lane 0 also gets those of updates on the calling
 * thread. Call before the first sim_step; a lane without a sink drops its entries.
 */
void sim_attach_sink(struct sim *s, int lane, const struct history_sink *sink);

bool sim_done(const struct sim *s);

/* Steps until the end. 0, or sim_step's -1 or -2. */
int sim_run(struct sim *s, struct diag *d);

/* The results; call once the run is over. The pointers in r live as long as s. */
void sim_result(const struct sim *s, struct sim_result *r);

const struct datacenter *sim_datacenter(const struct sim *s);

/* The run so far, at any instant (also while the policy's optimize hook runs): the energy
 * counted (kWh) and the migrations started. For the stepping API (api_sim.c). */
void sim_progress(const struct sim *s, double *energy_kwh, long *migrations);

/* The stepping API (ctx.h's agent and agent_alone): stop, sim_step returns SIM_STOPPED at each
 * scheduling step from now on (a run without migrations, no consolidation, never stops); alone,
 * the policy decides nothing at a step. Returns the run's gm_ctx, on which the caller acts at a
 * stop. */
struct gm_ctx;
struct gm_ctx *sim_set_agent(struct sim *s, bool stop, bool alone);

/* [power] states (doc/power-states.md): each host's state record, and in *pp its type's powers;
 * NULL (and *pp NULL) when the run has none. Owned by s. For the stepping API (api_sim.c). */
const struct pstate_host *sim_power_states(const struct sim *s, const struct pstate_params **pp);

/* Each VM's share of the energy, *n of them (NULL and 0 without [power] vm_energy). Owned by s. */
const struct vm_energy *sim_vm_energy(const struct sim *s, int *n);

/* The timeline so far: one row per scheduling step; *n gets the count. Owned by s. */
const struct timeline_row *sim_timeline(const struct sim *s, int *n);

/* Where the run's wall time went (greenmig run --timings): seconds of the monotonic clock
 * (stopwatch.h) in sim_create and in every sim_step and sim_resume so far, by phase, and what the
 * phases did. The phases' seconds add up to total_s (SIM_PHASE_OTHER is the rest). The counts
 * are the same in every run of one experiment (any thread count); the times are not, and no
 * result depends on them. */
enum sim_phase {
	SIM_PHASE_BUILD,        /* sim_create: hosts, the VMs' traces laid out, the initial placement */
	SIM_PHASE_HOST_UPDATES, /* the hosts' updates at every instant, with their energy */
	SIM_PHASE_COMPLETIONS,  /* the migrations' completions (their host updates not counted) */
	SIM_PHASE_DETECT,       /* the consolidation's phases (consolidation_timings) */
	SIM_PHASE_OVERLOAD,
	SIM_PHASE_UNDERLOAD,
	SIM_PHASE_RESTORE,
	SIM_PHASE_HOOK,         /* a policy's own optimize hook */
	SIM_PHASE_STARTS,       /* the migrations' starts (their host updates not counted) */
	SIM_PHASE_OTHER,        /* the rest of the steps: arrivals, removals, timeline, ... */
	SIM_PHASES
};

struct sim_timings {
	double phase_s[SIM_PHASES];
	double total_s;
	long steps;             /* scheduling steps (sim_result's steps) */
	long instants;          /* instants at which migrations completed */
	struct consolidation_timings cons; /* the consolidation's counts (zero without one) */
};
void sim_timings(const struct sim *s, struct sim_timings *out);
/* A phase's name as --timings writes it ("build", "host_updates", ...). */
const char *sim_phase_name(enum sim_phase p);

void sim_destroy(struct sim *s);

#endif
