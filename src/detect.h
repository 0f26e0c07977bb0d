/*
 * detect: host overload detectors of CloudSim 3.0.3's dynamic consolidation
 * (PowerVmAllocationPolicyMigration{StaticThreshold,InterQuartileRange,MedianAbsoluteDeviation,
 * LocalRegression,LocalRegressionRobust}.isHostOverUtilized). Each is evaluated on the host's live
 * VM list, so it sees VMs removed by the selection loop and VMs tentatively added by placement.
 */
#ifndef GREENMIG_DETECT_H
#define GREENMIG_DETECT_H

#include <stdbool.h>
#include <stddef.h>

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

/* The static threshold 0.7 that IQR, MAD, LR and LRR fall back to (a separate CloudSim object). */
bool detect_fallback(const struct datacenter *dc, const struct host *h, double interval_s, double *metric);

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

#endif
