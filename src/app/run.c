/*
 * run: one run of an experiment, in CloudSim 3.0.3's model (sim.h) or the 2010 model
 * (model2010.h); see run.h.
 */
#include "run.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "model2010.h"
#include "plugin.h"
#include "report.h"
#include "select.h"
#include "stopwatch.h"

/*
 * The policy's own parser (policy_params, policy.c) is the one place a --param is read: here
 * to reject a bad one before anything runs (the engines read it again where the run starts).
 */
int run_prepare(struct experiment *e, const struct gm_policy **pp, struct diag *d)
{
	/* Lines of the experiment file for the values it gave (not an option's or --set's). */
	int pl = config_line(&e->policy_from, e->policy), sl = config_line(&e->selection_from, e->selection);
	int ml = config_line(&e->param_from, e->param);
	const char *pf = pl > 0 ? e->file : NULL, *sf = sl > 0 ? e->file : NULL, *mf = ml > 0 ? e->file : NULL;
	const struct gm_policy *p;
	if (plugin_is_path(e->policy)) {
		/* a plugin: loaded (once per process, whichever thread asks first) and then known by
		 * its policy's own name, which the stats and reports give */
		char msg[DIAG_MSG_LEN];
		if (plugin_load(e->policy, &p, msg, sizeof msg) != 0)
			return diag_add(d, pf, pl, 0, "%s", msg);
		snprintf(e->policy, sizeof e->policy, "%s", p->name);
	}
	p = plugin_find(e->policy);
	if (p == NULL)
		return diag_add(d, pf, pl, 0, "unknown policy '%s'; valid: %s, or a plugin's path "
				"(doc/policy-api.md)", e->policy, policy_names());
	if (!policy_runs_in(p, e->model))
		return diag_add(d, pf, pl, 0, "policy %s runs in %s only; this experiment sets simulation.model = %s",
				p->name,
				policy_runs_in(p, MODEL_2010) ? "simulation.model = 2010 (examples/paper2010.ini)"
							      : "simulation.model = cloudsim3",
				e->model == MODEL_2010 ? "2010" : "cloudsim3");
	if (p->param_help == NULL && e->param[0] != '\0')
		return diag_add(d, mf, ml, 0, "policy %s takes no parameter (got %s '%s')", p->name,
				ml > 0 ? "policy.param" : "--param", e->param);
	if (e->model == MODEL_2010 || p->optimize != NULL || p->select != NULL || !p->migrations) {
		if (e->selection[0] != '\0') {
			if (e->model == MODEL_2010)
				return diag_add(d, sf, sl, 0, "the 2010 model takes no VM selection (MM, HPG "
						"and RC are policies; got '%s')", e->selection);
			if (!p->migrations)
				return diag_add(d, sf, sl, 0, "policy %s migrates no VM and takes no VM "
						"selection (got '%s')", p->name, e->selection);
			return diag_add(d, sf, sl, 0, "policy %s has its own VM selection and takes no "
					"%s (got '%s')", p->name, sl > 0 ? "policy.selection" : "--selection",
					e->selection);
		}
	} else {
		if (e->selection[0] == '\0')
			snprintf(e->selection, sizeof e->selection, "mmt");
		if (selection_find(e->selection) == NULL)
			return diag_add(d, sf, sl, 0, "unknown VM selection '%s'; valid: %s", e->selection,
					selection_names());
	}
	if (e->param[0] == '\0' && p->default_param != NULL && (p->migrations || p->n_params > 0))
		snprintf(e->param, sizeof e->param, "%s", p->default_param);
	if (p->n_params > 0) {
		double v[GM_MAX_PARAMS];
		char msg[DIAG_MSG_LEN];
		if (policy_params(p, e->param, v, msg, sizeof msg) < 0)
			return diag_add(d, mf, ml, 0, "%s", msg);
	}
	*pp = p;
	return 0;
}

void run_result2010(const struct model2010_result *m, struct run_result *r)
{
	memset(r, 0, sizeof *r);
	r->sim.hosts = m->hosts;
	r->sim.vms = m->vms;
	r->sim.sim_time_s = m->sim_time_s;
	r->sim.energy_kwh = m->energy_kwh;
	r->sim.migrations = m->migrations;
	r->sim.migration_time_s = NAN;
	r->sim.migration_energy_kwh = NAN;
	r->m.slav = r->m.slatah = r->m.pdm = r->m.sla_average = NAN;
	r->m.sla_overall = m->sla_overall;
	r->m.mean_time_before_host_shutdown_s = r->m.stdev_time_before_host_shutdown_s = NAN;
	r->m.mean_time_before_vm_migration_s = r->m.stdev_time_before_vm_migration_s = NAN;
	r->sim.unplaced_vms = m->unplaced_vms;
	r->sim.steps = m->ticks;
	r->mean_active_hosts = m->mean_active_hosts;
	r->sim.sla2010_violation_pct = m->sla_violation_pct;
	r->sim.sla2010_average_pct = m->sla_average_pct;
	r->sim.hosts_retired = m->hosts_retired;
	r->sim.hosts_evacuated = m->hosts_evacuated;
	r->sim.hosts_drained = m->hosts_drained;
	r->sim.placement_invocations = m->placement_invocations;
	r->sim.placement_hosts_mean = m->placement_hosts_mean;
	r->sim.placement_planned = m->placement_planned;
	r->sim.placement_done = m->placement_done;
	r->sim.placement_infeasible = m->placement_infeasible;
}

int run_once(const struct experiment *e, const struct gm_policy *p, const struct trace_set *t,
	     struct run_result *r, struct diag *d)
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
	struct run_sim rs;
	int rc = run_day(e, t, &rs, r, d);
	r->sim.unplaced = NULL;
	r->sim.metric_history = NULL;
	r->m.shutdown_times = NULL;
	r->m.migration_times = NULL;
	run_sim_destroy(&rs);
	return rc;
}

int run_seeds(struct experiment *e, const struct gm_policy *p, long n, struct run_result *r,
	      uint64_t *seeds, struct diag *d)
{
	uint64_t first = e->seed;
	int rc = 0;
	for (long i = 0; i < n && rc == 0; i++) {
		e->seed = first + (uint64_t)i;
		seeds[i] = e->seed;
		rc = run_once(e, p, NULL, &r[i], d);
	}
	e->seed = first;
	return rc;
}

char *run_resolve_day(const struct experiment *e, struct diag *d)
{
	struct diag why;
	diag_init(&why);
	char *day_path = trace_resolve_day(e->traces, e->day[0] ? e->day : NULL, &why);
	if (day_path == NULL) {
		/* a day the experiment file gives and the folder lacks: at the file's line */
		int dl = config_line(&e->day_from, e->day);
		for (int i = 0; i < why.count; i++)
			if (dl > 0 && strstr(why.msg[i], ": has no day '") != NULL)
				diag_add(d, e->file, dl, 0, "workload.day: %s", why.msg[i]);
			else
				diag_add(d, NULL, 0, 0, "%s", why.msg[i]);
	}
	return day_path;
}

struct trace_set *run_read_trace(const struct experiment *e, const char *day_path, size_t max_vms,
				 struct diag *d)
{
	if (e->days <= 1)
		return trace_read(day_path, max_vms, d);
	if (strcmp(day_path, e->traces) == 0) {
		diag_add(d, e->file[0] && e->days_line > 0 ? e->file : NULL, e->days_line, 0,
			 "workload.days = %ld needs a folder of days (traces = %s is one day)", e->days,
			 e->traces);
		return NULL;
	}
	return trace_read_days(e->traces, e->day, (size_t)e->days, d);
}

struct trace_set *run_read_day(const struct experiment *e, struct diag *d)
{
	char *day_path = run_resolve_day(e, d);
	if (day_path == NULL)
		return NULL;
	struct trace_set *t = run_read_trace(e, day_path, (size_t)e->vms, d);
	free(day_path);
	return t;
}

int run_sim_create(struct run_sim *rs, const struct experiment *e, const struct trace_set *t,
		   struct diag *d)
{
	rs->metrics = NULL;
	rs->sim = sim_create(e, t, d);
	if (rs->sim == NULL)
		return 1;
	const struct datacenter *dc = sim_datacenter(rs->sim);
	rs->metrics = metrics_create(dc->n_hosts, dc->n_vms);
	int lane = 0;
	struct history_sink sink;
	while (rs->metrics != NULL && lane < sim_lanes(rs->sim) &&
	       metrics_sink_lane(rs->metrics, lane, &sink) == 0)
		sim_attach_sink(rs->sim, lane++, &sink);
	if (lane < sim_lanes(rs->sim)) {
		run_sim_destroy(rs);
		return diag_add(d, NULL, 0, 0, "out of memory");
	}
	return 0;
}

int run_sim_result(struct run_sim *rs, struct run_result *r, struct diag *d)
{
	memset(r, 0, sizeof *r);
	sim_result(rs->sim, &r->sim);
	if (metrics_finish(rs->metrics, &r->m) != 0)
		return diag_add(d, NULL, 0, 0, "out of memory");
	double span = r->sim.history_span_s;
	r->mean_active_hosts = span > 0 ? r->m.active_host_seconds / span : 0.0;
	return 0;
}

void run_sim_destroy(struct run_sim *rs)
{
	sim_destroy(rs->sim);
	metrics_destroy(rs->metrics);
	rs->sim = NULL;
	rs->metrics = NULL;
}

int run_day(const struct experiment *e, const struct trace_set *t, struct run_sim *rs,
	    struct run_result *r, struct diag *d)
{
	int rc = run_sim_create(rs, e, t, d);
	if (rc != 0)
		return rc;
	rc = sim_run(rs->sim, d);
	if (rc == -2)
		return 1; /* bad input: a day of a trace over several days */
	return rc == 0 && run_sim_result(rs, r, d) == 0 ? 0 : -1;
}

struct timeline_out {
	const struct timeline_row *rows;
	int n;
	unsigned models;
};

static int write_timeline(FILE *f, const void *ctx)
{
	const struct timeline_out *t = ctx;
	return report_timeline(f, t->rows, t->n, t->models);
}

struct vm_energy_out {
	const struct vm_energy *rows;
	int n;
};

static int write_vm_energy(FILE *f, const void *ctx)
{
	const struct vm_energy_out *v = ctx;
	return report_vm_energy(f, v->rows, v->n);
}

int run_write(const struct run_outputs *o, const struct experiment *e, const struct gm_policy *p,
	      const struct sim *s, const struct run_result *r, const char *day, struct diag *d)
{
	int rc = 0;
	if (o->stats != NULL && report_stats_file(o->stats, e, day, r, d) != 0)
		rc = -1;
	if (o->timeline != NULL) {
		struct timeline_out to;
		to.rows = sim_timeline(s, &to.n);
		to.models = report_models_of_run(e, r);
		if (report_write_file(o->timeline, write_timeline, &to, d) != 0)
			rc = -1;
	}
	if (o->cloudsim_out != NULL && report_cloudsim(o->cloudsim_out, e, day, r, p->migrations, d) != 0)
		rc = -1;
	if (o->vm_energy != NULL) {
		struct vm_energy_out v;
		v.rows = sim_vm_energy(s, &v.n);
		if (report_write_file(o->vm_energy, write_vm_energy, &v, d) != 0)
			rc = -1;
	}
	return rc;
}

/* --timings: the run's phases (sim_timings) between the trace's reading and the metrics' fold */
struct timings_out {
	struct sim_timings t;
	double load_s;    /* reading the trace day */
	double metrics_s; /* run_day less the simulation's own time: the metrics' records and fold */
	int hosts, vms, threads;
};

static int write_timings(FILE *f, const void *ctx)
{
	const struct timings_out *o = ctx;
	const struct sim_timings *t = &o->t;
	const struct consolidation_timings *c = &t->cons;
	double total = o->load_s + t->total_s + o->metrics_s;
	int w = fprintf(f, "item,value,unit\nload,%.6f,s\n", o->load_s) < 0;
	for (int k = 0; k < SIM_PHASES; k++)
		w |= fprintf(f, "%s,%.6f,s\n", sim_phase_name((enum sim_phase)k), t->phase_s[k]) < 0;
	w |= fprintf(f, "metrics,%.6f,s\ntotal,%.6f,s\n", o->metrics_s, total) < 0;
	w |= fprintf(f, "hosts,%d,count\nvms,%d,count\nthreads,%d,count\nsteps,%ld,count\n"
		     "completion_instants,%ld,count\n", o->hosts, o->vms, o->threads, t->steps, t->instants) < 0;
	w |= fprintf(f, "overload_calls,%ld,count\noverload_placed,%ld,count\nunderload_hosts,%ld,count\n"
		     "underload_failed,%ld,count\nunderload_calls,%ld,count\nunderload_placed,%ld,count\n",
		     c->overload_calls, c->overload_placed, c->underload_hosts, c->underload_failed,
		     c->underload_calls, c->underload_placed) < 0;
	return w ? -1 : 0;
}

static void warn(const struct run_request *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void warn(const struct run_request *q, const char *fmt, ...)
{
	if (q->warn == NULL)
		return;
	char msg[DIAG_MSG_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	q->warn(q->ctx, msg);
}

static int summary_done(const struct run_request *q, int w, struct diag *d)
{
	if (w != 0 || fflush(q->summary) != 0)
		return diag_add(d, NULL, 0, 0, "write error: %s", strerror(errno));
	return 0;
}

/* The 2010 model: q->seeds runs (at least one). */
static int run_2010(struct experiment *e, const struct gm_policy *p, const struct run_request *q,
		    struct diag *d)
{
	long n = q->seeds > 0 ? q->seeds : 1;
	struct run_result *rs = calloc((size_t)n, sizeof *rs);
	uint64_t *seeds = calloc((size_t)n, sizeof *seeds);
	int rc = rs == NULL || seeds == NULL ? diag_add(d, NULL, 0, 0, "out of memory")
					     : run_seeds(e, p, n, rs, seeds, d);
	if (rc == 0 && rs[0].sim.unplaced_vms > 0)
		warn(q, "warning: %ld VMs fit on no host at t = 0 and are not simulated (stats: unplaced_vms)",
		     rs[0].sim.unplaced_vms);
	if (rc == 0 && q->out.stats != NULL &&
	    report_stats_rows_file(q->out.stats, e, "stochastic", rs, seeds, (int)n, d) != 0)
		rc = -1;
	if (rc == 0 && q->summary != NULL)
		rc = summary_done(q, q->seeds > 0 ? report_seeds_summary(q->summary, e, rs, seeds, (int)n)
						  : report_summary(q->summary, e, "stochastic", &rs[0]), d);
	free(rs);
	free(seeds);
	return rc;
}

/*
 * Runs e with p on day t with security.enabled = no then yes into r[0] and r[1]; e is left as it
 * was. 0; 1 on bad input, -1 on other errors, with a message in d.
 */
static int run_security_pair(struct experiment *e, const struct gm_policy *p,
			     const struct trace_set *t, struct run_result r[2], struct diag *d)
{
	bool was = e->security.enabled;
	int rc = 0;
	for (int k = 0; k < 2 && rc == 0; k++) {
		e->security.enabled = k == 1;
		rc = run_once(e, p, t, &r[k], d);
	}
	e->security.enabled = was;
	return rc;
}

/* A trace day: the security comparison's two runs and their difference. */
static int run_compare(struct experiment *e, const struct gm_policy *p, const struct trace_set *t,
		       const struct run_request *q, struct diag *d)
{
	struct run_result r[2];
	uint64_t seeds[2] = { e->seed, e->seed };
	int rc = run_security_pair(e, p, t, r, d);
	if (rc == 0 && q->out.stats != NULL && report_stats_rows_file(q->out.stats, e, t->day, r, seeds, 2, d) != 0)
		rc = -1;
	if (rc == 0 && q->summary != NULL) {
		struct security_diff diff;
		compare_security_diff(r, &diff);
		if (report_security_compare(q->summary, e, t->day, r, &diff) != 0 || fflush(q->summary) != 0)
			rc = -1; /* no message: as before, a failed summary is only the exit status */
	}
	return rc;
}

int run_command(struct experiment *e, const struct gm_policy *p, const struct run_request *q,
		struct diag *d)
{
	if (e->model == MODEL_2010)
		return run_2010(e, p, q, d);
	double t0 = stopwatch_now();
	struct trace_set *t = run_read_day(e, d);
	if (t == NULL)
		return 1;
	struct timings_out tm;
	memset(&tm, 0, sizeof tm);
	tm.load_s = stopwatch_now() - t0;
	if (q->compare_security) {
		int rc = run_compare(e, p, t, q, d);
		trace_destroy(t);
		return rc;
	}
	struct run_sim rs;
	struct run_result r;
	t0 = stopwatch_now();
	int rc = run_day(e, t, &rs, &r, d);
	if (rc == 0 && q->out.timings != NULL) {
		sim_timings(rs.sim, &tm.t);
		tm.metrics_s = stopwatch_now() - t0 - tm.t.total_s;
		tm.metrics_s = tm.metrics_s > 0 ? tm.metrics_s : 0;
		tm.hosts = r.sim.hosts;
		tm.vms = r.sim.vms;
		tm.threads = sim_lanes(rs.sim);
	}
	if (rc == 0) {
		for (long i = 0; i < r.sim.unplaced_vms && i < 10; i++)
			warn(q, "warning: VM %d (%s) fits on no host at t = 0; it is not simulated", r.sim.unplaced[i],
			     t->names[r.sim.unplaced[i]]);
		if (r.sim.unplaced_vms > 10)
			warn(q, "warning: ... %ld VMs in all fit nowhere (stats: unplaced_vms)", r.sim.unplaced_vms);
		rc = run_write(&q->out, e, p, rs.sim, &r, t->day, d);
		if (q->out.timings != NULL && report_write_file(q->out.timings, write_timings, &tm, d) != 0)
			rc = -1;
		if (q->summary != NULL && summary_done(q, report_summary(q->summary, e, t->day, &r), d) != 0)
			rc = -1;
	}
	run_sim_destroy(&rs);
	trace_destroy(t);
	return rc;
}
