/*
 * policy_placement: trace-based placement (Capman; Gmach, Rolia, Cherkasova et al. 2008/2009),
 * doc/model2010.md#placement-controller, on both engines (controllers.h); [placement] of the
 * experiment (config.h) sets it. Every placement.interval_s each placed VM's demand over the window
 * (the past one, or the coming one in oracle mode on CloudSim's engine: the trace is in memory) is
 * re-packed by the search (placement.h) from the current placement, fewest hosts within
 * placement.max_migrations; the VMs it moves migrate (a VM in migration stays where it goes).
 * VMs are placed first-fit at t = 0 (MBFD in the 2010 model), the first re-pack after one interval.
 */
#include <math.h>
#include <stdlib.h>

#include "controllers.h"
#include "ctx.h"
#include "mbfd.h"
#include "placement.h"
#include "policy.h"

/* One re-pack's input and output (doc/model2010.md#placement-control-loop): n VMs, their demand
 * over the window, RAM and current host; the hosts' capacities. */
struct plan {
	int n, n_hosts, window;
	double *cpu, *mem, *cap_cpu, *cap_mem;
	double *mem_series; /* with a memory series: n x window used MB (NULL without) */
	int *cur, *out;
};

static void plan_free(struct plan *p)
{
	free(p->cpu);
	free(p->mem);
	free(p->cap_cpu);
	free(p->cap_mem);
	free(p->cur);
	free(p->out);
	free(p->mem_series);
}

/* 0, or -1 out of memory (nothing to free then) */
static int plan_alloc(struct plan *p, int n, int n_hosts, int window, bool memory)
{
	p->mem_series = memory ? malloc((size_t)n * (size_t)window * sizeof *p->mem_series) : NULL;
	p->n = n;
	p->n_hosts = n_hosts;
	p->window = window;
	p->cpu = malloc((size_t)n * (size_t)window * sizeof *p->cpu);
	p->mem = malloc((size_t)n * sizeof *p->mem);
	p->cap_cpu = malloc((size_t)n_hosts * sizeof *p->cap_cpu);
	p->cap_mem = malloc((size_t)n_hosts * sizeof *p->cap_mem);
	p->cur = malloc((size_t)n * sizeof *p->cur);
	p->out = malloc((size_t)n * sizeof *p->out);
	if (!p->cpu || !p->mem || !p->cap_cpu || !p->cap_mem || !p->cur || !p->out || (memory && !p->mem_series)) {
		plan_free(p);
		return -1;
	}
	return 0;
}

/* The search on the plan, counted: 1 a feasible plan in p->out, 0 none (the current placement
 * is kept), -1 out of memory. */
static int plan_search(struct plan *p, const struct experiment *e, struct rng *rng, struct gm_counts *k)
{
	struct placement_instance in = { p->n, p->n_hosts, p->window, p->cpu, p->mem, p->cap_cpu, p->cap_mem,
					 e->placement.max_util, p->cur, e->placement.max_migrations, p->mem_series };
	struct placement_params pp = { e->placement.population, e->placement.generations, e->placement.stagnation,
				       e->placement.p_mutation };
	struct placement_result r;
	if (placement_search(&in, &pp, rng, p->out, &r) != 0)
		return -1;
	k->placement_invocations++;
	if (!r.feasible) {
		k->placement_infeasible++; /* nothing fits the window's peaks: keep the current placement */
		return 0;
	}
	k->placement_hosts_sum += r.servers;
	k->placement_planned += r.migrations;
	return 1;
}

/* When the next re-pack is due: true at most once an interval. */
static bool due(double now, double *next, double interval_s)
{
	if (now < *next)
		return false;
	while (*next <= now)
		*next += interval_s;
	return true;
}

/* ---- CloudSim 3.0.3's engine ---- */

struct placement_ctl {
	double next;        /* the next re-pack, s */
	int *vms;           /* the placed VMs (n_vms) */
	double *avail;      /* per host: available MIPS less this step's moves */
	double *mem_free;   /* per host, with a memory series: RAM less the used memory and this step's moves */
	struct gm_counts counts;
};

void placement_ctl_destroy(struct placement_ctl *p)
{
	if (p == NULL)
		return;
	free(p->vms);
	free(p->avail);
	free(p->mem_free);
	free(p);
}

struct placement_ctl *placement_ctl_create(gm_ctx *ctx)
{
	const struct datacenter *dc = ctx->dc;
	const struct experiment *e = ctx->e;
	/* the search needs every VM to fit some host at its peak */
	double max_mips = 0, max_ram = 0;
	for (int h = 0; h < dc->n_hosts; h++) {
		max_mips = fmax(max_mips, dc->hosts[h].total_mips * e->placement.max_util);
		max_ram = fmax(max_ram, (double)dc->hosts[h].ram_mb * e->placement.max_util);
	}
	for (int v = 0; v < dc->n_vms; v++) {
		const struct vm *vm = &dc->vms[v];
		if (vm->mips * vm->pes > max_mips || (double)vm->ram_mb > max_ram) {
			ctx_fail(ctx, "VM %d (%g MIPS, %ld MB) is larger than every host at placement.max_util = %g "
				 "(%g MIPS, %g MB): no placement can fit it",
				 v, vm->mips * vm->pes, vm->ram_mb, e->placement.max_util, max_mips, max_ram);
			return NULL;
		}
	}
	struct placement_ctl *p = calloc(1, sizeof *p);
	if (p != NULL) {
		p->vms = malloc((size_t)(dc->n_vms > 0 ? dc->n_vms : 1) * sizeof *p->vms);
		p->avail = malloc((size_t)(dc->n_hosts > 0 ? dc->n_hosts : 1) * sizeof *p->avail);
		p->mem_free = malloc((size_t)(dc->n_hosts > 0 ? dc->n_hosts : 1) * sizeof *p->mem_free);
	}
	if (p == NULL || !p->vms || !p->avail || !p->mem_free) {
		placement_ctl_destroy(p);
		ctx_fail(ctx, "out of memory");
		return NULL;
	}
	p->next = e->placement.interval_s; /* the first re-pack after one interval */
	return p;
}

int placement_ctl_step(gm_ctx *ctx, struct placement_ctl *pc)
{
	const struct datacenter *dc = ctx->dc;
	const struct experiment *e = ctx->e;
	if (!due(ctx->now, &pc->next, e->placement.interval_s))
		return 0;
	int n = 0;
	for (int v = 0; v < dc->n_vms; v++)
		if (dc->vm_table[v] >= 0 && dc->vms[v].placed && !dc->vms[v].removed)
			pc->vms[n++] = v;
	if (n == 0)
		return 0;
	const struct vm *v0 = &dc->vms[pc->vms[0]];
	int window = (int)(e->placement.window_s / v0->interval_s);
	if (window < 1)
		window = 1;
	long k = (long)(ctx->now / v0->interval_s);
	struct plan p;
	if (plan_alloc(&p, n, dc->n_hosts, window, dc->memory) != 0)
		return 0; /* (out of memory: no re-pack, as before) */
	for (int i = 0; i < n; i++) {
		const struct vm *vm = &dc->vms[pc->vms[i]];
		for (int t = 0; t < window; t++) {
			long idx = e->placement.oracle ? k + 1 + t : k - window + 1 + t;
			if (idx < 0)
				idx = 0;
			if (idx > (long)vm->n_util - 1)
				idx = (long)vm->n_util - 1;
			p.cpu[(size_t)i * (size_t)window + (size_t)t] = *vm_sample(vm, (size_t)idx) * vm->mips * vm->pes;
			if (p.mem_series != NULL)
				p.mem_series[(size_t)i * (size_t)window + (size_t)t] =
					vm->mem[((size_t)idx - vm->util_k0) * vm->util_stride] * (double)vm->ram_mb;
		}
		p.mem[i] = (double)vm->ram_mb;
		p.cur[i] = dc->vm_table[pc->vms[i]];
	}
	for (int h = 0; h < dc->n_hosts; h++) {
		p.cap_cpu[h] = dc->hosts[h].total_mips;
		p.cap_mem[h] = (double)dc->hosts[h].ram_mb;
	}
	int started = 0, rc = plan_search(&p, e, ctx->rng, &pc->counts);
	/* the engine's admission: a target must have the VM's request free now (its scheduler's
	 * available MIPS less what this step already sends there), as CloudSim's placements do */
	for (int h = 0; rc > 0 && h < dc->n_hosts; h++) {
		pc->avail[h] = dc->hosts[h].available_mips;
		/* doc/memory.md#the-controllers: and the memory the VM uses now */
		pc->mem_free[h] = dc->memory ? (double)dc->hosts[h].ram_mb - host_mem_used(dc, &dc->hosts[h]) : INFINITY;
	}
	for (int i = 0; rc > 0 && i < n; i++) {
		const struct vm *vm = &dc->vms[pc->vms[i]];
		double req = vm_req_total(vm);
		int to = p.out[i];
		double mem = dc->memory ? vm->mem_mb : 0;
		if (to != p.cur[i] && !vm->in_migration && pc->avail[to] >= req && pc->mem_free[to] >= mem &&
		    dc->hosts[to].storage_free >= vm->size_mb) {
			if (gm_migrate(ctx, vm->id, to) != 0) {
				ctx_fail(ctx, "%s", ctx->error);
				rc = -1;
				break;
			}
			pc->avail[to] -= req;
			pc->mem_free[to] -= mem;
			pc->counts.placement_done++;
			started++;
		}
	}
	plan_free(&p);
	return rc < 0 && ctx->failed ? -1 : started;
}

void placement_ctl_counts(const struct placement_ctl *p, struct gm_counts *out)
{
	out->placement_invocations = p->counts.placement_invocations;
	out->placement_hosts_sum = p->counts.placement_hosts_sum;
	out->placement_planned = p->counts.placement_planned;
	out->placement_done = p->counts.placement_done;
	out->placement_infeasible = p->counts.placement_infeasible;
}

static void *create(gm_ctx *ctx)
{
	return placement_ctl_create(ctx);
}

static void destroy(void *state)
{
	placement_ctl_destroy(state);
}

static int optimize(gm_ctx *ctx)
{
	return placement_ctl_step(ctx, ctx->state) < 0 ? -1 : 0;
}

static void counts(const gm_ctx *ctx, struct gm_counts *out)
{
	placement_ctl_counts(ctx->state, out);
}

/* ---- The 2010 model: the demand ring of the last window_s ---- */

int placement_ctl_2010(struct model2010 *m)
{
	const struct experiment *e = m->e;
	if (m->history_fill == 0 || !due(m->t, &m->next_placement, e->placement.interval_s))
		return 0;
	int n = 0;
	for (int v = 0; v < m->n_vms; v++)
		if (m->vms[v].running && m->vms[v].host >= 0 && !m->vms[v].migrating && !m->vms[v].fresh)
			m->list[n++] = v;
	if (n == 0)
		return 0;
	int w = m->history_fill;
	struct plan p;
	if (plan_alloc(&p, n, m->n_hosts, w, false) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		int v = m->list[i];
		/* the ring, oldest first */
		for (int t = 0; t < w; t++) {
			int pos = (m->history_pos - w + t + 2 * m->window) % m->window;
			p.cpu[(size_t)i * (size_t)w + (size_t)t] = m->demand_history[(size_t)v * (size_t)m->window + (size_t)pos];
		}
		p.mem[i] = (double)m->vms[v].ram_mb;
		p.cur[i] = m->vms[v].host;
	}
	for (int h = 0; h < m->n_hosts; h++) {
		p.cap_cpu[h] = m->hosts[h].cap;
		p.cap_mem[h] = (double)m->hosts[h].ram_mb;
	}
	int rc = plan_search(&p, e, &m->rng, &m->counts);
	for (int i = 0; rc > 0 && i < n; i++) {
		if (p.out[i] != p.cur[i]) {
			model2010_emit(m, m->list[i], p.out[i]);
			m->counts.placement_done++;
		}
	}
	plan_free(&p);
	return rc < 0 ? -1 : 0;
}

static int optimize2010(gm_model2010 *m)
{
	return placement_ctl_2010(ctx_model2010(m));
}

const struct gm_policy policy_placement = {
	CONTROLLER_POLICY,
	.name = "placement",
	.summary = "trace-based placement (Capman): every placement.interval_s a re-pack by the peak of "
		   "the demand over the window, fewest hosts within placement.max_migrations",
	.reproduces = "Gmach, Rolia, Cherkasova et al. 2008/2009 (no CloudSim class)",
	.counts = counts,
};
