/*
 * detect_lr: local regression. The last 10 host utilization values, oldest first, are fitted
 * against x = 1..10 (MathUtil.getLoessParameterEstimates: tricube weights that CloudSim applies
 * only when 40 % of them are <= 0, so in practice ordinary least squares); the fit is extrapolated
 * over the longest migration of the host's VMs: predicted = s * (b0 + b1 * (10 + ceil(T_mig / 300)))
 * with T_mig = max VM RAM / (host BW / 16000). Overloaded iff predicted >= 1.
 * With fewer than 10 history values: the static threshold 0.7.
 * CloudSim 3.0.3: PowerVmAllocationPolicyMigrationLocalRegression.isHostOverUtilized.
 */
#include "detect.h"

#include <limits.h>
#include <math.h>

#include "mathutil.h"
#include "policy.h"

#include <float.h>

#define LR_LENGTH DETECT_REGRESSION_LENGTH /* "10 to make the regression responsive enough to latest values" */

/* detect_regression_decide's test on the terms of the 10 values (sum, sum of (4.5 - i) x value,
 * sum of magnitudes): 1 overloaded, 0 not, -1 within the margin of 1 (or NaN). */
static inline int regression_shortcut(double sum, double lin, double mag, double s, double intervals)
{
	/* (multiplications by 1 / 10 and 1 / 82.5: a few ulps from the divisions, far inside the
	 * margin) */
	double predicted = s * (sum * LR_SHORTCUT_W_SUM + lin * LR_SHORTCUT_W_LIN * (LR_SHORTCUT_X + intervals));
	double margin = LR_SHORTCUT_MARGIN * (1 + fabs(s) * mag * (LR_SHORTCUT_X + 1 + intervals));
	if (predicted >= 1 + margin)
		return 1;
	if (predicted < 1 - margin)
		return 0;
	return -1;
}

bool detect_regression(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		       int (*fit)(const double *, size_t, double *), double *metric)
{
	/* A host without VMs (most of them, once the day is consolidated) has a history of zeros:
	 * fewer than 10 leading values (countNonZeroBeginning gives 1), the fallback without the
	 * sums. */
	if (h->n_slots == 0)
		return detect_fallback_empty(h, metric);
	double hist[VM_HISTORY_LEN];
	long max_ram; /* getMaximumVmMigrationTime: the largest configured RAM (an int) */
	size_t n = detect_regression_history(dc, h, hist, &max_ram);
	if (n < LR_LENGTH)
		return detect_fallback(dc, h, interval_s, metric);
	/* getMaximumVmMigrationTime: that RAM over half the host BW */
	double intervals = detect_regression_intervals(max_ram, h->bw, interval_s);
	if (metric == NULL && isfinite(intervals)) {
		/* only the answer is asked: the best fit's shortcut decides where it is clear (the
		 * fit is linear in the values; detect_regression_decide), the fit near 1 (and with
		 * an infinite horizon, a host without bandwidth, where the margin means nothing) */
		double sum = 0, lin = 0, mag = 0;
		for (int i = 0; i < LR_LENGTH; i++) {
			sum += hist[i];
			lin += (4.5 - i) * hist[i];
			mag += fabs(hist[i]);
		}
		int known = regression_shortcut(sum, lin, mag, s, intervals);
		if (known >= 0)
			return known;
	}
	double y[LR_LENGTH];
	for (int i = 0; i < LR_LENGTH; i++)
		y[i] = hist[LR_LENGTH - i - 1];
	double est[2];
	if (fit(y, LR_LENGTH, est) != 0)
		return detect_fallback(dc, h, interval_s, metric);
	double predicted = est[0] + est[1] * (LR_LENGTH + intervals);
	predicted *= s;
	if (metric != NULL)
		*metric = predicted;
	return predicted >= 1;
}

bool detect_regression_terms(const struct datacenter *dc, const struct host *h,
			    struct regression_terms *t)
{
	if (dc->history_stamp == 0 || dc->history_cache == NULL || dc->history_tentative)
		return false;
	struct host_history_cache *c = &dc->history_cache[h->id];
	if (!(c->stamp == dc->history_stamp && c->version == h->list_version && c->need == LR_LENGTH &&
	      c->n_slots == h->n_slots)) {
		double hist[VM_HISTORY_LEN];
		detect_host_history_head(dc, h, hist, LR_LENGTH); /* fills the cache */
	}
	if (c->len < LR_LENGTH)
		return false; /* the fallback, or the host's sums reach 10 values only with vm's */
	/* With y_j = hist[9 - j] at x_j = j + 1: slope = sum (x_j - 5.5) y_j / 82.5, intercept =
	 * mean - 5.5 slope, predicted = mean + slope (10 + intervals - 5.5); x_j - 5.5 = 4.5 - i.
	 * The host's sums once per list version. */
	if (!c->lr_ready) {
		c->lr_sum = c->lr_lin = c->lr_mag = 0;
		for (int i = 0; i < LR_LENGTH; i++) {
			c->lr_sum += c->sum[i];
			c->lr_lin += (4.5 - i) * c->sum[i];
			c->lr_mag += fabs(c->sum[i]);
		}
		c->lr_ready = true;
	}
	t->sum = c->lr_sum;
	t->lin = c->lr_lin;
	t->mag = c->lr_mag;
	t->max_ram = c->max_ram;
	t->bw = h->bw;
	t->total_mips = h->total_mips;
	return true;
}

/* The sums of detect_regression_vm_terms over hist[0 .. nv - 1], in index order. */
static inline __attribute__((always_inline)) void
vm_sums(const double *hist, int nv, double *sum, double *lin, double *mag)
{
	double a = 0, b = 0, m = 0; /* (locals: no store and reload of v's fields per value) */
	for (int i = 0; i < nv; i++) {
		a += hist[i];
		b += (4.5 - i) * hist[i];
		m += fabs(hist[i]);
	}
	*sum = a;
	*lin = b;
	*mag = m;
}

void detect_regression_vm_terms(const struct vm *vm, struct regression_vm_terms *v)
{
	const double *hist = vm_history(vm);
	if (vm->history_len >= LR_LENGTH) /* the usual case: a constant count, unrolled */
		vm_sums(hist, LR_LENGTH, &v->sum, &v->lin, &v->mag);
	else
		vm_sums(hist, vm->history_len, &v->sum, &v->lin, &v->mag);
	v->mips = vm->mips;
	v->ram_mb = vm->ram_mb;
	v->memo_total = NAN; /* nothing remembered yet */
	v->memo_ratio = NAN;
	v->memo_ram = -1;
	v->memo_bw = -1;
	v->memo_interval_s = NAN;
	v->memo_intervals = NAN;
}

double detect_regression_intervals(long max_ram, long bw, double interval_s)
{
	double max_migration_s = (double)max_ram / ((double)bw / (2 * 8000));
	return ceil(max_migration_s / interval_s);
}

int detect_regression_decide(const struct regression_terms *t, struct regression_vm_terms *v,
			     double s, double interval_s)
{
	if (!(t->total_mips == v->memo_total)) {
		v->memo_total = t->total_mips;
		v->memo_ratio = v->mips / t->total_mips;
	}
	double ratio = v->memo_ratio;
	long max_ram = t->max_ram > v->ram_mb ? t->max_ram : v->ram_mb;
	if (max_ram != v->memo_ram || t->bw != v->memo_bw || !(interval_s == v->memo_interval_s)) {
		v->memo_ram = max_ram;
		v->memo_bw = t->bw;
		v->memo_interval_s = interval_s;
		v->memo_intervals = detect_regression_intervals(max_ram, t->bw, interval_s);
	}
	double intervals = v->memo_intervals;
	return regression_shortcut(t->sum + ratio * v->sum, t->lin + ratio * v->lin,
				   t->mag + fabs(ratio) * v->mag, s, intervals);
}

int detect_regression_bound(const struct datacenter *dc, const struct host *h, const struct vm *vm,
			    double s, double interval_s)
{
	struct regression_terms t;
	if (!detect_regression_terms(dc, h, &t))
		return detect_threshold_after(dc, h, vm, LR_LENGTH, DETECT_FALLBACK_THRESHOLD);
	struct regression_vm_terms v;
	detect_regression_vm_terms(vm, &v);
	return detect_regression_decide(&t, &v, s, interval_s);
}

int detect_regression_bound_hook(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm)
{
	return detect_regression_bound(ctx->dc, ctx_host(h), ctx_vm(vm), detect_param(ctx), ctx->interval_s);
}

bool detect_lr(const struct datacenter *dc, const struct host *h, double s, double interval_s,
	       double *metric)
{
	return detect_regression(dc, h, s, interval_s, mathutil_loess, metric);
}

static bool overloaded(const gm_ctx *ctx, const gm_host *h, double *metric)
{
	return detect_lr(ctx->dc, ctx_host(h), detect_param(ctx), ctx->interval_s, metric);
}

const struct gm_policy policy_lr = {
	.api_version = GREENMIG_API_VERSION,
	.name = "lr",
	.summary = "local regression: overloaded if param x the extrapolated utilization >= 1 (default 1.2)",
	.reproduces = "PowerVmAllocationPolicyMigrationLocalRegression",
	DETECT_SAFETY_PARAM("1.2"),
	.overloaded = overloaded,
	.overloaded_bound = detect_regression_bound_hook,
};
