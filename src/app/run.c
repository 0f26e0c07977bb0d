/*
 * run: one run of an experiment, in CloudSim 3.0.3's model (sim.h) or the 2010 model
 * (model2010.h); see run.h.
 */
#include "run.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model2010.h"
#include "select.h"

int run_prepare(struct experiment *e, const struct gm_policy **pp, struct diag *d)
{
	const struct gm_policy *p = policy_find(e->policy);
	if (p == NULL)
		return diag_add(d, NULL, 0, 0, "unknown policy '%s'; valid: %s", e->policy, policy_names());
	if (!policy_runs_in(p, e->model))
		return diag_add(d, NULL, 0, 0, "policy %s runs in %s only; this experiment sets simulation.model = %s",
				p->name,
				policy_runs_in(p, MODEL_2010) ? "simulation.model = 2010 (examples/paper2010.ini)"
							      : "simulation.model = cloudsim3",
				e->model == MODEL_2010 ? "2010" : "cloudsim3");
	if (p->param_help == NULL && e->param[0] != '\0')
		return diag_add(d, NULL, 0, 0, "policy %s takes no parameter (got --param '%s')", p->name,
				e->param);
	if (e->model == MODEL_2010 || p->optimize != NULL || p->select != NULL || !p->migrations) {
		if (e->selection[0] != '\0') {
			if (e->model == MODEL_2010)
				return diag_add(d, NULL, 0, 0, "the 2010 model takes no VM selection (MM, HPG "
						"and RC are policies; got '%s')", e->selection);
			if (!p->migrations)
				return diag_add(d, NULL, 0, 0, "policy %s migrates no VM and takes no VM "
						"selection (got '%s')", p->name, e->selection);
			return diag_add(d, NULL, 0, 0, "policy %s has its own VM selection and takes no "
					"--selection (got '%s')", p->name, e->selection);
		}
	} else {
		if (e->selection[0] == '\0')
			snprintf(e->selection, sizeof e->selection, "mmt");
		if (selection_find(e->selection) == NULL)
			return diag_add(d, NULL, 0, 0, "unknown VM selection '%s'; valid: %s", e->selection,
					selection_names());
	}
	if (e->param[0] == '\0' && p->default_param != NULL && (p->migrations || p->n_params > 0))
		snprintf(e->param, sizeof e->param, "%s", p->default_param);
	if (p->n_params > 0) {
		double v[GM_MAX_PARAMS];
		char msg[DIAG_MSG_LEN];
		if (policy_params(p, e->param, v, msg, sizeof msg) < 0)
			return diag_add(d, NULL, 0, 0, "%s", msg);
	}
	*pp = p;
	return 0;
}

void run_result2010(const struct model2010_result *m, struct sim_result *r)
{
	memset(r, 0, sizeof *r);
	r->hosts = m->hosts;
	r->vms = m->vms;
	r->sim_time_s = m->sim_time_s;
	r->energy_kwh = m->energy_kwh;
	r->migrations = m->migrations;
	r->migration_time_s = NAN;
	r->migration_energy_kwh = NAN;
	r->m.slav = r->m.slatah = r->m.pdm = r->m.sla_average = NAN;
	r->m.sla_overall = m->sla_overall;
	r->m.mean_time_before_host_shutdown_s = r->m.stdev_time_before_host_shutdown_s = NAN;
	r->m.mean_time_before_vm_migration_s = r->m.stdev_time_before_vm_migration_s = NAN;
	r->unplaced_vms = m->unplaced_vms;
	r->steps = m->ticks;
	r->mean_active_hosts = m->mean_active_hosts;
	r->sla2010_violation_pct = m->sla_violation_pct;
	r->sla2010_average_pct = m->sla_average_pct;
	r->hosts_retired = m->hosts_retired;
	r->hosts_evacuated = m->hosts_evacuated;
	r->hosts_drained = m->hosts_drained;
	r->placement_invocations = m->placement_invocations;
	r->placement_hosts_mean = m->placement_hosts_mean;
	r->placement_planned = m->placement_planned;
	r->placement_done = m->placement_done;
	r->placement_infeasible = m->placement_infeasible;
}

int run_once(const struct experiment *e, const struct gm_policy *p, const struct trace_set *t,
	     struct sim_result *r, struct diag *d)
{
	if (e->model == MODEL_2010) {
		struct model2010 *m = model2010_create(e, p, d);
		if (m == NULL)
			return 1;
		struct model2010_result mr;
		int rc = model2010_run(m, &mr, d);
		if (rc == 0)
			run_result2010(&mr, r);
		model2010_destroy(m);
		return rc;
	}
	struct sim *s = sim_create(e, t, d);
	if (s == NULL)
		return 1;
	int rc = sim_run(s, d) == 0 && sim_result(s, r, d) == 0 ? 0 : -1;
	r->unplaced = NULL;
	r->metric_history = NULL;
	r->m.shutdown_times = NULL;
	r->m.migration_times = NULL;
	sim_destroy(s);
	return rc;
}
