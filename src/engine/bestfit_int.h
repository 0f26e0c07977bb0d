/*
 * bestfit_int: the inside of the best fit (bestfit.c) shared with its segment index
 * (bestfit_index.c). Not for other modules: they use bestfit.h.
 */
#ifndef GREENMIG_BESTFIT_INT_H
#define GREENMIG_BESTFIT_INT_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "bestfit.h"
#include "detect.h"
#include "overload.h"

#define FAST_CLASSES 8
#define SEG_ALWAYS (FAST_CLASSES * 10)
#define SEG_CHUNK 256
_Static_assert(SEG_CHUNK % 64 == 0, "seg_mask: a chunk is whole 64-bit words");
#define SEG_ABLOCK 64 /* list SEG_ALWAYS's blocks (al_max) */
#define SEG_MARGIN_W 1e-6 /* the bounds' allowance for rounding (increases are watts) */

struct seg_pieces;
struct seg_list;
/* seg_fit's bulk first test over m of a bucket's entries from base: each one's increase into
 * out (NaN: asked of power_watts; INFINITY: no room), and whether any is not above b0 (or NaN)
 * (seg_increase: bestfit_index.c) */
typedef bool seg_increase_fn(const struct seg_pieces *sp, const struct seg_list *l, int base, int m, double req,
			     double total, double b0, double *restrict out);

struct bestfit {
	struct gm_ctx *ctx;
	struct datacenter *dc;
	const struct gm_policy *policy;
	struct overload *ov;
	seg_increase_fn *increase;  /* seg_increase_choose's (seg_fit's bulk pass) */
	bool lr_shortcut;           /* the policy's overloaded_bound is LR's (seg_fit's bulk test) */
	double *power_now;          /* per host: P(cached utilization), fixed while the policy runs */
	double *power_idle;         /* per host: P(0), once power_idle_ok */
	bool power_idle_ok;
	int *open;                  /* scratch: hosts (placement_bits) */
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
	/* The phase under way (bestfit_begin_*): its excluded hosts and the hosts it may choose */
	const unsigned char *phase_excl;
	const int *phase_hosts;
	int phase_n;
	/* The under-utilization phase's segment index (seg_build; find_host's indexed pass) */
	bool seg_ok;                /* the classes' power curves are tables or linear */
	bool seg_disabled;          /* bestfit_set_index(b, false): scan every host */
	bool seg_on;                /* the phase runs on the index now */
	bool seg_placement;         /* the index is placement_bits's (kept between placements) */
	double seg_slope[FAST_CLASSES * 10]; /* per class and tenth: W per unit of utilization */
	double seg_total[FAST_CLASSES];      /* per class: total MIPS */
	const struct power_model *seg_pm[FAST_CLASSES]; /* per class: its power curve */
	double seg_ptenth[FAST_CLASSES * 11]; /* per class: P(t / 10.0), t = 0 .. 10 (the bounds'
					       * lines, seg_least_gain) */
	/* Lists 0 .. 10 x classes - 1: the buckets (class, tenth); list SEG_ALWAYS: the hosts
	 * asked at every call. Every open host is in exactly one list (seg_where, seg_pos). */
	struct seg_list {
		int *h;
		double *avail, *live, *pnow; /* per entry: what the first pass reads (see seg_fit) */
		struct regression_terms *lr; /* per entry: LR's host terms, if lr_ok */
		unsigned char *lr_ok;
		/* per entry, for seg_drop_overloaded's LR test (NaN lr_a: none): the host's own part of
		 * the prediction at its migration intervals lr_i (its largest VM's RAM, lr_ram), and
		 * its terms' magnitude */
		double *lr_a, *lr_i, *lr_mag, *lr_ram;
		int n, cap;
		int holes;          /* entries of hosts that left (h = -1), buckets only */
		double max_avail;   /* at least the most available MIPS of its hosts */
		double min_e;       /* at most the least seg_e of its hosts */
		double u_lo, u_hi;  /* a range that holds their seg_u (hosts that left may widen
				     * them: the lists are built afresh at every phase) */
		/* buckets, per chunk of SEG_CHUNK entries (entry p in chunk p / SEG_CHUNK), the
		 * same bounds over the chunk's hosts: seg_fit skips a chunk whose bound the best
		 * host so far beats. A bucket of more than a chunk is ordered by (seg_u, pnow, id)
		 * when built, so that its chunks' ranges are narrow and hosts of one state (exact
		 * ties, thousands at a time on regular datacenters) share chunks. ck_same: every entry has live ck_live and pnow
		 * ck_pnow (all the same increase); ck_id: their least id (INT_MAX: none yet). Kept
		 * only while the bucket has more than one chunk (built when it gets its 257th). */
		double *ck_lo, *ck_hi, *ck_e, *ck_avail, *ck_live, *ck_pnow;
		unsigned char *ck_same;
		int *ck_id;
	} seg_lists[FAST_CLASSES * 10 + 1];
	double *seg_sort_buf;       /* scratch for seg_build's ordering (seg_sort_cap entries) */
	int seg_sort_cap;
	double *seg_e;              /* per host in a bucket: P(live) - P(cached utilization) */
	double *seg_u;              /* per host in a bucket: its live utilization u' */
	int *seg_where, *seg_pos;   /* per host: its list (-1: none) and place in it */
	double *al_max;             /* per block of SEG_ABLOCK entries of list SEG_ALWAYS: at least
				     * the most available MIPS of its hosts (seg_fit skips a block
				     * where none has room, and sets it exact when it reads one) */
	int *seg_moved;             /* scratch: hosts to place again after a call */
	int *mo_start, *mo_hosts;   /* per VM: the hosts with a stale migrating-out entry of it */
	int *mo_asked;              /* scratch: those a call asked from their bucket (seg_fit) */
	int cap_mo;
};

/* The segment index (bestfit_index.c; see there). 0, or -1 out of memory. */
void seg_remove(struct bestfit *c, int i);
int seg_put(struct bestfit *c, int i, int w, double e, double u);
int seg_place(struct bestfit *c, int i);
int seg_build(struct bestfit *c, const int *open, int n_open);
void seg_free(struct bestfit *c);

/* seg_fit's bulk first test over a bucket's entries (see bestfit_index.c) */
struct seg_pieces {
	bool linear;            /* P = static + constant * u * 100 */
	double lo, hi;          /* tenths (u * 10) outside [lo, hi): NaN */
	double brk;             /* tenth >= brk: the second piece */
	double t1, d1, x1;      /* table[i1], delta[i1], power_tenths[i1] of each piece */
	double t2, d2, x2;
	double static_w, constant;
};

/* The VM's side of LR's shortcut for one bucket (seg_drop_overloaded) */
struct seg_lrq {
	double s, fs;      /* the detector's parameter and its magnitude */
	double ratio, fr;  /* the VM's MIPS over the bucket's hosts' MIPS, and its magnitude */
	double vs, vl;     /* the VM's history sums times LR_SHORTCUT_W_SUM and _W_LIN */
	double vmag, vram; /* the VM's terms' magnitude, its RAM */
};

/* Entry p's fields for seg_drop_overloaded from its host's terms t (NULL: none, never dropped) */
static inline void seg_lr_entry(struct seg_list *l, int p, const struct regression_terms *t, double interval_s)
{
	l->lr_a[p] = NAN;
	l->lr_i[p] = l->lr_mag[p] = l->lr_ram[p] = 0;
	if (t == NULL)
		return;
	/* detect_regression_decide's intervals for a VM no larger than the host's largest */
	double intervals = detect_regression_intervals(t->max_ram, t->bw, interval_s);
	l->lr_a[p] = t->sum * LR_SHORTCUT_W_SUM + t->lin * LR_SHORTCUT_W_LIN * (LR_SHORTCUT_X + intervals);
	l->lr_i[p] = intervals;
	l->lr_mag[p] = t->mag;
	l->lr_ram[p] = (double)t->max_ram;
}

/* The VM's side of seg_drop_overloaded's test, for the detector's parameter s and hosts of total
 * MIPS total */
static inline void seg_lrq_for(struct seg_lrq *q, double s, const struct regression_vm_terms *vt, double total)
{
	q->s = s;
	q->fs = fabs(s);
	q->ratio = vt->mips / total;
	q->fr = fabs(q->ratio);
	q->vs = vt->sum * LR_SHORTCUT_W_SUM;
	q->vl = vt->lin * LR_SHORTCUT_W_LIN;
	q->vmag = vt->mag;
	q->vram = (double)vt->ram_mb;
}

/* GCC vectorizes seg_increase's and seg_keep's selects only without -ftrapping-math (they raise
 * no exception here: the inputs are finite or NaN, never signalling); on x86-64 with glibc it also
 * compiles them for AVX2 and AVX-512, chosen when the program loads (the same IEEE operations on
 * wider vectors: the same doubles); not under ThreadSanitizer, whose instrumented load-time
 * chooser would run before it is set up. SEG_VECTOR marks the definitions (bestfit_index.c; the
 * declarations below name the program's chooser: the clones stay local to that file).
 * seg_increase, whose quotient needs FMA as well, is chosen when a best fit is created
 * (seg_increase_choose, with SEG_DISPATCH: AVX-512, AVX2 with FMA, or the default, where fma() is
 * the C library's, exact as well). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__) && \
	!defined(__SANITIZE_THREAD__)
#define SEG_VECTOR __attribute__((optimize("no-trapping-math"), target_clones("avx512f", "avx2", "default")))
#define SEG_DISPATCH 1
#elif defined(__GNUC__) && !defined(__clang__)
#define SEG_VECTOR __attribute__((optimize("no-trapping-math")))
#else
#define SEG_VECTOR
#endif

/*
 * The least P(u + r) - P(u) over u in [lo, hi] within tenth t on class k's curve, hosts with
 * u + r > 1 left out: INFINITY if none is left. On the tenth's piece P(u) is the line p0 + s_t u,
 * and P(u + r) is the line of u + r's tenth j, j1 below the point ub where u + r crosses into
 * the next tenth, j1 + 1 from it (the curve's points and slopes, seg_ptenth and seg_slope):
 * the difference is linear on each side of ub, so its least value is at lo, hi or ub. No power
 * evaluation: the curve's exact mathematics, from which the computed increases differ by
 * rounding only (the callers' SEG_MARGIN_W covers it).
 */
static inline double seg_least_gain(const struct bestfit *c, int k, int t, double r, double lo, double hi)
{
	if (hi > 1 - r)
		hi = 1 - r;
	if (lo > hi + 1e-9)
		return INFINITY; /* no host of the range can take it */
	if (lo > hi)
		hi = lo;
	if (c->seg_pm[k]->type->kind == POWER_LINEAR)
		return c->seg_pm[k]->constant * r * 100; /* (u > 0: static + constant u 100) */
	const double *pt = &c->seg_ptenth[k * 11], *sl = &c->seg_slope[k * 10];
	double p0 = pt[t] - sl[t] * (t / 10.0);
	int j1 = (int)floor(t + 10 * r);
	if (j1 < t)
		j1 = t;
	if (j1 > 9)
		j1 = 9; /* (only u + r = 1 is left: tenth 9's line reaches P(1)) */
	int j2 = j1 < 9 ? j1 + 1 : 9;
	double ub = j1 < 9 ? (j1 + 1) / 10.0 - r : INFINITY;
	double a1 = pt[j1] + sl[j1] * (r - j1 / 10.0) - p0, b1 = sl[j1] - sl[t];
	double a2 = pt[j2] + sl[j2] * (r - j2 / 10.0) - p0, b2 = sl[j2] - sl[t];
	double m = lo < ub ? a1 + b1 * lo : a2 + b2 * lo;
	double mh = hi < ub ? a1 + b1 * hi : a2 + b2 * hi;
	if (mh < m)
		m = mh;
	if (lo < ub && ub < hi && a1 + b1 * ub < m)
		m = a1 + b1 * ub;
	return m;
}

/* The hosts' classes (bestfit_index.c): host_class, and with at most FAST_CLASSES of them
 * class_index, the bits and the index's per-class curves (n_fast_classes). 0, or -1 out of memory. */
int bestfit_classify(struct bestfit *c);
bool seg_pieces_for(const struct power_model *pm, const struct seg_list *l, double req, double total,
		    struct seg_pieces *sp);
double seg_quotient_test(double a, double b); /* seg_increase's a / b (for the tests) */
seg_increase_fn *seg_increase_choose(void); /* for this processor (struct bestfit's increase) */
int seg_increase_versions(seg_increase_fn **out); /* each this processor runs, best last (at most 3) */
bool seg_drop_overloaded(const struct seg_lrq *lq, const struct seg_list *l, int base, int m,
			 double *restrict keep);
int seg_keep(const double *restrict inc, const int *restrict hid, int m, double b0, int id0,
	     double *restrict keep, int *first);
void seg_mask(const double *restrict keep, uint64_t *restrict mw);

#endif
