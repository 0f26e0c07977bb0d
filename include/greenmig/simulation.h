/*
 * greenmig/simulation.h: a simulation stepped by the caller, for agents that place and migrate
 * VMs (the Python package's Simulation and environment are built on it). Create a simulation
 * from an experiment (CloudSim 3.0.3 engine runs), then step it: each step stops at the next
 * scheduling step (every 300 s of simulated time), after the hosts were updated and before the
 * step's migrations start, which is where a consolidation policy decides. There the caller
 * reads the observations into its own arrays and may act (gm_sim_migrate, gm_sim_switch_off,
 * gm_sim_switch_on): the engine checks each action as it checks a policy's (gm_migrate ...),
 * and the accepted migrations start when the next gm_sim_step resumes the run. gm_sim_finish
 * runs the rest without the caller and gives the result, as gm_run does.
 *
 *     gm_simulation *s = gm_sim_create(e, NULL, err, sizeof err);
 *     while (gm_sim_step(s, err, sizeof err) == 1) {
 *         gm_sim_hosts_observe(s, &obs);          // arrays the caller allocated
 *         if (...) gm_sim_migrate(s, vm, host, err, sizeof err);
 *     }
 *     gm_result *r = gm_sim_finish(s, err, sizeof err);
 *
 * The policy. The simulation runs any policy of CloudSim 3.0.3's engine (the experiment's, or
 * the one named) with the caller as the first part of its step: at each step the caller acts
 * first, then the policy decides as in a run, on the same allocation (the caller's migrations
 * have not started yet): its optimize hook (st, mm, drr, placement, fuzzy, a plugin's or a
 * Python policy's), or CloudSim's own loop (detector, VM selection, best fit: thr, iqr, mad, lr,
 * lrr), whose best fit avoids the hosts the caller holds off. That loop does not know the
 * caller's moves: it may pick a VM the caller moved, and then both migrations start, as for a VM
 * CloudSim's loop lists twice (the one that completes last decides where it is). A policy without migrations (dvfs, npa)
 * keeps its own placement (first fit for those). Stepped to the end without an action, a
 * simulation gives the policy's run to the bit.
 *
 * Threads: none of its own; a step is a call that returns at the next stop (the policy's hooks,
 * a Python policy's too, run on the caller's thread). Every function here must be called from
 * one thread at a time. A simulation is independent of other simulations and runs.
 */
#ifndef GREENMIG_SIMULATION_H
#define GREENMIG_SIMULATION_H

#include <stdbool.h>
#include <stddef.h>

#include <greenmig/experiment.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gm_simulation gm_simulation;

/*
 * A simulation of e (copied: e may be freed or changed afterwards) with policy (NULL: the
 * experiment's; a name, or a plugin's path). The VMs are placed at t = 0 already. NULL on bad
 * input (the message in err).
 */
gm_simulation *gm_sim_create(const gm_experiment *e, const char *policy, char *err, size_t n);

/*
 * Runs to the next scheduling step (the actions of the step before start first). 1: stopped at
 * a step; 0: the run is over; -1: the run failed (the message in err; the simulation can only
 * be freed).
 */
int gm_sim_step(gm_simulation *s, char *err, size_t n);

double gm_sim_time(const gm_simulation *s);  /* simulated time, s: 0 before the first step */
bool gm_sim_done(const gm_simulation *s);
int gm_sim_host_count(const gm_simulation *s);
int gm_sim_vm_count(const gm_simulation *s);
long gm_sim_steps(const gm_simulation *s);   /* scheduling steps stopped at so far */

/*
 * The hosts as of now, one value per host in each array the caller gives (NULL: not wanted).
 * A host's state: 0-2 for a host that is on (every host without [power] states); with [power]
 * states = yes (doc/power-states.md) a host that is not on has its power state, 3-8, whether or
 * not it is held off.
 */
enum gm_sim_host_state {
	GM_HOST_EMPTY = 0,         /* on, no VM: draws nothing without power states (CloudSim's idle
				    * hosts), its idle power with them */
	GM_HOST_ACTIVE = 1,        /* on, runs VMs (or one is on its way to it) */
	GM_HOST_HELD_OFF = 2,      /* on, gm_sim_switch_off: empty and kept so */
	GM_HOST_OFF = 3,           /* [power] states: off (its off_w) */
	GM_HOST_BOOTING = 4,       /* ... booting (VMs placed on it wait for it) */
	GM_HOST_WAKING = 5,        /* ... waking from sleep */
	GM_HOST_SHUTTING_DOWN = 6, /* ... shutting down */
	GM_HOST_SUSPENDING = 7,    /* ... going to sleep */
	GM_HOST_ASLEEP = 8,        /* ... asleep (suspended to RAM, its sleep_w) */
};
struct gm_sim_hosts {
	int *state;               /* enum gm_sim_host_state */
	double *utilization;      /* CPU utilization 0..1 (allocated / capacity) */
	double *requested_mips;   /* the sum of its VMs' requests */
	double *allocated_mips;   /* what its VM scheduler gave them */
	double *power_w;          /* its power now under the policy's energy rule (power states:
				   * its state's power, an on host at least its idle power) */
	long *ram_used_mb;
};
void gm_sim_hosts_observe(const gm_simulation *s, const struct gm_sim_hosts *out);

/* The VMs as of now. */
struct gm_sim_vms {
	int *host;                /* -1: on none (not placed yet, or finished) */
	double *requested_mips;   /* its current request, all PEs */
	double *allocated_mips;   /* what its host gives it (0 on none) */
	long *ram_mb;
	unsigned char *migrating; /* 1: migrating now */
};
void gm_sim_vms_observe(const gm_simulation *s, const struct gm_sim_vms *out);

/*
 * The step's energy and SLA terms: since the previous stop (the first: since t = 0). The SLA
 * terms are those of the moment, as CloudSim's SLA metrics count them: the MIPS requested but
 * not allocated, the hosts at 100 % with demand unmet (SLATAH's numerator), and the migrations
 * started at the previous step (PDM's cause).
 */
struct gm_sim_step_info {
	double t_s;                  /* now */
	double energy_kwh;           /* since the previous stop */
	double energy_total_kwh;     /* since t = 0 */
	double requested_mips;       /* all VMs' requests now */
	double unmet_mips;           /* sum over the VMs of requested - allocated, where positive */
	int saturated_hosts;         /* hosts whose VMs request more than their capacity */
	int active_hosts;
	long migrations_started;     /* at the previous stop (the caller's and the policy's) */
	long migrations_total;       /* since t = 0 */
};
void gm_sim_info(const gm_simulation *s, struct gm_sim_step_info *out);

/*
 * Actions, at a stop only (after gm_sim_step returned 1). 0, or -1 with the engine's message in
 * err: no such VM or host, VM not placed or migrating or already scheduled, on that host
 * already, host held off, image larger than the host's storage (migrate); host not empty or
 * with VMs on their way (switch off); not at a stop, run over.
 */
int gm_sim_migrate(gm_simulation *s, int vm, int host, char *err, size_t n);
int gm_sim_switch_off(gm_simulation *s, int host, char *err, size_t n);
int gm_sim_switch_on(gm_simulation *s, int host, char *err, size_t n);

/*
 * Runs what is left without stopping and gives the run's result (every stats column, the
 * timeline: as gm_run's; the policy column names the simulation's policy). NULL on failure (the
 * message in err). Then only gm_sim_free is allowed.
 */
gm_result *gm_sim_finish(gm_simulation *s, char *err, size_t n);

/* Stops the run wherever it is and frees everything. */
void gm_sim_free(gm_simulation *s);

#ifdef __cplusplus
}
#endif

#endif
