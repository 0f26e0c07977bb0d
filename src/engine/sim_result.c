/*
 * sim_result: what a run gives back (part of the sim module, sim_internal.h): its results
 * (sim_result) and where its wall time went (sim_timings).
 */
#include "sim_internal.h"

#include <math.h>
#include <string.h>

#include "consolidation.h"

void sim_result(const struct sim *s, struct sim_result *r)
{
	memset(r, 0, sizeof *r);
	r->hosts = s->dc->n_hosts;
	r->vms = s->dc->n_vms;
	r->sim_time_s = s->end_time;
	r->energy_kwh = s->energy_ws / (3600 * 1000);
	r->migrations = s->mig.started;
	r->migration_time_s = s->mig.time_s;
	r->migration_energy_kwh = s->migration_energy_ws / (3600 * 1000);
	r->unplaced_vms = s->n_unplaced;
	r->unplaced = s->unplaced;
	r->steps = s->steps;
	r->sla2010_violation_pct = NAN;
	r->sla2010_average_pct = NAN;
	r->security_time_s = s->mig.security_time_s;
	r->security_downtime_s = s->mig.security_downtime_s;
	r->security_bytes = s->mig.security_bytes;
	r->security_energy_kwh = s->security_energy_ws / (3600 * 1000);
	r->downtime_s = s->mig.downtime_s;
	if (s->mig.net != NULL) {
		/* [network]: its totals over the run so far; the traffic's switch energy is migration
		 * energy too */
		r->network = true;
		double off_s = 0; /* [power] states: host-seconds off, when their ports are idle */
		for (int h = 0; s->ps != NULL && h < s->dc->n_hosts; h++)
			off_s += s->ps[h].time_s[PSTATE_OFF];
		netmig_totals(s->mig.net, s->end_time > 0 ? s->end_time : s->last_process_time, off_s, &r->net);
		r->migration_energy_kwh += r->net.switch_dynamic_kwh;
	}
	if (s->vme != NULL) {
		r->vm_energy = true;
		double sum = 0;
		for (int v = 0; v < s->dc->n_vms; v++)
			sum += s->vme[v].idle_ws + s->vme[v].dynamic_ws + s->vme[v].wait_ws;
		r->vm_energy_kwh = sum / (3600 * 1000);
		r->unattributed_kwh = s->unattributed_ws / (3600 * 1000);
	}
	if (s->fac) {
		r->facility = true;
		r->facility_kwh = s->facility_ws / (3600 * 1000);
		r->co2_kg = s->co2_g / 1000;
		r->cost = s->cost;
	}
	if (s->parts != NULL) {
		r->power_parts = true;
		for (int k = 0; k < PART_N; k++)
			r->part_kwh[k] = s->part_ws[k] / (3600 * 1000);
		r->parts_saved_kwh = s->saved_ws / (3600 * 1000);
	}
	if (s->ps != NULL) {
		r->power_states = true;
		for (int h = 0; h < s->dc->n_hosts; h++) {
			const struct pstate_host *p = &s->ps[h];
			for (int k = 0; k < PSTATE_N; k++) {
				r->state_time_s[k] += p->time_s[k];
				r->state_energy_kwh[k] += p->energy_ws[k] / (3600 * 1000);
			}
			r->boots += p->boots;
			r->shutdowns += p->shutdowns;
			r->suspends += p->suspends;
			r->wakes += p->wakes;
		}
		r->vm_wait_s = s->vm_wait_s;
		r->migration_wait_s = s->mig.wait_s;
	}
	struct gm_counts k = { 0 };
	if (s->policy->counts != NULL)
		s->policy->counts(&s->ctx, &k);
	r->hosts_retired = k.hosts_retired;
	r->hosts_evacuated = k.hosts_evacuated;
	r->hosts_drained = k.hosts_drained;
	r->placement_invocations = k.placement_invocations;
	r->placement_planned = k.placement_planned;
	r->placement_done = k.placement_done;
	r->memory = s->dc->memory;
	r->mem_used_gb_mean = s->mem_steps > 0 ? s->mem_used_sum_mb / (double)s->mem_steps / 1024 : 0;
	r->mem_host_peak = s->mem_host_peak;
	r->mem_migrated_gb = s->mem_migrated_mb / 1024;
	r->placement_infeasible = k.placement_infeasible;
	long feasible = k.placement_invocations - k.placement_infeasible;
	r->placement_hosts_mean = feasible > 0 ? k.placement_hosts_sum / (double)feasible : NAN;
	if (s->cons != NULL) {
		r->metric_history = consolidation_metrics(s->cons);
		r->metric_hosts = s->dc->n_hosts < CONSOLIDATION_METRIC_HOSTS ? s->dc->n_hosts
									       : CONSOLIDATION_METRIC_HOSTS;
	}
	double span = s->last_process_time - (0.1 + s->e->scheduling_interval_s);
	r->history_span_s = span > 0 ? span : 0.0;
}

static const char *const phase_names[SIM_PHASES] = {
	[SIM_PHASE_BUILD] = "build",           [SIM_PHASE_HOST_UPDATES] = "host_updates",
	[SIM_PHASE_COMPLETIONS] = "completions", [SIM_PHASE_DETECT] = "detect",
	[SIM_PHASE_OVERLOAD] = "overload",     [SIM_PHASE_UNDERLOAD] = "underload",
	[SIM_PHASE_RESTORE] = "restore",       [SIM_PHASE_HOOK] = "policy_hook",
	[SIM_PHASE_STARTS] = "starts",         [SIM_PHASE_OTHER] = "other",
};

const char *sim_phase_name(enum sim_phase p)
{
	return p >= 0 && p < SIM_PHASES ? phase_names[p] : "?";
}

void sim_timings(const struct sim *s, struct sim_timings *out)
{
	memset(out, 0, sizeof *out);
	if (s->cons != NULL)
		consolidation_timings(s->cons, &out->cons);
	double *ph = out->phase_s;
	ph[SIM_PHASE_BUILD] = s->tm_build;
	ph[SIM_PHASE_HOST_UPDATES] = s->tm_updates;
	ph[SIM_PHASE_COMPLETIONS] = s->tm_completions;
	ph[SIM_PHASE_DETECT] = out->cons.detect_s;
	ph[SIM_PHASE_OVERLOAD] = out->cons.overload_s;
	ph[SIM_PHASE_UNDERLOAD] = out->cons.underload_s;
	ph[SIM_PHASE_RESTORE] = out->cons.restore_s;
	ph[SIM_PHASE_HOOK] = out->cons.hook_s;
	ph[SIM_PHASE_STARTS] = s->tm_starts;
	double known = 0;
	for (int k = 0; k < SIM_PHASE_OTHER; k++)
		known += ph[k];
	/* (each phase is an interval inside the total's: the rest is not negative but for the
	 * clock's rounding) */
	ph[SIM_PHASE_OTHER] = s->tm_total > known ? s->tm_total - known : 0;
	out->total_s = known + ph[SIM_PHASE_OTHER];
	out->steps = s->steps;
	out->instants = s->tm_instants;
}
