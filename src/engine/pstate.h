/*
 * pstate: a host's power states and the energy of the states in which it runs no VM.
 *
 * CloudSim 3.0.3 has no power states: a host without load draws 0 W and takes a VM at once. With
 * [power] states = yes a host is ON, OFF or ASLEEP (suspended to RAM, ACPI S3), or in a timed
 * transition between them (doc/power-states.md):
 *
 *   OFF --boot (boot_s at boot_w)--> ON --shutdown (shutdown_s at shutdown_w)--> OFF
 *   ON --suspend (suspend_s at suspend_w)--> ASLEEP --wake (wake_s at wake_w)--> ON
 *
 * Only an ON host runs VMs. A request to power on during a shutdown or suspend is queued: the
 * transition completes, then the boot or wake starts (DISSECT-CF's rule, not CloudSim Plus's,
 * which drops it). Every state but ON draws a constant power; ON energy is the caller's (the
 * host's power model over its CPU utilization) and is only added to the accounts here.
 * Pure arithmetic over one host's record; units W, s, W*s.
 */
#ifndef GREENMIG_PSTATE_H
#define GREENMIG_PSTATE_H

#include <stdbool.h>

enum pstate {
	PSTATE_ON,
	PSTATE_BOOTING,
	PSTATE_WAKING,
	PSTATE_SHUTTING_DOWN,
	PSTATE_SUSPENDING,
	PSTATE_OFF,
	PSTATE_ASLEEP,
	PSTATE_N
};

/* One host type's transitions and powers (the [host.NAME] keys of the same names). */
struct pstate_params {
	double boot_s, boot_w;         /* OFF -> ON */
	double shutdown_s, shutdown_w; /* ON -> OFF */
	double off_w;                  /* OFF: the standby rail (BMC, wake-on-LAN) */
	double suspend_s, suspend_w;   /* ON -> ASLEEP */
	double sleep_w;                /* ASLEEP: DRAM in self-refresh, wake logic */
	double wake_s, wake_w;         /* ASLEEP -> ON */
};

struct pstate_host {
	enum pstate state;
	double until;           /* end of the transition in progress */
	bool then_on;           /* a shutdown or suspend in progress is followed by a boot or wake */
	double time_s[PSTATE_N];   /* time spent in each state */
	double energy_ws[PSTATE_N]; /* energy charged in each state (ON: what the caller added) */
	long boots, shutdowns, suspends, wakes; /* transitions started */
};

/* A host in state s (ON, OFF or ASLEEP) with empty accounts. */
void pstate_init(struct pstate_host *h, enum pstate s);

/* Constant power of a state other than ON (W); NaN for ON. */
double pstate_watts(const struct pstate_params *p, enum pstate s);

/* "on", "booting", ... */
const char *pstate_name(enum pstate s);

/*
 * The host is wanted ON at `now`: from OFF a boot starts, from ASLEEP a wake; a shutdown or
 * suspend in progress completes first. Returns the time at which it will be ON (now if it is; a
 * transition of 0 s completes at once).
 */
double pstate_power_on(struct pstate_host *h, const struct pstate_params *p, double now);

/* An ON host goes down at `now`: to ASLEEP (to_sleep) or OFF. No effect on a host not ON. */
void pstate_power_down(struct pstate_host *h, const struct pstate_params *p, double now, bool to_sleep);

/*
 * The energy (W*s) of [t0, t1] for a host that is not ON at t0, following the transitions that end
 * by t1 (those ending exactly at t1 complete too); added to the accounts. If the host reaches ON
 * before t1 the rest is charged at on_w (callers make every arrival at ON an instant of their own,
 * so that it does not happen). A host ON at t0 is charged on_w throughout.
 */
double pstate_advance(struct pstate_host *h, const struct pstate_params *p, double t0, double t1,
		      double on_w);

/* Adds ON time and energy computed by the caller. */
static inline void pstate_charge_on(struct pstate_host *h, double dt_s, double ws)
{
	h->time_s[PSTATE_ON] += dt_s;
	h->energy_ws[PSTATE_ON] += ws;
}

/* When the host will be ON if a boot or wake is under way or queued; else (ON, OFF, ASLEEP, or
 * going down for good) HUGE_VAL. */
double pstate_ready_at(const struct pstate_host *h, const struct pstate_params *p);

/* Whether a placement should pass the host over while another can take the VM: it is OFF or
 * shutting down (a sleeping host wakes faster and cheaper). */
static inline bool pstate_is_off(const struct pstate_host *h)
{
	return (h->state == PSTATE_OFF || h->state == PSTATE_SHUTTING_DOWN) && !h->then_on;
}

#endif
