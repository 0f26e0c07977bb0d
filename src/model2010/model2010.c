/*
 * model2010: the 2010 simulation model (doc/model2010.md); see model2010.h.
 * CloudSim 2.x classes behind each rule: PowerDatacenter / PowerDatacenterNonPowerAware (tick
 * order, energy gate), UtilizationModelStochastic (the draws), CloudletSchedulerDynamicWorkload
 * (progress, "recently created"), VmSchedulerTimeShared (CPU sharing: greenmig's first_come is
 * the 2010 rule reconstructed and validated in doc/model2010.md#validation, equal is
 * CloudSim 2.1's).
 */
#include "model2010.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

#define MIGRATION_SHARE 0.9 /* a migrating VM gets 90 % of its demand (cloudsim21) */

static int list_add(struct m10_host *h, int vm)
{
	if (h->n == h->cap_vms) {
		int cap = h->cap_vms > 0 ? 2 * h->cap_vms : 8;
		int *v = realloc(h->vms, (size_t)cap * sizeof *v);
		if (v == NULL)
			return -1;
		h->vms = v;
		h->cap_vms = cap;
	}
	h->vms[h->n++] = vm;
	return 0;
}

static void list_remove(struct m10_host *h, int vm)
{
	for (int i = 0; i < h->n; i++) {
		if (h->vms[i] == vm) {
			memmove(h->vms + i, h->vms + i + 1, (size_t)(h->n - i - 1) * sizeof *h->vms);
			h->n--;
			return;
		}
	}
}

/* What the host's scheduler is asked for v: its demand, 90 % of it while migrating. */
static double request(const struct m10_vm *v)
{
	return v->migrating ? v->demand * MIGRATION_SHARE : v->demand;
}

/* The host's CPU in use: allocations, a migrating VM with its full demand
 * (doc/model2010.md#tick-order, step 3). */
static double host_alloc(const struct model2010 *m, const struct m10_host *h)
{
	double sum = 0;
	for (int k = 0; k < h->n; k++) {
		const struct m10_vm *v = &m->vms[h->vms[k]];
		sum += v->migrating ? v->demand : v->alloc;
	}
	return sum;
}

void model2010_share(struct model2010 *m, int hid)
{
	struct m10_host *h = &m->hosts[hid];
	if (m->e->cpu_share == CPU_SHARE_FIRST_COME) {
		double free = h->cap;
		for (int k = 0; k < h->n; k++) {
			struct m10_vm *v = &m->vms[h->vms[k]];
			double r = request(v);
			double a = r < free ? r : free;
			if (a < 0)
				a = 0;
			v->alloc = a;
			free -= a;
		}
	} else {
		double total = 0;
		int n_active = 0;
		for (int k = 0; k < h->n; k++) {
			struct m10_vm *v = &m->vms[h->vms[k]];
			double r = request(v);
			total += r;
			v->alloc = r;
			n_active += r > 0;
		}
		if (total > h->cap) {
			/* VmSchedulerTimeShared (2.1): shortage / n off every VM; a VM whose share of
			 * the shortage exceeds its request gets 0, and the rest is spread again. */
			double shortage = total - h->cap;
			for (int k = 0; k < h->n; k++)
				m->vms[h->vms[k]].alloc = request(&m->vms[h->vms[k]]) > 0 ? -1 : 0; /* -1: active */
			for (;;) {
				double share = shortage / n_active;
				bool dropped = false;
				for (int k = 0; k < h->n; k++) {
					struct m10_vm *v = &m->vms[h->vms[k]];
					if (v->alloc != -1)
						continue;
					double r = request(v);
					if (r - share < 0) {
						v->alloc = 0;
						shortage -= r;
						n_active--;
						dropped = true;
					}
				}
				if (!dropped || n_active == 0)
					break;
			}
			double share = n_active > 0 ? shortage / n_active : 0;
			for (int k = 0; k < h->n; k++) {
				struct m10_vm *v = &m->vms[h->vms[k]];
				if (v->alloc == -1)
					v->alloc = request(v) - share;
			}
		}
	}
	h->alloc = host_alloc(m, h);
}

static int place_on(struct model2010 *m, int vm, int hid)
{
	struct m10_host *h = &m->hosts[hid];
	if (list_add(h, vm) != 0)
		return -1;
	m->vms[vm].host = hid;
	h->ram_used += m->vms[vm].ram_mb;
	return 0;
}

int model2010_assign(struct model2010 *m, int vm, int hid)
{
	struct m10_vm *v = &m->vms[vm];
	if (v->host >= 0) {
		struct m10_host *old = &m->hosts[v->host];
		list_remove(old, vm);
		old->ram_used -= v->ram_mb;
		v->host = -1;
	} else if (!v->running) {
		v->running = true;
		m->running++;
	}
	return place_on(m, vm, hid);
}

/* Initial placement: VM id order, full demand, by the policy's rule (MBFD with bound 1: mbfd.h). */
static int place_initial(struct model2010 *m, struct diag *d)
{
	for (int h = 0; h < m->n_hosts; h++) {
		m->load[h] = 0;
		m->ram[h] = 0;
	}
	for (int v = 0; v < m->n_vms; v++) {
		struct m10_vm *vm = &m->vms[v];
		vm->demand = vm->mips; /* "recently created": full demand */
		vm->fresh = true;
		int h = m->p->place2010(gm_model2010_of(m), v);
		if (h < 0) {
			m->unplaced++;
			continue;
		}
		if (place_on(m, v, h) != 0)
			return diag_add(d, NULL, 0, 0, "out of memory");
		m->load[h] += vm->demand;
		m->ram[h] += vm->ram_mb;
		vm->running = true;
		m->running++;
	}
	for (int h = 0; h < m->n_hosts; h++)
		model2010_share(m, h);
	return 0;
}

struct model2010 *model2010_create(const struct experiment *e, const struct gm_policy *p, struct diag *d)
{
	if (p->place2010 == NULL) {
		diag_add(d, NULL, 0, 0, "policy %s has no placement in the 2010 model", p->name);
		return NULL;
	}
	double param[GM_MAX_PARAMS] = { 0 };
	char msg[DIAG_MSG_LEN];
	if (policy_params(p, e->param, param, msg, sizeof msg) < 0) {
		diag_add(d, NULL, 0, 0, "%s", msg);
		return NULL;
	}
	struct model2010 *m = calloc(1, sizeof *m);
	if (m == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	m->e = e;
	m->p = p;
	for (int i = 0; i < GM_MAX_PARAMS; i++)
		m->param[i] = param[i];
	m->n_hosts = (int)e->hosts;
	m->n_vms = (int)e->vms;
	m->dt = e->scheduling_interval_s;
	rng_init(&m->rng, e->seed);
	size_t nh = (size_t)m->n_hosts, nv = (size_t)m->n_vms;
	m->hosts = calloc(nh, sizeof *m->hosts);
	m->vms = calloc(nv, sizeof *m->vms);
	m->load = calloc(nh, sizeof *m->load);
	m->ram = calloc(nh, sizeof *m->ram);
	m->flag = calloc(nh, 1);
	m->drr = calloc(nh, sizeof *m->drr);
	m->vflag = calloc(nv, 1);
	m->list = calloc(nv, sizeof *m->list);
	m->list2 = calloc(nv, sizeof *m->list2);
	m->moves = calloc(nv, sizeof *m->moves);
	m->queue = calloc(nv, sizeof *m->queue);
	m->window = (int)(e->placement.window_s / m->dt);
	if (m->window < 1)
		m->window = 1;
	m->next_placement = e->placement.interval_s;
	m->demand_history = calloc(nv * (size_t)m->window, sizeof *m->demand_history);
	if (!m->hosts || !m->vms || !m->load || !m->ram || !m->flag || !m->drr || !m->vflag || !m->list || !m->list2 ||
	    !m->demand_history ||
	    !m->moves || !m->queue) {
		diag_add(d, NULL, 0, 0, "out of memory");
		model2010_destroy(m);
		return NULL;
	}
	for (int i = 0; i < m->n_hosts; i++) {
		const struct host_type *ht = config_host_type(e, i);
		struct m10_host *h = &m->hosts[i];
		double cap = 0;
		for (int j = 0; j < ht->pes; j++)
			cap += ht->mips;
		h->cap = cap;
		h->ram_mb = ht->ram_mb;
		const struct power_type *pt = power_find(ht->power);
		if (pt == NULL || power_model_init(&h->power, pt, ht->power_max_w, ht->power_static_share) != 0) {
			diag_add(d, e->file[0] ? e->file : NULL, ht->line, 0,
				 "host type %s: bad power model '%s' (max %g W, static share %g)", ht->name,
				 ht->power, ht->power_max_w, ht->power_static_share);
			model2010_destroy(m);
			return NULL;
		}
	}
	for (int i = 0; i < m->n_vms; i++) {
		const struct vm_type *vt = config_vm_type(e, i, m->n_vms);
		struct m10_vm *v = &m->vms[i];
		double mips = 0;
		for (int j = 0; j < vt->pes; j++)
			mips += vt->mips;
		v->mips = mips;
		v->ram_mb = vt->ram_mb;
		v->bw = vt->bw;
		v->host = -1;
		v->target = -1;
	}
	if (place_initial(m, d) != 0) {
		model2010_destroy(m);
		return NULL;
	}
	return m;
}

void model2010_destroy(struct model2010 *m)
{
	if (m == NULL)
		return;
	if (m->hosts != NULL)
		for (int i = 0; i < m->n_hosts; i++)
			free(m->hosts[i].vms);
	free(m->hosts);
	free(m->vms);
	free(m->load);
	free(m->ram);
	free(m->flag);
	free(m->drr);
	free(m->vflag);
	free(m->list);
	free(m->list2);
	free(m->moves);
	free(m->queue);
	free(m->demand_history);
	free(m);
}

/* The VM leaves its host for target and joins the end of target's list with what is free there. */
static int move(struct model2010 *m, int vm, int target, bool reserved)
{
	struct m10_vm *v = &m->vms[vm];
	struct m10_host *src = &m->hosts[v->host];
	struct m10_host *dst = &m->hosts[target];
	list_remove(src, vm);
	src->ram_used -= v->ram_mb;
	src->alloc = host_alloc(m, src);
	if (list_add(dst, vm) != 0)
		return -1;
	if (!reserved)
		dst->ram_used += v->ram_mb;
	v->host = target;
	v->migrating = false;
	v->target = -1;
	double free = dst->cap - dst->alloc;
	double r = request(v);
	v->alloc = r < free ? r : (free > 0 ? free : 0);
	dst->alloc = host_alloc(m, dst);
	return 0;
}

int model2010_migrate(struct model2010 *m, int vm, int target)
{
	struct m10_vm *v = &m->vms[vm];
	m->migrations++;
	if (m->e->migration_time == MIGRATION_INSTANT)
		return move(m, vm, target, false);
	/* cloudsim21: RAM_MB / (BW / 8000) s on the source; the target reserves the RAM only */
	v->migrating = true;
	v->target = target;
	v->arrival_s = m->t + (double)v->ram_mb / ((double)v->bw / 8000);
	m->hosts[target].ram_used += v->ram_mb;
	m->hosts[v->host].migrating_out++;
	m->queue[m->n_queue++] = vm;
	return 0;
}

void model2010_emit(struct model2010 *m, int vm, int target)
{
	m->moves[m->n_moves].vm = vm;
	m->moves[m->n_moves].target = target;
	m->n_moves++;
}

static void remove_vm(struct model2010 *m, int vm)
{
	struct m10_vm *v = &m->vms[vm];
	struct m10_host *h = &m->hosts[v->host];
	list_remove(h, vm);
	h->ram_used -= v->ram_mb;
	h->alloc = host_alloc(m, h);
	m->flag[v->host] = 1; /* lost a VM this tick (DRR) */
	v->host = -1;
	v->running = false;
	v->demand = 0;
	v->alloc = 0;
	m->running--;
}

/* cloudsim21: the migrations whose time is up arrive (in the order they were issued). */
static int complete_migrations(struct model2010 *m, double now)
{
	int kept = 0;
	for (int i = 0; i < m->n_queue; i++) {
		int vm = m->queue[i];
		struct m10_vm *v = &m->vms[vm];
		if (v->arrival_s > now) {
			m->queue[kept++] = vm;
			continue;
		}
		m->hosts[v->host].migrating_out--;
		if (v->finished) { /* done meanwhile: released on both hosts */
			m->hosts[v->target].ram_used -= v->ram_mb;
			v->migrating = false;
			remove_vm(m, vm);
			continue;
		}
		if (move(m, vm, v->target, true) != 0)
			return -1;
	}
	m->n_queue = kept;
	return 0;
}

/* Within the hosts' lists, the VMs that stay keep VM id order (doc/model2010.md#cpu-sharing). */
static void sort_lists(struct model2010 *m)
{
	for (int h = 0; h < m->n_hosts; h++) {
		struct m10_host *host = &m->hosts[h];
		for (int i = 1; i < host->n; i++) {
			int x = host->vms[i];
			int j = i - 1;
			while (j >= 0 && host->vms[j] > x) {
				host->vms[j + 1] = host->vms[j];
				j--;
			}
			host->vms[j + 1] = x;
		}
	}
}

static int tick(struct model2010 *m, struct diag *d)
{
	const struct gm_policy *p = m->p;
	double t0 = m->t;
	long k = m->ticks + 1;
	double t = (double)k * m->dt;
	double span = t - t0;
	m->t = t;
	m->ticks = k;
	if (complete_migrations(m, t) != 0)
		return diag_add(d, NULL, 0, 0, "out of memory");
	/* 1. energy of [t0, t] */
	for (int h = 0; h < m->n_hosts; h++) {
		struct m10_host *host = &m->hosts[h];
		if (p->energy == GM_ENERGY_MAX_POWER) {
			m->energy_ws += power_watts(&host->power, 1.0) * span;
		} else if (host->shared && host->util_shared > 0) {
			double u = host->alloc / host->cap;
			m->energy_ws += power_watts(&host->power, u > 1 ? 1 : u) * span;
		}
	}
	/* 2. progress at the start-of-interval rate, whole MI */
	long long length = m->e->cloudlet_length_mi;
	for (int v = 0; v < m->n_vms; v++) {
		struct m10_vm *vm = &m->vms[v];
		if (!vm->running || vm->finished)
			continue;
		double r = request(vm);
		double rate = r < vm->alloc ? r : vm->alloc;
		vm->done_mi += (long long)(span * rate);
		if (vm->done_mi >= length)
			vm->finished = true;
	}
	/* 3. new demands, sharing, SLA samples */
	for (int v = 0; v < m->n_vms; v++) {
		struct m10_vm *vm = &m->vms[v];
		if (!vm->running)
			continue;
		if (vm->finished) {
			vm->demand = 0;
			continue;
		}
		double u = rng_uniform(&m->rng);
		if (vm->fresh && u == 0) {
			vm->demand = vm->mips; /* still "recently created" */
		} else {
			vm->demand = u * vm->mips;
			vm->fresh = false;
		}
	}
	/* the demand history of the placement controller */
	for (int v = 0; v < m->n_vms; v++)
		m->demand_history[(size_t)v * (size_t)m->window + (size_t)m->history_pos] = m->vms[v].demand;
	m->history_pos = (m->history_pos + 1) % m->window;
	if (m->history_fill < m->window)
		m->history_fill++;
	int active = 0;
	for (int h = 0; h < m->n_hosts; h++) {
		struct m10_host *host = &m->hosts[h];
		model2010_share(m, h);
		host->util_shared = host->alloc / host->cap;
		host->shared = true;
		active += host->alloc > 0;
		m->flag[h] = 0;
	}
	m->active_host_s += active * span;
	for (int v = 0; v < m->n_vms; v++) {
		const struct m10_vm *vm = &m->vms[v];
		if (!vm->running || !(vm->demand > 0))
			continue;
		m->samples++;
		m->demand_sum += vm->demand;
		m->alloc_sum += vm->alloc;
		if (vm->alloc < vm->demand) {
			m->violations++;
			m->shortfall_sum += (vm->demand - vm->alloc) / vm->demand;
		}
	}
	/* 4. finished VMs leave (a migrating one when its migration ends) */
	for (int v = 0; v < m->n_vms; v++)
		if (m->vms[v].running && m->vms[v].finished && !m->vms[v].migrating)
			remove_vm(m, v);
	/* 5. the policy's migrations */
	if (p->optimize2010 != NULL) { /* also at the last tick: DRR counts the hosts drained */
		sort_lists(m);
		m->n_moves = 0;
		if (p->optimize2010(gm_model2010_of(m)) != 0)
			return diag_add(d, NULL, 0, 0, "out of memory");
		for (int i = 0; i < m->n_moves; i++)
			if (model2010_migrate(m, m->moves[i].vm, m->moves[i].target) != 0)
				return diag_add(d, NULL, 0, 0, "out of memory");
	}
	return 0;
}

int model2010_run(struct model2010 *m, struct model2010_result *r, struct diag *d)
{
	while (m->running > 0) {
		if ((double)(m->ticks + 1) * m->dt > m->e->limit_s) {
			diag_add(d, m->e->file[0] ? m->e->file : NULL, 0, 0,
				 "%d cloudlets still run at simulation.limit_s = %g s (the 2010 model runs "
				 "until the last one finishes: raise the limit)", m->running, m->e->limit_s);
			return 1;
		}
		if (tick(m, d) != 0)
			return -1;
	}
	memset(r, 0, sizeof *r);
	r->hosts = m->n_hosts;
	r->vms = m->n_vms;
	r->sim_time_s = m->t;
	r->energy_kwh = m->energy_ws / 3.6e6;
	r->migrations = m->migrations;
	r->samples = m->samples;
	r->sla_violation_pct = m->samples > 0 ? (double)m->violations / (double)m->samples * 100 : NAN;
	r->sla_average_pct = m->violations > 0 ? m->shortfall_sum / (double)m->violations * 100 : NAN;
	r->sla_overall = m->demand_sum > 0 ? (m->demand_sum - m->alloc_sum) / m->demand_sum : NAN;
	r->ticks = m->ticks;
	r->unplaced_vms = m->unplaced;
	r->mean_active_hosts = m->t > 0 ? m->active_host_s / m->t : 0;
	const struct gm_counts *k = &m->counts;
	r->hosts_retired = k->hosts_retired;
	r->hosts_evacuated = k->hosts_evacuated;
	r->hosts_drained = k->hosts_drained;
	r->placement_invocations = k->placement_invocations;
	r->placement_planned = k->placement_planned;
	r->placement_done = k->placement_done;
	r->placement_infeasible = k->placement_infeasible;
	long feasible = k->placement_invocations - k->placement_infeasible;
	r->placement_hosts_mean = feasible > 0 ? k->placement_hosts_sum / (double)feasible : NAN;
	return 0;
}
