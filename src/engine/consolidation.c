/*
 * consolidation: PowerVmAllocationPolicyMigrationAbstract (CloudSim 3.0.3), step for step:
 *   optimizeAllocation = getOverUtilizedHosts, saveAllocation, getVmsToMigrateFromHosts,
 *   getNewVmPlacement (excluding the overloaded hosts), getMigrationMapFromUnderUtilizedHosts,
 *   restoreAllocation;
 * or, for a policy with an optimize hook (ST, MM, DRR, the controllers, plugins), saveAllocation,
 * the hook, restoreAllocation. The policy's hooks decide where CloudSim's policy classes differ:
 * the detector (overloaded), the VM selection (select, else the run's --selection) and the
 * targets (target, else the power-aware best fit, bestfit.c).
 * The tentative vmCreate / vmDestroy calls are real operations on the datacenter, as in CloudSim,
 * because their side effects (list order, re-allocation, which VM is where) decide later choices.
 * Quirks kept for parity, each marked where it happens: targets of the overload phase stay
 * candidates for the under-utilization phase (doc/cloudsim-engine.md#q6), switched-off hosts are
 * targets in the overload phase only (doc/cloudsim-engine.md#q7).
 */
#include "consolidation.h"

#include "bestfit.h"
#include "select.h"
#include "stopwatch.h"
#include "workers.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct consolidation {
	struct gm_ctx *ctx;
	struct datacenter *dc;
	const struct gm_policy *policy;
	struct overload ov;         /* the detector calls and hosts 0-9's metric history */
	struct bestfit *bf;
	struct host_history_cache *history_cache; /* the detectors' sums (dc->history_cache) */
	unsigned long history_stamp; /* optimize calls so far (dc->history_stamp while one runs) */
	bool in_step;               /* consolidation_optimize is running */
	unsigned char *excl;        /* per host: excluded from placement */
	unsigned char *excl_under;  /* per host: excluded from the under-utilized search */
	unsigned char *excl_merged; /* per host: a policy's exclusion and the hosts held off */
	unsigned char *scheduled;   /* per VM: in the map by gm_migrate */
	int *over;                  /* overloaded hosts, id order */
	int n_over;
	int *saved_host, *saved_vm; /* saveAllocation */
	int n_saved;
	int *to_migrate;            /* VMs picked from overloaded hosts */
	int n_to_migrate;
	int *under_vms;             /* VMs of one under-utilized host */
	double *keys;               /* sort keys (parallel to the list being sorted) */
	struct sort_key {
		double key;
		int pos, vm;
	} *sort_keys;               /* a long list's keys, for qsort (consolidation_sort_by_utilization) */
	int *open;                  /* hosts not excluded at the start of the under-utilized phase */
	int *under_order;           /* candidates of getUnderUtilizedHost, by (utilization, id) */
	struct under_key {
		double u;
		int host;
	} *under_keys;              /* their sort keys */
	struct migration *map;
	int n_map, cap_map;
	struct workers *workers;    /* the overload scan's threads (NULL: this one) */
	unsigned char *over_flag;   /* per host: the overload scan's answer */
	double scan_metric[CONSOLIDATION_METRIC_HOSTS]; /* ... and the detector's metric */
	struct consolidation_timings tm; /* consolidation_timings */
};

struct consolidation *consolidation_create(struct gm_ctx *ctx)
{
	struct consolidation *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	struct datacenter *dc = ctx->dc;
	size_t nh = ctx_hosts_size(ctx), nv = ctx_vms_size(ctx);
	c->ctx = ctx;
	c->dc = dc;
	c->policy = ctx->policy;
	overload_init(&c->ov, ctx);
	c->excl = calloc(nh, 1);
	c->over_flag = calloc(nh, 1);
	c->excl_under = calloc(nh, 1);
	c->excl_merged = calloc(nh, 1);
	c->scheduled = calloc(nv, 1);
	c->over = malloc(nh * sizeof *c->over);
	c->saved_host = malloc(nv * sizeof *c->saved_host);
	c->saved_vm = malloc(nv * sizeof *c->saved_vm);
	c->to_migrate = malloc(nv * sizeof *c->to_migrate);
	c->under_vms = malloc(nv * sizeof *c->under_vms);
	c->keys = malloc(nv * sizeof *c->keys);
	c->sort_keys = malloc(nv * sizeof *c->sort_keys);
	c->open = malloc(nh * sizeof *c->open);
	c->under_order = malloc(nh * sizeof *c->under_order);
	c->under_keys = malloc(nh * sizeof *c->under_keys);
	/* A VM enters the map at most twice: once off an overloaded host, once onward
	 * (doc/cloudsim-engine.md#q6); once more when a gm_simulation's caller moved it first. */
	c->cap_map = (int)(3 * nv + 1);
	c->map = malloc((size_t)c->cap_map * sizeof *c->map);
	/* The detectors' history sums, used only while consolidation_optimize runs; the datacenter
	 * points at them, the consolidation owns them. */
	/* (aligned: an entry's first line holds what detect_regression_terms reads) */
	c->history_cache = aligned_alloc(_Alignof(struct host_history_cache),
					 (nh > 0 ? nh : 1) * sizeof *c->history_cache);
	if (c->history_cache != NULL)
		memset(c->history_cache, 0, nh * sizeof *c->history_cache);
	if (!c->excl || !c->over_flag || !c->excl_under || !c->excl_merged || !c->scheduled || !c->over ||
	    !c->saved_host || !c->saved_vm || !c->to_migrate || !c->under_vms || !c->keys || !c->sort_keys ||
	    !c->map || !c->open || !c->under_order || !c->under_keys || !c->history_cache) {
		consolidation_destroy(c);
		return NULL;
	}
	dc->history_cache = c->history_cache;
	c->bf = bestfit_create(ctx, &c->ov);
	if (c->bf == NULL) {
		consolidation_destroy(c);
		return NULL;
	}
	return c;
}

void consolidation_destroy(struct consolidation *c)
{
	if (c == NULL)
		return;
	if (c->dc->history_cache == c->history_cache)
		c->dc->history_cache = NULL;
	free(c->history_cache);
	bestfit_destroy(c->bf);
	overload_fini(&c->ov);
	free(c->excl);
	free(c->over_flag);
	free(c->excl_under);
	free(c->excl_merged);
	free(c->scheduled);
	free(c->over);
	free(c->saved_host);
	free(c->saved_vm);
	free(c->to_migrate);
	free(c->under_vms);
	free(c->keys);
	free(c->sort_keys);
	free(c->open);
	free(c->under_order);
	free(c->under_keys);
	free(c->map);
	free(c);
}

void consolidation_set_workers(struct consolidation *c, struct workers *w)
{
	c->workers = w;
}

void consolidation_set_index(struct consolidation *c, bool on)
{
	bestfit_set_index(c->bf, on);
}

/* The hosts a placement must not choose: excl and the hosts held off (gm_switch_off). */
static const unsigned char *with_held_off(struct consolidation *c, const unsigned char *excl)
{
	const struct gm_ctx *ctx = c->ctx;
	if (ctx->n_held_off == 0)
		return excl;
	if (excl == NULL)
		return ctx->held_off;
	for (int i = 0; i < c->dc->n_hosts; i++)
		c->excl_merged[i] = excl[i] || ctx->held_off[i];
	return c->excl_merged;
}

/* excl, the hosts held off and the hosts that are off ([power] states: ctx->avoid). */
static const unsigned char *with_off(struct consolidation *c, const unsigned char *excl)
{
	const struct gm_ctx *ctx = c->ctx;
	for (int i = 0; i < c->dc->n_hosts; i++)
		c->excl_merged[i] = (excl != NULL && excl[i]) || ctx->avoid[i] ||
				    (ctx->n_held_off > 0 && ctx->held_off[i]);
	return c->excl_merged;
}

/* With power states, a host that is off is taken only when no host on, booting or asleep can
 * take the VM (doc/power-states.md#placement): the search runs without the hosts that are off
 * first. Without power states (n_avoid 0) it is CloudSim's one search. */
static int best_fit(struct consolidation *c, struct vm *vm, const unsigned char *excl, bool find)
{
	const struct gm_ctx *ctx = c->ctx;
	if (ctx->n_avoid > 0 && ctx->n_avoid < c->dc->n_hosts) {
		const unsigned char *x = with_off(c, excl);
		int h = find ? bestfit_find(c->bf, vm, x) : bestfit_place(c->bf, vm, x);
		if (h >= 0)
			return h;
	}
	if (find)
		return bestfit_find(c->bf, vm, with_held_off(c, excl));
	return bestfit_place(c->bf, vm, with_held_off(c, excl));
}

int consolidation_place(struct consolidation *c, struct vm *vm)
{
	/* findHostForVm(vm): excluded = {vm.getHost()}, empty at creation. */
	return best_fit(c, vm, NULL, false);
}

int consolidation_best_fit(struct consolidation *c, struct vm *vm, const unsigned char *excl)
{
	return best_fit(c, vm, excl, c->in_step);
}

/* vms[0 .. n - 1] by descending key, stable: each moves before the keys strictly below it. */
static inline void insertion_by_key(int *vms, double *key, int n)
{
	for (int i = 1; i < n; i++) {
		int v = vms[i];
		double k = key[i];
		int j = i - 1;
		while (j >= 0 && key[j] < k) {
			vms[j + 1] = vms[j];
			key[j + 1] = key[j];
			j--;
		}
		vms[j + 1] = v;
		key[j + 1] = k;
	}
}

#define SORT_QSORT_MIN 256 /* shorter lists: insertion (often nearly in order already) */

/* Descending key, then list position: a total order, so qsort gives the stable order. */
static int cmp_sort_key(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * PowerVmList.sortByCpuUtilization: descending u(now) x MIPS, stable (Collections.sort). Short
 * lists by insertion; longer ones (the overload phase's VMs, thousands a step at 100,000 hosts,
 * where insertion was quadratic) by qsort on (key, position), the same order. A NaN key (no
 * order) keeps the insertion, whatever it makes of it.
 */
void consolidation_sort_by_utilization(struct consolidation *c, int *vms, int n)
{
	double *key = c->keys;
	double now = c->ctx->now;
	for (int i = 0; i < n; i++) {
		const struct vm *vm = &c->dc->vms[vms[i]];
		double u = vm->finished ? 0.0 : vm_utilization(vm, now);
		key[i] = u * vm->mips;
	}
	bool nan = false;
	if (n >= SORT_QSORT_MIN)
		for (int i = 0; i < n && !nan; i++)
			nan = isnan(key[i]);
	if (n < SORT_QSORT_MIN || nan) {
		insertion_by_key(vms, key, n);
		return;
	}
	struct sort_key *sk = c->sort_keys;
	for (int i = 0; i < n; i++)
		sk[i] = (struct sort_key){ .key = key[i], .pos = i, .vm = vms[i] };
	qsort(sk, (size_t)n, sizeof *sk, cmp_sort_key);
	for (int i = 0; i < n; i++)
		vms[i] = sk[i].vm;
}

static void map_add(struct consolidation *c, int vm, int target)
{
	if (c->n_map < c->cap_map) {
		c->map[c->n_map].vm = vm;
		c->map[c->n_map].target = target;
		c->n_map++;
	}
}

bool consolidation_scheduled(const struct consolidation *c, int vm)
{
	return c->scheduled[vm] != 0;
}

void consolidation_migrate(struct consolidation *c, int vm, int host)
{
	c->scheduled[vm] = 1;
	map_add(c, vm, host);
}

static void save_allocation(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	c->n_saved = 0;
	for (int i = 0; i < dc->n_hosts; i++) {
		/* (a host idle since its last update has no VM: dc->quiet, its record not read) */
		if (dc->quiet[i])
			continue;
		const struct host *h = &dc->hosts[i];
		bool in = h->lists_any && h->vms_migrating_in.n > 0; /* (else none to skip) */
		for (int s = 0; s < h->n_slots; s++) {
			if (in && idlist_has(&h->vms_migrating_in, h->slots[s].vm))
				continue;
			c->saved_host[c->n_saved] = i;
			c->saved_vm[c->n_saved] = h->slots[s].vm;
			c->n_saved++;
		}
	}
}

static void restore_allocation(struct consolidation *c)
{
	/* reallocateMigratingInVms: no VM is migrating while the policy runs
	 * (doc/cloudsim-engine.md#consolidation); the hosts the tentative moves left as they were
	 * are not rebuilt (datacenter_restore). */
	datacenter_restore(c->dc, c->saved_host, c->saved_vm, c->n_saved);
}

/* getVmsToMigrateFromHosts */

/* Where vm goes in a phase: the policy's target, or the best fit. -1: nowhere (or the target
 * failed: ctx->failed). */
static int target(struct consolidation *c, struct vm *vm)
{
	const struct gm_policy *p = c->policy;
	struct gm_ctx *ctx = c->ctx;
	if (p->target == NULL) {
		if (ctx->n_avoid > 0 && ctx->n_avoid < c->dc->n_hosts) {
			/* power states: the hosts that are off last (best_fit) */
			int h = bestfit_find(c->bf, vm, with_off(c, c->excl));
			if (h >= 0)
				return h;
		}
		/* (hosts held off: only a gm_simulation's caller holds them off in this loop) */
		return bestfit_find(c->bf, vm, with_held_off(c, c->excl));
	}
	ctx->in_target = true;
	int h = p->target(ctx, gm_vm_of(vm), c->excl);
	ctx->in_target = false;
	if (h < -1 || h >= c->dc->n_hosts || (h >= 0 && c->excl[h])) {
		if (!ctx->failed)
			ctx_fail(ctx, "target returned host %d for VM %d (%d hosts, excluded ones not allowed)",
				 h, vm->id, c->dc->n_hosts);
		return -1;
	}
	return ctx->failed ? -1 : h;
}

/* The VM to move off h: the policy's select, or the run's --selection. -1: none. */
static int pick(struct consolidation *c, struct host *h)
{
	struct gm_ctx *ctx = c->ctx;
	if (c->policy->select == NULL)
		return ctx->selection->pick(c->dc, h, ctx->now, ctx->rng);
	int vm = c->policy->select(ctx, gm_host_of(h));
	if (vm >= 0 && (vm >= c->dc->n_vms || host_find_slot(h, vm) < 0)) {
		ctx_fail(ctx, "select returned VM %d, which is not on host %d", vm, h->id);
		return -1;
	}
	return ctx->failed ? -1 : vm;
}

/* getVmsToMigrateFromHosts */
static void pick_from_overloaded(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	c->n_to_migrate = 0;
	for (int k = 0; k < c->n_over; k++) {
		struct host *h = &dc->hosts[c->over[k]];
		for (;;) {
			int vm = pick(c, h);
			if (vm < 0)
				break;
			c->to_migrate[c->n_to_migrate++] = vm;
			host_vm_destroy(dc, h, &dc->vms[vm]);
			if (!overload_ask(&c->ov, h))
				break;
		}
	}
}

/* getNewVmPlacement: a VM that fits nowhere is silently not migrated
 * (doc/cloudsim-engine.md#q20). */
static void place_from_overloaded(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	consolidation_sort_by_utilization(c, c->to_migrate, c->n_to_migrate);
	bestfit_begin_overload(c->bf, c->excl, c->n_to_migrate > 0);
	for (int k = 0; k < c->n_to_migrate && !c->ctx->failed; k++) {
		struct vm *vm = &dc->vms[c->to_migrate[k]];
		int h = target(c, vm);
		c->tm.overload_calls++;
		if (h >= 0) {
			c->tm.overload_placed++;
			host_vm_create(dc, &dc->hosts[h], vm);
			bestfit_host_changed(c->bf, h);
			map_add(c, vm->id, h);
		}
	}
	bestfit_end_phase(c->bf);
}

/* areAllVmsMigratingOutOrAnyVmMigratingIn: a host getUnderUtilizedHost passes over. */
static bool all_out_or_any_in(const struct datacenter *dc, const struct host *h)
{
	for (int s = 0; s < h->n_slots; s++) {
		int vm = h->slots[s].vm;
		if (!dc->vms[vm].in_migration)
			return false;
		if (idlist_has(&h->vms_migrating_in, vm))
			return true;
	}
	return true;
}

static int cmp_under(const void *a, const void *b)
{
	const struct under_key *x = a, *y = b;
	if (x->u != y->u)
		return x->u < y->u ? -1 : 1;
	return (x->host > y->host) - (x->host < y->host);
}

/*
 * getUnderUtilizedHost is "the least cached utilization in (0, 1) among the hosts not excluded
 * (first wins), passing over those whose VMs all migrate out or one migrates in". Within the
 * phase the cached utilizations, the migration flags and the VM list of every host still open
 * do not change (a host that receives VMs is excluded; a failed attempt takes them back), and
 * exclusion only grows: so the hosts are sorted once by (utilization, id) and each call takes
 * the first one not excluded since. (CloudSim scans all hosts at each call: O(hosts^2) a step.)
 */
static int sort_under_candidates(struct consolidation *c)
{
	const struct datacenter *dc = c->dc;
	int n = 0;
	for (int i = 0; i < dc->n_hosts; i++) {
		if (c->excl_under[i] || dc->quiet[i]) /* (quiet: utilization 0) */
			continue;
		const struct host *h = &dc->hosts[i];
		double u = host_utilization(h);
		if (!(u > 0 && u < 1) || all_out_or_any_in(dc, h))
			continue;
		c->under_keys[n].u = u;
		c->under_keys[n].host = i;
		n++;
	}
	qsort(c->under_keys, (size_t)n, sizeof *c->under_keys, cmp_under);
	for (int k = 0; k < n; k++)
		c->under_order[k] = c->under_keys[k].host;
	return n;
}

/* getMigrationMapFromUnderUtilizedHosts */
static void drain_under_utilized(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	int n_excl_under = 0;
	for (int i = 0; i < dc->n_hosts; i++) {
		/* Overloaded and switched-off hosts; targets of the overload phase are not
		 * (doc/cloudsim-engine.md#q6). */
		/* (a host idle since its last update, dc->quiet, has utilization 0: not read) */
		bool off = dc->quiet[i] || host_utilization(&dc->hosts[i]) == 0;
		c->excl_under[i] = c->excl[i] || off;
		c->excl[i] = c->excl[i] || off;
		n_excl_under += c->excl_under[i];
	}
	/* The hosts still open as targets, in id order: the phase only ever excludes more. */
	int n_open = 0;
	for (int i = 0; i < dc->n_hosts; i++)
		if (!c->excl[i])
			c->open[n_open++] = i;
	int n_under = sort_under_candidates(c), next_under = 0;
	bestfit_begin_under(c->bf, c->excl, c->open, n_open);
	while (!c->ctx->failed) {
		if (n_excl_under == dc->n_hosts)
			break;
		while (next_under < n_under && c->excl_under[c->under_order[next_under]])
			next_under++;
		if (next_under == n_under)
			break;
		int u = c->under_order[next_under];
		c->excl_under[u] = 1;
		n_excl_under++;
		c->excl[u] = 1;
		bestfit_host_closed(c->bf, u);
		struct host *h = &dc->hosts[u];
		int n = 0;
		for (int s = 0; s < h->n_slots; s++)
			if (!dc->vms[h->slots[s].vm].in_migration)
				c->under_vms[n++] = h->slots[s].vm;
		if (n == 0)
			continue;
		/* getNewVmPlacementFromUnderUtilizedHost: all or nothing. */
		consolidation_sort_by_utilization(c, c->under_vms, n);
		int first = c->n_map;
		bool all = true;
		c->tm.underload_hosts++;
		for (int k = 0; k < n; k++) {
			struct vm *vm = &dc->vms[c->under_vms[k]];
			int t = target(c, vm);
			c->tm.underload_calls++;
			if (t < 0) {
				all = false;
				break;
			}
			host_vm_create(dc, &dc->hosts[t], vm);
			bestfit_host_changed(c->bf, t);
			map_add(c, vm->id, t);
		}
		if (!all) {
			c->tm.underload_failed++;
			for (int k = first; k < c->n_map; k++) {
				host_vm_destroy(dc, &dc->hosts[c->map[k].target], &dc->vms[c->map[k].vm]);
				bestfit_host_changed(c->bf, c->map[k].target);
			}
			c->n_map = first;
			continue;
		}
		c->tm.underload_placed += c->n_map - first;
		for (int k = first; k < c->n_map; k++) {
			int t = c->map[k].target;
			if (!c->excl_under[t]) {
				c->excl_under[t] = 1;
				n_excl_under++;
			}
		}
	}
	bestfit_end_phase(c->bf);
}


/* The detectors may reuse host history sums while the policy runs: no VM history changes then. */
#define SCAN_CHUNK 512 /* hosts */

/* The overload scan's chunk `ch`: the detector of each of its hosts (over_flag, scan_metric). */
static void scan_chunk(void *arg, int lane, int ch)
{
	(void)lane;
	struct consolidation *c = arg;
	struct datacenter *dc = c->dc;
	const struct gm_ctx *ctx = c->ctx;
	int from = ch * SCAN_CHUNK, to = from + SCAN_CHUNK < dc->n_hosts ? from + SCAN_CHUNK : dc->n_hosts;
	for (int i = from; i < to; i++) {
		/* the detectors read every VM's record and history: the next host's records and the
		 * VM list of the one after are asked for ahead (no effect on any value) */
#if defined(__GNUC__)
		/* (and the records 8 hosts ahead: at 50,000 hosts reading the host 2 ahead waited
		 * on memory for 88 % of this loop's own time) */
		if (dc->prefetch && i + 8 < to)
			__builtin_prefetch(&dc->hosts[i + 8]);
		if (i + 2 < to && dc->hosts[i + 2].n_slots > 0)
			__builtin_prefetch(dc->hosts[i + 2].slots);
#endif
		if (i + 1 < to && dc->hosts[i + 1].n_slots > 0)
			host_prefetch(dc, &dc->hosts[i + 1], NULL, NAN); /* (NAN: reads only) */
		const gm_host *h = gm_host_of(&dc->hosts[i]);
		if (i < CONSOLIDATION_METRIC_HOSTS)
			c->scan_metric[i] = NAN;
		c->over_flag[i] = c->policy->overloaded(ctx, h, i < CONSOLIDATION_METRIC_HOSTS ? &c->scan_metric[i] : NULL);
	}
}

/* CloudSim's optimizeAllocation (the policy has no optimize hook) */
static void optimize_allocation(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	/* getOverUtilizedHosts: the detector of each host reads only that host and its VMs and
	 * writes only that host's history sums, so the hosts are asked in chunks on the threads;
	 * the list and hosts 0-9's metric history are then made in id order, as CloudSim does */
	double t0 = stopwatch_now();
	if (c->policy->overloaded != NULL) {
		int chunks = (dc->n_hosts + SCAN_CHUNK - 1) / SCAN_CHUNK;
		workers_run(c->workers, chunks, scan_chunk, c);
	} else { /* no detector: no host is overloaded */
		memset(c->over_flag, 0, (size_t)dc->n_hosts);
		for (int i = 0; i < CONSOLIDATION_METRIC_HOSTS; i++)
			c->scan_metric[i] = NAN;
	}
	for (int i = 0; i < dc->n_hosts; i++) {
		c->excl[i] = c->over_flag[i];
		if (c->over_flag[i])
			c->over[c->n_over++] = i;
		if (i < CONSOLIDATION_METRIC_HOSTS && !isnan(c->scan_metric[i]))
			overload_record(&c->ov, &dc->hosts[i], c->scan_metric[i]);
	}
	double t1 = stopwatch_now();
	save_allocation(c);
	pick_from_overloaded(c);
	place_from_overloaded(c);
	double t2 = stopwatch_now();
	if (!c->ctx->failed)
		drain_under_utilized(c);
	double t3 = stopwatch_now();
	restore_allocation(c);
	double t4 = stopwatch_now();
	c->tm.detect_s += t1 - t0;
	c->tm.overload_s += t2 - t1;
	c->tm.underload_s += t3 - t2;
	c->tm.restore_s += t4 - t3;
}

void consolidation_begin(struct consolidation *c)
{
	c->dc->history_stamp = ++c->history_stamp;
	c->in_step = true;
	c->n_map = 0;
	c->n_over = 0;
	bestfit_cache_power(c->bf);
}

int consolidation_decide(struct consolidation *c, const struct migration **out)
{
	struct gm_ctx *ctx = c->ctx;
	if (ctx->failed || ctx->agent_alone) {
		/* (a failed action ended the run; or only a gm_simulation's caller decides: the
		 * wrapper of a policy without migrations moves nothing, so nothing is restored) */
	} else if (c->policy->optimize != NULL) {
		double t0 = stopwatch_now();
		save_allocation(c);
		ctx->in_optimize = true;
		int r = c->policy->optimize(ctx);
		ctx->in_optimize = false;
		restore_allocation(c);
		c->tm.hook_s += stopwatch_now() - t0;
		if (r != 0 && !ctx->failed)
			ctx_fail(ctx, "its optimize hook failed");
	} else {
		optimize_allocation(c);
	}
	for (int k = 0; k < c->n_map; k++)
		c->scheduled[c->map[k].vm] = 0;
	c->in_step = false;
	c->dc->history_stamp = 0;
	*out = c->map;
	return ctx->failed ? -1 : c->n_map;
}

int consolidation_optimize(struct consolidation *c, const struct migration **out)
{
	consolidation_begin(c);
	return consolidation_decide(c, out);
}

void consolidation_timings(const struct consolidation *c, struct consolidation_timings *out)
{
	*out = c->tm;
}

int consolidation_overloaded_count(const struct consolidation *c)
{
	return c->n_over;
}

const struct metric_history *consolidation_metrics(const struct consolidation *c)
{
	return c->ov.metrics;
}
