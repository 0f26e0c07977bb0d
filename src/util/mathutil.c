/*
 * mathutil: CloudSim 3.0.3 util.MathUtil and the commons-math3 3.6.1 pieces behind it
 * (DescriptiveStatistics LEGACY percentile, SimpleRegression). The quirks are kept: the tricube
 * weights are only applied when at least 40 % of them are <= 0 (so with positive weights the
 * "loess" is plain least squares), and countNonZeroBeginning returns 1 for an all-zero array.
 */
#include "mathutil.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MATH_MAX_N 64

size_t mathutil_count_nonzero_beginning(const double *x, size_t n)
{
	long i = (long)n - 1;
	while (i >= 0) {
		if (x[i--] != 0)
			break;
	}
	return (size_t)(i + 2);
}

/*
 * The value a full ascending sort would put at index k (0-based), by selection: v is reordered
 * so that v[0..k-1] <= v[k] <= v[k+1..n-1]. The median and quartiles need two order statistics
 * of at most 30 values, not the whole order (this replaced an insertion sort that was a sixth of
 * a MAD run). The partition is Lomuto's without a data-dependent branch (each element is swapped
 * with the boundary and the boundary moves by the comparison's 0 or 1): on histories the
 * comparisons are coin flips a branch predictor cannot learn (MAD-MMT on an 800-host day: 0.21 s
 * against 0.25 s with Hoare's partition, interleaved medians of 21). The values are the sort's:
 * the result cannot depend on the method.
 */
static double select_kth(double *v, long n, long k)
{
	long lo = 0, hi = n - 1;
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		double pivot = v[mid];
		v[mid] = v[hi];
		v[hi] = pivot;
		long s = lo;
		for (long i = lo; i < hi; i++) {
			/* v[lo..s-1] < pivot <= v[s..i-1]: x joins the left part iff x < pivot */
			double x = v[i];
			v[i] = v[s];
			v[s] = x;
			s += x < pivot;
		}
		v[hi] = v[s];
		v[s] = pivot;
		if (k == s)
			return pivot;
		if (k < s)
			hi = s - 1;
		else
			lo = s + 1;
	}
	return v[k];
}

/* The least of v[from..n-1] (from < n). */
static double min_from(const double *v, long n, long from)
{
	double m = v[from];
	for (long i = from + 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

double mathutil_median(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	if (n == 1)
		return x[0];
	double s[MATH_MAX_N];
	double *v = n <= MATH_MAX_N ? s : malloc(n * sizeof *v);
	if (v == NULL)
		return NAN;
	memcpy(v, x, n * sizeof *v);
	/* commons-math Percentile (LEGACY) at 50: pos = (n + 1) / 2, interpolated between the
	 * order statistics floor(pos) and floor(pos) + 1 (1-based) */
	double pos = 0.5 * (double)(n + 1);
	double f = floor(pos);
	double d = pos - f;
	double r;
	if (pos < 1) {
		r = select_kth(v, (long)n, 0);
	} else if (pos >= (double)n) {
		r = select_kth(v, (long)n, (long)n - 1);
	} else {
		long k = (long)f - 1;
		double lo = select_kth(v, (long)n, k);
		double hi = min_from(v, (long)n, k + 1);
		r = lo + d * (hi - lo);
	}
	if (v != s)
		free(v);
	return r;
}

double mathutil_mad(const double *x, size_t n)
{
	if (n == 0)
		return 0;
	double med = mathutil_median(x, n);
	double dev[MATH_MAX_N];
	double *v = n <= MATH_MAX_N ? dev : malloc(n * sizeof *v);
	if (v == NULL)
		return NAN;
	for (size_t i = 0; i < n; i++)
		v[i] = fabs(med - x[i]);
	double r = mathutil_median(v, n);
	if (v != dev)
		free(v);
	return r;
}

double mathutil_iqr(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double s[MATH_MAX_N];
	double *v = n <= MATH_MAX_N ? s : malloc(n * sizeof *v);
	if (v == NULL)
		return NAN;
	memcpy(v, x, n * sizeof *v);
	/* Java Math.round(x) = floor(x + 0.5). */
	long q1 = (long)floor(0.25 * (double)(n + 1) + 0.5) - 1;
	long q3 = (long)floor(0.75 * (double)(n + 1) + 0.5) - 1;
	if (q3 > (long)n - 1)
		q3 = (long)n - 1;
	/* v[q3] first; the q3 values before it are the q3 least, so q1 is selected among them */
	double hi = select_kth(v, (long)n, q3);
	double lo = q1 < q3 ? select_kth(v, q3, q1) : hi;
	double r = hi - lo;
	if (v != s)
		free(v);
	return r;
}

void regression_init(struct regression *r)
{
	memset(r, 0, sizeof *r);
}

/* regression_add's arithmetic, inlined into least_squares: there x is known, so with a constant
 * n the compiler folds the x parts (exact IEEE operations, the same doubles as at run time) and
 * drops sum_yy, which the estimates do not read. */
static inline __attribute__((always_inline)) void add_point(struct regression *r, double x, double y)
{
	if (r->n == 0) {
		r->xbar = x;
		r->ybar = y;
	} else {
		double fact1 = 1.0 + (double)r->n;
		double fact2 = (double)r->n / (1.0 + (double)r->n);
		double dx = x - r->xbar;
		double dy = y - r->ybar;
		r->sum_xx += dx * dx * fact2;
		r->sum_yy += dy * dy * fact2;
		r->sum_xy += dx * dy * fact2;
		r->xbar += dx / fact1;
		r->ybar += dy / fact1;
	}
	r->sum_x += x;
	r->sum_y += y;
	r->n++;
}

void regression_add(struct regression *r, double x, double y)
{
	add_point(r, x, y);
}

double regression_slope(const struct regression *r)
{
	if (r->n < 2)
		return NAN;
	if (fabs(r->sum_xx) < 10 * DBL_TRUE_MIN)
		return NAN;
	return r->sum_xy / r->sum_xx;
}

double regression_intercept(const struct regression *r)
{
	return (r->sum_y - regression_slope(r) * r->sum_x) / (double)r->n;
}

int regression_estimates(const struct regression *r, double est[2])
{
	if (r->n < 3)
		return -1; /* NoDataException */
	/* |sumXX| <= SAFE_MIN (2^-1022) only for constant x, which never happens here. */
	if (!(fabs(r->sum_xx) > DBL_MIN))
		return -1;
	est[0] = regression_intercept(r);
	est[1] = regression_slope(r);
	return 0;
}

void mathutil_tricube_weights(size_t n, double *w)
{
	double top = (double)n - 1;
	double spread = top;
	for (size_t i = 2; i < n; i++) {
		double k = pow(1 - pow((top - (double)i) / spread, 3), 3);
		w[i] = k > 0 ? 1 / k : DBL_MAX;
	}
	w[0] = w[1] = w[2];
}

/*
 * Why no weights are computed here: getTricubeWeigts gives 1 / (1 - ((n-1-i)/(n-1))^3)^3 > 0 for
 * every i >= 2 (the base is in (0, 1]) and copies w[2] to w[0], w[1]; getTricubeBisquareWeigts
 * gives (1 / k) * w_i > 0 or Double.MAX_VALUE. No weight is ever <= 0, so
 * createWeigthedLinearRegression never applies them (it needs 40 % of them <= 0) and both the
 * loess and the robust loess are the plain least-squares fit of y on x = 1..n. Computing the
 * weights (pow calls) for nothing was a quarter of a consolidation run's time.
 */
static inline __attribute__((always_inline)) int least_squares_n(const double *y, size_t n, double est[2])
{
	struct regression r;
	regression_init(&r);
	for (size_t i = 0; i < n; i++)
		add_point(&r, (double)(i + 1), y[i]);
	return regression_estimates(&r, est);
}

static int least_squares(const double *y, size_t n, double est[2])
{
	/* the regression detectors' 10 values (detect_lr.c): the count a constant */
	if (n == 10)
		return least_squares_n(y, 10, est);
	return least_squares_n(y, n, est);
}

int mathutil_loess(const double *y, size_t n, double est[2])
{
	if (n < 3 || n > MATH_MAX_N)
		return -1;
	return least_squares(y, n, est);
}

int mathutil_loess_robust(const double *y, size_t n, double est[2])
{
	if (n < 3 || n > MATH_MAX_N)
		return -1;
	/* The first (tricube) fit, its residuals and the bisquare weights only feed weights that
	 * are never applied (see above); the second fit is the same least squares. */
	return least_squares(y, n, est);
}
