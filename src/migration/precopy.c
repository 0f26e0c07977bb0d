/*
 * precopy: the analytic pre-copy model, plain and secure; see precopy.h. Formulas of
 * doc/migration-security.md#round-recurrence (round recurrence, stop predicates),
 * doc/migration-security.md#encrypted-rounds (time per page with encryption),
 * doc/migration-security.md#secure-stop-and-copy (stop-and-copy with hashing and metadata) and
 * doc/migration-security.md#security-costs (extra bytes and CPU).
 */
#include "precopy.h"

#include <math.h>
#include <string.h>

void precopy_defaults(struct precopy_params *p, double pages, double bandwidth)
{
	memset(p, 0, sizeof *p);
	p->pages = pages;
	p->page_bytes = 4096;
	p->bandwidth = bandwidth;
	p->stop = PRECOPY_STOP_XEN;
	p->max_rounds = 29;
	p->stop_pages = 50;
	p->max_factor = 3;
	p->max_downtime = 0.03;
	p->protected_share = 0.10;
	p->protected_dirty_share = 0.10;
	p->cipher_bps = 1.5e9;
	p->hash_bps = 1.0e9;
	p->cores_source = 1;
	p->cores_target = 1;
	p->expansion_bytes = 28;
	p->hash_bytes = 32;
	p->meta_bytes = 16;
}

/* stop(r, N, sent) of doc/migration-security.md#round-recurrence; *converged tells whether the
 * dirty set itself was small enough. */
static bool stop_now(const struct precopy_params *p, int r, double n, double sent, bool *converged)
{
	if (p->stop == PRECOPY_STOP_XEN) {
		*converged = n < p->stop_pages;
		return n < p->stop_pages || r >= p->max_rounds || sent + n > p->max_factor * p->pages;
	}
	*converged = n * p->page_bytes <= p->bandwidth * p->max_downtime;
	return *converged || r >= p->max_rounds;
}

int precopy_eval(const struct precopy_params *p, struct precopy_result *r)
{
	memset(r, 0, sizeof *r);
	if (!(p->pages > 0) || !(p->page_bytes > 0) || !(p->bandwidth > 0) || !(p->dirty_rate >= 0) ||
	    p->max_rounds < 1 || p->max_rounds > PRECOPY_MAX_ROUNDS)
		return -1;
	double P = p->page_bytes, B = p->bandwidth;
	double pd = p->secure ? p->protected_dirty_share : 0;
	if (p->secure && (!(p->cipher_bps > 0) || !(p->hash_bps > 0) || p->cores_source < 1 ||
			  p->cores_target < 1 || !(pd >= 0 && pd <= 1) ||
			  !(p->protected_share >= 0 && p->protected_share <= 1)))
		return -1;
	/* time to move one page (doc/migration-security.md#encrypted-rounds): plain P / B; protected
	 * pages encrypted and expanded */
	double tau = P / B;
	if (p->secure) {
		double crypt = P / (p->cores_source * p->cipher_bps);
		if (p->overlap)
			tau = fmax(P / B + pd * p->expansion_bytes / B, pd * crypt);
		else
			tau = P / B + pd * (crypt + p->expansion_bytes / B);
	}
	r->per_page_s = tau;
	double n_i = p->pages, sent = n_i, live_s = 0;
	int i = 0;
	r->round_pages[0] = n_i;
	double n_next;
	bool converged = false;
	for (;;) {
		double t_i = n_i * tau;
		live_s += t_i;
		n_next = fmin(p->pages, p->dirty_rate * t_i);
		if (stop_now(p, i + 1, n_next, sent, &converged))
			break;
		i++;
		n_i = n_next;
		r->round_pages[i] = n_i;
		sent += n_i;
	}
	r->rounds = i + 1;
	r->stop_pages = n_next;
	r->converged = converged;
	double all = sent + n_next; /* pages sent in every round, the stop-and-copy included */
	double down = n_next * tau + p->resume_s;
	r->bytes = P * all;
	if (p->secure) {
		double mp = p->protected_share * p->pages;
		double nh = p->hash_incremental ? pd * n_next : mp;
		down += nh * P / (p->cores_source * p->hash_bps) + mp * (p->hash_bytes + p->meta_bytes) / B +
			mp * P / (p->cores_target * p->hash_bps);
		r->bytes += p->expansion_bytes * pd * all + mp * (p->hash_bytes + p->meta_bytes);
		r->cpu_source_s = pd * all * P / p->cipher_bps + nh * P / p->hash_bps;
		r->cpu_target_s = pd * all * P / p->cipher_bps + mp * P / p->hash_bps;
	}
	r->downtime_s = down;
	r->total_s = live_s + down;
	return 0;
}

/* The bytes and CPU time of n pages in a live round (doc/migration-security.md#encrypted-rounds:
 * with serial encryption the time per page is P / B + p_d (P / (k_s C) + e / B)). */
static void round_chunk(const struct precopy_params *p, double n, struct precopy_chunk *c)
{
	double pd = p->secure ? p->protected_dirty_share : 0;
	c->bytes = n * (p->page_bytes + pd * p->expansion_bytes);
	c->cpu_s = p->secure ? n * pd * p->page_bytes / (p->cores_source * p->cipher_bps) : 0;
}

int precopy_walk_begin(const struct precopy_params *p, struct precopy_walk *w, struct precopy_chunk *c)
{
	struct precopy_result r;
	if (precopy_eval(p, &r) != 0) /* the same checks */
		return -1;
	memset(w, 0, sizeof *w);
	w->n = p->pages;
	w->sent = p->pages;
	round_chunk(p, w->n, c);
	return 0;
}

void precopy_walk_next(const struct precopy_params *p, struct precopy_walk *w, double round_s, double round_bps,
		       struct precopy_chunk *c)
{
	double n_next = fmin(p->pages, p->dirty_rate * round_s);
	struct precopy_params q = *p;
	if (round_bps > 0)
		q.bandwidth = round_bps;
	bool converged = false;
	if (!stop_now(&q, w->round + 1, n_next, w->sent, &converged)) {
		w->round++;
		w->n = n_next;
		w->sent += n_next;
		round_chunk(p, n_next, c);
		return;
	}
	/* stop-and-copy (doc/migration-security.md#secure-stop-and-copy) */
	w->last = true;
	w->converged = converged;
	w->n = n_next;
	round_chunk(p, n_next, c);
	c->cpu_s += p->resume_s;
	if (p->secure) {
		double pd = p->protected_dirty_share, P = p->page_bytes;
		double mp = p->protected_share * p->pages;
		double nh = p->hash_incremental ? pd * n_next : mp;
		c->bytes += mp * (p->hash_bytes + p->meta_bytes);
		c->cpu_s += nh * P / (p->cores_source * p->hash_bps) + mp * P / (p->cores_target * p->hash_bps);
	}
}
