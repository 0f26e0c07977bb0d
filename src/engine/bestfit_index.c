/*
 * bestfit_index: the best fit's segment index (bestfit.c's indexed first pass, seg_fit).
 *
 * The best fit's segment index serves the placements at t = 0 and of arrivals, and both phases
 * of the consolidation. For most hosts that have VMs only the detector's answer and the power
 * increase matter: the tentative create/destroy leaves nothing behind (allocated in HashMap order
 * already, no table growth due, no stale migrating-out entry of the VM). The increase of such a
 * host is P(u' + r) - P(u), with u its cached utilization, u' >= u its live one and
 * r = req / MIPS; with a power curve that never falls it is at least the least of
 * P(x + r) - P(x) over the bucket's range of u', plus the least P(u') - P(u) of the bucket's
 * hosts. So the hosts sit in buckets by (class, tenth of u'); a call asks the hosts that must be
 * asked anyway (list SEG_ALWAYS: metric hosts 0-9, hosts with a lasting create/destroy or below
 * their cached utilization or within 1e-9 of a tenth's edge; and, from their buckets, the hosts
 * holding a stale migrating-out entry of the VM), then the buckets in the order of their bounds,
 * until a host known to pass has an increase below the next bound: every host not asked has a
 * larger increase, so the full scan's fit_host would have dropped it without a side effect. The
 * answer is the full scan's to the bit; CLI tests compare the two on whole runs
 * (simulation.best_fit_index = no). The hosts' classes the buckets are made of (bestfit_classify)
 * are here too; the fast path's bits use them as well.
 */
#include "bestfit_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Hosts with the same power model and total MIPS give an empty host's power after placing a
 * VM the same value: the best fit computes it once per class (first host of the class = id). */
static bool same_class(const struct host *a, const struct host *b)
{
	return a->power.type == b->power.type && a->power.max_w == b->power.max_w &&
	       a->power.static_w == b->power.static_w && a->power.constant == b->power.constant &&
	       a->total_mips == b->total_mips;
}

/* (bestfit_int.h) */
int bestfit_classify(struct bestfit *c)
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
		for (int t = 0; t <= 10; t++)
			c->seg_ptenth[k * 11 + t] = power_watts(m, t / 10.0);
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

/* *a resized to cap doubles (kept as it was if out of memory, then -1). */
static int grow_doubles(double **a, int cap)
{
	double *p = realloc(*a, (size_t)cap * sizeof *p);
	if (p == NULL)
		return -1;
	*a = p;
	return 0;
}

/* Entry p of bucket l into its chunk's bounds: host i (-1: a hole), its live utilization u,
 * excess e, available MIPS, live MIPS and cached power. The chunk's first entry sets them. */
static void chunk_add(struct seg_list *l, int p, int i, double u, double e, double avail,
		      double live, double pnow)
{
	int k = p / SEG_CHUNK;
	if (p % SEG_CHUNK == 0) {
		l->ck_lo[k] = INFINITY; /* (no host: a range none can take) */
		l->ck_hi[k] = -INFINITY;
		l->ck_e[k] = INFINITY;
		l->ck_avail[k] = -1;
		l->ck_id[k] = INT_MAX;
		l->ck_same[k] = 1;
	}
	if (i < 0)
		return;
	if (l->ck_id[k] == INT_MAX) {
		l->ck_live[k] = live;
		l->ck_pnow[k] = pnow;
	} else if (!(live == l->ck_live[k] && pnow == l->ck_pnow[k])) {
		l->ck_same[k] = 0;
	}
	if (i < l->ck_id[k])
		l->ck_id[k] = i;
	if (u < l->ck_lo[k])
		l->ck_lo[k] = u;
	if (u > l->ck_hi[k])
		l->ck_hi[k] = u;
	if (e < l->ck_e[k])
		l->ck_e[k] = e;
	if (avail > l->ck_avail[k])
		l->ck_avail[k] = avail;
}

/* Every chunk's bounds of bucket l again, from its entries. */
static void chunks_rebuild(struct bestfit *c, struct seg_list *l)
{
	for (int p = 0; p < l->n; p++) {
		int i = l->h[p];
		chunk_add(l, p, i, i >= 0 ? c->seg_u[i] : 0, i >= 0 ? c->seg_e[i] : 0, l->avail[p],
			  l->live[p], l->pnow[p]);
	}
}

/* List l without its holes, in the same order. */
static void seg_compact(struct bestfit *c, struct seg_list *l)
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
	if (n > SEG_CHUNK)
		chunks_rebuild(c, l);
}

/*
 * Host i out of its list. A bucket keeps its order (a hole, compacted away when holes are an
 * eighth of it): its hosts were put in id order, and among hosts of equal increase the first by
 * id is the answer, so in id order the first one found bounds the rest (a shuffled order could
 * make every later, smaller id a new best: quadratic when thousands tie, as at t = 0).
 */
void seg_remove(struct bestfit *c, int i)
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
	if (l->avail[p] > c->al_max[p / SEG_ABLOCK])
		c->al_max[p / SEG_ABLOCK] = l->avail[p];
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
	int ck = cap / SEG_CHUNK + 1;
	int err = grow_doubles(&l->avail, cap) | grow_doubles(&l->live, cap) |
		  grow_doubles(&l->pnow, cap) | grow_doubles(&l->lr_a, cap) |
		  grow_doubles(&l->lr_i, cap) | grow_doubles(&l->lr_mag, cap) |
		  grow_doubles(&l->lr_ram, cap) | grow_doubles(&l->ck_lo, ck) |
		  grow_doubles(&l->ck_hi, ck) | grow_doubles(&l->ck_e, ck) |
		  grow_doubles(&l->ck_avail, ck) | grow_doubles(&l->ck_live, ck) |
		  grow_doubles(&l->ck_pnow, ck);
	unsigned char *same = realloc(l->ck_same, (size_t)ck);
	if (same != NULL)
		l->ck_same = same;
	int *ids = realloc(l->ck_id, (size_t)ck * sizeof *ids);
	if (ids != NULL)
		l->ck_id = ids;
	err |= same == NULL || ids == NULL;
	if (h == NULL || lr == NULL || ok == NULL || err != 0)
		return -1;
	l->cap = cap;
	return 0;
}

/* Host i into list w, with its excess e over its cached power and its live utilization u. */
int seg_put(struct bestfit *c, int i, int w, double e, double u)
{
	const struct host *h = &c->dc->hosts[i];
	if (c->seg_where[i] == w && c->seg_e[i] == e && c->seg_u[i] == u) {
		struct seg_list *l = &c->seg_lists[w];
		int p = c->seg_pos[i];
		l->avail[p] = h->available_mips;
		if (h->available_mips > l->max_avail)
			l->max_avail = h->available_mips;
		if (w != SEG_ALWAYS && l->n > SEG_CHUNK && h->available_mips > l->ck_avail[p / SEG_CHUNK])
			l->ck_avail[p / SEG_CHUNK] = h->available_mips;
		if (w == SEG_ALWAYS && h->available_mips > c->al_max[p / SEG_ABLOCK])
			c->al_max[p / SEG_ABLOCK] = h->available_mips;
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
	if (w == SEG_ALWAYS && (l->n % SEG_ABLOCK == 0 || h->available_mips > c->al_max[l->n / SEG_ABLOCK]))
		c->al_max[l->n / SEG_ABLOCK] = h->available_mips;
	l->live[l->n] = host_live_mips(c->dc, &c->dc->hosts[i]);
	l->pnow[l->n] = c->power_now[i];
	/* (the chunks' bounds are kept only in buckets of more than a chunk: seg_fit's test) */
	if (w != SEG_ALWAYS && l->n == SEG_CHUNK)
		chunks_rebuild(c, l); /* (the entries so far) */
	if (w != SEG_ALWAYS && l->n >= SEG_CHUNK)
		chunk_add(l, l->n, i, u, e, h->available_mips, l->live[l->n], l->pnow[l->n]);
	/* LR's and LRR's shortcut on the host's own terms (seg_fit): only while a consolidation
	 * runs (the history sums are fixed then; a list change puts the host again) */
	l->lr_ok[l->n] = w != SEG_ALWAYS && c->lr_shortcut && !c->seg_disabled && detect_regression_terms(c->dc, h, &l->lr[l->n]);
	seg_lr_entry(l, l->n, l->lr_ok[l->n] ? &l->lr[l->n] : NULL, c->ctx->interval_s);
	l->n++;
	c->seg_where[i] = w;
	return 0;
}

/* Host i (open) into its bucket, or SEG_ALWAYS. */
int seg_place(struct bestfit *c, int i)
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

struct seg_key {
	double u, pnow;
	int h, p;
};

static int cmp_seg_key(const void *a, const void *b)
{
	const struct seg_key *x = a, *y = b;
	if (x->u != y->u)
		return x->u < y->u ? -1 : 1;
	if (x->pnow != y->pnow)
		return x->pnow < y->pnow ? -1 : 1;
	return (x->h > y->h) - (x->h < y->h);
}

/* The entries of bucket l (no holes: just built, in id order) ordered by (live utilization,
 * cached power, id), so that each chunk's range of utilizations is narrow and its bound tight. The answer
 * does not depend on the order: every entry skipped has a larger increase than a host known to
 * pass, and ties go by id (see seg_remove). 0, or -1 out of memory. */
static int seg_order(struct bestfit *c, struct seg_list *l)
{
	int n = l->n;
	size_t need = (size_t)n * (sizeof(struct seg_key) + sizeof(struct regression_terms));
	if ((size_t)c->seg_sort_cap < need) {
		double *b = realloc(c->seg_sort_buf, need);
		if (b == NULL)
			return -1;
		c->seg_sort_buf = b;
		c->seg_sort_cap = (int)(need < 0x7fffffff ? need : 0x7fffffff);
	}
	struct seg_key *key = (struct seg_key *)c->seg_sort_buf;
	for (int p = 0; p < n; p++) {
		key[p].u = c->seg_u[l->h[p]];
		key[p].pnow = l->pnow[p];
		key[p].h = l->h[p];
		key[p].p = p;
	}
	qsort(key, (size_t)n, sizeof *key, cmp_seg_key);
	/* each array permuted through the scratch behind the keys */
	void *tmp = key + n;
#define SEG_PERMUTE(arr)                                                    \
	do {                                                                \
		for (int q = 0; q < n; q++)                                 \
			memcpy((char *)tmp + (size_t)q * sizeof *(arr),      \
			       &(arr)[key[q].p], sizeof *(arr));            \
		memcpy((arr), tmp, (size_t)n * sizeof *(arr));              \
	} while (0)
	SEG_PERMUTE(l->h);
	SEG_PERMUTE(l->avail);
	SEG_PERMUTE(l->live);
	SEG_PERMUTE(l->pnow);
	SEG_PERMUTE(l->lr);
	SEG_PERMUTE(l->lr_ok);
	SEG_PERMUTE(l->lr_a);
	SEG_PERMUTE(l->lr_i);
	SEG_PERMUTE(l->lr_mag);
	SEG_PERMUTE(l->lr_ram);
#undef SEG_PERMUTE
	for (int p = 0; p < n; p++)
		c->seg_pos[l->h[p]] = p;
	chunks_rebuild(c, l);
	return 0;
}

/* The lists over the open hosts, and for each VM the hosts holding a stale migrating-out
 * entry of it (which its tentative create/destroy removes). 0, or -1 out of memory. */
int seg_build(struct bestfit *c, const int *open, int n_open)
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
	for (int k = 0; k < SEG_ALWAYS; k++)
		if (c->seg_lists[k].n > SEG_CHUNK && seg_order(c, &c->seg_lists[k]) != 0)
			return -1;
	int nv = dc->n_vms;
	memset(c->mo_start, 0, (size_t)(nv + 1) * sizeof *c->mo_start);
	int n_mo = 0;
	for (int k = 0; k < n_open; k++) {
		const struct idlist *l = &dc->hosts[open[k]].migrating_out;
		for (int j = 0; j < l->n; j++)
			if (idlist_at(l, j) >= 0 && idlist_at(l, j) < nv) {
				c->mo_start[idlist_at(l, j) + 1]++;
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
			if (idlist_at(l, j) >= 0 && idlist_at(l, j) < nv)
				c->mo_hosts[c->mo_start[idlist_at(l, j)]++] = open[k]; /* runs ahead: moved back */
	}
	for (int v = nv; v > 0; v--)
		c->mo_start[v] = c->mo_start[v - 1];
	c->mo_start[0] = 0;
	return 0;
}

/*
 * seg_fit's first test, many entries at a time (seg_increase): fit_host's increase
 * power_watts((live + req) / total) - pnow, computed with power_watts' own arithmetic (same
 * operations, same order, so the same doubles; the quotient by seg_quotient, exact too) but
 * branch-free, so that the compiler vectorizes it. A bucket's hosts stay within a tenth of
 * utilization, so u = (live + req) / total falls on one of two pieces of a table curve: the
 * piece's values are selected, not looked up. Where power_watts takes another path (u on or
 * within 1e-6 of a table point, where it may test fmod; u outside the two pieces or outside
 * [0, 1]; u = 0 on a linear curve) the result is NaN and seg_fit asks power_watts itself;
 * INFINITY: short of MIPS (fit_host would stop at once). It returns whether any entry is not
 * above the bound b0 (or NaN): if none, seg_keep would keep none.
 */

bool seg_pieces_for(const struct power_model *pm, const struct seg_list *l, double req,
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


/* (inlined into each version of seg_increase: compiled with its vector width and its FMA) */
#if defined(__GNUC__) && !defined(__clang__)
#define SEG_INCREASE_BODY __attribute__((always_inline, optimize("no-trapping-math"))) static inline
#else
#define SEG_INCREASE_BODY static inline
#endif

/*
 * a / b, correctly rounded (the same double as the division), for y = 1 / b (correctly rounded):
 * Markstein's quotient refinement, q = a y, r = a - b q exactly (one rounding: fma), then
 * q + r y rounded once (P. Markstein, IBM J. Res. Dev. 34(1), 1990; the last step of IA-64's
 * proven division). a, b > 0, normal, no overflow: here MIPS and their sums. Two products and two
 * fused ones instead of a division: the bulk pass was bound by the divider (two cycles an entry
 * on AVX-512). check_bestfit tests it against the division on random and adversarial values.
 */
SEG_INCREASE_BODY double seg_quotient(double a, double b, double y)
{
	double q = a * y;
	return fma(fma(-q, b, a), y, q);
}

double seg_quotient_test(double a, double b)
{
	return seg_quotient(a, b, 1 / b);
}

SEG_INCREASE_BODY bool seg_increase_body(const struct seg_pieces *sp, const struct seg_list *l, int base, int m,
					 double req, double total, double b0, double *restrict out)
{
	const struct seg_pieces p = *sp;
	const double *restrict avail = l->avail + base;
	const double *restrict live = l->live + base;
	const double *restrict pnow = l->pnow + base;
	const double y = 1 / total;
	long long any = 0; /* an entry not above b0, or NaN (seg_keep may keep it) */
	if (p.linear) {
		for (int i = 0; i < m; i++) {
			double u = seg_quotient(live[i] + req, total, y);
			double diff = p.static_w + p.constant * u * 100 - pnow[i];
			diff = ((u >= p.lo) & (u <= 1)) ? diff : NAN;
			diff = avail[i] >= req ? diff : INFINITY;
			out[i] = diff;
			any |= !(diff > b0);
		}
	} else {
		for (int i = 0; i < m; i++) {
			double u = seg_quotient(live[i] + req, total, y);
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
			diff = avail[i] >= req ? diff : INFINITY;
			out[i] = diff;
			any |= !(diff > b0);
		}
	}
	return any != 0;
}

static bool seg_increase_plain(const struct seg_pieces *sp, const struct seg_list *l, int base, int m, double req,
			       double total, double b0, double *restrict out)
{
	return seg_increase_body(sp, l, base, m, req, total, b0, out);
}

#ifdef SEG_DISPATCH
__attribute__((target("avx512f"), optimize("no-trapping-math"))) static bool
seg_increase_avx512(const struct seg_pieces *sp, const struct seg_list *l, int base, int m, double req,
		    double total, double b0, double *restrict out)
{
	return seg_increase_body(sp, l, base, m, req, total, b0, out);
}

__attribute__((target("avx2,fma"), optimize("no-trapping-math"))) static bool
seg_increase_avx2(const struct seg_pieces *sp, const struct seg_list *l, int base, int m, double req,
		  double total, double b0, double *restrict out)
{
	return seg_increase_body(sp, l, base, m, req, total, b0, out);
}
#endif

/* The versions in the order of preference, the best last. */
int seg_increase_versions(seg_increase_fn **out)
{
	int n = 0;
	out[n++] = seg_increase_plain;
#ifdef SEG_DISPATCH
	/* (libgcc has read the processor's features before main) */
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		out[n++] = seg_increase_avx2;
	if (__builtin_cpu_supports("avx512f"))
		out[n++] = seg_increase_avx512;
#endif
	return n;
}

seg_increase_fn *seg_increase_choose(void)
{
	seg_increase_fn *v[3];
	return v[seg_increase_versions(v) - 1];
}

/*
 * keep[i] = 0 where LR's shortcut says entry i's host would be overloaded with the VM:
 * detect_regression_decide's "overloaded" (1) on the entry's terms, for a VM no larger in RAM
 * than the host's largest (the same intervals): the sums in another order, a few ulps from
 * decide's, far inside its margin; fit_host would stop at once there. Run only on chunks with an
 * entry left to keep: its four arrays are most of what a chunk reads. Returns whether any is 1.
 */
SEG_VECTOR
bool seg_drop_overloaded(const struct seg_lrq *lq, const struct seg_list *l, int base, int m,
			 double *restrict keep)
{
	const struct seg_lrq q = *lq;
	const double *restrict la = l->lr_a + base;
	const double *restrict li = l->lr_i + base;
	const double *restrict lm = l->lr_mag + base;
	const double *restrict lram = l->lr_ram + base;
	long long any = 0;
	for (int i = 0; i < m; i++) {
		double in = LR_SHORTCUT_X + li[i];
		double pred = q.s * (la[i] + q.ratio * (q.vs + q.vl * in));
		double marg = LR_SHORTCUT_MARGIN * (1 + q.fs * (lm[i] + q.fr * q.vmag) * (in + 1));
		bool over = (pred >= 1 + marg) & (q.vram <= lram[i]);
		keep[i] = over ? 0.0 : keep[i];
		any |= keep[i] != 0.0;
	}
	return any != 0;
}

/* keep[i] = 1 where entry i can still beat (b0, id0): not a larger increase, nor an equal one
 * of a larger id (NaN: asked one by one); 0 elsewhere. Returns the last i with a 1 (-1: none), and
 * in *first the first. */
SEG_VECTOR
int seg_keep(const double *restrict inc, const int *restrict hid, int m, double b0, int id0,
	     double *restrict keep, int *first)
{
	double id = id0;
	int lo = m, hi = -1;
	for (int i = 0; i < m; i++) {
		double d = inc[i];
		bool lose = (d > b0) | ((d == b0) & ((double)hid[i] > id));
		keep[i] = lose ? 0.0 : 1.0;
		int a = lose ? m : i, z = lose ? -1 : i;
		lo = a < lo ? a : lo;
		hi = z > hi ? z : hi;
	}
	*first = lo;
	return hi;
}

/* mw[w] bit j = (keep[64 w + j] != 0) over a chunk's SEG_CHUNK entries: the tests as bytes
 * (vectorized), each 8 of them gathered into 8 bits by one product (byte k, 0 or 1, lands on bit
 * 56 + k; no carries). */
SEG_VECTOR
void seg_mask(const double *restrict keep, uint64_t *restrict mw)
{
	unsigned char f[SEG_CHUNK];
	for (int j = 0; j < SEG_CHUNK; j++)
		f[j] = keep[j] != 0;
	for (int w = 0; w < SEG_CHUNK / 64; w++) {
		uint64_t x = 0;
		for (int k = 0; k < 8; k++) {
			uint64_t b;
			memcpy(&b, f + w * 64 + k * 8, sizeof b);
			x |= ((b * 0x0102040810204080ull) >> 56) << (k * 8);
		}
		mw[w] = x;
	}
}

void seg_free(struct bestfit *c)
{
	for (int k = 0; k <= SEG_ALWAYS; k++) {
		struct seg_list *l = &c->seg_lists[k];
		free(l->h);
		free(l->avail);
		free(l->live);
		free(l->pnow);
		free(l->lr);
		free(l->lr_ok);
		free(l->lr_a);
		free(l->lr_i);
		free(l->lr_mag);
		free(l->lr_ram);
		free(l->ck_lo);
		free(l->ck_hi);
		free(l->ck_e);
		free(l->ck_avail);
		free(l->ck_live);
		free(l->ck_pnow);
		free(l->ck_same);
		free(l->ck_id);
	}
	free(c->seg_sort_buf);
	free(c->mo_start);
	free(c->mo_hosts);
}
