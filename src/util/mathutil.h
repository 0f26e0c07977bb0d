/*
 * mathutil: the statistics CloudSim 3.0.3's consolidation policies use (util.MathUtil and the
 * commons-math3 3.6.1 classes it calls), evaluated in the same order for the same last bits.
 */
#ifndef GREENMIG_MATHUTIL_H
#define GREENMIG_MATHUTIL_H

#include <stddef.h>

/* MathUtil.countNonZeroBeginning: index of the last non-zero value + 1; 1 if all are zero (sic). */
size_t mathutil_count_nonzero_beginning(const double *x, size_t n);

/* DescriptiveStatistics.getPercentile(50), estimation LEGACY: s[f] + d * (s[f+1] - s[f]). */
double mathutil_median(const double *x, size_t n);

/* MathUtil.mad: median of |median - x_i|. 0 for n = 0. */
double mathutil_mad(const double *x, size_t n);

/* MathUtil.iqr: x sorted, q1 = round(0.25 (n + 1)) - 1, q3 = round(0.75 (n + 1)) - 1. n >= 3. */
double mathutil_iqr(const double *x, size_t n);

/* commons-math3 SimpleRegression (with intercept), fed by add(). */
struct regression {
	double sum_x, sum_y, sum_xx, sum_xy, sum_yy, xbar, ybar;
	long n;
};
void regression_init(struct regression *r);
void regression_add(struct regression *r, double x, double y);
double regression_slope(const struct regression *r);
double regression_intercept(const struct regression *r);
/* regress().getParameterEstimates(): {intercept, slope}; -1 where commons-math throws (n < 3). */
int regression_estimates(const struct regression *r, double est[2]);

/* MathUtil.getTricubeWeigts(n) (n >= 3). */
void mathutil_tricube_weights(size_t n, double *w);

/*
 * MathUtil.getLoessParameterEstimates(y) and getRobustLoessParameterEstimates(y): {intercept,
 * slope} of the (robust) locally weighted fit of y against x = 1..n. -1 where CloudSim throws.
 * n <= 64.
 */
int mathutil_loess(const double *y, size_t n, double est[2]);
int mathutil_loess_robust(const double *y, size_t n, double est[2]);

#endif
