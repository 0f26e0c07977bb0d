/*
 * api_sim: the public stepping API (<greenmig/simulation.h>). A step is a plain call: the
 * engine's sim_step runs to the next scheduling step and returns there, before the policy
 * decides (sim.h's SIM_STOPPED: the consolidation's step is open), and the next gm_sim_step
 * first finishes that step (sim_resume: the policy decides, the migrations start). While the run
 * is stopped there, the caller reads the datacenter and calls the policy actions (gm_migrate ...)
 * on the run's gm_ctx, exactly as a policy's optimize hook would, so the engine checks them as it
 * checks a policy's. Then the policy decides as in any run: its optimize hook, or CloudSim's loop
 * (detector, VM selection, best fit).
 *
 * A policy without migrations has no consolidation, hence no step to stop at: it runs wrapped in
 * a registered policy named "<policy>+agent" (one per wrapped policy, for the process's life)
 * with migrations, its own placement (or first fit) and an optimize that decides nothing (the
 * engine does not call it: sim_set_agent's alone). The result names the wrapped policy.
 */
#include <greenmig/simulation.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "config.h"
#include "ctx.h"
#include "datacenter.h"
#include "plugin.h"
#include "power.h"
#include "pstate.h"
#include "run.h"
#include "sim.h"
#include "trace.h"

#define AGENT_MAX 16
#define AGENT_SUFFIX "+agent"

struct agent {
	struct gm_policy p; /* first: the engine's ctx->policy points here */
	const struct gm_policy *base;
	char name[96];
};

static struct agent agents[AGENT_MAX];
static int n_agents;
static pthread_mutex_t agents_lock = PTHREAD_MUTEX_INITIALIZER;

struct gm_simulation {
	struct experiment *e;       /* the run's copy: policy is the agent's name */
	char base_name[CONFIG_PATH_LEN];
	struct trace_set *t;
	struct run_sim rs;
	const struct datacenter *dc;
	const struct pstate_host *ps;   /* [power] states (NULL: none) */
	const struct pstate_params *pp;
	enum gm_energy energy;
	bool alone;      /* the wrapper of a policy without migrations: only the caller decides */
	bool finished, over;
	bool at_stop;    /* sim_step returned SIM_STOPPED: the caller has the step */
	int rc;          /* the run's end: 0, or sim_step's -1 or -2 */
	struct diag d;   /* the run's messages */
	gm_ctx *ctx;     /* the run's */
	double now;
	long stops;
	double energy_prev, energy_now; /* kWh at the previous stop and now */
	long mig_prev, mig_now;
	double *alloc;   /* per VM: gm_sim_info's scratch */
};

/* --- the stop and the wrapper of policies without migrations --- */

static int agent_first_fit(gm_ctx *ctx, const gm_vm *vm)
{
	return gm_first_fit(ctx, vm);
}

/* A policy without migrations under an agent decides nothing at a step: only the caller does
 * (the engine skips it: sim_set_agent's alone). */
static int agent_optimize(gm_ctx *ctx)
{
	(void)ctx;
	return 0;
}

/* The agent wrapping base (registered the first time). NULL with a message in err. */
static const struct agent *agent_for(const struct gm_policy *base, char *err, size_t n)
{
	pthread_mutex_lock(&agents_lock);
	const struct agent *found = NULL;
	for (int i = 0; i < n_agents && found == NULL; i++)
		if (agents[i].base == base)
			found = &agents[i];
	if (found == NULL) {
		if (n_agents == AGENT_MAX) {
			api_put(err, n, "more than %d policies run under an agent", AGENT_MAX);
		} else if (strlen(base->name) + strlen(AGENT_SUFFIX) >= sizeof agents[0].name) {
			api_put(err, n, "policy name '%s' is too long for a simulation", base->name);
		} else {
			struct agent *a = &agents[n_agents];
			a->base = base;
			snprintf(a->name, sizeof a->name, "%s%s", base->name, AGENT_SUFFIX);
			a->p = *base;
			a->p.name = a->name;
			a->p.summary = "a policy under an agent's control (greenmig/simulation.h)";
			a->p.engines = GM_ENGINE_CLOUDSIM3;
			a->p.place2010 = NULL;
			a->p.optimize2010 = NULL;
			a->p.optimize = agent_optimize;
			if (!base->migrations && base->place == NULL)
				a->p.place = agent_first_fit; /* the engine's choice for such a policy */
			a->p.migrations = true;
			if (plugin_register(&a->p, "greenmig/simulation.h", err, n) == 0) {
				n_agents++;
				found = a;
			}
		}
	}
	pthread_mutex_unlock(&agents_lock);
	return found;
}

/* --- create, step, finish --- */

gm_simulation *gm_sim_create(const gm_experiment *x, const char *policy, char *err, size_t n)
{
	gm_simulation *s = calloc(1, sizeof *s);
	struct experiment *e = malloc(sizeof *e);
	struct diag *d = malloc(sizeof *d);
	if (s == NULL || e == NULL || d == NULL) {
		free(s), free(e), free(d);
		api_put(err, n, "out of memory");
		return NULL;
	}
	*e = *api_experiment(x);
	s->e = e;
	diag_init(d);
	const struct gm_policy *p;
	if (policy != NULL && strlen(policy) >= sizeof e->policy) {
		api_put(err, n, "policy: \"%s\" is too long", policy);
		goto fail;
	}
	if (policy != NULL)
		strcpy(e->policy, policy);
	if (config_validate(e, d) != 0 || run_prepare(e, &p, d) != 0) {
		api_put_diag(d, err, n);
		goto fail;
	}
	if (e->model != MODEL_CLOUDSIM3) {
		api_put(err, n, "a simulation runs CloudSim 3.0.3's engine; this experiment sets simulation.model = 2010");
		goto fail;
	}
	snprintf(s->base_name, sizeof s->base_name, "%s", e->policy);
	if (!p->migrations) {
		/* the engine steps only a run with migrations: such a policy runs wrapped */
		const struct agent *a = agent_for(p, err, n);
		if (a == NULL)
			goto fail;
		snprintf(e->policy, sizeof e->policy, "%s", a->name);
	}
	s->energy = p->energy;
	char *day_path = run_resolve_day(e, d);
	s->t = day_path != NULL ? run_read_trace(e, day_path, (size_t)e->vms, d) : NULL;
	free(day_path);
	if (s->t == NULL || run_sim_create(&s->rs, e, s->t, d) != 0) {
		api_put_diag(d, err, n);
		goto fail;
	}
	s->dc = sim_datacenter(s->rs.sim);
	s->alloc = malloc((size_t)(s->dc->n_vms > 0 ? s->dc->n_vms : 1) * sizeof *s->alloc);
	if (s->alloc == NULL) {
		run_sim_destroy(&s->rs);
		api_put(err, n, "out of memory");
		goto fail;
	}
	s->alone = !p->migrations;
	s->ctx = sim_set_agent(s->rs.sim, true, s->alone);
	s->ps = sim_power_states(s->rs.sim, &s->pp);
	diag_init(&s->d);
	free(d);
	return s;
fail:
	trace_destroy(s->t);
	free(s);
	free(e);
	free(d);
	return NULL;
}

/* Runs on: the stopped step's end first, then to the next stop (stop) or to the end. */
static void run_on(gm_simulation *s)
{
	struct sim *sim = s->rs.sim;
	int r = 1;
	if (s->at_stop) {
		s->at_stop = false;
		r = sim_resume(sim, &s->d);
	}
	while (r == 1)
		r = sim_step(sim, &s->d);
	if (r == SIM_STOPPED) {
		s->at_stop = true;
		s->now = s->ctx->now;
		return;
	}
	s->rc = r;
	s->finished = true;
}

int gm_sim_step(gm_simulation *s, char *err, size_t n)
{
	if (s->over) {
		api_put(err, n, "the simulation is over (gm_sim_finish was called)");
		return -1;
	}
	if (!s->finished) {
		run_on(s);
		s->energy_prev = s->energy_now;
		s->mig_prev = s->mig_now;
		sim_progress(s->rs.sim, &s->energy_now, &s->mig_now);
	}
	if (s->finished) {
		if (s->rc != 0) {
			api_put_diag(&s->d, err, n);
			return -1;
		}
		return 0;
	}
	s->stops++;
	return 1;
}

gm_result *gm_sim_finish(gm_simulation *s, char *err, size_t n)
{
	if (s->over) {
		api_put(err, n, "the simulation is over (gm_sim_finish was called)");
		return NULL;
	}
	sim_set_agent(s->rs.sim, false, s->alone); /* no more stops */
	if (!s->finished)
		run_on(s);
	s->over = true;
	if (s->rc != 0) {
		api_put_diag(&s->d, err, n);
		return NULL;
	}
	struct diag *d = malloc(sizeof *d);
	if (d == NULL) {
		api_put(err, n, "out of memory");
		return NULL;
	}
	diag_init(d);
	struct run_result r;
	gm_result *res = NULL;
	if (run_sim_result(&s->rs, &r, d) != 0) {
		api_put_diag(d, err, n);
	} else {
		int n_tl;
		const struct timeline_row *tl = sim_timeline(s->rs.sim, &n_tl);
		/* the run is over: the result names the policy the caller gave */
		snprintf(s->e->policy, sizeof s->e->policy, "%s", s->base_name);
		res = api_result_from(s->e, s->t->day, &r, tl, n_tl, err, n);
	}
	free(d);
	return res;
}

void gm_sim_free(gm_simulation *s)
{
	if (s == NULL)
		return;
	run_sim_destroy(&s->rs); /* (wherever the run is: a stopped step is dropped) */
	trace_destroy(s->t);
	free(s->alloc);
	free(s->e);
	free(s);
}

/* --- what the caller reads --- */

double gm_sim_time(const gm_simulation *s)
{
	return s->now;
}

bool gm_sim_done(const gm_simulation *s)
{
	return s->finished || s->over;
}

int gm_sim_host_count(const gm_simulation *s)
{
	return s->dc->n_hosts;
}

int gm_sim_vm_count(const gm_simulation *s)
{
	return s->dc->n_vms;
}

long gm_sim_steps(const gm_simulation *s)
{
	return s->stops;
}

static bool host_held_off(const gm_simulation *s, int h)
{
	return s->ctx != NULL && s->ctx->n_held_off > 0 && s->ctx->held_off[h];
}

/* Its utilization as the timeline reads it: a host idle since its last update has none. */
static double host_u(const struct datacenter *dc, int h)
{
	return dc->quiet[h] ? 0 : host_utilization(&dc->hosts[h]);
}

/* As the timeline counts it (sim_record_timeline). */
static double host_watts(const gm_simulation *s, int h, double u)
{
	const struct power_model *m = &s->dc->hosts[h].power;
	if (s->energy == GM_ENERGY_MAX_POWER)
		return power_watts(m, 1.0);
	if (s->ps != NULL) /* power states: its state's power (an on host at least its idle) */
		return s->ps[h].state == PSTATE_ON ? power_on_watts(m, u > 1 ? 1 : u)
						   : pstate_watts(&s->pp[h], s->ps[h].state);
	return u > 0 ? power_watts(m, u > 1 ? 1 : u) : 0;
}

/* A host's state (enum gm_sim_host_state): a power state other than on first. */
static int host_state(const gm_simulation *s, int h)
{
	static const int code[PSTATE_N] = {
		[PSTATE_ON] = GM_HOST_ACTIVE, [PSTATE_BOOTING] = GM_HOST_BOOTING,
		[PSTATE_WAKING] = GM_HOST_WAKING, [PSTATE_SHUTTING_DOWN] = GM_HOST_SHUTTING_DOWN,
		[PSTATE_SUSPENDING] = GM_HOST_SUSPENDING, [PSTATE_OFF] = GM_HOST_OFF,
		[PSTATE_ASLEEP] = GM_HOST_ASLEEP,
	};
	if (s->ps != NULL && s->ps[h].state != PSTATE_ON)
		return code[s->ps[h].state];
	const struct host *host = &s->dc->hosts[h];
	if (host_held_off(s, h))
		return GM_HOST_HELD_OFF;
	return host->n_slots > 0 || host->vms_migrating_in.n > 0 ? GM_HOST_ACTIVE : GM_HOST_EMPTY;
}

/* A host's VMs' requests summed in list order, as gm_host_requested_mips adds them: at a stop
 * (and at the run's end) the sum its last update made (each host was updated at the instant; a
 * VM placed since requests 0 until its first update and one removed since requested 0, terms
 * that do not change a sum starting at 0). */
static double host_requested(const struct host *host)
{
	return host->requested_mips;
}

void gm_sim_hosts_observe(const gm_simulation *s, const struct gm_sim_hosts *o)
{
	const struct datacenter *dc = s->dc;
	for (int h = 0; h < dc->n_hosts; h++) {
		const struct host *host = &dc->hosts[h];
		double u = host_u(dc, h);
		if (o->state != NULL)
			o->state[h] = host_state(s, h);
		if (o->utilization != NULL)
			o->utilization[h] = u;
		if (o->requested_mips != NULL)
			o->requested_mips[h] = host_requested(host);
		if (o->allocated_mips != NULL)
			o->allocated_mips[h] = dc->quiet[h] ? 0 : host->utilization_mips;
		if (o->power_w != NULL)
			o->power_w[h] = host_watts(s, h, u);
		if (o->ram_used_mb != NULL)
			o->ram_used_mb[h] = host->ram_mb - host->ram_free;
	}
}

/* Each VM's allocation, as gm_vm_allocated_mips gives it (its slot on its host, the first in
 * the list; 0 on none), from one pass over the hosts' lists instead of a search per VM. */
static void vms_allocated(const struct datacenter *dc, double *out)
{
	memset(out, 0, (size_t)dc->n_vms * sizeof *out);
	for (int h = 0; h < dc->n_hosts; h++) {
		const struct host *host = &dc->hosts[h];
		for (int i = host->n_slots - 1; i >= 0; i--) /* (the first slot of a VM written last) */
			if (dc->vms[host->slots[i].vm].host == h)
				out[host->slots[i].vm] = host->slots[i].alloc_total;
	}
}

void gm_sim_vms_observe(const gm_simulation *s, const struct gm_sim_vms *o)
{
	const struct datacenter *dc = s->dc;
	if (o->allocated_mips != NULL)
		vms_allocated(dc, o->allocated_mips);
	for (int v = 0; v < dc->n_vms; v++) {
		const struct vm *vm = &dc->vms[v];
		if (o->host != NULL)
			o->host[v] = vm->host;
		if (o->requested_mips != NULL)
			o->requested_mips[v] = vm_req_total(vm);
		if (o->ram_mb != NULL)
			o->ram_mb[v] = vm->ram_mb;
		if (o->migrating != NULL)
			o->migrating[v] = vm->in_migration ? 1 : 0;
	}
}

void gm_sim_info(const gm_simulation *s, struct gm_sim_step_info *o)
{
	const struct datacenter *dc = s->dc;
	memset(o, 0, sizeof *o);
	o->t_s = s->now;
	o->energy_kwh = s->energy_now - s->energy_prev;
	o->energy_total_kwh = s->energy_now;
	o->migrations_started = s->mig_now - s->mig_prev;
	o->migrations_total = s->mig_now;
	/* over the VMs on a host, in VM id order: each one's request and what its host gives it */
	vms_allocated(dc, s->alloc);
	for (int v = 0; v < dc->n_vms; v++) {
		const struct vm *vm = &dc->vms[v];
		if (vm->host < 0)
			continue;
		double req = vm_req_total(vm), alloc = s->alloc[v];
		o->requested_mips += req;
		if (req > alloc)
			o->unmet_mips += req - alloc;
	}
	for (int h = 0; h < dc->n_hosts; h++) {
		const struct host *host = &dc->hosts[h];
		if (host_u(dc, h) > 0)
			o->active_hosts++;
		if (host->n_slots > 0 && host_requested(host) > host->total_mips)
			o->saturated_hosts++;
	}
}

/* --- actions --- */

static int at_stop(const gm_simulation *s, const char *what, char *err, size_t n)
{
	if (s->finished || s->over) {
		api_put(err, n, "%s: the run is over", what);
		return -1;
	}
	if (!s->at_stop) {
		api_put(err, n, "%s: not at a scheduling step (step the simulation first)", what);
		return -1;
	}
	return 0;
}

static int done_action(const gm_simulation *s, int rc, char *err, size_t n)
{
	if (rc != 0)
		api_put(err, n, "%s", gm_ctx_error(s->ctx));
	return rc;
}

int gm_sim_migrate(gm_simulation *s, int vm, int host, char *err, size_t n)
{
	if (at_stop(s, "gm_migrate", err, n) != 0)
		return -1;
	return done_action(s, gm_migrate(s->ctx, vm, host), err, n);
}

int gm_sim_switch_off(gm_simulation *s, int host, char *err, size_t n)
{
	if (at_stop(s, "gm_switch_off", err, n) != 0)
		return -1;
	return done_action(s, gm_switch_off(s->ctx, host), err, n);
}

int gm_sim_switch_on(gm_simulation *s, int host, char *err, size_t n)
{
	if (at_stop(s, "gm_switch_on", err, n) != 0)
		return -1;
	return done_action(s, gm_switch_on(s->ctx, host), err, n);
}
