/*
 * detect: host overload detectors of CloudSim 3.0.3's dynamic consolidation
 * (PowerVmAllocationPolicyMigration{StaticThreshold,InterQuartileRange,MedianAbsoluteDeviation,
 * LocalRegression,LocalRegressionRobust}.isHostOverUtilized). Each is evaluated on the host's live
 * VM list, so it sees VMs removed by the selection loop and VMs tentatively added by placement.
 */
#ifndef GREENMIG_DETECT_H
#define GREENMIG_DETECT_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include <greenmig/policy.h>

#include "ctx.h"
#include "datacenter.h"

#define DETECT_FALLBACK_THRESHOLD 0.7 /* the static threshold IQR, MAD, LR and LRR fall back to */

/* Sum of the uncapped current requests of h's VMs over h's total MIPS (list order). */
double detect_requested_utilization(const struct datacenter *dc, const struct host *h);

/*
 * PowerHostUtilizationHistory.getUtilizationHistory: out[i] = sum over h's VMs of
 * history[i] * mips / host MIPS (i = 0 newest), trimmed of zeros at the old end. Returns the length.
 */
size_t detect_host_history(const struct datacenter *dc, const struct host *h,
			   double out[VM_HISTORY_LEN]);

/* The same, but out[] is filled only up to index `need` - 1 (LR reads the newest 10 values).
 * The returned length is exact: a sum of non-negative values is 0 only if all are. */
size_t detect_host_history_head(const struct datacenter *dc, const struct host *h,
				double out[VM_HISTORY_LEN], size_t need);

/* detect_host_history_head's 10 values (LR's and LRR's), and *max_ram the largest configured RAM
 * of h's VMs (LONG_MIN without VMs). */
size_t detect_regression_history(const struct datacenter *dc, const struct host *h,
				 double out[VM_HISTORY_LEN], long *max_ram);

/* Whether the requested utilization of h is above threshold (strict): THR's test, and the 0.7
 * fallback's. *metric (if not NULL) gets the threshold. */
bool detect_threshold(const struct datacenter *dc, const struct host *h, double threshold, double *metric);

/* The static threshold 0.7 that IQR, MAD, LR and LRR fall back to (a separate CloudSim object). */
bool detect_fallback(const struct datacenter *dc, const struct host *h, double interval_s, double *metric);

/* detect_fallback for a host without VMs, without the calls (most hosts of a consolidated day):
 * the sum of its requests is 0, over its total MIPS as detect_requested_utilization divides. */
static inline bool detect_fallback_empty(const struct host *h, double *metric)
{
	double total = 0;
	if (metric != NULL)
		*metric = NAN;
	return total / h->total_mips > DETECT_FALLBACK_THRESHOLD;
}

#define DETECT_REGRESSION_LENGTH 10 /* LR, LRR: the newest values fitted */
#define DETECT_ADAPTIVE_MIN_HISTORY 12 /* IQR, MAD: "12 has been suggested as a safe value" */

/*
 * IQR and MAD: overloaded iff the requested utilization > 1 - s x spread(host history); the 0.7
 * fallback while the history has fewer than 12 values.
 */
bool detect_adaptive(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		     double (*spread)(const double *, size_t), double *metric);

/* LR and LRR: fit the last 10 history values with `fit`, extrapolate, compare with 1. */
bool detect_regression(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		       int (*fit)(const double *, size_t, double *), double *metric);

/*
 * For the best fit (policy.h's overloaded_bound): the static threshold's answer for h with vm
 * appended, exactly (the same sum in the same order), when the detector certainly uses it:
 * when every VM's history, vm's included, is shorter than min_history (the detectors' 0.7
 * fallback; INT_MAX: THR itself). 1 overloaded, 0 not, -1 when the detector may not use it.
 */
int detect_threshold_after(const struct datacenter *dc, const struct host *h, const struct vm *vm,
			   int min_history, double threshold);

/* THR's, IQR's and MAD's overloaded_bound (the latter two: their fallback only). */
int detect_thr_bound(const struct datacenter *dc, const struct host *h, const struct vm *vm,
		     double threshold, double interval_s);
int detect_adaptive_bound(const struct datacenter *dc, const struct host *h, const struct vm *vm,
			  double s, double interval_s);

/*
 * LR's and LRR's answer for h with vm appended, without the fit where it is clear (policy.h's
 * overloaded_bound). Both fits are the least-squares line through the newest 10 values, which is
 * linear in them: the prediction with vm is the host's sums plus vm's terms through fixed
 * weights, equal to the detector's arithmetic up to rounding (relative 1e-15). Within 1e-9 of
 * the threshold, or when the detector would fall back to 0.7 (a host history shorter than 10),
 * the answer is -1 and the detector decides.
 */
int detect_regression_bound(const struct datacenter *dc, const struct host *h, const struct vm *vm,
			    double s, double interval_s);

/* The same in parts, for callers that keep the host's part: the host's terms (false: the
 * shortcut does not apply, ask detect_regression_bound), the VM's, and the decision. */
struct regression_terms {
	double sum, lin, mag;  /* of the host's 10 newest history sums */
	long max_ram, bw;
	double total_mips;
};
struct regression_vm_terms {
	double sum, lin, mag;  /* of the VM's 10 newest history values */
	double mips;
	long ram_mb;
	/* detect_regression_decide's last quotients (a VM is asked against many hosts of few
	 * kinds): the same values, computed once per kind */
	double memo_total, memo_ratio;
	long memo_ram, memo_bw;
	double memo_interval_s, memo_intervals;
};
bool detect_regression_terms(const struct datacenter *dc, const struct host *h,
			    struct regression_terms *t);
void detect_regression_vm_terms(const struct vm *vm, struct regression_vm_terms *v);
int detect_regression_decide(const struct regression_terms *t, struct regression_vm_terms *v,
			     double s, double interval_s);
/*
 * The shortcut's arithmetic, for callers that evaluate it in bulk (consolidation.c's vectorized
 * pass): with terms T = host + ratio x VM and I = detect_regression_intervals(...),
 *   predicted = s (T.sum LR_SHORTCUT_W_SUM + T.lin LR_SHORTCUT_W_LIN (LR_SHORTCUT_X + I)),
 *   decided only beyond LR_SHORTCUT_MARGIN (1 + |s| T.mag (LR_SHORTCUT_X + 1 + I)) of 1.
 */
#define LR_SHORTCUT_W_SUM (1.0 / 10)   /* 1 / the 10 values */
#define LR_SHORTCUT_W_LIN (1.0 / 82.5) /* 1 / sum (x_j - 5.5)^2 */
#define LR_SHORTCUT_X 4.5              /* 10 - 5.5: the next point past the history's centre */
#define LR_SHORTCUT_MARGIN 1e-9
/* getMaximumVmMigrationTime over the interval, rounded up: how far LR extrapolates for a host
 * whose largest VM has max_ram MB on bandwidth bw. */
double detect_regression_intervals(long max_ram, long bw, double interval_s);

/*
 * The detectors. *metric (if metric is not NULL) gets what CloudSim records in the policy's
 * metric history (the threshold, the adaptive upper threshold, the predicted utilization), or NaN
 * when the 0.7 fallback decided (CloudSim records that in the fallback object, never written).
 */
bool detect_thr(const struct datacenter *dc, const struct host *h, double threshold, double interval_s,
		double *metric);
bool detect_iqr(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		double *metric);
bool detect_mad(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		double *metric);
bool detect_lr(const struct datacenter *dc, const struct host *h, double s, double interval_s,
	       double *metric);
bool detect_lrr(const struct datacenter *dc, const struct host *h, double s, double interval_s,
		double *metric);

/*
 * The detectors as policy hooks (<greenmig/policy.h>): the parameter is the policy's last one
 * (ST's threshold, MM's upper threshold), the interval the run's. detect_regression_bound_hook
 * is LR's and LRR's overloaded_bound: the best fit recognizes it and runs its shortcut on many
 * hosts at once (bestfit.c).
 */
static inline double detect_param(const gm_ctx *ctx)
{
	return ctx->n_params > 0 ? ctx->param[ctx->n_params - 1] : 0;
}
bool detect_thr_hook(const gm_ctx *ctx, const gm_host *h, double *metric);
int detect_thr_bound_hook(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm);
int detect_adaptive_bound_hook(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm);
int detect_regression_bound_hook(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm);

/* The settings the detectors' policies share: 1 parameter, their energy rule, both flags. */
#define DETECT_SAFETY_PARAM(def)                                                                 \
	.n_params = 1, .param_min = DBL_TRUE_MIN, .param_max = DBL_MAX,                         \
	.param_help = "a positive number (the safety parameter s)", .default_param = def,       \
	.engines = GM_ENGINE_CLOUDSIM3, .energy = GM_ENERGY_UTILIZATION, .migrations = true

#endif
