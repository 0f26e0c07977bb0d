/*
 * bestfit: findHostForVm, power-aware best fit (CloudSim 3.0.3); see bestfit.h.
 *
 * CloudSim scans the hosts in id order and, for every suitable host that has VMs, first runs
 * isHostOverUtilizedAfterAllocation (a tentative create, the detector, a destroy), then keeps the
 * host if its power increase is strictly below the best so far. Its result is therefore the first
 * host, by id, with the least increase among the hosts that pass (empty, or not overloaded with
 * the VM). greenmig gets the same host in two passes: the first applies to every suitable
 * non-empty host the lasting effect of the tentative create/destroy (host_touch) and collects the
 * increases; the second asks the detector only of the best candidates, in (increase, id) order,
 * until one passes. Hosts 0-9, whose detector metric CloudSim writes out, get the detector call
 * CloudSim makes when it is the first of the instant, so that their metric history is CloudSim's
 * too. Quirks kept: power differences use the cached host utilization before and the live one
 * after (doc/cloudsim-engine.md#q5), first host wins on ties (strict <).
 */
#include "bestfit_int.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* host.getPower() of every host: cached utilizations do not change while the policy runs. */
static void cache_power(struct bestfit *c)
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

/* The bits of the overload phase's best fit (see struct bestfit), from the hosts now. */
static void build_fast_bits(struct bestfit *c)
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
static void fast_bits_occupied(struct bestfit *c, int i)
{
	c->gen_bits[i / 64] |= (uint64_t)1 << (i % 64);
	c->idle_bits[i / 64] &= ~((uint64_t)1 << (i % 64));
}

/* The candidates' order: (increase, id) */
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
	bool ties;    /* keep every candidate of the least increase (find_host_pref), not the first */
};

/* known: the detector's shortcut for this host and VM if the caller has it (0 or -1), else -2;
 * vt: the VM's LR terms if the caller has them (NULL: none) */
static inline void fit_host_known(struct bestfit *c, struct fit *f, int i, int known,
				  struct regression_vm_terms *vt)
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
		if (i < CONSOLIDATION_METRIC_HOSTS && !overload_recorded_now(c->ov, i)) {
			if (overload_ask_after(c->ov, h, vm))
				return;
			check = false; /* known to pass */
		}
	}
	if (c->policy->overloaded == NULL)
		check = false; /* no detector: every host passes */
	/* getPowerAfterAllocation: the live allocation (unchanged by the tentative create and
	 * destroy) plus the request, against the cached utilization's power
	 * (doc/cloudsim-engine.md#q5). Empty hosts of one class all give the same value: computed
	 * once per call. */
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
	if (!(diff <= f->bound) || (diff == f->bound && i > f->bound_id && !f->ties))
		return;
	if (check && c->policy->overloaded_bound != NULL && !c->seg_disabled) {
		/* the detector's answer where it is clear without running it */
		int b = known;
		struct regression_terms t;
		if (b == -2 && vt != NULL && c->lr_shortcut && detect_regression_terms(dc, h, &t))
			b = detect_regression_decide(&t, vt, detect_param(c->ctx), c->ctx->interval_s);
		else if (b == -2) /* (LR's hook: the same, with the VM's terms computed again) */
			b = c->policy->overloaded_bound(c->ctx, gm_host_of(h), gm_vm_of(vm));
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

static inline void fit_host(struct bestfit *c, struct fit *f, int i)
{
	fit_host_known(c, f, i, -2, NULL);
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

/* Whether an entry of chunk ck of bucket b may still beat the best host known to pass: not
 * when all are short of MIPS, nor when the chunk's bound (its range's least gain plus its least
 * excess, less the margin for rounding) is above the best increase: every entry then has a
 * larger increase, which seg_fit's pass would drop with no effect. */
static bool seg_chunk_may_win(struct bestfit *c, int b, int ck, const struct fit *f)
{
	struct seg_list *l = &c->seg_lists[b];
	if (!(l->ck_avail[ck] >= f->req))
		return false;
	int k = b / 10;
	if (l->ck_same[ck] && l->ck_id[ck] != INT_MAX) {
		/* one state: the increase every entry has, exactly as fit_host computes it (ties
		 * lose to the bound's smaller id) */
		double d = power_watts(c->seg_pm[k], (l->ck_live[ck] + f->req) / c->seg_total[k]) - l->ck_pnow[ck];
		if (!(d <= f->bound) || (d == f->bound && l->ck_id[ck] > f->bound_id && !f->ties))
			return false;
	}
	double m = seg_least_gain(c, k, b % 10, f->req / c->seg_total[k], l->ck_lo[ck], l->ck_hi[ck]);
	if (m == INFINITY)
		return false; /* none can take it */
	return !(f->bound < m + l->ck_e[ck] - SEG_MARGIN_W);
}

/* Entry p of bucket l, its increase diff from the bulk pass (NaN: power_watts' other paths), into
 * fit_host if it can still beat the bound (seg_fit's survivors). */
static inline void seg_try(struct bestfit *c, struct fit *f, const struct seg_list *l, int p, double diff,
			   const struct power_model *pm, double total, struct regression_vm_terms *vt)
{
	if (diff > f->bound)
		return;
	if (!(l->avail[p] >= f->req))
		return;
	if (diff != diff)
		diff = power_watts(pm, (l->live[p] + f->req) / total) - l->pnow[p];
	if (!(diff <= f->bound) || (diff == f->bound && l->h[p] > f->bound_id && !f->ties))
		return;
	/* the detector's shortcut on the entry's copy of the host's terms: the answer fit_host
	 * would get from them (handed on, not computed twice) */
	int known = l->lr_ok[p] ? detect_regression_decide(&l->lr[p], vt, detect_param(c->ctx), c->ctx->interval_s)
				: -2;
	if (known == 1)
		return; /* overloaded: fit_host would stop here */
	fit_host_known(c, f, l->h[p], known, vt);
}

/* find_host's first pass on the index (see seg_place). 0, or -1 out of memory. */
static int seg_fit(struct bestfit *c, struct fit *f)
{
	int v = f->vm->id;
	struct regression_vm_terms vt;
	detect_regression_vm_terms(f->vm, &vt);
	/* The hosts holding a stale migrating-out entry of this VM, which its tentative create
	 * drops (a lasting change; doc/cloudsim-engine.md#q14). One in a bucket with room is asked
	 * here, and its entry's room set to none for this call's scan; it is filed again after the
	 * call (which finds it in the same place, the entry's room restored). One without room is
	 * not asked (CloudSim creates only on a suitable host) and stays as it is. */
	int n_mo = 0;
	for (int j = c->mo_start[v]; j < c->mo_start[v + 1]; j++) {
		int i = c->mo_hosts[j], w = c->seg_where[i];
		if (w < 0)
			continue;
		if (w == SEG_ALWAYS) {
			if (seg_put(c, i, SEG_ALWAYS, 0, 0) != 0)
				return -1;
			continue;
		}
		double *avail = &c->seg_lists[w].avail[c->seg_pos[i]];
		if (!(*avail >= f->req))
			continue;
		fit_host_known(c, f, i, -2, &vt);
		*avail = -1; /* (as a hole: no room) */
		c->mo_asked[n_mo++] = i;
	}
	/* The hosts asked one by one. Where the available MIPS (unchanged since the host was put
	 * in its list: every change puts it again) are short, fit_host stops at once with no
	 * effect: skipped here, and those asked are put again afterwards (a lasting
	 * create/destroy may have changed them). */
	const struct seg_list *al = &c->seg_lists[SEG_ALWAYS];
	int n_moved = 0;
	if (al->max_avail >= f->req) /* (none has room: none) */
		for (int base = 0; base < al->n; base += SEG_ABLOCK) {
			int bk = base / SEG_ABLOCK, end = al->n - base < SEG_ABLOCK ? al->n : base + SEG_ABLOCK;
			if (!(c->al_max[bk] >= f->req))
				continue; /* (most blocks: the hosts left here are mostly full) */
			double most = -1;
			for (int k = base; k < end; k++) { /* without a branch: few have room */
				c->seg_moved[n_moved] = al->h[k];
				n_moved += al->avail[k] >= f->req;
				most = al->avail[k] > most ? al->avail[k] : most;
			}
			c->al_max[bk] = most;
		}
	/* Every host asked is filed again afterwards (to its bucket if it is regular now), but for
	 * hosts 0-9 whose touch changed nothing (they stay here: CONSOLIDATION_METRIC_HOSTS). */
	int n_changed = 0;
	for (int k = 0; k < n_moved; k++) {
		int i = c->seg_moved[k];
		unsigned long touches = c->dc->touches;
		fit_host_known(c, f, i, -2, &vt);
		if (c->dc->touches != touches || i >= CONSOLIDATION_METRIC_HOSTS)
			c->seg_moved[n_changed++] = i;
	}
	n_moved = n_changed;
	int order[SEG_ALWAYS], n = 0;
	double lb[SEG_ALWAYS];
	for (int b = 0; b < c->n_fast_classes * 10; b++) {
		if (c->seg_lists[b].n == 0)
			continue;
		int k = b / 10;
		double r = f->req / c->seg_total[k];
		const struct seg_list *bl = &c->seg_lists[b];
		double m = seg_least_gain(c, k, b % 10, r, bl->u_lo, bl->u_hi);
		if (m == INFINITY)
			continue; /* no host of the bucket can take it */
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
		if (c->lr_shortcut && !c->seg_disabled) {
			seg_lrq_for(&lq, detect_param(c->ctx), &vt, total);
			lqp = &lq;
		}
		bool chunked = l->n > SEG_CHUNK;
		for (int base = 0; base < l->n; base += SEG_CHUNK) {
			int m = l->n - base < SEG_CHUNK ? l->n - base : SEG_CHUNK;
			if (chunked && !seg_chunk_may_win(c, order[q], base / SEG_CHUNK, f))
				continue; /* every entry would lose to the bound: seg_keep's 0s */
			double inc[SEG_CHUNK];
			if (!pieces)
				for (int i = 0; i < m; i++)
					inc[i] = NAN;
			else if (!c->increase(&sp, l, base, m, f->req, total, f->bound, inc))
				continue; /* every entry above the bound: seg_keep's 0s */
			double keep[SEG_CHUNK];
			int first, last = seg_keep(inc, l->h + base, m, f->bound, f->ties ? INT_MAX : f->bound_id, keep,
						   &first);
			if (last < 0)
				continue; /* (most chunks once a good bound is known) */
			/* (LR's test from the first entry kept to the last: 0s around them) */
			if (lqp != NULL && !seg_drop_overloaded(lqp, l, base + first, last - first + 1, keep + first))
				continue;
			/* The entries that can still win: most have a larger
			 * increase or are exact ties with a larger id (many hosts of the same state
			 * give the same double); the bound only falls while the list is worked through,
			 * and each entry is tested again on the bound of its turn. In entry order: in a
			 * full chunk from a mask of them (a few of 256: a test per entry would
			 * mispredict on each), in a short list one by one (fewer instructions). */
			if (m < SEG_CHUNK) {
				for (int i = first; i <= last; i++)
					if (keep[i] != 0)
						seg_try(c, f, l, base + i, inc[i], pm, total, &vt);
				continue;
			}
			uint64_t mw[SEG_CHUNK / 64];
			seg_mask(keep, mw);
			for (int w = 0; w < SEG_CHUNK / 64; w++)
				for (uint64_t x = mw[w]; x != 0; x &= x - 1) {
					int i = w * 64 + __builtin_ctzll(x);
					seg_try(c, f, l, base + i, inc[i], pm, total, &vt);
				}
		}
	}
	for (int k = 0; k < n_moved; k++)
		if (seg_place(c, c->seg_moved[k]) != 0)
			return -1;
	for (int k = 0; k < n_mo; k++)
		if (seg_place(c, c->mo_asked[k]) != 0)
			return -1;
	return 0;
}

/* Per class, the first suitable empty host of cached power P(0), looking at the id ranges
 * [lo[j], hi[j]) in turn (each less the one before, which it holds), each in id order: the
 * others of the class give the same increase and all pass, and lose to it on the order of the
 * ranges, then on id. A host suitable but pruned by a better bound: so is the rest of the class. */
static void idle_first(struct bestfit *c, struct fit *f, int levels, const int *lo, const int *hi)
{
	struct datacenter *dc = c->dc;
	size_t w = (size_t)c->words;
	for (int k = 0; k < c->n_fast_classes; k++) {
		const uint64_t *cb = &c->class_bits[(size_t)k * w];
		bool done = !isnan(c->class_pe[k]) && !(c->class_pe[k] >= f->req_pe); /* no PE fits */
		for (int j = 0; j < levels && !done; j++) {
			int from[2] = { lo[j], j > 0 ? hi[j - 1] : hi[j] };
			int to[2] = { j > 0 ? lo[j - 1] : hi[j], hi[j] };
			for (int part = 0; part < 2 && !done; part++)
				for (int i = next_bit(c->idle_bits, cb, c->words, dc->n_hosts, from[part]);
				     i < to[part] && !done; i = next_bit(c->idle_bits, cb, c->words, dc->n_hosts, i + 1)) {
					int before = f->n;
					fit_host(c, f, i);
					done = f->n > before ||
					       (!(f->excl != NULL && f->excl[i]) && host_is_suitable(dc, &dc->hosts[i], f->vm));
				}
		}
	}
}

/* The overload phase's fast best fit: per class the first suitable idle host by id. */
static void idle_representatives(struct bestfit *c, struct fit *f)
{
	int lo = 0, hi = c->dc->n_hosts;
	idle_first(c, f, 1, &lo, &hi);
}

/* find_host_pref's idle hosts: per class, the suitable empty host of cached power P(0) of least
 * network cost from host src, then least id: the cost levels in turn (network_target_levels). */
static void idle_preferred(struct bestfit *c, struct fit *f, int src)
{
	const struct experiment *e = c->ctx->e;
	int lo[4], hi[4];
	int levels = network_target_levels(&e->network.params, e->network.target, src, c->dc->n_hosts, lo, hi);
	idle_first(c, f, levels, lo, hi);
}

/*
 * The best fit's first pass without the index: the hosts given, or (fast) the idle hosts' class
 * representatives and then, in id order, every host that must be looked at one by one, or every
 * host. Candidates need not come in id order: ties go by id explicitly (find_host).
 */
static void first_pass(struct bestfit *c, struct fit *f, const int *hosts, int n_hosts)
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
static int first_pass_indexed(struct bestfit *c, struct fit *f)
{
	if (c->fast)
		idle_representatives(c, f);
	return seg_fit(c, f);
}

/* A new search for vm's host (a new stamp: no host asked yet), excluding excl. */
static inline struct fit fit_start(struct bestfit *c, struct vm *vm, const unsigned char *excl)
{
	return (struct fit){
		.vm = vm,
		.excl = excl,
		.req = vm_req_total(vm),
		.req_pe = vm_req_pe(vm),
		/* RAM and BW are requested only at t = 0; used memory always (doc/memory.md) */
		.needs_memory = vm->being_instantiated || c->dc->memory,
		.stamp = ++c->stamp,
		.bound = DBL_MAX,
		.bound_id = -1,
		.n = 0,
	};
}

/*
 * [network] target = same_rack | cheapest_path (doc/network.md#target-choice): among the
 * candidates of the least increase that pass the detector, the one of least network_target_cost
 * from the VM's host, then the first by id; with equal costs (or no host) CloudSim's answer. The
 * answer is the first host in (increase, cost, id) order that passes, among every host the plain
 * scan would make a candidate: a host it drops has a larger increase than one known to pass. So
 * on the index the first pass keeps every candidate of equal increase whatever its id (f.ties),
 * and of the idle hosts of a class, which all tie and pass, only the one of least (cost, id)
 * (idle_preferred). Candidates in (increase, cost, id) order, one scan a candidate asked:
 * failures of the detector are few.
 */
static int find_host_pref(struct bestfit *c, struct vm *vm, const unsigned char *excl, const int *hosts,
			  int n_hosts)
{
	struct datacenter *dc = c->dc;
	const struct experiment *e = c->ctx->e;
	struct fit f = fit_start(c, vm, excl);
	f.ties = true;
	int src = dc->vm_table[vm->id]; /* where it is (tentative moves leave this) */
	bool indexed = false;
	if (c->seg_on) {
		if (c->fast)
			idle_preferred(c, &f, src);
		indexed = seg_fit(c, &f) == 0;
		if (!indexed) { /* out of memory in the index: the plain scan from scratch */
			f = fit_start(c, vm, excl);
			f.ties = true;
		}
	}
	if (!indexed) {
		bool fast = c->fast;
		c->fast = false;
		c->seg_on = false; /* (the plain scan leaves the index stale) */
		first_pass(c, &f, hosts, n_hosts);
		c->fast = fast;
	}
	int n = f.n;
	while (n > 0) {
		int k = 0;
		int kc = network_target_cost(&e->network.params, e->network.target, src, c->cand[0].host);
		for (int j = 1; j < n; j++) {
			const struct candidate *x = &c->cand[j], *y = &c->cand[k];
			if (x->diff > y->diff)
				continue;
			int xc = network_target_cost(&e->network.params, e->network.target, src, x->host);
			if (x->diff < y->diff || xc < kc || (xc == kc && x->host < y->host)) {
				k = j;
				kc = xc;
			}
		}
		if (!c->cand[k].check || !overload_ask_after(c->ov, &dc->hosts[c->cand[k].host], vm))
			return c->cand[k].host;
		c->cand[k] = c->cand[--n]; /* overloaded with the VM: out */
	}
	return -1;
}

static int find_host(struct bestfit *c, struct vm *vm, const unsigned char *excl,
		     const int *hosts, int n_hosts)
{
	struct datacenter *dc = c->dc;
	if (c->ctx->e != NULL && c->ctx->e->network.target != NET_TARGET_ANY)
		return find_host_pref(c, vm, excl, hosts, n_hosts);
	struct fit f = fit_start(c, vm, excl);
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
	if (!c->cand[k].check || !overload_ask_after(c->ov, &dc->hosts[c->cand[k].host], vm))
		return c->cand[k].host;
	c->cand[k] = c->cand[--n]; /* overloaded with the VM: out */
	for (int j = n / 2 - 1; j >= 0; j--)
		cand_sift_down(c->cand, n, j);
	while (n > 0) {
		struct candidate top = c->cand[0];
		if (!top.check || !overload_ask_after(c->ov, &dc->hosts[top.host], vm))
			return top.host;
		c->cand[0] = c->cand[--n];
		cand_sift_down(c->cand, n, 0);
	}
	return -1;
}

/*
 * The bits of the fast best fit for a placement call: kept from the previous call when the only
 * change since is the VM its caller created on the host it returned (the placements at t = 0 and
 * of arriving VMs come in runs), else rebuilt.
 */
static void placement_bits(struct bestfit *c)
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


struct bestfit *bestfit_create(struct gm_ctx *ctx, struct overload *ov)
{
	struct bestfit *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->ov = ov;
	c->ctx = ctx;
	c->dc = ctx->dc;
	c->policy = ctx->policy;
	size_t nh = ctx_hosts_size(ctx), nv = ctx_vms_size(ctx);
	c->lr_shortcut = ctx->policy->overloaded_bound == detect_regression_bound_hook;
	c->increase = seg_increase_choose();
	c->power_now = malloc(nh * sizeof *c->power_now);
	c->power_idle = malloc(nh * sizeof *c->power_idle);
	c->open = malloc(nh * sizeof *c->open);
	c->cand = malloc(nh * sizeof *c->cand);
	c->host_class = malloc(nh * sizeof *c->host_class);
	c->class_watts = malloc(nh * sizeof *c->class_watts);
	c->class_stamp = calloc(nh, sizeof *c->class_stamp);
	c->seg_where = malloc(nh * sizeof *c->seg_where);
	c->seg_pos = malloc(nh * sizeof *c->seg_pos);
	c->seg_moved = malloc(nh * sizeof *c->seg_moved);
	c->mo_asked = malloc(nh * sizeof *c->mo_asked);
	c->seg_e = malloc(nh * sizeof *c->seg_e);
	c->seg_u = malloc(nh * sizeof *c->seg_u);
	c->al_max = malloc((nh / SEG_ABLOCK + 2) * sizeof *c->al_max);
	c->mo_start = calloc(nv + 1, sizeof *c->mo_start);
	for (size_t i = 0; c->seg_where != NULL && i < nh; i++)
		c->seg_where[i] = -1;
	if (!c->power_now || !c->power_idle || !c->open || !c->cand || !c->host_class || !c->class_watts ||
	    !c->class_stamp || !c->seg_where || !c->seg_pos || !c->seg_moved || !c->mo_asked || !c->seg_e ||
	    !c->seg_u || !c->al_max || !c->mo_start || bestfit_classify(c) != 0) {
		bestfit_destroy(c);
		return NULL;
	}
	cache_power(c); /* for the placement at t = 0, when every cached utilization is 0 */
	return c;
}

void bestfit_destroy(struct bestfit *c)
{
	if (c == NULL)
		return;
	free(c->power_now);
	free(c->power_idle);
	free(c->open);
	free(c->cand);
	free(c->host_class);
	free(c->class_watts);
	free(c->class_stamp);
	free(c->seg_where);
	free(c->seg_pos);
	free(c->seg_moved);
	free(c->mo_asked);
	free(c->seg_e);
	free(c->seg_u);
	free(c->al_max);
	seg_free(c);
	free(c->class_index);
	free(c->class_p0);
	free(c->class_pe);
	free(c->gen_bits);
	free(c->idle_bits);
	free(c->class_bits);
	free(c);
}

void bestfit_set_index(struct bestfit *c, bool on)
{
	c->seg_disabled = !on;
}

void bestfit_cache_power(struct bestfit *c)
{
	cache_power(c);
}

int bestfit_place(struct bestfit *c, struct vm *vm, const unsigned char *excl)
{
	/* the cached utilizations of this step (unchanged since the last call: no host update) */
	if (!c->power_valid || c->power_epoch != c->dc->util_epoch)
		cache_power(c);
	if (c->n_fast_classes == 0)
		return find_host(c, vm, excl, NULL, 0);
	if (!c->seg_placement)
		c->bits_valid = false; /* the index went to a consolidation phase: built again */
	placement_bits(c);
	c->fast = true;
	c->seg_on = c->seg_placement;
	int h = find_host(c, vm, excl, NULL, 0);
	if (!c->seg_on)
		c->seg_placement = false; /* out of memory in the index */
	c->seg_on = false;
	c->fast = false;
	c->bits_last = h;
	c->bits_last_slots = h >= 0 ? c->dc->hosts[h].n_slots : 0;
	c->bits_slots_epoch = c->dc->slots_epoch;
	return h;
}

void bestfit_begin_overload(struct bestfit *c, const unsigned char *excl, bool any)
{
	struct datacenter *dc = c->dc;
	c->phase_excl = excl;
	c->phase_hosts = NULL;
	c->phase_n = 0;
	if (c->n_fast_classes == 0)
		return;
	build_fast_bits(c);
	c->fast = true;
	/* the hosts looked at one by one, on the index (see seg_place) */
	int n = 0;
	for (int i = next_bit(c->gen_bits, NULL, c->words, dc->n_hosts, 0); i < dc->n_hosts;
	     i = next_bit(c->gen_bits, NULL, c->words, dc->n_hosts, i + 1))
		if (!excl[i])
			c->open[n++] = i;
	c->seg_placement = false;
	c->seg_on = any && c->seg_ok && !c->seg_disabled && seg_build(c, c->open, n) == 0;
}

void bestfit_begin_under(struct bestfit *c, const unsigned char *excl, const int *open, int n_open)
{
	c->phase_excl = excl;
	c->phase_hosts = open;
	c->phase_n = n_open;
	c->seg_placement = false;
	c->seg_on = c->seg_ok && c->n_fast_classes > 0 && !c->seg_disabled && seg_build(c, open, n_open) == 0;
}

void bestfit_host_changed(struct bestfit *c, int h)
{
	if (c->fast)
		fast_bits_occupied(c, h);
	if (c->seg_on && seg_place(c, h) != 0)
		c->seg_on = false; /* out of memory: the plain scan */
}

void bestfit_host_closed(struct bestfit *c, int h)
{
	if (c->seg_on)
		seg_remove(c, h);
}

void bestfit_end_phase(struct bestfit *c)
{
	c->seg_on = false;
	c->fast = false;
	c->bits_valid = false; /* changed for this phase only */
	c->phase_excl = NULL;
	c->phase_hosts = NULL;
	c->phase_n = 0;
}

int bestfit_find(struct bestfit *c, struct vm *vm, const unsigned char *excl)
{
	if (c->phase_excl == NULL || excl == c->phase_excl)
		return find_host(c, vm, excl, c->phase_hosts, c->phase_n);
	/* another exclusion than the phase's (a policy's target hook): the index holds the phase's
	 * hosts only, and the plain scan may leave its entries stale: it is left for the phase */
	c->seg_on = false;
	return find_host(c, vm, excl, NULL, 0);
}
