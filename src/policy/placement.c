/*
 * placement: the trace-based placement search (doc/model2010.md#fit-test,
 * doc/model2010.md#genetic-search); see placement.h. Servers' aggregate demand series are rebuilt
 * from an assignment when needed (n x samples additions); the search keeps whole assignments, not
 * deltas.
 */
#include "placement.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void placement_defaults(struct placement_params *p)
{
	p->population = 50;
	p->generations = 200;
	p->stagnation = 30;
	p->p_mutation = 0.3;
}

/* Aggregates of an assignment: per server the demand series and the memory. */
struct agg {
	double *series; /* m x samples */
	double *mem;    /* m */
	int *count;     /* m: workloads */
	double *mseries; /* m x samples: the memory series (in->mem_series only, else NULL) */
};

static const double *mrow(const struct placement_instance *in, int w)
{
	return in->mem_series + (size_t)w * (size_t)in->samples;
}

/* The peak of server s's aggregate memory in a over the window (in->mem_series), or its memory. */
static double mem_peak(const struct placement_instance *in, const struct agg *a, int s)
{
	if (in->mem_series == NULL)
		return a->mem[s];
	const double *ms = a->mseries + (size_t)s * (size_t)in->samples;
	double peak = 0;
	for (int t = 0; t < in->samples; t++)
		peak = fmax(peak, ms[t]);
	return peak;
}

static const double *row(const struct placement_instance *in, int w)
{
	return in->cpu + (size_t)w * (size_t)in->samples;
}

/* Whether w fits server s on top of what a holds there. */
static bool fits_with(const struct placement_instance *in, const struct agg *a, int w, int s)
{
	double cap = in->max_util * in->cap_cpu[s];
	const double *sr = a->series + (size_t)s * (size_t)in->samples, *d = row(in, w);
	for (int t = 0; t < in->samples; t++)
		if (sr[t] + d[t] > cap)
			return false;
	if (in->mem_series != NULL && in->cap_mem != NULL) {
		const double *ms = a->mseries + (size_t)s * (size_t)in->samples, *dm = mrow(in, w);
		for (int t = 0; t < in->samples; t++)
			if (ms[t] + dm[t] > in->max_util * in->cap_mem[s])
				return false;
		return true;
	}
	if (in->mem != NULL && in->cap_mem != NULL && a->mem[s] + in->mem[w] > in->max_util * in->cap_mem[s])
		return false;
	return true;
}

static void add_to(const struct placement_instance *in, struct agg *a, int w, int s, double sign)
{
	double *sr = a->series + (size_t)s * (size_t)in->samples;
	const double *d = row(in, w);
	for (int t = 0; t < in->samples; t++)
		sr[t] += sign * d[t];
	if (in->mem != NULL)
		a->mem[s] += sign * in->mem[w];
	if (in->mem_series != NULL) {
		double *ms = a->mseries + (size_t)s * (size_t)in->samples;
		const double *dm = mrow(in, w);
		for (int t = 0; t < in->samples; t++)
			ms[t] += sign * dm[t];
	}
	a->count[s] += sign > 0 ? 1 : -1;
}

static void clear_agg(const struct placement_instance *in, struct agg *a)
{
	memset(a->series, 0, (size_t)in->m * (size_t)in->samples * sizeof *a->series);
	memset(a->mem, 0, (size_t)in->m * sizeof *a->mem);
	memset(a->count, 0, (size_t)in->m * sizeof *a->count);
	if (a->mseries != NULL)
		memset(a->mseries, 0, (size_t)in->m * (size_t)in->samples * sizeof *a->mseries);
}

bool placement_fits(const struct placement_instance *in, const int *ws, int k, int s)
{
	double cap = in->max_util * in->cap_cpu[s];
	for (int t = 0; t < in->samples; t++) {
		double sum = 0;
		for (int i = 0; i < k; i++)
			sum += row(in, ws[i])[t];
		if (sum > cap)
			return false;
	}
	if (in->mem_series != NULL && in->cap_mem != NULL) {
		for (int t = 0; t < in->samples; t++) {
			double sum = 0;
			for (int i = 0; i < k; i++)
				sum += mrow(in, ws[i])[t];
			if (sum > in->max_util * in->cap_mem[s])
				return false;
		}
	} else if (in->mem != NULL && in->cap_mem != NULL) {
		double sum = 0;
		for (int i = 0; i < k; i++)
			sum += in->mem[ws[i]];
		if (sum > in->max_util * in->cap_mem[s])
			return false;
	}
	return true;
}

/* The objectives of an assignment (feasibility from the aggregates: no server over capacity). */
static void evaluate(const struct placement_instance *in, const int *as, struct agg *a,
		     struct placement_result *r)
{
	clear_agg(in, a);
	r->feasible = true;
	for (int w = 0; w < in->n; w++) {
		if (as[w] < 0 || as[w] >= in->m) {
			r->feasible = false;
			continue;
		}
		add_to(in, a, w, as[w], 1);
	}
	r->servers = 0;
	r->balance = 0;
	for (int s = 0; s < in->m; s++) {
		if (a->count[s] == 0)
			continue;
		r->servers++;
		const double *sr = a->series + (size_t)s * (size_t)in->samples;
		double peak = 0;
		for (int t = 0; t < in->samples; t++)
			peak = fmax(peak, sr[t]);
		if (peak > in->max_util * in->cap_cpu[s])
			r->feasible = false;
		if ((in->mem != NULL || in->mem_series != NULL) && in->cap_mem != NULL &&
		    mem_peak(in, a, s) > in->max_util * in->cap_mem[s])
			r->feasible = false;
		double u = peak / in->cap_cpu[s];
		r->balance -= u * u;
	}
	r->migrations = 0;
	for (int w = 0; w < in->n; w++)
		r->migrations += in->current[w] >= 0 && as[w] != in->current[w];
	r->within_budget = r->migrations <= in->budget;
}

/* a better than b by the objectives (doc/model2010.md#genetic-search,
 * doc/model2010.md#migration-budget). */
static bool better(const struct placement_result *a, const struct placement_result *b)
{
	if (a->feasible != b->feasible)
		return a->feasible;
	if (a->within_budget != b->within_budget)
		return a->within_budget;
	int a1 = a->within_budget ? a->servers : a->migrations, b1 = b->within_budget ? b->servers : b->migrations;
	if (a1 != b1)
		return a1 < b1;
	int a2 = a->within_budget ? a->migrations : a->servers, b2 = b->within_budget ? b->migrations : b->servers;
	if (a2 != b2)
		return a2 < b2;
	return a->balance < b->balance;
}

/* Repair (doc/model2010.md#genetic-search): a workload whose server no longer fits goes to the
 * first server where it fits; none: it keeps its server and the assignment is infeasible. */
static void repair(const struct placement_instance *in, int *as, struct agg *a)
{
	clear_agg(in, a);
	for (int w = 0; w < in->n; w++) {
		int s = as[w];
		if (s >= 0 && s < in->m && fits_with(in, a, w, s)) {
			add_to(in, a, w, s, 1);
			continue;
		}
		int found = -1;
		for (int k = 0; k < in->m && found < 0; k++)
			if (fits_with(in, a, w, k))
				found = k;
		if (found >= 0) {
			as[w] = found;
			add_to(in, a, w, found, 1);
		} else if (s >= 0 && s < in->m) {
			add_to(in, a, w, s, 1); /* infeasible, kept */
		}
	}
}

static double peak_of(const struct placement_instance *in, int w)
{
	double p = 0;
	for (int t = 0; t < in->samples; t++)
		p = fmax(p, row(in, w)[t]);
	return p;
}

/* First-fit decreasing by peak CPU, servers tried from a rotating start (diversity). */
static void ffd(const struct placement_instance *in, const int *order, int start, int *as, struct agg *a)
{
	clear_agg(in, a);
	for (int i = 0; i < in->n; i++) {
		int w = order[i];
		as[w] = -1;
		for (int k = 0; k < in->m; k++) {
			int s = (start + k) % in->m;
			if (fits_with(in, a, w, s)) {
				as[w] = s;
				add_to(in, a, w, s, 1);
				break;
			}
		}
	}
}

/* Whether server s holds more than its capacity in a. */
static bool over(const struct placement_instance *in, const struct agg *a, int s)
{
	const double *sr = a->series + (size_t)s * (size_t)in->samples;
	for (int t = 0; t < in->samples; t++)
		if (sr[t] > in->max_util * in->cap_cpu[s])
			return true;
	return (in->mem != NULL || in->mem_series != NULL) && in->cap_mem != NULL &&
	       mem_peak(in, a, s) > in->max_util * in->cap_mem[s];
}

/* Mutation (c), towards fewer changes: a moved workload goes back to its current server, from
 * which random other workloads leave (to the first server that fits) until it fits. */
static void swap_back(const struct placement_instance *in, int *as, struct agg *a, struct rng *rng)
{
	int moved[64], k = 0;
	for (int w = 0; w < in->n && k < 64; w++)
		if (in->current[w] >= 0 && as[w] != in->current[w] && as[w] >= 0)
			moved[k++] = w;
	if (k == 0)
		return;
	int w = moved[rng_below(rng, (uint64_t)k)], cur = in->current[w];
	add_to(in, a, w, as[w], -1);
	as[w] = cur;
	add_to(in, a, w, cur, 1);
	for (int tries = 0; tries < in->n && over(in, a, cur); tries++) {
		int v = (int)rng_below(rng, (uint64_t)in->n);
		if (v == w || as[v] != cur)
			continue;
		add_to(in, a, v, cur, -1);
		int to = -1;
		for (int s = 0; s < in->m && to < 0; s++)
			if (s != cur && fits_with(in, a, v, s))
				to = s;
		as[v] = to >= 0 ? to : cur;
		add_to(in, a, v, as[v], 1);
	}
}

/* Mutation (doc/model2010.md#genetic-search): (a) empty the least loaded used server into other
 * used servers that fit, (b) move one random workload to a random server that fits, or (c)
 * swap_back. */
static void mutate(const struct placement_instance *in, int *as, struct agg *a, struct rng *rng)
{
	repair(in, as, a);
	double pick = rng_uniform(rng);
	if (pick < 1.0 / 3) {
		swap_back(in, as, a, rng);
		repair(in, as, a);
	} else if (pick < 2.0 / 3) {
		int least = -1;
		double least_peak = DBL_MAX;
		for (int s = 0; s < in->m; s++) {
			if (a->count[s] == 0)
				continue;
			const double *sr = a->series + (size_t)s * (size_t)in->samples;
			double peak = 0;
			for (int t = 0; t < in->samples; t++)
				peak = fmax(peak, sr[t]);
			if (peak / in->cap_cpu[s] < least_peak) {
				least_peak = peak / in->cap_cpu[s];
				least = s;
			}
		}
		if (least < 0)
			return;
		for (int w = 0; w < in->n; w++) {
			if (as[w] != least)
				continue;
			for (int s = 0; s < in->m; s++) {
				if (s == least || a->count[s] == 0 || !fits_with(in, a, w, s))
					continue;
				add_to(in, a, w, least, -1);
				add_to(in, a, w, s, 1);
				as[w] = s;
				break;
			}
		}
	} else {
		int w = (int)rng_below(rng, (uint64_t)in->n);
		for (int tries = 0; tries < 8; tries++) {
			int s = (int)rng_below(rng, (uint64_t)in->m);
			if (s == as[w])
				continue;
			if (as[w] >= 0)
				add_to(in, a, w, as[w], -1);
			if (fits_with(in, a, w, s)) {
				as[w] = s;
				add_to(in, a, w, s, 1);
				return;
			}
			if (as[w] >= 0)
				add_to(in, a, w, as[w], 1);
		}
	}
}

/* A seed for few migrations with k servers: keep the k servers holding most workloads now (ties
 * by id), leave their workloads where they are, first-fit the others (peak order) into them, then
 * into any server. */
static void build_from_kept(const struct placement_instance *in, const int *order, int *as, struct agg *a,
			    const unsigned char *kept);

static void keep_k(const struct placement_instance *in, const int *order, int k, int *as, struct agg *a,
		   unsigned char *kept)
{
	memset(kept, 0, (size_t)in->m);
	for (int j = 0; j < k; j++) {
		int best = -1, best_count = -1;
		for (int s = 0; s < in->m; s++) {
			if (kept[s])
				continue;
			int c = 0;
			for (int w = 0; w < in->n; w++)
				c += in->current[w] == s;
			if (c > best_count) {
				best = s;
				best_count = c;
			}
		}
		kept[best] = 1;
	}
	build_from_kept(in, order, as, a, kept);
}

/* Workloads on kept servers stay if they fit; the others first-fit (peak order) into kept
 * servers, then into any. */
static void build_from_kept(const struct placement_instance *in, const int *order, int *as, struct agg *a,
			    const unsigned char *kept)
{
	clear_agg(in, a);
	for (int i = 0; i < in->n; i++) { /* the workloads that stay */
		int w = order[i], cur = in->current[w];
		as[w] = -1;
		if (cur >= 0 && kept[cur] && fits_with(in, a, w, cur)) {
			as[w] = cur;
			add_to(in, a, w, cur, 1);
		}
	}
	for (int i = 0; i < in->n; i++) {
		int w = order[i];
		if (as[w] >= 0)
			continue;
		for (int pass = 0; pass < 2 && as[w] < 0; pass++)
			for (int t = 0; t < in->m && as[w] < 0; t++)
				if ((pass == 1 || kept[t]) && fits_with(in, a, w, t))
					as[w] = t;
		if (as[w] >= 0)
			add_to(in, a, w, as[w], 1);
	}
}

/* Local improvement: a workload away from its current server goes back there when it fits and
 * that server is in use anyway (one migration fewer, no server more). */
static void revert(const struct placement_instance *in, int *as, struct agg *a)
{
	repair(in, as, a);
	for (int w = 0; w < in->n; w++) {
		int cur = in->current[w];
		if (cur < 0 || as[w] == cur || as[w] < 0 || a->count[cur] == 0)
			continue;
		add_to(in, a, w, as[w], -1);
		if (fits_with(in, a, w, cur)) {
			as[w] = cur;
			add_to(in, a, w, cur, 1);
		} else {
			add_to(in, a, w, as[w], 1);
		}
	}
}

/* Memetic step: first-improvement local search over single moves and pairwise swaps of as, at
 * most `budget` evaluations (all of them on small instances), from a random starting point. */
static void local_search(const struct placement_instance *in, int *as, struct placement_result *fit,
			 struct agg *a, struct rng *rng, int budget, int *tmp, const int *order,
			 unsigned char *kept)
{
	long moves = (long)in->n * in->m, swaps = (long)in->n * (in->n - 1) / 2, total = moves + swaps;
	bool improved = true;
	while (improved && budget > 0) {
		improved = false;
		/* compound: empty one used server into the others (workloads in random order, each to
		 * the first other used server that fits, servers tried from a random start) */
		for (int s = 0; s < in->m && !improved && budget > 0; s++) {
			for (int attempt = 0; attempt < 4 && !improved && budget > 0; attempt++, budget--) {
				memcpy(tmp, as, (size_t)in->n * sizeof *tmp);
				repair(in, tmp, a);
				if (a->count[s] == 0)
					break;
				int off = (int)rng_below(rng, (uint64_t)in->m);
				bool ok = true;
				int first = (int)rng_below(rng, (uint64_t)in->n);
				for (int k = 0; k < in->n && ok; k++) {
					int w = (first + k) % in->n;
					if (tmp[w] != s)
						continue;
					add_to(in, a, w, s, -1);
					int to = -1;
					for (int j = 0; j < in->m && to < 0; j++) {
						int t = (off + j) % in->m;
						if (t != s && a->count[t] > 0 && fits_with(in, a, w, t))
							to = t;
					}
					if (to < 0) {
						ok = false;
						break;
					}
					tmp[w] = to;
					add_to(in, a, w, to, 1);
				}
				if (!ok)
					continue;
				struct placement_result r;
				evaluate(in, tmp, a, &r);
				if (better(&r, fit)) {
					memcpy(as, tmp, (size_t)in->n * sizeof *as);
					*fit = r;
					improved = true;
				}
			}
		}
		if (improved)
			continue;
		/* compound: keep another set of servers (one used dropped, or swapped for an unused one);
		 * the staying workloads first, then the others in peak order */
		for (int tries = 0; tries < 32 && !improved && budget > 0; tries++, budget--) {
			repair(in, as, a);
			if (in->m <= 16 && tries % 2 == 1) {
				/* small pools: any set of one server fewer than now */
				int used = 0;
				for (int t = 0; t < in->m; t++) {
					used += a->count[t] > 0;
					kept[t] = 0;
				}
				for (int c = 0; c < used - 1;) {
					int t = (int)rng_below(rng, (uint64_t)in->m);
					if (!kept[t]) {
						kept[t] = 1;
						c++;
					}
				}
			} else {
				int u = (int)rng_below(rng, (uint64_t)in->m), v = (int)rng_below(rng, (uint64_t)in->m + 1);
				if (a->count[u] == 0 || (v < in->m && a->count[v] != 0))
					continue;
				for (int t = 0; t < in->m; t++)
					kept[t] = a->count[t] > 0;
				kept[u] = 0;
				if (v < in->m)
					kept[v] = 1;
			}
			build_from_kept(in, order, tmp, a, kept);
			struct placement_result r;
			evaluate(in, tmp, a, &r);
			if (better(&r, fit)) {
				memcpy(as, tmp, (size_t)in->n * sizeof *as);
				*fit = r;
				improved = true;
			}
		}
		if (improved)
			continue;
		long start = (long)rng_below(rng, (uint64_t)total);
		for (long k = 0; k < total && budget > 0; k++, budget--) {
			long idx = (start + k) % total;
			memcpy(tmp, as, (size_t)in->n * sizeof *tmp);
			if (idx < moves) {
				int w = (int)(idx / in->m), s = (int)(idx % in->m);
				if (tmp[w] == s)
					continue;
				tmp[w] = s;
			} else {
				long q = idx - moves;
				int i = 0;
				while (q >= in->n - 1 - i) {
					q -= in->n - 1 - i;
					i++;
				}
				int j = i + 1 + (int)q;
				if (tmp[i] == tmp[j])
					continue;
				int x = tmp[i];
				tmp[i] = tmp[j];
				tmp[j] = x;
			}
			struct placement_result r;
			evaluate(in, tmp, a, &r);
			if (better(&r, fit)) {
				memcpy(as, tmp, (size_t)in->n * sizeof *as);
				*fit = r;
				improved = true;
				break;
			}
		}
	}
}

int placement_search(const struct placement_instance *in, const struct placement_params *p,
		     struct rng *rng, int *out, struct placement_result *r)
{
	if (in->n < 1 || in->m < 1 || in->samples < 1 || p->population < 2)
		return -1;
	int np = p->population, n = in->n;
	int *pop = malloc((size_t)np * (size_t)n * sizeof *pop);
	int *next = malloc((size_t)np * (size_t)n * sizeof *next);
	struct placement_result *fit = malloc((size_t)np * sizeof *fit);
	struct placement_result *nfit = malloc((size_t)np * sizeof *nfit);
	int *order = malloc((size_t)n * sizeof *order);
	int *tmp = malloc((size_t)n * sizeof *tmp);
	unsigned char *kept = malloc((size_t)in->m);
	double *peaks = malloc((size_t)n * sizeof *peaks);
	struct agg a = { malloc((size_t)in->m * (size_t)in->samples * sizeof(double)),
			 malloc((size_t)in->m * sizeof(double)), malloc((size_t)in->m * sizeof(int)),
			 in->mem_series != NULL ? malloc((size_t)in->m * (size_t)in->samples * sizeof(double)) : NULL };
	int rc = 0;
	if (!pop || !next || !fit || !nfit || !order || !tmp || !kept || !peaks || !a.series || !a.mem || !a.count ||
	    (in->mem_series != NULL && !a.mseries)) {
		rc = -1;
		goto out;
	}
	/* FFD order: peak CPU decreasing, then id */
	for (int w = 0; w < n; w++) {
		order[w] = w;
		peaks[w] = peak_of(in, w);
	}
	for (int i = 1; i < n; i++) {
		int x = order[i], j = i - 1;
		while (j >= 0 && peaks[order[j]] < peaks[x]) {
			order[j + 1] = order[j];
			j--;
		}
		order[j + 1] = x;
	}
	/* initial population: the current placement, seeds keeping 1 .. m servers, FFD variants,
	 * random moves of the current one */
	for (int k = 0; k < np; k++) {
		int *as = pop + (size_t)k * (size_t)n;
		if (k >= 1 && k <= in->m && k < np / 2) {
			keep_k(in, order, k, as, &a, kept);
		} else if (k == 0 || k % 2 == 0) {
			memcpy(as, in->current, (size_t)n * sizeof *as);
			repair(in, as, &a);
			for (int moves = k == 0 ? 0 : 1 + (int)rng_below(rng, 3); moves > 0; moves--)
				mutate(in, as, &a, rng);
		} else {
			ffd(in, order, (int)rng_below(rng, (uint64_t)in->m) * (k > 1), as, &a);
		}
		evaluate(in, as, &a, &fit[k]);
	}
	int best = 0;
	for (int k = 1; k < np; k++)
		if (better(&fit[k], &fit[best]))
			best = k;
	int still = 0, g = 0;
	for (g = 0; g < p->generations && still < p->stagnation; g++) {
		/* elitism: the best goes on unchanged */
		memcpy(next, pop + (size_t)best * (size_t)n, (size_t)n * sizeof *next);
		nfit[0] = fit[best];
		for (int k = 1; k < np; k++) {
			int a1 = (int)rng_below(rng, (uint64_t)np), a2 = (int)rng_below(rng, (uint64_t)np);
			int p1 = better(&fit[a1], &fit[a2]) ? a1 : a2;
			int b1 = (int)rng_below(rng, (uint64_t)np), b2 = (int)rng_below(rng, (uint64_t)np);
			int p2 = better(&fit[b1], &fit[b2]) ? b1 : b2;
			int *child = next + (size_t)k * (size_t)n;
			const int *x = pop + (size_t)p1 * (size_t)n, *y = pop + (size_t)p2 * (size_t)n;
			for (int w = 0; w < n; w++)
				child[w] = rng_below(rng, 2) ? x[w] : y[w];
			repair(in, child, &a);
			if (rng_uniform(rng) < p->p_mutation)
				mutate(in, child, &a, rng);
			if (rng_below(rng, 2))
				revert(in, child, &a);
			evaluate(in, child, &a, &nfit[k]);
		}
		int *tp = pop;
		pop = next;
		next = tp;
		struct placement_result *tf = fit;
		fit = nfit;
		nfit = tf;
		int nb = 0;
		for (int k = 1; k < np; k++)
			if (better(&fit[k], &fit[nb]))
				nb = k;
		/* a full neighbourhood on small instances, a few evaluations on large ones */
		int ls_budget = 4000 / n > 200 ? 200 : (4000 / n < 8 ? 8 : 4000 / n);
		local_search(in, pop + (size_t)nb * (size_t)n, &fit[nb], &a, rng, ls_budget, tmp, order, kept);
		still = better(&fit[nb], &fit[0]) ? 0 : still + 1;
		best = nb;
	}
	memcpy(out, pop + (size_t)best * (size_t)n, (size_t)n * sizeof *out);
	*r = fit[best];
	r->generations = g;
out:
	free(pop);
	free(next);
	free(fit);
	free(nfit);
	free(order);
	free(tmp);
	free(kept);
	free(peaks);
	free(a.series);
	free(a.mem);
	free(a.count);
	free(a.mseries);
	return rc;
}

int placement_exhaustive(const struct placement_instance *in, int *out, struct placement_result *r)
{
	double total = pow(in->m, in->n);
	if (in->n < 1 || in->m < 1 || total > 2e7)
		return -1;
	int *as = calloc((size_t)in->n, sizeof *as);
	struct agg a = { malloc((size_t)in->m * (size_t)in->samples * sizeof(double)),
			 malloc((size_t)in->m * sizeof(double)), malloc((size_t)in->m * sizeof(int)),
			 in->mem_series != NULL ? malloc((size_t)in->m * (size_t)in->samples * sizeof(double)) : NULL };
	if (as == NULL || !a.series || !a.mem || !a.count ||
	    (in->mem_series != NULL && !a.mseries)) {
		free(as);
		free(a.series);
		free(a.mem);
		free(a.count);
	free(a.mseries);
		return -1;
	}
	bool have = false;
	for (;;) {
		struct placement_result x;
		evaluate(in, as, &a, &x);
		if (!have || better(&x, r)) {
			*r = x;
			memcpy(out, as, (size_t)in->n * sizeof *out);
			have = true;
		}
		int w = 0;
		while (w < in->n && ++as[w] == in->m)
			as[w++] = 0;
		if (w == in->n)
			break;
	}
	r->generations = 0;
	free(as);
	free(a.series);
	free(a.mem);
	free(a.count);
	free(a.mseries);
	return 0;
}
