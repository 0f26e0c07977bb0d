/*
 * consolidation: PowerVmAllocationPolicyMigrationAbstract (CloudSim 3.0.3), step for step:
 *   optimizeAllocation = getOverUtilizedHosts, saveAllocation, getVmsToMigrateFromHosts,
 *   getNewVmPlacement (excluding the overloaded hosts), getMigrationMapFromUnderUtilizedHosts,
 *   restoreAllocation.
 * The tentative vmCreate / vmDestroy calls are real operations on the datacenter, as in CloudSim,
 * because their side effects (list order, re-allocation, which VM is where) decide later choices.
 * Quirks kept for parity, each marked where it happens: targets of the overload phase stay
 * candidates for the under-utilization phase (Q6), switched-off hosts are targets in the overload
 * phase only (Q7), power differences use the cached host utilization before and the live one after
 * (Q5), first host wins on ties (strict <).
 */
#include "consolidation.h"

#include "detect.h"
#include "fuzzy.h"
#include "placement.h"
#include "workers.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FAST_CLASSES 8

struct consolidation {
	struct datacenter *dc;
	const struct policy *policy;
	const struct selection *sel;
	double param;
	double lower;               /* MM: the lower threshold */
	bool stay_quirk;            /* ST */
	bool drr_power_on;          /* DRR */
	int *old_host;              /* per VM: its host before ST/MM took it off (n_vms) */
	struct drr_host {
		bool retiring, evacuating, lost;
		double since;
	} *drr;                     /* DRR: per host */
	int rr_next;                /* DRR: the round-robin pointer */
	long retired, evacuated, drained;
	const struct experiment *e; /* placement and fuzzy settings */
	double next_placement;
	long pl_invocations, pl_planned, pl_done, pl_infeasible;
	double pl_hosts_sum;
	double *fz_cpu, *fz_mem;    /* per host: tentative CPU (MIPS) and memory (MB) in use */
	double *fz_avail;           /* per host: the scheduler's available MIPS less this step's moves */
	double *fz_capc, *fz_capm;  /* per host: capacities */
	int *fz_start, *fz_vms;     /* hosts' VM lists (CSR) */
	double *fz_vcpu, *fz_vmem;  /* per VM */
	unsigned char *fz_movable;
	int *fz_mvm, *fz_mto;       /* the controller's moves */
	unsigned char *fz_on, *fz_target, *fz_moved; /* hosts on / targets this step; VMs moved */
	double interval_s;
	struct rng *rng;
	double now;

	unsigned char *excl;        /* per host: excluded from placement */
	unsigned char *excl_under;  /* per host: excluded from the under-utilized search */
	int *over;                  /* overloaded hosts, id order */
	int n_over;
	int *saved_host, *saved_vm; /* saveAllocation */
	int n_saved;
	int *to_migrate;            /* VMs picked from overloaded hosts */
	int n_to_migrate;
	int *under_vms;             /* VMs of one under-utilized host */
	double *keys;               /* sort keys (parallel to the list being sorted) */
	double *power_now;          /* per host: P(cached utilization), fixed while the policy runs */
	double *power_idle;         /* per host: P(0), once power_idle_ok */
	bool power_idle_ok;
	int *open;                  /* hosts not excluded at the start of the under-utilized phase */
	int *under_order;           /* candidates of getUnderUtilizedHost, by (utilization, id) */
	struct under_key {
		double u;
		int host;
	} *under_keys;              /* their sort keys */
	struct migration *map;
	int n_map, cap_map;
	struct metric_history metrics[CONSOLIDATION_METRIC_HOSTS];
	int *host_class;            /* per host: hosts of one class have one power curve and MIPS */
	double *class_watts;        /* per class: P(req / MIPS) of an empty host, this find_host */
	long *class_stamp;          /* per class: the find_host call class_watts belongs to */
	long stamp;                 /* find_host calls so far */
	struct candidate {
		int host;
		double diff; /* power increase, W */
		bool check;  /* the detector has yet to be asked */
	} *cand;            /* best-fit candidates (n_hosts) */
	/* The overload phase's best fit over all hosts, when hosts fall into at most FAST_CLASSES
	 * classes (fast: the bits are valid): the hosts it looks at one by one (gen_bits: those
	 * with VMs, and empty ones whose cached power is not their class's P(0)), and the empty
	 * hosts of cached power P(0) (idle_bits), of which only the first suitable one per class
	 * (class_bits) can be the answer: they all give the same increase and all pass. */
	int n_fast_classes;         /* 0: off */
	int *class_index;           /* per host: its class, 0 .. n_fast_classes - 1 */
	double *class_p0;           /* per class: P(0) */
	double *class_pe;           /* per class: its PE MIPS, NAN if they differ */
	uint64_t *gen_bits, *idle_bits, *class_bits; /* words; words; n_fast_classes x words */
	int words;
	bool fast;
	bool bits_valid;            /* the bits describe the hosts as of bits_slots_epoch ... */
	unsigned long bits_slots_epoch;
	int bits_last, bits_last_slots; /* ... but for the host a placement returned (if filled) */
	bool power_valid;           /* power_now is of the cached utilizations at power_epoch */
	unsigned long power_epoch;
	unsigned long history_stamp; /* optimize calls so far (dc->history_stamp while one runs) */
	/* The under-utilization phase's segment index (seg_build; find_host's indexed pass) */
	bool seg_ok;                /* the classes' power curves are tables or linear */
	bool seg_disabled;          /* consolidation_set_index(c, false): scan every host */
	bool seg_on;                /* the phase runs on the index now */
	bool seg_placement;         /* the index is placement_bits's (kept between placements) */
	double seg_slope[FAST_CLASSES * 10]; /* per class and tenth: W per unit of utilization */
	double seg_total[FAST_CLASSES];      /* per class: total MIPS */
	const struct power_model *seg_pm[FAST_CLASSES]; /* per class: its power curve */
	/* Lists 0 .. 10 x classes - 1: the buckets (class, tenth); list SEG_ALWAYS: the hosts
	 * asked at every call. Every open host is in exactly one list (seg_where, seg_pos). */
	struct seg_list {
		int *h;
		double *avail, *live, *pnow; /* per entry: what the first pass reads (see seg_fit) */
		struct regression_terms *lr; /* per entry: LR's host terms, if lr_ok */
		unsigned char *lr_ok;
		/* per entry, for seg_increase's LR test (NaN lr_a: none): the host's own part of
		 * the prediction at its migration intervals lr_i (its largest VM's RAM, lr_ram), and
		 * its terms' magnitude */
		double *lr_a, *lr_i, *lr_mag, *lr_ram;
		int n, cap;
		int holes;          /* entries of hosts that left (h = -1), buckets only */
		double max_avail;   /* at least the most available MIPS of its hosts */
		double min_e;       /* at most the least seg_e of its hosts */
		double u_lo, u_hi;  /* a range that holds their seg_u (hosts that left may widen
				     * them: the lists are built afresh at every phase) */
	} seg_lists[FAST_CLASSES * 10 + 1];
	double *seg_e;              /* per host in a bucket: P(live) - P(cached utilization) */
	double *seg_u;              /* per host in a bucket: its live utilization u' */
	int *seg_where, *seg_pos;   /* per host: its list (-1: none) and place in it */
	int *seg_moved;             /* scratch: hosts to place again after a call */
	int *mo_start, *mo_hosts;   /* per VM: the hosts with a stale migrating-out entry of it */
	int cap_mo;
	struct workers *workers;    /* the overload scan's threads (NULL: this one) */
	unsigned char *over_flag;   /* per host: the overload scan's answer */
	double scan_metric[CONSOLIDATION_METRIC_HOSTS]; /* ... and the detector's metric */
};

/* host.getPower() of every host: cached utilizations do not change while the policy runs. */
static void cache_power(struct consolidation *c)
{
	c->power_valid = true;
	c->power_epoch = c->dc->util_epoch;
	c->bits_valid = false; /* which empty hosts are at P(0) may change */
	if (!c->power_idle_ok) {
		for (int i = 0; i < c->dc->n_hosts; i++)
			c->power_idle[i] = power_watts(&c->dc->hosts[i].power, 0);
		c->power_idle_ok = true;
	}
	for (int i = 0; i < c->dc->n_hosts; i++) {
		/* a host idle since its last update (dc->quiet) is at utilization 0: not read */
		if (c->dc->quiet[i]) {
			c->power_now[i] = c->power_idle[i];
			continue;
		}
		const struct host *h = &c->dc->hosts[i];
		c->power_now[i] = power_watts(&h->power, host_utilization(h));
	}
}

/* Hosts with the same power model and total MIPS give an empty host's power after placing a
 * VM the same value: the best fit computes it once per class (first host of the class = id). */
static bool same_class(const struct host *a, const struct host *b)
{
	return a->power.type == b->power.type && a->power.max_w == b->power.max_w &&
	       a->power.static_w == b->power.static_w && a->power.constant == b->power.constant &&
	       a->total_mips == b->total_mips;
}

static int classify_hosts(struct consolidation *c)
{
	const struct host *hs = c->dc->hosts;
	int reps[FAST_CLASSES], n_reps = 0;
	for (int i = 0; i < c->dc->n_hosts; i++) {
		const struct host *h = &hs[i];
		c->host_class[i] = i;
		/* the classes so far first (usually few), then, past FAST_CLASSES of them, every
		 * earlier host that heads a class */
		for (int k = 0; k < n_reps && k < FAST_CLASSES && c->host_class[i] == i; k++)
			if (same_class(&hs[reps[k]], h))
				c->host_class[i] = reps[k];
		for (int j = 0; j < i && c->host_class[i] == i && n_reps >= FAST_CLASSES; j++)
			if (c->host_class[j] == j && same_class(&hs[j], h))
				c->host_class[i] = j;
		if (c->host_class[i] == i) {
			if (n_reps < FAST_CLASSES)
				reps[n_reps] = i;
			n_reps++;
		}
	}
	if (n_reps > FAST_CLASSES)
		return 0; /* the fast path stays off */
	c->words = (c->dc->n_hosts + 63) / 64;
	size_t w = (size_t)(c->words > 0 ? c->words : 1);
	c->class_index = malloc((size_t)(c->dc->n_hosts > 0 ? c->dc->n_hosts : 1) * sizeof *c->class_index);
	c->class_p0 = malloc(FAST_CLASSES * sizeof *c->class_p0);
	c->class_pe = malloc(FAST_CLASSES * sizeof *c->class_pe);
	c->gen_bits = calloc(w, sizeof *c->gen_bits);
	c->idle_bits = calloc(w, sizeof *c->idle_bits);
	c->class_bits = calloc(w * FAST_CLASSES, sizeof *c->class_bits);
	if (!c->class_index || !c->class_p0 || !c->class_pe || !c->gen_bits || !c->idle_bits || !c->class_bits)
		return -1;
	c->seg_ok = true;
	for (int k = 0; k < n_reps; k++) {
		const struct power_model *m = &hs[reps[k]].power;
		c->class_p0[k] = power_watts(m, 0.0);
		c->seg_total[k] = hs[reps[k]].total_mips;
		c->seg_pm[k] = m;
		for (int t = 0; t < 10; t++) {
			if (m->type->kind == POWER_TABLE)
				c->seg_slope[k * 10 + t] = (m->type->table[t + 1] - m->type->table[t]) * 10;
			else if (m->type->kind == POWER_LINEAR)
				c->seg_slope[k * 10 + t] = m->constant * 100;
			else
				c->seg_ok = false; /* curved: no per-tenth slope bound */
			if (!(c->seg_slope[k * 10 + t] >= 0))
				c->seg_ok = false; /* the bound needs power that never falls with load */
		}
	}
	for (int i = 0; i < c->dc->n_hosts; i++) {
		int k = 0;
		while (reps[k] != c->host_class[i])
			k++;
		c->class_index[i] = k;
		if (i == reps[k])
			c->class_pe[k] = hs[i].pe_mips;
		else if (!(c->class_pe[k] == hs[i].pe_mips))
			c->class_pe[k] = NAN;
		c->class_bits[(size_t)k * w + (size_t)(i / 64)] |= (uint64_t)1 << (i % 64);
	}
	c->n_fast_classes = n_reps;
	return 0;
}

/* The bits of the overload phase's best fit (see struct consolidation), from the hosts now. */
static void build_fast_bits(struct consolidation *c)
{
	memset(c->gen_bits, 0, (size_t)c->words * sizeof *c->gen_bits);
	memset(c->idle_bits, 0, (size_t)c->words * sizeof *c->idle_bits);
	for (int i = 0; i < c->dc->n_hosts; i++) {
		uint64_t bit = (uint64_t)1 << (i % 64);
		if (c->dc->hosts[i].n_slots == 0 && c->power_now[i] == c->class_p0[c->class_index[i]])
			c->idle_bits[i / 64] |= bit;
		else
			c->gen_bits[i / 64] |= bit;
	}
}

/* Host i now has a VM: the best fit must look at it one by one. */
static void fast_bits_occupied(struct consolidation *c, int i)
{
	c->gen_bits[i / 64] |= (uint64_t)1 << (i % 64);
	c->idle_bits[i / 64] &= ~((uint64_t)1 << (i % 64));
}

struct consolidation *consolidation_create(struct datacenter *dc, const struct policy *p,
					   const struct selection *sel, double param, double interval_s,
					   struct rng *rng)
{
	struct consolidation *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	size_t nh = (size_t)(dc->n_hosts > 0 ? dc->n_hosts : 1);
	size_t nv = (size_t)(dc->n_vms > 0 ? dc->n_vms : 1);
	c->dc = dc;
	c->policy = p;
	c->sel = sel;
	c->param = param;
	c->interval_s = interval_s;
	c->rng = rng;
	c->excl = calloc(nh, 1);
	c->over_flag = calloc(nh, 1);
	c->excl_under = calloc(nh, 1);
	c->over = malloc(nh * sizeof *c->over);
	c->saved_host = malloc(nv * sizeof *c->saved_host);
	c->saved_vm = malloc(nv * sizeof *c->saved_vm);
	c->to_migrate = malloc(nv * sizeof *c->to_migrate);
	c->under_vms = malloc(nv * sizeof *c->under_vms);
	c->keys = malloc(nv * sizeof *c->keys);
	c->power_now = malloc(nh * sizeof *c->power_now);
	c->power_idle = malloc(nh * sizeof *c->power_idle);
	c->open = malloc(nh * sizeof *c->open);
	c->under_order = malloc(nh * sizeof *c->under_order);
	c->under_keys = malloc(nh * sizeof *c->under_keys);
	c->cand = malloc(nh * sizeof *c->cand);
	c->host_class = malloc(nh * sizeof *c->host_class);
	c->old_host = malloc(nv * sizeof *c->old_host);
	c->drr = calloc(nh, sizeof *c->drr);
	c->fz_cpu = calloc(nh, sizeof *c->fz_cpu);
	c->fz_mem = calloc(nh, sizeof *c->fz_mem);
	c->fz_avail = calloc(nh, sizeof *c->fz_avail);
	c->fz_capc = calloc(nh, sizeof *c->fz_capc);
	c->fz_capm = calloc(nh, sizeof *c->fz_capm);
	c->fz_start = calloc(nh + 1, sizeof *c->fz_start);
	c->fz_vms = calloc(nv, sizeof *c->fz_vms);
	c->fz_vcpu = calloc(nv, sizeof *c->fz_vcpu);
	c->fz_vmem = calloc(nv, sizeof *c->fz_vmem);
	c->fz_movable = calloc(nv, 1);
	c->fz_mvm = calloc(nv, sizeof *c->fz_mvm);
	c->fz_mto = calloc(nv, sizeof *c->fz_mto);
	c->fz_on = calloc(nh, 1);
	c->fz_target = calloc(nh, 1);
	c->fz_moved = calloc(nv, 1);
	c->stay_quirk = false;
	c->class_watts = malloc(nh * sizeof *c->class_watts);
	c->class_stamp = calloc(nh, sizeof *c->class_stamp);
	c->seg_where = malloc(nh * sizeof *c->seg_where);
	c->seg_pos = malloc(nh * sizeof *c->seg_pos);
	c->seg_moved = malloc(nh * sizeof *c->seg_moved);
	c->seg_e = malloc(nh * sizeof *c->seg_e);
	c->seg_u = malloc(nh * sizeof *c->seg_u);
	for (size_t i = 0; c->seg_where != NULL && i < nh; i++)
		c->seg_where[i] = -1;
	c->mo_start = calloc(nv + 1, sizeof *c->mo_start);
	/* A VM enters the map at most twice: once off an overloaded host, once onward (Q6). */
	c->cap_map = (int)(2 * nv + 1);
	c->map = malloc((size_t)c->cap_map * sizeof *c->map);
	if (!c->excl || !c->over_flag || !c->excl_under || !c->over || !c->saved_host || !c->saved_vm || !c->to_migrate ||
	    !c->under_vms || !c->keys || !c->map || !c->power_now || !c->power_idle || !c->cand || !c->open || !c->under_order || !c->under_keys ||
	    !c->host_class || !c->class_watts || !c->class_stamp || !c->seg_where || !c->seg_pos ||
	    !c->seg_moved || !c->seg_e || !c->seg_u || !c->mo_start || !c->old_host || !c->drr || !c->fz_cpu ||
	    !c->fz_mem || !c->fz_avail || !c->fz_capc || !c->fz_capm || !c->fz_start || !c->fz_vms ||
	    !c->fz_vcpu || !c->fz_vmem || !c->fz_movable || !c->fz_mvm || !c->fz_mto || !c->fz_on || !c->fz_target || !c->fz_moved) {
		consolidation_destroy(c);
		return NULL;
	}
	/* The datacenter owns the detectors' history sums (freed with it); used only while a
	 * consolidation_optimize runs. */
	if (dc->history_cache == NULL)
		dc->history_cache = calloc(nh, sizeof *dc->history_cache);
	if (dc->history_cache == NULL) {
		consolidation_destroy(c);
		return NULL;
	}
	if (classify_hosts(c) != 0) {
		consolidation_destroy(c);
		return NULL;
	}
	cache_power(c); /* for the placement at t = 0, when every cached utilization is 0 */
	return c;
}

void consolidation_destroy(struct consolidation *c)
{
	if (c == NULL)
		return;
	free(c->excl);
	free(c->over_flag);
	free(c->excl_under);
	free(c->over);
	free(c->saved_host);
	free(c->saved_vm);
	free(c->to_migrate);
	free(c->under_vms);
	free(c->keys);
	free(c->power_now);
	free(c->power_idle);
	free(c->open);
	free(c->under_order);
	free(c->under_keys);
	free(c->cand);
	free(c->host_class);
	free(c->old_host);
	free(c->drr);
	free(c->fz_cpu);
	free(c->fz_mem);
	free(c->fz_avail);
	free(c->fz_capc);
	free(c->fz_capm);
	free(c->fz_start);
	free(c->fz_vms);
	free(c->fz_vcpu);
	free(c->fz_vmem);
	free(c->fz_movable);
	free(c->fz_mvm);
	free(c->fz_mto);
	free(c->fz_on);
	free(c->fz_target);
	free(c->fz_moved);
	free(c->class_watts);
	free(c->class_stamp);
	free(c->seg_where);
	free(c->seg_pos);
	free(c->seg_moved);
	free(c->seg_e);
	free(c->seg_u);
	for (int k = 0; k <= FAST_CLASSES * 10; k++) {
		free(c->seg_lists[k].h);
		free(c->seg_lists[k].avail);
		free(c->seg_lists[k].live);
		free(c->seg_lists[k].pnow);
		free(c->seg_lists[k].lr);
		free(c->seg_lists[k].lr_ok);
		free(c->seg_lists[k].lr_a);
		free(c->seg_lists[k].lr_i);
		free(c->seg_lists[k].lr_mag);
		free(c->seg_lists[k].lr_ram);
	}
	free(c->mo_start);
	free(c->mo_hosts);
	free(c->class_index);
	free(c->class_p0);
	free(c->class_pe);
	free(c->gen_bits);
	free(c->idle_bits);
	free(c->class_bits);
	free(c->map);
	for (int i = 0; i < CONSOLIDATION_METRIC_HOSTS; i++) {
		free(c->metrics[i].t_s);
		free(c->metrics[i].utilization);
		free(c->metrics[i].metric);
	}
	free(c);
}

static bool recorded_now(const struct consolidation *c, int host)
{
	const struct metric_history *m = &c->metrics[host];
	return m->n > 0 && m->t_s[m->n - 1] == c->now;
}

/* *a resized to cap doubles (kept as it was if out of memory, then -1). */
static int grow_doubles(double **a, int cap)
{
	double *p = realloc(*a, (size_t)cap * sizeof *p);
	if (p == NULL)
		return -1;
	*a = p;
	return 0;
}

/* addHistoryEntry: the first detector call of an instant is kept (out of memory: dropped). */
static void record_metric(struct consolidation *c, const struct host *h, double metric)
{
	struct metric_history *m = &c->metrics[h->id];
	if (recorded_now(c, h->id))
		return;
	if (m->n == m->cap) {
		int cap = m->cap > 0 ? 2 * m->cap : 512;
		if ((grow_doubles(&m->t_s, cap) | grow_doubles(&m->utilization, cap) |
		     grow_doubles(&m->metric, cap)) != 0)
			return;
		m->cap = cap;
	}
	m->t_s[m->n] = c->now;
	m->utilization[m->n] = host_utilization(h);
	m->metric[m->n] = metric;
	m->n++;
}

static bool overloaded(struct consolidation *c, const struct host *h)
{
	if (h->id >= CONSOLIDATION_METRIC_HOSTS)
		return c->policy->overloaded(c->dc, h, c->param, c->interval_s, NULL);
	double metric;
	bool r = c->policy->overloaded(c->dc, h, c->param, c->interval_s, &metric);
	if (!isnan(metric))
		record_metric(c, h, metric);
	return r;
}

/*
 * isHostOverUtilizedAfterAllocation: vmCreate tentatively, ask the detector, vmDestroy. The caller
 * has applied the pair's lasting effect on the scheduler (host_touch) and checked that the create
 * succeeds (suitable, storage free); what remains is the detector on the VM list with vm appended,
 * and vmDestroy's vm.setHost(null).
 */
static bool overloaded_after(struct consolidation *c, struct host *h, struct vm *vm)
{
	bool r;
	if (host_list_push(h, vm) == 0) {
		c->dc->history_tentative = true; /* the detector's history sums may reuse h's */
		r = overloaded(c, h);
		c->dc->history_tentative = false;
		host_list_pop(h);
	} else { /* out of memory for the bare slot: the real operations */
		if (!host_vm_create(c->dc, h, vm))
			return true;
		r = overloaded(c, h);
		host_vm_destroy(c->dc, h, vm);
	}
	vm->host = -1;
	return r;
}

/*
 * findHostForVm(vm, excluded): power-aware best fit. CloudSim scans the hosts in id order and,
 * for every suitable host that has VMs, first runs isHostOverUtilizedAfterAllocation (a tentative
 * create, the detector, a destroy), then keeps the host if its power increase is strictly below
 * the best so far. Its result is therefore the first host, by id, with the least increase among
 * the hosts that pass (empty, or not overloaded with the VM). greenmig gets the same host in two
 * passes: the first applies to every suitable non-empty host the lasting effect of the tentative
 * create/destroy (host_touch) and collects the increases; the second asks the detector only of
 * the best candidates, in (increase, id) order, until one passes. Hosts 0-9, whose detector
 * metric CloudSim writes out, get the detector call CloudSim makes when it is the first of the
 * instant, so that their metric history is CloudSim's too.
 */
static bool cand_less(const struct candidate *x, const struct candidate *y)
{
	return x->diff < y->diff || (x->diff == y->diff && x->host < y->host);
}

/* The min-heap of a[0 .. n - 1] on cand_less, restored below position j. */
static void cand_sift_down(struct candidate *a, int n, int j)
{
	struct candidate x = a[j];
	for (;;) {
		int l = 2 * j + 1;
		if (l >= n)
			break;
		if (l + 1 < n && cand_less(&a[l + 1], &a[l]))
			l++;
		if (!cand_less(&a[l], &x))
			break;
		a[j] = a[l];
		j = l;
	}
	a[j] = x;
}

/* One host of the best fit's first pass (see find_host). */
struct fit {
	struct vm *vm;
	const unsigned char *excl;
	double req, req_pe;
	bool needs_memory;
	long stamp;
	double bound; /* (bound, bound_id): the least (increase, id) of a candidate known to pass */
	int bound_id;
	int n;        /* candidates so far */
};

/* known: the detector's shortcut for this host and VM if the caller has it (0 or -1), else -2 */
static inline void fit_host_known(struct consolidation *c, struct fit *f, int i, int known)
{
	struct datacenter *dc = c->dc;
	struct host *h = &dc->hosts[i];
	struct vm *vm = f->vm;
	if (f->excl != NULL && f->excl[i])
		return;
	/* Host.isSuitableForVm, its MIPS part inline (the hot path) */
	if (!(h->pe_mips >= f->req_pe) || !(h->available_mips >= f->req))
		return;
	if (f->needs_memory && !host_is_suitable(dc, h, vm))
		return;
	double live = host_live_mips(dc, h);
	bool check = live != 0;
	if (check) {
		if (h->storage_free < vm->size_mb)
			return; /* vmCreate fails: "over-utilized after allocation" */
		host_touch(dc, h, vm);
		if (i < CONSOLIDATION_METRIC_HOSTS && !recorded_now(c, i)) {
			if (overloaded_after(c, h, vm))
				return;
			check = false; /* known to pass */
		}
	}
	/* getPowerAfterAllocation: the live allocation (unchanged by the tentative create and
	 * destroy) plus the request, against the cached utilization's power (Q5). Empty hosts
	 * of one class all give the same value: computed once per call. */
	double after = (live + f->req) / h->total_mips;
	double p_after;
	if (live == 0) {
		int cls = c->host_class[i];
		if (c->class_stamp[cls] != f->stamp) {
			c->class_stamp[cls] = f->stamp;
			c->class_watts[cls] = power_watts(&h->power, after);
		}
		p_after = c->class_watts[cls];
	} else {
		p_after = power_watts(&h->power, after);
	}
	double diff = p_after - c->power_now[i];
	/* A host known to pass (empty, or asked already) bounds the answer: a host whose
	 * (increase, id) is not below it can never be chosen. */
	if (!(diff <= f->bound) || (diff == f->bound && i > f->bound_id))
		return;
	if (check && c->policy->overloaded_bound != NULL && !c->seg_disabled) {
		/* the detector's answer where it is clear without running it */
		int b = known != -2 ? known : c->policy->overloaded_bound(dc, h, vm, c->param, c->interval_s);
		if (b == 1)
			return;
		if (b == 0)
			check = false;
	}
	if (!check) {
		f->bound = diff;
		f->bound_id = i;
	}
	c->cand[f->n].host = i;
	c->cand[f->n].diff = diff;
	c->cand[f->n].check = check;
	f->n++;
}

static inline void fit_host(struct consolidation *c, struct fit *f, int i)
{
	fit_host_known(c, f, i, -2);
}

/* The first host, by id, of the set bits of a & b (or of a alone if b is NULL) from bit `from`,
 * or n_hosts. */
static int next_bit(const uint64_t *a, const uint64_t *b, int words, int n_hosts, int from)
{
	int w = from / 64;
	if (w >= words)
		return n_hosts;
	uint64_t x = (b != NULL ? a[w] & b[w] : a[w]) & (~(uint64_t)0 << (from % 64));
	while (x == 0) {
		if (++w >= words)
			return n_hosts;
		x = b != NULL ? a[w] & b[w] : a[w];
	}
	int i = w * 64 + __builtin_ctzll(x);
	return i < n_hosts ? i : n_hosts;
}

/*
 * The best fit's segment index (the placements at t = 0 and of arrivals, and both phases of the
 * consolidation). For most hosts that have VMs only the detector's answer and the power increase
 * matter: the tentative create/destroy leaves nothing behind (allocated in HashMap order
 * already, no table growth due, no stale migrating-out entry of the VM). The increase of such a
 * host is P(u' + r) - P(u), with u its cached utilization, u' >= u its live one and
 * r = req / MIPS; with a power curve that never falls it is at least the least of
 * P(x + r) - P(x) over the bucket's range of u', plus the least P(u') - P(u) of the bucket's
 * hosts. So the hosts sit in buckets by (class, tenth of u'); a call asks the hosts that must be
 * asked anyway (list SEG_ALWAYS: metric hosts 0-9, hosts with a lasting create/destroy or below
 * their cached utilization or within 1e-9 of a tenth's edge, and the hosts holding a stale
 * migrating-out entry of the VM), then the buckets in the order of their bounds, until a host
 * known to pass has an increase below the next bound: every host not asked has a larger
 * increase, so the full scan's fit_host would have dropped it without a side effect. The
 * answer is the full scan's to the bit; CLI tests compare the two on whole runs
 * (simulation.best_fit_index = no).
 */
#define SEG_MARGIN_W 1e-6 /* the bounds' allowance for rounding (increases are watts) */
#define SEG_ALWAYS (FAST_CLASSES * 10)

/* List l without its holes, in the same order. */
static void seg_compact(struct consolidation *c, struct seg_list *l)
{
	int n = 0;
	for (int p = 0; p < l->n; p++) {
		if (l->h[p] < 0)
			continue;
		l->h[n] = l->h[p];
		l->avail[n] = l->avail[p];
		l->live[n] = l->live[p];
		l->pnow[n] = l->pnow[p];
		l->lr[n] = l->lr[p];
		l->lr_ok[n] = l->lr_ok[p];
		l->lr_a[n] = l->lr_a[p];
		l->lr_i[n] = l->lr_i[p];
		l->lr_mag[n] = l->lr_mag[p];
		l->lr_ram[n] = l->lr_ram[p];
		c->seg_pos[l->h[n]] = n;
		n++;
	}
	l->n = n;
	l->holes = 0;
}

/*
 * Host i out of its list. A bucket keeps its order (a hole, compacted away when holes are an
 * eighth of it): its hosts were put in id order, and among hosts of equal increase the first by
 * id is the answer, so in id order the first one found bounds the rest (a shuffled order could
 * make every later, smaller id a new best: quadratic when thousands tie, as at t = 0).
 */
static void seg_remove(struct consolidation *c, int i)
{
	int w = c->seg_where[i];
	if (w < 0)
		return;
	struct seg_list *l = &c->seg_lists[w];
	/* min_e and [u_lo, u_hi] stay: bounds over a superset of the hosts, still bounds */
	int p = c->seg_pos[i];
	c->seg_where[i] = -1;
	if (w != SEG_ALWAYS) {
		l->h[p] = -1;
		l->avail[p] = -1; /* the first pass's test of available MIPS skips it */
		if (++l->holes > 16 + l->n / 8)
			seg_compact(c, l);
		return;
	}
	int q = --l->n, last = l->h[q];
	l->h[p] = last;
	l->avail[p] = l->avail[q];
	l->live[p] = l->live[q];
	l->pnow[p] = l->pnow[q];
	l->lr[p] = l->lr[q];
	l->lr_ok[p] = l->lr_ok[q];
	l->lr_a[p] = l->lr_a[q];
	l->lr_i[p] = l->lr_i[q];
	l->lr_mag[p] = l->lr_mag[q];
	l->lr_ram[p] = l->lr_ram[q];
	c->seg_pos[last] = p;
}

static int seg_grow(struct seg_list *l)
{
	int cap = l->cap > 0 ? 2 * l->cap : 64;
	int *h = realloc(l->h, (size_t)cap * sizeof *h);
	if (h != NULL)
		l->h = h;
	struct regression_terms *lr = realloc(l->lr, (size_t)cap * sizeof *lr);
	if (lr != NULL)
		l->lr = lr;
	unsigned char *ok = realloc(l->lr_ok, (size_t)cap);
	if (ok != NULL)
		l->lr_ok = ok;
	int err = grow_doubles(&l->avail, cap) | grow_doubles(&l->live, cap) |
		  grow_doubles(&l->pnow, cap) | grow_doubles(&l->lr_a, cap) |
		  grow_doubles(&l->lr_i, cap) | grow_doubles(&l->lr_mag, cap) |
		  grow_doubles(&l->lr_ram, cap);
	if (h == NULL || lr == NULL || ok == NULL || err != 0)
		return -1;
	l->cap = cap;
	return 0;
}

/* Host i into list w, with its excess e over its cached power and its live utilization u. */
static int seg_put(struct consolidation *c, int i, int w, double e, double u)
{
	const struct host *h = &c->dc->hosts[i];
	if (c->seg_where[i] == w && c->seg_e[i] == e && c->seg_u[i] == u) {
		struct seg_list *l = &c->seg_lists[w];
		l->avail[c->seg_pos[i]] = h->available_mips;
		if (h->available_mips > l->max_avail)
			l->max_avail = h->available_mips;
		return 0;
	}
	seg_remove(c, i);
	c->seg_e[i] = e;
	c->seg_u[i] = u;
	struct seg_list *l = &c->seg_lists[w];
	if (l->n == l->cap && seg_grow(l) != 0)
		return -1;
	if (l->n == 0) {
		l->min_e = e;
		l->u_lo = l->u_hi = u;
		l->max_avail = h->available_mips;
	} else {
		if (h->available_mips > l->max_avail)
			l->max_avail = h->available_mips;
		if (e < l->min_e)
			l->min_e = e;
		if (u < l->u_lo)
			l->u_lo = u;
		if (u > l->u_hi)
			l->u_hi = u;
	}
	c->seg_pos[i] = l->n;
	l->h[l->n] = i;
	l->avail[l->n] = h->available_mips;
	l->live[l->n] = host_live_mips(c->dc, &c->dc->hosts[i]);
	l->pnow[l->n] = c->power_now[i];
	/* LR's and LRR's shortcut on the host's own terms (seg_fit): only while a consolidation
	 * runs (the history sums are fixed then; a list change puts the host again) */
	l->lr_ok[l->n] = w != SEG_ALWAYS && c->policy->overloaded_bound == detect_regression_bound &&
			 !c->seg_disabled && detect_regression_terms(c->dc, h, &l->lr[l->n]);
	l->lr_a[l->n] = NAN;
	l->lr_i[l->n] = l->lr_mag[l->n] = l->lr_ram[l->n] = 0;
	if (l->lr_ok[l->n]) {
		const struct regression_terms *t = &l->lr[l->n];
		/* detect_regression_decide's intervals for a VM no larger than the host's largest */
		double intervals = detect_regression_intervals(t->max_ram, t->bw, c->interval_s);
		l->lr_a[l->n] = t->sum * LR_SHORTCUT_W_SUM +
				t->lin * LR_SHORTCUT_W_LIN * (LR_SHORTCUT_X + intervals);
		l->lr_i[l->n] = intervals;
		l->lr_mag[l->n] = t->mag;
		l->lr_ram[l->n] = (double)t->max_ram;
	}
	l->n++;
	c->seg_where[i] = w;
	return 0;
}

/* Host i (open) into its bucket, or SEG_ALWAYS. */
static int seg_place(struct consolidation *c, int i)
{
	struct datacenter *dc = c->dc;
	struct host *h = &dc->hosts[i];
	double live = host_live_mips(dc, h);
	double t = 10 * live / h->total_mips;
	int tenth = (int)t;
	bool regular = i >= CONSOLIDATION_METRIC_HOSTS && live > 0 && h->map_ordered &&
		       !(h->map_size + 1 > h->map_cap * 3 / 4) &&
		       live >= host_utilization(h) * h->total_mips * (1 - 1e-12) &&
		       tenth >= 0 && tenth <= 9 && t - tenth >= 1e-9 && tenth + 1 - t >= 1e-9;
	if (!regular)
		return seg_put(c, i, SEG_ALWAYS, 0, 0);
	/* what its increase has on top of P(u' + r) - P(u'): >= 0 (u' >= u, P never falls) */
	double e = power_watts(&h->power, live / h->total_mips) - c->power_now[i];
	if (!(e >= 0))
		e = 0; /* rounding, or NaN: the weakest bound */
	return seg_put(c, i, c->class_index[i] * 10 + tenth, e, live / h->total_mips);
}

/* The lists over the open hosts, and for each VM the hosts holding a stale migrating-out
 * entry of it (which its tentative create/destroy removes). 0, or -1 out of memory. */
static int seg_build(struct consolidation *c, const int *open, int n_open)
{
	struct datacenter *dc = c->dc;
	for (int k = 0; k <= SEG_ALWAYS; k++) {
		for (int j = 0; j < c->seg_lists[k].n; j++)
			if (c->seg_lists[k].h[j] >= 0)
				c->seg_where[c->seg_lists[k].h[j]] = -1;
		c->seg_lists[k].n = 0;
		c->seg_lists[k].holes = 0;
	}
	for (int k = 0; k < n_open; k++)
		if (seg_place(c, open[k]) != 0)
			return -1;
	int nv = dc->n_vms;
	memset(c->mo_start, 0, (size_t)(nv + 1) * sizeof *c->mo_start);
	int n_mo = 0;
	for (int k = 0; k < n_open; k++) {
		const struct idlist *l = &dc->hosts[open[k]].migrating_out;
		for (int j = 0; j < l->n; j++)
			if (l->v[j] >= 0 && l->v[j] < nv) {
				c->mo_start[l->v[j] + 1]++;
				n_mo++;
			}
	}
	if (n_mo > c->cap_mo) {
		int *m = realloc(c->mo_hosts, (size_t)n_mo * sizeof *m);
		if (m == NULL)
			return -1;
		c->mo_hosts = m;
		c->cap_mo = n_mo;
	}
	for (int v = 0; v < nv; v++)
		c->mo_start[v + 1] += c->mo_start[v];
	for (int k = 0; k < n_open; k++) {
		const struct idlist *l = &dc->hosts[open[k]].migrating_out;
		for (int j = 0; j < l->n; j++)
			if (l->v[j] >= 0 && l->v[j] < nv)
				c->mo_hosts[c->mo_start[l->v[j]]++] = open[k]; /* runs ahead: moved back */
	}
	for (int v = nv; v > 0; v--)
		c->mo_start[v] = c->mo_start[v - 1];
	c->mo_start[0] = 0;
	return 0;
}

/*
 * seg_fit's first test, many entries at a time: fit_host's increase power_watts((live + req) /
 * total) - pnow, computed with power_watts' own arithmetic (same operations, same order, so the
 * same doubles) but branch-free, so that the compiler vectorizes it. A bucket's hosts stay within
 * a tenth of utilization, so u = (live + req) / total falls on one of two pieces of a table
 * curve: the piece's values are selected, not looked up. Where power_watts takes another path
 * (u on or within 1e-6 of a table point, where it may test fmod; u outside the two pieces or
 * outside [0, 1]; u = 0 on a linear curve) the result is NaN and seg_fit asks power_watts
 * itself; INFINITY: short of MIPS (fit_host would stop at once).
 */
#define SEG_CHUNK 256

struct seg_pieces {
	bool linear;            /* P = static + constant * u * 100 */
	double lo, hi;          /* tenths (u * 10) outside [lo, hi): NaN */
	double brk;             /* tenth >= brk: the second piece */
	double t1, d1, x1;      /* table[i1], delta[i1], power_tenths[i1] of each piece */
	double t2, d2, x2;
	double static_w, constant;
};

static bool seg_pieces_for(const struct power_model *pm, const struct seg_list *l, double req,
			   double total, struct seg_pieces *sp)
{
	double r = req / total;
	if (!(r > 0) || !(l->u_lo >= 0) || !(l->u_hi <= 1))
		return false;
	if (pm->type->kind == POWER_LINEAR) {
		sp->linear = true;
		sp->static_w = pm->static_w;
		sp->constant = pm->constant;
		sp->lo = 1e-300; /* u = 0 (P = 0) and u > 1 (NaN): power_watts */
		sp->hi = 10;
		sp->brk = INFINITY;
		sp->t1 = sp->d1 = sp->x1 = sp->t2 = sp->d2 = sp->x2 = 0;
		return true;
	}
	if (pm->type->kind != POWER_TABLE)
		return false;
	int j = (int)floor(10 * (l->u_lo + r));
	if (j < 0)
		j = 0;
	if (j > 9)
		return false; /* every entry past 100 %: power_watts says NaN for each */
	int j2 = j + 1 <= 9 ? j + 1 : j;
	sp->linear = false;
	sp->static_w = sp->constant = 0;
	sp->lo = j;
	sp->hi = j2 + 1 <= 10 ? j2 + 1 : 10;
	if (sp->hi > 10 - 1e-6)
		sp->hi = 10 - 1e-6; /* u near 1: power_watts */
	sp->brk = j + 1;
	sp->t1 = pm->type->table[j];
	sp->d1 = pm->delta[j];
	sp->x1 = power_tenths[j];
	sp->t2 = pm->type->table[j2];
	sp->d2 = pm->delta[j2];
	sp->x2 = power_tenths[j2];
	return true;
}

/* The VM's side of LR's shortcut for one bucket (seg_increase) */
struct seg_lrq {
	double s, fs;      /* the detector's parameter and its magnitude */
	double ratio, fr;  /* the VM's MIPS over the bucket's hosts' MIPS, and its magnitude */
	double vs, vl;     /* the VM's history sums times LR_SHORTCUT_W_SUM and _W_LIN */
	double vmag, vram; /* the VM's terms' magnitude, its RAM */
};

/* GCC vectorizes the selects below only without -ftrapping-math (they raise no exception here:
 * the inputs are finite or NaN, never signalling); on x86-64 with glibc it also compiles them for
 * AVX2 and AVX-512, chosen when the program loads (the same IEEE operations on wider vectors: the
 * same doubles); not under ThreadSanitizer, whose instrumented load-time chooser would run
 * before it is set up. SEG_VECTOR marks both functions. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__) && \
	!defined(__SANITIZE_THREAD__)
#define SEG_VECTOR __attribute__((optimize("no-trapping-math"), target_clones("avx512f", "avx2", "default")))
#elif defined(__GNUC__) && !defined(__clang__)
#define SEG_VECTOR __attribute__((optimize("no-trapping-math")))
#else
#define SEG_VECTOR
#endif
SEG_VECTOR
static void seg_increase(const struct seg_pieces *sp, const struct seg_lrq *lq,
			 const struct seg_list *l, int base, int m, double req, double total,
			 double *restrict out)
{
	const struct seg_pieces p = *sp;
	const double *restrict avail = l->avail + base;
	const double *restrict live = l->live + base;
	const double *restrict pnow = l->pnow + base;
	if (p.linear) {
		for (int i = 0; i < m; i++) {
			double u = (live[i] + req) / total;
			double diff = p.static_w + p.constant * u * 100 - pnow[i];
			diff = (u >= p.lo) & (u <= 1) ? diff : NAN;
			out[i] = avail[i] >= req ? diff : INFINITY;
		}
	} else {
		for (int i = 0; i < m; i++) {
			double u = (live[i] + req) / total;
			double tenth = u * 10;
			/* power_watts: i1 = (int)(u * 10), frac = tenth - i1 */
			bool second = tenth >= p.brk;
			double i1 = second ? p.brk : p.brk - 1;
			double frac = tenth - i1;
			double t = second ? p.t2 : p.t1;
			double d = second ? p.d2 : p.d1;
			double x = second ? p.x2 : p.x1;
			double diff = t + d * (u - x) * 100 - pnow[i];
			bool plain = (tenth >= p.lo) & (tenth < p.hi) & (frac >= 1e-6) & (frac <= 1 - 1e-6);
			diff = plain ? diff : NAN;
			out[i] = avail[i] >= req ? diff : INFINITY;
		}
	}
	if (lq == NULL)
		return;
	/* detect_regression_decide's "overloaded" (1) on the entry's terms, for a VM no larger in
	 * RAM than the host's largest (the same intervals): the sums in another order, a few ulps
	 * from decide's, far inside its margin; fit_host would stop at once there */
	const struct seg_lrq q = *lq;
	const double *restrict la = l->lr_a + base;
	const double *restrict li = l->lr_i + base;
	const double *restrict lm = l->lr_mag + base;
	const double *restrict lram = l->lr_ram + base;
	for (int i = 0; i < m; i++) {
		double in = LR_SHORTCUT_X + li[i];
		double pred = q.s * (la[i] + q.ratio * (q.vs + q.vl * in));
		double marg = LR_SHORTCUT_MARGIN * (1 + q.fs * (lm[i] + q.fr * q.vmag) * (in + 1));
		bool over = (pred >= 1 + marg) & (q.vram <= lram[i]);
		out[i] = over ? INFINITY : out[i];
	}
}

/* keep[i] = 1 where entry i can still beat (b0, id0): not a larger increase, nor an equal one
 * of a larger id (NaN: asked one by one); 0 elsewhere. Returns whether any is 1. */
SEG_VECTOR
static bool seg_keep(const double *restrict inc, const int *restrict hid, int m, double b0, int id0,
		     double *restrict keep)
{
	double id = id0;
	long long any = 0;
	for (int i = 0; i < m; i++) {
		double d = inc[i];
		bool lose = (d > b0) | ((d == b0) & ((double)hid[i] > id));
		keep[i] = lose ? 0.0 : 1.0;
		any |= lose ? 0 : 1;
	}
	return any != 0;
}

/* find_host's first pass on the index (see seg_place). 0, or -1 out of memory. */
static int seg_fit(struct consolidation *c, struct fit *f)
{
	int v = f->vm->id;
	for (int j = c->mo_start[v]; j < c->mo_start[v + 1]; j++) {
		int i = c->mo_hosts[j];
		if (c->seg_where[i] >= 0 && seg_put(c, i, SEG_ALWAYS, 0, 0) != 0)
			return -1;
	}
	/* The hosts asked one by one. Where the available MIPS (unchanged since the host was put
	 * in its list: every change puts it again) are short, fit_host stops at once with no
	 * effect: skipped here, and those asked are put again afterwards (a lasting
	 * create/destroy may have changed them). */
	const struct seg_list *al = &c->seg_lists[SEG_ALWAYS];
	int n_moved = 0;
	if (al->max_avail >= f->req) /* (none has room: none) */
		for (int k = 0; k < al->n; k++) { /* without a branch: few have room */
			c->seg_moved[n_moved] = al->h[k];
			n_moved += al->avail[k] >= f->req;
		}
	for (int k = 0; k < n_moved; k++)
		fit_host(c, f, c->seg_moved[k]);
	struct regression_vm_terms vt;
	detect_regression_vm_terms(f->vm, &vt);
	int order[SEG_ALWAYS], n = 0;
	double lb[SEG_ALWAYS];
	for (int b = 0; b < c->n_fast_classes * 10; b++) {
		if (c->seg_lists[b].n == 0)
			continue;
		int k = b / 10;
		double r = f->req / c->seg_total[k];
		/* g(u) = P(u + r) - P(u) is linear between the points where u or u + r crosses a
		 * tenth: its least value over the bucket's [lo, hi] is at one of them (hosts with
		 * u + r > 1 have no power after: never candidates) */
		struct seg_list *bl = &c->seg_lists[b];
		double lo = bl->u_lo, hi = bl->u_hi; /* within the tenth */
		if (hi > 1 - r)
			hi = 1 - r;
		if (lo > hi + 1e-9)
			continue; /* no host of the bucket can take it */
		if (lo > hi)
			hi = lo;
		const struct power_model *pm = c->seg_pm[k];
		double m = power_watts(pm, lo + r) - power_watts(pm, lo);
		double gh = power_watts(pm, hi + r) - power_watts(pm, hi);
		if (gh < m)
			m = gh;
		for (int t = (int)floor(10 * (lo + r)) + 1; t / 10.0 - r < hi; t++) {
			double u = t / 10.0 - r;
			if (u <= lo)
				continue;
			double g = power_watts(pm, t / 10.0) - power_watts(pm, u);
			if (g < m)
				m = g;
		}
		if (!(m == m))
			m = 0; /* cannot happen: P is defined on [0, 1]; the weakest bound then */
		m += bl->min_e;
		double bound = m - SEG_MARGIN_W;
		int j = n++;
		while (j > 0 && lb[j - 1] > bound) {
			lb[j] = lb[j - 1];
			order[j] = order[j - 1];
			j--;
		}
		lb[j] = bound;
		order[j] = b;
	}
	for (int q = 0; q < n; q++) {
		if (f->bound < lb[q])
			break; /* every host left has a larger increase than a host known to pass */
		/* fit_host's first tests on the bucket's own copy of what they read (unchanged
		 * since the host was put here: every change puts it again): short of MIPS, or an
		 * increase the bound already beats, and fit_host would stop with no effect */
		const struct seg_list *l = &c->seg_lists[order[q]];
		const struct power_model *pm = c->seg_pm[order[q] / 10];
		double total = c->seg_total[order[q] / 10];
		struct seg_pieces sp;
		bool pieces = seg_pieces_for(pm, l, f->req, total, &sp);
		struct seg_lrq lq, *lqp = NULL;
		if (c->policy->overloaded_bound == detect_regression_bound && !c->seg_disabled) {
			lq.s = c->param;
			lq.fs = fabs(c->param);
			lq.ratio = vt.mips / total;
			lq.fr = fabs(lq.ratio);
			lq.vs = vt.sum * LR_SHORTCUT_W_SUM;
			lq.vl = vt.lin * LR_SHORTCUT_W_LIN;
			lq.vmag = vt.mag;
			lq.vram = (double)vt.ram_mb;
			lqp = &lq;
		}
		for (int base = 0; base < l->n; base += SEG_CHUNK) {
			int m = l->n - base < SEG_CHUNK ? l->n - base : SEG_CHUNK;
			double inc[SEG_CHUNK];
			if (pieces)
				seg_increase(&sp, lqp, l, base, m, f->req, total, inc);
			else
				for (int i = 0; i < m; i++)
					inc[i] = NAN;
			double keep[SEG_CHUNK];
			if (!seg_keep(inc, l->h + base, m, f->bound, f->bound_id, keep))
				continue; /* (most chunks once a good bound is known) */
			/* The entries that can still win, listed without a branch: most have a larger
			 * increase or are exact ties with a larger id (many hosts of the same state
			 * give the same double); the bound only falls while the list is worked through,
			 * and each entry is tested again on the bound of its turn. */
			int idx[SEG_CHUNK], ns = 0;
			for (int i = 0; i < m; i++) {
				idx[ns] = i;
				ns += (int)keep[i];
			}
			for (int k = 0; k < ns; k++) {
				int i = idx[k];
				double diff = inc[i];
				if (diff > f->bound)
					continue;
				int p = base + i;
				if (!(l->avail[p] >= f->req))
					continue;
				if (diff != diff) /* power_watts' other paths */
					diff = power_watts(pm, (l->live[p] + f->req) / total) - l->pnow[p];
				if (!(diff <= f->bound) || (diff == f->bound && l->h[p] > f->bound_id))
					continue;
				/* the detector's shortcut on the entry's copy of the host's terms: the
				 * answer fit_host would get from them (handed on, not computed twice) */
				int known = l->lr_ok[p] ? detect_regression_decide(&l->lr[p], &vt, c->param,
										     c->interval_s)
							: -2;
				if (known == 1)
					continue; /* overloaded: fit_host would stop here */
				fit_host_known(c, f, l->h[p], known);
			}
		}
	}
	for (int k = 0; k < n_moved; k++)
		if (seg_place(c, c->seg_moved[k]) != 0)
			return -1;
	return 0;
}

/* Per class, the first suitable empty host of cached power P(0): the others of the class give
 * the same increase with a larger id (the overload phase's fast best fit). */
static void idle_representatives(struct consolidation *c, struct fit *f)
{
	struct datacenter *dc = c->dc;
	size_t w = (size_t)c->words;
	for (int k = 0; k < c->n_fast_classes; k++) {
		const uint64_t *cb = &c->class_bits[(size_t)k * w];
		for (int i = next_bit(c->idle_bits, cb, c->words, dc->n_hosts, 0); i < dc->n_hosts;
		     i = next_bit(c->idle_bits, cb, c->words, dc->n_hosts, i + 1)) {
			if (!isnan(c->class_pe[k]) && !(c->class_pe[k] >= f->req_pe))
				break; /* no PE of the class is large enough (fit_host stops at once) */
			int before = f->n;
			fit_host(c, f, i);
			if (f->n > before || f->bound_id == i)
				break; /* suitable: the class's answer */
			if (!(f->excl != NULL && f->excl[i]) && host_is_suitable(dc, &dc->hosts[i], f->vm))
				break; /* suitable, but pruned by a better bound: so is the rest */
		}
	}
}

/*
 * The best fit's first pass without the index: the hosts given, or (fast) the idle hosts' class
 * representatives and then, in id order, every host that must be looked at one by one, or every
 * host. Candidates need not come in id order: ties go by id explicitly (find_host).
 */
static void first_pass(struct consolidation *c, struct fit *f, const int *hosts, int n_hosts)
{
	struct datacenter *dc = c->dc;
	if (hosts != NULL) {
		for (int k = 0; k < n_hosts; k++)
			fit_host(c, f, hosts[k]);
	} else if (c->fast) {
		idle_representatives(c, f);
		for (int i = next_bit(c->gen_bits, NULL, c->words, dc->n_hosts, 0); i < dc->n_hosts;
		     i = next_bit(c->gen_bits, NULL, c->words, dc->n_hosts, i + 1))
			fit_host(c, f, i);
	} else {
		for (int i = 0; i < dc->n_hosts; i++)
			fit_host(c, f, i);
	}
}

/* The same on the index (the overload phase: the idle representatives first). */
static int first_pass_indexed(struct consolidation *c, struct fit *f)
{
	if (c->fast)
		idle_representatives(c, f);
	return seg_fit(c, f);
}

static int find_host(struct consolidation *c, struct vm *vm, const unsigned char *excl,
		     const int *hosts, int n_hosts)
{
	struct datacenter *dc = c->dc;
	struct fit f = {
		.vm = vm,
		.excl = excl,
		.req = vm_req_total(vm),
		.req_pe = vm_req_pe(vm),
		.needs_memory = vm->being_instantiated, /* RAM and BW are requested only at t = 0 */
		.stamp = ++c->stamp,
		.bound = DBL_MAX,
		.bound_id = -1,
		.n = 0,
	};
	if (c->seg_on && first_pass_indexed(c, &f) != 0) {
		/* out of memory in the index: the plain scan from scratch, same answer */
		c->seg_on = false;
		f.bound = DBL_MAX;
		f.bound_id = -1;
		f.n = 0;
		f.stamp = ++c->stamp;
		first_pass(c, &f, hosts, n_hosts);
	} else if (!c->seg_on) {
		first_pass(c, &f, hosts, n_hosts);
	}
	int n = f.n;
	/* The least increase, the first by id on ties, until one passes the detector: one scan for
	 * the least (it usually passes); after a failure, the rest as a binary heap on (increase,
	 * id), a total order, so the heap yields exactly the sorted order at O(log n) a candidate
	 * (rescanning per failure was quadratic at 20,000 hosts, sorting every candidate was
	 * wasted on the few that are asked). */
	int k = -1;
	for (int j = 0; j < n; j++)
		if (k < 0 || cand_less(&c->cand[j], &c->cand[k]))
			k = j;
	if (k < 0)
		return -1;
	if (!c->cand[k].check || !overloaded_after(c, &dc->hosts[c->cand[k].host], vm))
		return c->cand[k].host;
	c->cand[k] = c->cand[--n]; /* overloaded with the VM: out */
	for (int j = n / 2 - 1; j >= 0; j--)
		cand_sift_down(c->cand, n, j);
	while (n > 0) {
		struct candidate top = c->cand[0];
		if (!top.check || !overloaded_after(c, &dc->hosts[top.host], vm))
			return top.host;
		c->cand[0] = c->cand[--n];
		cand_sift_down(c->cand, n, 0);
	}
	return -1;
}

/*
 * DRR's round robin (spec 6.1, on this engine): from the pointer, the first host that is not
 * `except`, not retiring, on (if on_only: it has VMs) and suitable for vm (Host.isSuitableForVm:
 * MIPS, and RAM and BW at creation); the pointer moves past it. -1 if none.
 */
static int drr_round_robin(struct consolidation *c, struct vm *vm, bool on_only, int except)
{
	struct datacenter *dc = c->dc;
	for (int k = 0; k < dc->n_hosts; k++) {
		int i = (c->rr_next + k) % dc->n_hosts;
		struct host *h = &dc->hosts[i];
		if (i == except || c->drr[i].retiring || (on_only && h->n_slots == 0))
			continue;
		if (!host_is_suitable(dc, h, vm) || h->storage_free < vm->size_mb)
			continue;
		c->rr_next = (i + 1) % dc->n_hosts;
		return i;
	}
	return -1;
}

/*
 * The bits of the fast best fit for a placement call: kept from the previous call when the only
 * change since is the VM its caller created on the host it returned (the placements at t = 0 and
 * of arriving VMs come in runs), else rebuilt.
 */
static void placement_bits(struct consolidation *c)
{
	const struct datacenter *dc = c->dc;
	if (c->bits_valid && dc->slots_epoch == c->bits_slots_epoch)
		return;
	if (c->bits_valid && dc->slots_epoch == c->bits_slots_epoch + 1 && c->bits_last >= 0 &&
	    dc->hosts[c->bits_last].n_slots == c->bits_last_slots + 1) {
		fast_bits_occupied(c, c->bits_last);
		c->bits_slots_epoch = dc->slots_epoch;
		if (c->seg_placement && seg_place(c, c->bits_last) != 0)
			c->seg_placement = false;
		return;
	}
	build_fast_bits(c);
	c->bits_valid = true;
	c->bits_slots_epoch = dc->slots_epoch;
	/* the hosts looked at one by one, on the index (see seg_place) */
	int n = 0;
	for (int i = next_bit(c->gen_bits, NULL, c->words, dc->n_hosts, 0); i < dc->n_hosts;
	     i = next_bit(c->gen_bits, NULL, c->words, dc->n_hosts, i + 1))
		c->open[n++] = i;
	c->seg_placement = c->seg_ok && !c->seg_disabled && seg_build(c, c->open, n) == 0;
}

int consolidation_place_at(struct consolidation *c, struct vm *vm, double now)
{
	if (c->policy->consolidation == CONSOLIDATION_DRR)
		return drr_round_robin(c, vm, false, -1);
	c->now = now;
	/* the cached utilizations of this step (unchanged since the last call: no host update) */
	if (!c->power_valid || c->power_epoch != c->dc->util_epoch)
		cache_power(c);
	if (c->n_fast_classes == 0)
		return find_host(c, vm, NULL, NULL, 0);
	if (!c->seg_placement)
		c->bits_valid = false; /* the index went to a consolidation phase: built again */
	placement_bits(c);
	c->fast = true;
	c->seg_on = c->seg_placement;
	int h = find_host(c, vm, NULL, NULL, 0);
	if (!c->seg_on)
		c->seg_placement = false; /* out of memory in the index */
	c->seg_on = false;
	c->fast = false;
	c->bits_last = h;
	c->bits_last_slots = h >= 0 ? c->dc->hosts[h].n_slots : 0;
	c->bits_slots_epoch = c->dc->slots_epoch;
	return h;
}

void consolidation_vm_left(struct consolidation *c, int h)
{
	c->drr[h].lost = true;
}

void consolidation_drr_counts(const struct consolidation *c, long *retired, long *evacuated,
			      long *drained)
{
	*retired = c->retired;
	*evacuated = c->evacuated;
	*drained = c->drained;
}

int consolidation_place(struct consolidation *c, struct vm *vm)
{
	if (c->policy->consolidation == CONSOLIDATION_DRR)
		return drr_round_robin(c, vm, false, -1);
	/* findHostForVm(vm): excluded = {vm.getHost()}, empty at creation. */
	return consolidation_place_at(c, vm, 0);
}

/* PowerVmList.sortByCpuUtilization: descending u(now) x MIPS, stable (Collections.sort). */
static void sort_by_utilization(struct consolidation *c, int *vms, int n)
{
	double *key = c->keys;
	for (int i = 0; i < n; i++) {
		const struct vm *vm = &c->dc->vms[vms[i]];
		double u = vm->finished ? 0.0 : vm_utilization(vm, c->now);
		key[i] = u * vm->mips;
	}
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

static void map_add(struct consolidation *c, int vm, int target)
{
	if (c->n_map < c->cap_map) {
		c->map[c->n_map].vm = vm;
		c->map[c->n_map].target = target;
		c->n_map++;
	}
}

static void save_allocation(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	c->n_saved = 0;
	for (int i = 0; i < dc->n_hosts; i++) {
		const struct host *h = &dc->hosts[i];
		for (int s = 0; s < h->n_slots; s++) {
			if (idlist_has(&h->vms_migrating_in, h->slots[s].vm))
				continue;
			c->saved_host[c->n_saved] = i;
			c->saved_vm[c->n_saved] = h->slots[s].vm;
			c->n_saved++;
		}
	}
}

static void restore_allocation(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	for (int i = 0; i < dc->n_hosts; i++)
		host_vm_destroy_all(dc, &dc->hosts[i]);
	/* reallocateMigratingInVms: no VM is migrating while the policy runs (spec 2.6). */
	for (int k = 0; k < c->n_saved; k++) {
		struct host *h = &dc->hosts[c->saved_host[k]];
		struct vm *vm = &dc->vms[c->saved_vm[k]];
		host_vm_create(dc, h, vm); /* cannot fail: the same VMs, RAM/BW requests now 0 */
		dc->vm_table[vm->id] = h->id;
	}
}

/* getVmsToMigrateFromHosts */
static void pick_from_overloaded(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	c->n_to_migrate = 0;
	for (int k = 0; k < c->n_over; k++) {
		struct host *h = &dc->hosts[c->over[k]];
		for (;;) {
			int vm = c->sel->pick(dc, h, c->now, c->rng);
			if (vm < 0)
				break;
			c->to_migrate[c->n_to_migrate++] = vm;
			host_vm_destroy(dc, h, &dc->vms[vm]);
			if (!overloaded(c, h))
				break;
		}
	}
}

/* getNewVmPlacement: a VM that fits nowhere is silently not migrated (Q20). */
static void place_from_overloaded(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	sort_by_utilization(c, c->to_migrate, c->n_to_migrate);
	if (c->n_fast_classes > 0) {
		build_fast_bits(c);
		c->fast = true;
		/* the hosts looked at one by one, on the index (see seg_place) */
		int n = 0;
		for (int i = next_bit(c->gen_bits, NULL, c->words, dc->n_hosts, 0); i < dc->n_hosts;
		     i = next_bit(c->gen_bits, NULL, c->words, dc->n_hosts, i + 1))
			if (!c->excl[i])
				c->open[n++] = i;
		c->seg_placement = false;
		c->seg_on = c->n_to_migrate > 0 && c->seg_ok && !c->seg_disabled &&
			    seg_build(c, c->open, n) == 0;
	}
	for (int k = 0; k < c->n_to_migrate; k++) {
		struct vm *vm = &dc->vms[c->to_migrate[k]];
		int h = find_host(c, vm, c->excl, NULL, 0);
		if (h >= 0) {
			host_vm_create(dc, &dc->hosts[h], vm);
			if (c->fast)
				fast_bits_occupied(c, h);
			if (c->seg_on && seg_place(c, h) != 0)
				c->seg_on = false; /* out of memory: the plain scan */
			map_add(c, vm->id, h);
		}
	}
	c->seg_on = false;
	c->fast = false;
	c->bits_valid = false; /* changed for this phase only */
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
		/* Overloaded and switched-off hosts; targets of the overload phase are not (Q6). */
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
	c->seg_placement = false;
	c->seg_on = c->seg_ok && c->n_fast_classes > 0 && !c->seg_disabled &&
		    seg_build(c, c->open, n_open) == 0;
	for (;;) {
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
		if (c->seg_on)
			seg_remove(c, u);
		struct host *h = &dc->hosts[u];
		int n = 0;
		for (int s = 0; s < h->n_slots; s++)
			if (!dc->vms[h->slots[s].vm].in_migration)
				c->under_vms[n++] = h->slots[s].vm;
		if (n == 0)
			continue;
		/* getNewVmPlacementFromUnderUtilizedHost: all or nothing. */
		sort_by_utilization(c, c->under_vms, n);
		int first = c->n_map;
		bool all = true;
		for (int k = 0; k < n; k++) {
			struct vm *vm = &dc->vms[c->under_vms[k]];
			int t = find_host(c, vm, c->excl, c->open, n_open);
			if (t < 0) {
				all = false;
				break;
			}
			host_vm_create(dc, &dc->hosts[t], vm);
			if (c->seg_on && seg_place(c, t) != 0)
				c->seg_on = false; /* out of memory: the full scan */
			map_add(c, vm->id, t);
		}
		if (!all) {
			for (int k = first; k < c->n_map; k++)
			{
				host_vm_destroy(dc, &dc->hosts[c->map[k].target], &dc->vms[c->map[k].vm]);
				if (c->seg_on && seg_place(c, c->map[k].target) != 0)
					c->seg_on = false;
			}
			c->n_map = first;
			continue;
		}
		for (int k = first; k < c->n_map; k++) {
			int t = c->map[k].target;
			if (!c->excl_under[t]) {
				c->excl_under[t] = 1;
				n_excl_under++;
			}
		}
	}
	c->seg_on = false;
}

void consolidation_set_workers(struct consolidation *c, struct workers *w)
{
	c->workers = w;
}

void consolidation_set_index(struct consolidation *c, bool on)
{
	c->seg_disabled = !on;
}

void consolidation_set_2010(struct consolidation *c, double lower, bool stay_quirk, bool drr_power_on)
{
	c->lower = lower;
	c->stay_quirk = stay_quirk;
	c->drr_power_on = drr_power_on;
}

/*
 * The VMs in c->to_migrate leave their hosts (old_host remembers where they were), then each, in
 * decreasing utilization, goes where the best fit puts it (the detector at the policy's
 * threshold judges the hosts that have VMs): another host is a migration; its own host, or none,
 * and it stays: re-created there (if `readd_stay`), so that later VMs of the pass see its load.
 */
static void replace_all(struct consolidation *c, bool readd_stay)
{
	struct datacenter *dc = c->dc;
	for (int k = 0; k < c->n_to_migrate; k++) {
		struct vm *vm = &dc->vms[c->to_migrate[k]];
		c->old_host[vm->id] = vm->host;
		host_vm_destroy(dc, &dc->hosts[vm->host], vm);
	}
	sort_by_utilization(c, c->to_migrate, c->n_to_migrate);
	for (int k = 0; k < c->n_to_migrate; k++) {
		struct vm *vm = &dc->vms[c->to_migrate[k]];
		int old = c->old_host[vm->id];
		int h = find_host(c, vm, NULL, NULL, 0);
		if (h >= 0 && h != old) {
			host_vm_create(dc, &dc->hosts[h], vm);
			map_add(c, vm->id, h);
		} else if (readd_stay) {
			host_vm_create(dc, &dc->hosts[old], vm);
		}
	}
}

/*
 * DRR (spec 6.1-6.2 on this engine): a host that lost a VM since the last step and still has
 * VMs becomes retiring (no new or migrated VM); one retiring for at least param seconds sends
 * its VMs, largest MIPS first, round robin to hosts that are on and not retiring, or (with
 * drr_power_on) to the lowest-id empty host that can take it; a retiring host that empties is
 * counted (emptied by the threshold, or drained) and is an ordinary off host again.
 */
static void optimize_drr(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	for (int i = 0; i < dc->n_hosts; i++) {
		struct drr_host *r = &c->drr[i];
		if (dc->hosts[i].n_slots == 0) {
			if (r->retiring) {
				if (r->evacuating)
					c->evacuated++;
				else
					c->drained++;
			}
			memset(r, 0, sizeof *r);
			continue;
		}
		if (r->lost && !r->retiring) {
			r->retiring = true;
			r->since = c->now;
			c->retired++;
		}
		r->lost = false;
	}
	for (int i = 0; i < dc->n_hosts; i++) {
		struct drr_host *r = &c->drr[i];
		if (!r->retiring || r->evacuating || c->now - r->since < c->param)
			continue;
		int n = select_migratable(dc, &dc->hosts[i], c->under_vms);
		for (int a = 1; a < n; a++) { /* largest MIPS first, then id */
			int x = c->under_vms[a];
			int b = a - 1;
			while (b >= 0 && (dc->vms[c->under_vms[b]].mips < dc->vms[x].mips ||
					  (dc->vms[c->under_vms[b]].mips == dc->vms[x].mips && c->under_vms[b] > x))) {
				c->under_vms[b + 1] = c->under_vms[b];
				b--;
			}
			c->under_vms[b + 1] = x;
		}
		for (int k = 0; k < n; k++) {
			struct vm *vm = &dc->vms[c->under_vms[k]];
			int t = drr_round_robin(c, vm, true, i);
			if (t < 0 && c->drr_power_on) {
				for (int o = 0; o < dc->n_hosts && t < 0; o++) {
					struct host *off = &dc->hosts[o];
					if (o != i && off->n_slots == 0 && host_is_suitable(dc, off, vm) &&
					    off->storage_free >= vm->size_mb)
						t = o;
				}
			}
			if (t < 0)
				continue;
			host_vm_create(dc, &dc->hosts[t], vm); /* tentative: later VMs see its load */
			map_add(c, vm->id, t);
			r->evacuating = true;
		}
	}
}


void consolidation_set_controllers(struct consolidation *c, const struct experiment *e)
{
	c->e = e;
	c->next_placement = e->placement.interval_s; /* the first re-pack after one interval */
}

void consolidation_placement_counts(const struct consolidation *c, long *invocations, double *hosts_sum,
				    long *planned, long *done, long *infeasible)
{
	*invocations = c->pl_invocations;
	*hosts_sum = c->pl_hosts_sum;
	*planned = c->pl_planned;
	*done = c->pl_done;
	*infeasible = c->pl_infeasible;
}

/*
 * The placement controller (spec 7.3): every interval, each placed VM's demand over the window
 * (the past one, or the coming one in oracle mode: the trace is in memory) is its trace's samples
 * x its MIPS; the search (placement.h) re-packs from the current placement within the migration
 * budget; the VMs it moves migrate (a VM in migration stays where it goes).
 */
static void optimize_placement(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	const struct experiment *e = c->e;
	if (c->now < c->next_placement)
		return;
	while (c->next_placement <= c->now)
		c->next_placement += e->placement.interval_s;
	int n = 0;
	for (int v = 0; v < dc->n_vms; v++)
		if (dc->vm_table[v] >= 0 && dc->vms[v].placed && !dc->vms[v].removed)
			c->under_vms[n++] = v;
	if (n == 0)
		return;
	const struct vm *v0 = &dc->vms[c->under_vms[0]];
	int window = (int)(e->placement.window_s / v0->interval_s);
	if (window < 1)
		window = 1;
	long k = (long)(c->now / v0->interval_s);
	double *cpu = malloc((size_t)n * (size_t)window * sizeof *cpu);
	double *mem = malloc((size_t)n * sizeof *mem);
	double *cap_cpu = malloc((size_t)dc->n_hosts * sizeof *cap_cpu);
	double *cap_mem = malloc((size_t)dc->n_hosts * sizeof *cap_mem);
	int *cur = malloc((size_t)n * sizeof *cur), *out = malloc((size_t)n * sizeof *out);
	if (!cpu || !mem || !cap_cpu || !cap_mem || !cur || !out)
		goto out;
	for (int i = 0; i < n; i++) {
		const struct vm *vm = &dc->vms[c->under_vms[i]];
		for (int t = 0; t < window; t++) {
			long idx = e->placement.oracle ? k + 1 + t : k - window + 1 + t;
			if (idx < 0)
				idx = 0;
			if (idx > (long)vm->n_util - 1)
				idx = (long)vm->n_util - 1;
			cpu[(size_t)i * (size_t)window + (size_t)t] = vm->util[(size_t)idx * vm->util_stride] * vm->mips * vm->pes;
		}
		mem[i] = (double)vm->ram_mb;
		cur[i] = dc->vm_table[c->under_vms[i]];
	}
	for (int h = 0; h < dc->n_hosts; h++) {
		cap_cpu[h] = dc->hosts[h].total_mips;
		cap_mem[h] = (double)dc->hosts[h].ram_mb;
	}
	struct placement_instance in = { n, dc->n_hosts, window, cpu, mem, cap_cpu, cap_mem, e->placement.max_util,
					 cur, e->placement.max_migrations };
	struct placement_params pp = { e->placement.population, e->placement.generations, e->placement.stagnation,
				       e->placement.p_mutation };
	struct placement_result r;
	if (placement_search(&in, &pp, c->rng, out, &r) != 0)
		goto out;
	c->pl_invocations++;
	if (!r.feasible) {
		c->pl_infeasible++; /* nothing fits the window's peaks: keep the current placement */
		goto out;
	}
	c->pl_hosts_sum += r.servers;
	c->pl_planned += r.migrations;
	/* the engine's admission: a target must have the VM's request free now (its scheduler's
	 * available MIPS less what this step already sends there), as CloudSim's placements do */
	for (int h = 0; h < dc->n_hosts; h++)
		c->fz_avail[h] = dc->hosts[h].available_mips;
	for (int i = 0; i < n; i++) {
		struct vm *vm = &dc->vms[c->under_vms[i]];
		double req = vm_req_total(vm);
		if (out[i] != cur[i] && !vm->in_migration && c->fz_avail[out[i]] >= req &&
		    dc->hosts[out[i]].storage_free >= vm->size_mb) {
			c->fz_avail[out[i]] -= req;
			map_add(c, vm->id, out[i]);
			c->pl_done++;
		}
	}
out:
	free(cpu);
	free(mem);
	free(cap_cpu);
	free(cap_mem);
	free(cur);
	free(out);
}

/*
 * The fuzzy reactive controller (fuzzy.h: fuzzy_control), every scheduling step, on the hosts'
 * cached utilization, their RAM in use and the VMs' requests; a target also needs the VM's
 * request free in its scheduler (CloudSim's admission).
 */
static void optimize_fuzzy(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	const struct experiment *e = c->e;
	int k = 0;
	for (int h = 0; h < dc->n_hosts; h++) {
		const struct host *host = &dc->hosts[h];
		c->fz_capc[h] = host->total_mips;
		c->fz_capm[h] = (double)host->ram_mb;
		c->fz_cpu[h] = host->utilization_mips;
		c->fz_mem[h] = (double)(host->ram_mb - host->ram_free);
		c->fz_avail[h] = host->available_mips;
		c->fz_on[h] = host->n_slots > 0;
		c->fz_start[h] = k;
		for (int s = 0; s < host->n_slots; s++) {
			const struct vm *vm = &dc->vms[host->slots[s].vm];
			if (idlist_has(&host->vms_migrating_in, vm->id))
				continue; /* on its way in: it counts where it comes from */
			c->fz_vms[k++] = vm->id;
			c->fz_vcpu[vm->id] = vm_req_total(vm);
			c->fz_vmem[vm->id] = (double)vm->ram_mb;
			c->fz_movable[vm->id] = !vm->in_migration;
		}
	}
	c->fz_start[dc->n_hosts] = k;
	struct fuzzy_settings s = { e->fuzzy.overload, e->fuzzy.memory_overload, e->fuzzy.underload,
				    e->fuzzy.memory_underload, e->fuzzy.max_moves };
	struct fuzzy_pool p = { dc->n_hosts, dc->n_vms, c->fz_capc, c->fz_capm, c->fz_cpu, c->fz_mem, c->fz_avail,
				c->fz_on, c->fz_target, c->fz_start, c->fz_vms, c->fz_vcpu, c->fz_vmem,
				c->fz_movable, c->fz_moved, c->under_vms };
	int n = fuzzy_control(&s, &p, c->fz_mvm, c->fz_mto);
	for (int i = 0; i < n; i++)
		map_add(c, c->fz_mvm[i], c->fz_mto[i]);
}

/* ST (spec 3): every VM not in migration re-placed, no host with VMs above the threshold. */
static void optimize_st(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	c->n_to_migrate = 0;
	for (int v = 0; v < dc->n_vms; v++) {
		const struct vm *vm = &dc->vms[v];
		if (vm->host >= 0 && !vm->in_migration && host_find_slot(&dc->hosts[vm->host], v) >= 0)
			c->to_migrate[c->n_to_migrate++] = v;
	}
	replace_all(c, !c->stay_quirk);
}

/*
 * MM (spec 4.1, Q6): per host in id order, U its CPU in use (the cached utilization): below the
 * lower threshold all its migratable VMs are selected; above the upper one, while above, of the
 * VMs whose request exceeds the excess the least such, else the largest; their requests come
 * off U. Then replace_all (a VM with no admissible host, or its own, stays).
 */
static void optimize_mm(struct consolidation *c)
{
	struct datacenter *dc = c->dc;
	c->n_to_migrate = 0;
	int *cand = c->under_vms;
	for (int i = 0; i < dc->n_hosts; i++) {
		const struct host *h = &dc->hosts[i];
		double u = h->utilization_mips;
		int n = select_migratable(dc, h, cand);
		if (u > 0 && u < c->lower * h->total_mips) {
			for (int k = 0; k < n; k++)
				c->to_migrate[c->n_to_migrate++] = cand[k];
			continue;
		}
		double upper = c->param * h->total_mips;
		while (u > upper && n > 0) {
			double x = u - upper;
			int best = -1;
			for (int k = 0; k < n; k++) {
				double d = vm_req_total(&dc->vms[cand[k]]);
				if (d > x && (best < 0 || d - x < vm_req_total(&dc->vms[cand[best]]) - x))
					best = k;
			}
			if (best < 0)
				for (int k = 0; k < n; k++)
					if (best < 0 || vm_req_total(&dc->vms[cand[k]]) > vm_req_total(&dc->vms[cand[best]]))
						best = k;
			c->to_migrate[c->n_to_migrate++] = cand[best];
			u -= vm_req_total(&dc->vms[cand[best]]);
			memmove(cand + best, cand + best + 1, (size_t)(n - best - 1) * sizeof *cand);
			n--; /* the rest keep list order (first on ties) */
		}
	}
	replace_all(c, true);
}

static int optimize(struct consolidation *c, double now, const struct migration **out);

/* The detectors may reuse host history sums while the policy runs: no VM history changes then. */
#define SCAN_CHUNK 512 /* hosts */

/* The overload scan's chunk `ch`: the detector of each of its hosts (over_flag, scan_metric). */
static void scan_chunk(void *ctx, int lane, int ch)
{
	(void)lane;
	struct consolidation *c = ctx;
	struct datacenter *dc = c->dc;
	int from = ch * SCAN_CHUNK, to = from + SCAN_CHUNK < dc->n_hosts ? from + SCAN_CHUNK : dc->n_hosts;
	for (int i = from; i < to; i++) {
		/* the detectors read every VM's record and history: the next host's records and the
		 * VM list of the one after are asked for ahead (no effect on any value) */
#if defined(__GNUC__)
		if (i + 2 < to && dc->hosts[i + 2].n_slots > 0)
			__builtin_prefetch(dc->hosts[i + 2].slots);
#endif
		if (i + 1 < to && dc->hosts[i + 1].n_slots > 0)
			host_prefetch(dc, &dc->hosts[i + 1], NULL, NAN); /* (NAN: reads only) */
		const struct host *h = &dc->hosts[i];
		if (i < CONSOLIDATION_METRIC_HOSTS)
			c->scan_metric[i] = NAN;
		c->over_flag[i] = c->policy->overloaded(dc, h, c->param, c->interval_s,
							i < CONSOLIDATION_METRIC_HOSTS ? &c->scan_metric[i] : NULL);
	}
}

int consolidation_optimize(struct consolidation *c, double now, const struct migration **out)
{
	c->dc->history_stamp = ++c->history_stamp;
	int n = optimize(c, now, out);
	c->dc->history_stamp = 0;
	return n;
}

static int optimize(struct consolidation *c, double now, const struct migration **out)
{
	struct datacenter *dc = c->dc;
	c->now = now;
	c->n_map = 0;
	c->n_over = 0;
	cache_power(c);
	if (c->policy->consolidation != CONSOLIDATION_CLOUDSIM3) {
		save_allocation(c);
		if (c->policy->consolidation == CONSOLIDATION_ST)
			optimize_st(c);
		else if (c->policy->consolidation == CONSOLIDATION_MM)
			optimize_mm(c);
		else if (c->policy->consolidation == CONSOLIDATION_DRR)
			optimize_drr(c);
		else if (c->policy->consolidation == CONSOLIDATION_PLACEMENT)
			optimize_placement(c);
		else if (c->policy->consolidation == CONSOLIDATION_FUZZY)
			optimize_fuzzy(c);
		else {
			int before = c->n_map;
			optimize_placement(c);
			if (c->n_map == before) /* no re-pack at this step: the reactive controller acts */
				optimize_fuzzy(c);
		}
		restore_allocation(c);
		*out = c->map;
		return c->n_map;
	}
	/* getOverUtilizedHosts: the detector of each host reads only that host and its VMs and
	 * writes only that host's history sums, so the hosts are asked in chunks on the threads;
	 * the list and hosts 0-9's metric history are then made in id order, as CloudSim does */
	int chunks = (dc->n_hosts + SCAN_CHUNK - 1) / SCAN_CHUNK;
	workers_run(c->workers, chunks, scan_chunk, c);
	for (int i = 0; i < dc->n_hosts; i++) {
		c->excl[i] = c->over_flag[i];
		if (c->over_flag[i])
			c->over[c->n_over++] = i;
		if (i < CONSOLIDATION_METRIC_HOSTS && !isnan(c->scan_metric[i]))
			record_metric(c, &dc->hosts[i], c->scan_metric[i]);
	}
	save_allocation(c);
	pick_from_overloaded(c);
	place_from_overloaded(c);
	drain_under_utilized(c);
	restore_allocation(c);
	*out = c->map;
	return c->n_map;
}

int consolidation_overloaded_count(const struct consolidation *c)
{
	return c->n_over;
}

const struct metric_history *consolidation_metrics(const struct consolidation *c)
{
	return c->metrics;
}
