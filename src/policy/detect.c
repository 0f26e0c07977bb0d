/*
 * detect: what every overload detector shares: the requested utilization of a host and the
 * host's utilization history (PowerHostUtilizationHistory.getUtilizationHistory).
 */
#include "detect.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include "mathutil.h"

double detect_requested_utilization(const struct datacenter *dc, const struct host *h)
{
	double total = 0;
	for (int i = 0; i < h->n_slots; i++)
		total += vm_req_total(&dc->vms[h->slots[i].vm]);
	return total / h->total_mips;
}

size_t detect_host_history(const struct datacenter *dc, const struct host *h,
			   double out[VM_HISTORY_LEN])
{
	return detect_host_history_head(dc, h, out, VM_HISTORY_LEN);
}

/* Adds the VMs of slots from .. to - 1 to acc (need values), raises *len and *max_ram (their
 * largest configured RAM). */
static inline __attribute__((always_inline)) void
add_histories(const struct datacenter *dc, const struct host *h, int from, int to, double *restrict acc,
	      size_t need, size_t *len, long *max_ram)
{
	double total = h->total_mips;
	/* the records are scattered: all asked for first, each history one VM ahead (unless they
	 * all fit in the caches: dc->prefetch, as for the host updates) */
	bool ahead = dc->prefetch;
	if (ahead)
		for (int s = from; s < to; s++)
			vm_prefetch(&dc->vms[h->slots[s].vm]);
	for (int s = from; s < to; s++) {
		const struct vm *vm = &dc->vms[h->slots[s].vm];
#if defined(__GNUC__)
		if (ahead && s + 1 < to) {
			const double *next = vm_history(&dc->vms[h->slots[s + 1].vm]);
			__builtin_prefetch(next);
			__builtin_prefetch(next + need - 1);
		}
#endif
		if (vm->ram_mb > *max_ram)
			*max_ram = vm->ram_mb;
		const double *hist = vm_history(vm);
		double mips = vm->mips;
		if ((size_t)vm->history_len >= need) { /* (the usual case: a constant count) */
			for (size_t i = 0; i < need; i++)
				acc[i] += hist[i] * mips / total;
		} else {
			for (size_t i = 0; i < (size_t)vm->history_len; i++)
				acc[i] += hist[i] * mips / total;
		}
		/* Histories hold utilizations >= 0 and MIPS > 0: the host sum at i is non-zero iff
		 * some VM's value at i is. */
		for (size_t i = (size_t)vm->history_len; i > *len; i--) {
			if (hist[i - 1] * mips / total != 0) {
				*len = i;
				break;
			}
		}
	}
}

/* Whether the cache's VMs (c->n_slots of them, ids known) are the first of h's base slots. */
static inline bool cached_prefix(const struct host *h, const struct host_history_cache *c, int base)
{
	if (c->n_ids != c->n_slots || c->n_slots > base)
		return false;
	for (int s = 0; s < c->n_slots; s++)
		if (c->ids[s].id != h->slots[s].vm)
			return false;
	return true;
}

/* Whether each of the cache's VMs has had exactly one history push since its sums were taken. */
static inline bool pushed_once(const struct datacenter *dc, const struct host_history_cache *c)
{
	for (int s = 0; s < c->n_slots; s++)
		if (dc->vms[c->ids[s].id].history_pushes != c->ids[s].pushes + 1u)
			return false;
	return true;
}

/* The cache's sums one push later (pushed_once): index 0 summed anew over its VMs in list order,
 * index i the cached sum at i - 1 (each VM's value there is now at i, and a VM has a value at i
 * iff it had one at i - 1); *len as add_histories finds it. */
static inline __attribute__((always_inline)) void
shift_histories(const struct datacenter *dc, const struct host *h, const struct host_history_cache *c,
		double *restrict acc, size_t need, size_t *len)
{
	double total = h->total_mips;
	for (int s = 0; s < c->n_slots; s++) {
		const struct vm *vm = &dc->vms[h->slots[s].vm];
		const double *hist = vm_history(vm);
		double mips = vm->mips;
		acc[0] += hist[0] * mips / total;
		for (size_t i = (size_t)vm->history_len; i > *len; i--) {
			if (hist[i - 1] * mips / total != 0) {
				*len = i;
				break;
			}
		}
	}
	for (size_t i = 1; i < need; i++)
		acc[i] = c->sum[i - 1];
}

/*
 * PowerHostUtilizationHistory.getUtilizationHistory: for each VM in list order, each entry gets
 * history[i] * MIPS / host MIPS added. A VM appended to the list adds its terms last, so the sums
 * over the list without it are a prefix of the same arithmetic: while the consolidation runs
 * (dc->history_stamp != 0: no VM history changes then), each host keeps the sums over its VMs
 * (without the tentative entry, when the caller says its last slot is one) until its list
 * changes, and a tentative placement costs one VM's terms instead of the whole list's. The
 * next consolidation starts from them too when the same VMs lead the list and each history
 * has one value more (the usual step): only the newest index is summed anew.
 */
static inline __attribute__((always_inline)) size_t
history_head(const struct datacenter *dc, const struct host *h, double out[VM_HISTORY_LEN], size_t need,
	     long *list_max_ram)
{
	size_t len = 0; /* index of the last non-zero sum + 1 */
	long max_ram = LONG_MIN;
	double acc[VM_HISTORY_LEN]; /* local: the loop vectorizes (lanes are indices, each still
				     * summed over the VMs in list order); only need values are read */
	for (size_t i = 0; i < need; i++)
		acc[i] = 0;
	struct host_history_cache *c =
		dc->history_stamp != 0 && dc->history_cache != NULL ? &dc->history_cache[h->id] : NULL;
	int base = h->n_slots - (dc->history_tentative && h->n_slots > 0 ? 1 : 0);
	if (c != NULL && c->stamp == dc->history_stamp && c->version == h->list_version &&
	    c->need == need && c->n_slots == base) {
		memcpy(acc, c->sum, need * sizeof *acc);
		len = c->len;
		max_ram = c->max_ram;
	} else {
		int from = 0, pushes_from = 0;
		if (c != NULL && c->stamp != 0 && c->need == need && cached_prefix(h, c, base)) {
			/* the cached VMs are still the list's first: their sums are the prefix of
			 * the same additions, the VMs after them are added on (each index still
			 * sums the list in order). In the same consolidation their histories are
			 * as they were; in a later one, if each moved by one value, so did the sums. */
			if (c->stamp == dc->history_stamp) {
				memcpy(acc, c->sum, need * sizeof *acc);
				len = c->len;
				max_ram = c->max_ram;
				from = pushes_from = c->n_slots;
			} else if (pushed_once(dc, c)) {
				shift_histories(dc, h, c, acc, need, &len);
				max_ram = c->max_ram;
				from = c->n_slots;
			}
		}
		add_histories(dc, h, from, base, acc, need, &len, &max_ram);
		if (c != NULL) {
			c->max_ram = max_ram;
			c->lr_ready = false;
			c->stamp = dc->history_stamp;
			c->version = h->list_version;
			c->need = need;
			c->n_slots = base;
			c->len = len;
			memcpy(c->sum, acc, need * sizeof *acc);
			if (base <= HISTORY_CACHE_IDS) {
				for (int s = pushes_from; s < base; s++) {
					c->ids[s].id = h->slots[s].vm;
					c->ids[s].pushes = dc->vms[h->slots[s].vm].history_pushes;
				}
				c->n_ids = base;
			} else {
				c->n_ids = -1;
			}
		}
	}
	add_histories(dc, h, base, h->n_slots, acc, need, &len, &max_ram);
	*list_max_ram = max_ram;
	memcpy(out, acc, need * sizeof *out);
	/* MathUtil.countNonZeroBeginning returns 1 when every value is 0. */
	return len > 0 ? len : 1;
}

size_t detect_host_history_head(const struct datacenter *dc, const struct host *h,
				double out[VM_HISTORY_LEN], size_t need)
{
	/* the regression detectors' 10 values: a copy with a constant length, so the zeroing, the
	 * copies and the loops over the values are unrolled (the same operations on each value) */
	long max_ram;
	if (need == DETECT_REGRESSION_LENGTH)
		return history_head(dc, h, out, DETECT_REGRESSION_LENGTH, &max_ram);
	return history_head(dc, h, out, need, &max_ram);
}

size_t detect_regression_history(const struct datacenter *dc, const struct host *h,
				 double out[VM_HISTORY_LEN], long *max_ram)
{
	return history_head(dc, h, out, DETECT_REGRESSION_LENGTH, max_ram);
}

int detect_threshold_after(const struct datacenter *dc, const struct host *h, const struct vm *vm,
			   int min_history, double threshold)
{
	if (vm->history_len >= min_history)
		return -1;
	/* detect_requested_utilization over the list with vm last: the list's part is kept until
	 * the list or any host's update (which changes requests and histories) */
	struct host_history_cache *c = dc->history_cache != NULL ? &dc->history_cache[h->id] : NULL;
	double total = 0;
	int maxlen = 0;
	if (c != NULL && c->fb_ok && c->fb_version == h->list_version && c->fb_slots == h->n_slots &&
	    c->fb_epoch == dc->util_epoch) {
		total = c->fb_sum;
		maxlen = c->fb_maxlen;
	} else {
		for (int i = 0; i < h->n_slots; i++) {
			const struct vm *v = &dc->vms[h->slots[i].vm];
			if (v->history_len > maxlen)
				maxlen = v->history_len;
			total += vm_req_total(v);
		}
		if (c != NULL) {
			c->fb_ok = true;
			c->fb_version = h->list_version;
			c->fb_slots = h->n_slots;
			c->fb_epoch = dc->util_epoch;
			c->fb_sum = total;
			c->fb_maxlen = maxlen;
		}
	}
	if (maxlen >= min_history)
		return -1; /* the host's history may be long enough */
	total += vm_req_total(vm);
	return total / h->total_mips > threshold;
}

int detect_thr_bound(const struct datacenter *dc, const struct host *h, const struct vm *vm,
		     double threshold, double interval_s)
{
	(void)interval_s;
	return detect_threshold_after(dc, h, vm, INT_MAX, threshold);
}

int detect_adaptive_bound(const struct datacenter *dc, const struct host *h, const struct vm *vm,
			  double s, double interval_s)
{
	(void)s;
	(void)interval_s;
	/* a history shorter than 12 has fewer than 12 leading non-zero values */
	return detect_threshold_after(dc, h, vm, DETECT_ADAPTIVE_MIN_HISTORY, DETECT_FALLBACK_THRESHOLD);
}

bool detect_threshold(const struct datacenter *dc, const struct host *h, double threshold, double *metric)
{
	if (metric != NULL)
		*metric = threshold;
	return detect_requested_utilization(dc, h) > threshold;
}

int detect_adaptive_bound_hook(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm)
{
	return detect_adaptive_bound(ctx->dc, ctx_host(h), ctx_vm(vm), detect_param(ctx), ctx->interval_s);
}

bool detect_fallback(const struct datacenter *dc, const struct host *h, double interval_s, double *metric)
{
	(void)interval_s;
	bool r = detect_threshold(dc, h, DETECT_FALLBACK_THRESHOLD, NULL);
	if (metric != NULL)
		*metric = NAN;
	return r;
}

bool detect_adaptive(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		     double (*spread)(const double *, size_t), double *metric)
{
	/* a host without VMs: a history of zeros, fewer than 12 leading non-zero values */
	if (h->n_slots == 0)
		return detect_fallback_empty(h, metric);
	double hist[VM_HISTORY_LEN];
	size_t n = detect_host_history(dc, h, hist);
	if (mathutil_count_nonzero_beginning(hist, n) < DETECT_ADAPTIVE_MIN_HISTORY)
		return detect_fallback(dc, h, interval_s, metric);
	double upper = 1 - s * spread(hist, n);
	if (metric != NULL)
		*metric = upper;
	return detect_requested_utilization(dc, h) > upper;
}
