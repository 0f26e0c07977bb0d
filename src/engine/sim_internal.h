/*
 * sim_internal.h: what the files of the sim module share (sim.c, the event loop; sim_power.c, the
 * energy accounting: power states, parts, facility, per-VM energy, the timeline). Private to the
 * module: nothing outside src/engine/sim*.c includes it.
 */
#ifndef GREENMIG_SIM_INTERNAL_H
#define GREENMIG_SIM_INTERNAL_H

#include "sim.h"

#include "ctx.h"
#include "datacenter.h"
#include "facility.h"
#include "migrations.h"
#include "rng.h"
#include "series.h"
#include "workers.h"
#include "workload.h"

struct sim {
	const struct experiment *e;
	const struct gm_policy *policy;
	struct gm_ctx ctx;          /* the policy's view of this run (ctx.h) */
	bool policy_created;        /* policy->create ran (destroy is due) */
	struct datacenter *dc;
	struct history_sink sinks[WORKERS_MAX]; /* hosts_update's, per lane (lane 0: this thread's) */
	struct workers *workers;    /* NULL: host updates on this thread only */
	int *batch;                 /* hosts of one hosts_update (n_hosts) */
	double *util;             /* every VM's trace as fractions, n_util values each */
	size_t n_util;
	/* a run over several days (trace_read_days; days NULL otherwise): util and mem hold the
	 * rows of samples [k0, k0 + rows), the day before day_now, day_now and the next */
	const struct trace_set *days;
	size_t day_now, k0, rows;
	int *unplaced;
	long n_unplaced;
	struct workload w;          /* arrivals, traces, lengths and types of the VMs */
	int *pending;               /* VMs still to arrive, by (arrival time, id) */
	int n_pending, next_pending;

	struct consolidation *cons; /* consolidating policies only */
	struct rng rng;
	struct migrations mig;      /* the migrations under way, their counts, the hosts they touch */
	bool chain;                 /* the periodic event chain goes on */
	double security_energy_ws;  /* energy of the crypto load on the hosts */
	double migration_energy_ws; /* see sim_result.migration_energy_kwh */
	struct timeline_row *timeline;
	int n_timeline, cap_timeline;
	/* sim_timings: seconds in sim_create, in the host updates, the completions (but their
	 * updates), the starts (but their updates), and in every step in all; completion instants */
	double tm_build, tm_updates, tm_completions, tm_starts, tm_total;
	long tm_instants;

	/* [power] states (pstate.h, doc/power-states.md); NULL without them */
	struct pstate_host *ps;
	struct pstate_params *pp;   /* per host: its type's transitions and powers */
	double *empty_since;        /* per host: on without VMs since then (NAN: not so) */
	unsigned char *avoid;       /* ctx.avoid: off or shutting down */
	int *woke;                  /* hosts that came on at the instant of the last dc_update */
	double vm_wait_s;           /* VMs placed on hosts not on: their waits summed */
	/* [power] parts (power.h, doc/power-parts.md); NULL without them */
	const struct power_parts_params **parts; /* per host: its type's parts */
	double *mem_gb;             /* per host: its populated DRAM */
	double part_ws[PART_N];     /* energy of each part */
	double saved_ws;            /* energy the parts powered down saved */
	/* [facility] (facility.h, doc/facility.md) */
	bool fac;
	struct facility_params fp;  /* design_w resolved */
	struct series carbon, price;
	double facility_ws, co2_g, cost;
	/* [power] vm_energy (doc/power-parts.md#per-vm-energy); NULL without */
	struct vm_energy *vme;
	double unattributed_ws;
	/* memory (doc/memory.md#memory-as-a-resource); NULL and 0 without a memory series */
	double *mem;                /* every VM's memory series as fractions of its RAM, as util */
	double mem_used_sum_mb;     /* the datacenter's used memory summed over the steps */
	long mem_steps;
	double mem_host_peak;       /* the highest used share of a host's RAM at a step */
	double mem_migrated_mb;     /* used memory of the VMs whose migrations started */
	double mem_now_mb, mem_now_max; /* at the last step: used memory, highest host share */

	double next_time;         /* time of the next periodic step */
	double last_process_time; /* PowerDatacenter.lastProcessTime */
	double energy_ws;         /* PowerDatacenter.power */
	long steps;
	double stop_now, stop_min_time; /* sim_step's SIM_STOPPED: the step's instant and minTime */
	bool done;
	double end_time;          /* CloudSim's returned clock */
};

/* sim_power.c */

/* [facility]: its parameters and series. 0, or -1 with d filled. */
int sim_init_facility(struct sim *s, struct diag *d);
/* sim_build.c: s->dc's hosts, then its VMs from the workload and trace t (their CPU and, where t
 * has one, memory series). 0, or -1 with a message in d. */
int sim_build_hosts(struct sim *s, struct diag *d);
int sim_build_vms(struct sim *s, const struct trace_set *t, struct diag *d);
/* A run over several days: makes the samples of the instant now held (reading the next day when
 * the clock enters a day). 0, or -1 with messages (a day missing, unreadable or unlike the first). */
int sim_days_advance(struct sim *s, double now, struct diag *d);
/* [power] parts: each host's parts and DRAM, checked against its idle power. 0 or -1. */
int sim_init_parts(struct sim *s, struct diag *d);
/* [power] states: every host on, its type's transitions; ctx.avoid set. 0 or -1 (out of memory). */
int sim_init_pstates(struct sim *s, struct diag *d);
/* Brings host h's placement mark and stall flag in line with its state. */
void sim_ps_mark(struct sim *s, int h);
/* Host h gets a VM at `now`: powered on if it is not. Returns how long the VM waits (0 if on). */
double sim_ps_want(struct sim *s, int h, double now);
/* The on hosts without VMs for idle_before_s go down at `now`. */
void sim_ps_idle_check(struct sim *s, double now);
/* The earliest time a boot or wake under way ends (DBL_MAX: none). */
double sim_ps_next(const struct sim *s);
/* dc_update's energy of [lastProcessTime, now] (time_diff s) with power states; the hosts that
 * come on go to s->woke (*n_woke). With *err set (a host above 100 %) the frame is partial. */
double sim_ps_energy(struct sim *s, double now, double time_diff, int *n_woke, struct diag *d,
		     int *err);
/* The same without power states: CloudSim's energy of the hosts not quiet. */
double sim_dc_energy(struct sim *s, double now, double time_diff, struct diag *d, int *err);
/* PowerDatacenterNonPowerAware's energy: every host at full power over time_diff s. */
double sim_npa_energy(struct sim *s, double time_diff);
/* [facility]: the facility energy, emissions and cost of it_ws of IT energy over [t0, t1]. */
void sim_fac_account(struct sim *s, double it_ws, double t0, double t1);
/* A timeline row at the end of a scheduling step (preallocated: one per step). */
void sim_record_timeline(struct sim *s, double now, int over, int started);

#endif
