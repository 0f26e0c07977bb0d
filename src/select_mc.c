/*
 * select_mc: Maximum Correlation: the VM whose utilization history is best explained by the
 * others'. For each migratable VM i, its history (m values, newest first; m = the shortest
 * history) is regressed by ordinary least squares with intercept on the histories of the other
 * n - 1 VMs; the VM with the largest R^2 = 1 - SSR / SST leaves (first on ties; if no R^2 exceeds
 * Double.MIN_VALUE, the first VM). Where commons-math throws (n == 1, m == 0, n > m: too few
 * observations, or an exactly singular QR), CloudSim falls back to MMT for the whole call.
 * CloudSim 3.0.3: PowerVmSelectionPolicyMaximumCorrelation with commons-math3 3.6.1's
 * OLSMultipleLinearRegression (Householder QR, threshold 0) and SecondMoment, in their order.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "select.h"

#define MC_MAX_VMS 64 /* migratable VMs per host this implementation handles; above: MMT */

/*
 * calculateRSquared from the coefficients: residuals y - X beta (Array2DRowRealMatrix.operate,
 * X = [1, cols]), SSR = e . e, SST = commons-math SecondMoment of y; R^2 = 1 - SSR / SST.
 */
static double r_squared(const double *y, int m, const double *const *cols, int p, const double *beta)
{
	double ssr = 0;
	for (int row = 0; row < m; row++) {
		double sum = 0;
		sum += 1.0 * beta[0];
		for (int c = 1; c < p; c++)
			sum += cols[c - 1][row] * beta[c];
		double e = y[row] - sum;
		ssr += e * e;
	}
	double m1 = 0, m2 = 0;
	long n = 0;
	for (int row = 0; row < m; row++) {
		n++;
		double dev = y[row] - m1;
		double ndev = dev / (double)n;
		m1 += ndev;
		m2 += ((double)n - 1) * dev * ndev;
	}
	return 1 - ssr / m2;
}

/* R^2 of y (m values) on [1, X] where X has p - 1 columns cols[c][row]; -1 if singular. */
static int ols_r_squared(const double *y, int m, const double *const *cols, int p, double *r2)
{
	/* qrt: the transpose of the design matrix, p rows of m values. */
	double qrt[MC_MAX_VMS][VM_HISTORY_LEN];
	double rdiag[MC_MAX_VMS];
	for (int row = 0; row < m; row++)
		qrt[0][row] = 1.0;
	for (int c = 1; c < p; c++)
		for (int row = 0; row < m; row++)
			qrt[c][row] = cols[c - 1][row];
	int minors = m < p ? m : p;
	/* QRDecomposition.decompose / performHouseholderReflection */
	for (int minor = 0; minor < minors; minor++) {
		double *qm = qrt[minor];
		double xnorm = 0;
		for (int row = minor; row < m; row++)
			xnorm += qm[row] * qm[row];
		double a = qm[minor] > 0 ? -sqrt(xnorm) : sqrt(xnorm);
		rdiag[minor] = a;
		if (a != 0.0) {
			qm[minor] -= a;
			for (int col = minor + 1; col < p; col++) {
				double *qc = qrt[col];
				double alpha = 0;
				for (int row = minor; row < m; row++)
					alpha -= qc[row] * qm[row];
				alpha /= a * qm[minor];
				for (int row = minor; row < m; row++)
					qc[row] -= alpha * qm[row];
			}
		}
	}
	for (int i = 0; i < minors; i++)
		if (fabs(rdiag[i]) <= 0)
			return -1; /* SingularMatrixException */
	/* Solver.solve(y) */
	double w[VM_HISTORY_LEN], beta[MC_MAX_VMS];
	memcpy(w, y, (size_t)m * sizeof *w);
	for (int minor = 0; minor < minors; minor++) {
		const double *qm = qrt[minor];
		double dot = 0;
		for (int row = minor; row < m; row++)
			dot += w[row] * qm[row];
		dot /= rdiag[minor] * qm[minor];
		for (int row = minor; row < m; row++)
			w[row] += dot * qm[row];
	}
	for (int i = 0; i < p; i++)
		beta[i] = 0;
	for (int row = minors - 1; row >= 0; --row) {
		w[row] /= rdiag[row];
		double yrow = w[row];
		beta[row] = yrow;
		for (int i = 0; i < row; i++)
			w[i] -= yrow * qrt[row][i];
	}
	*r2 = r_squared(y, m, cols, p, beta);
	return 0;
}

/* Householder reflection `minor` (pivot column piv) applied to column col, rows >= minor. */
static void reflect(double *col, const double *piv, double a, int minor, int m)
{
	double alpha = 0;
	for (int row = minor; row < m; row++)
		alpha -= col[row] * piv[row];
	alpha /= a * piv[minor];
	for (int row = minor; row < m; row++)
		col[row] -= alpha * piv[row];
}

/* Turns column q into the pivot of reflection `minor`; returns rDiag (0: singular). */
static double make_pivot(double *q, int minor, int m)
{
	double xnorm = 0;
	for (int row = minor; row < m; row++)
		xnorm += q[row] * q[row];
	double a = q[minor] > 0 ? -sqrt(xnorm) : sqrt(xnorm);
	if (a != 0.0)
		q[minor] -= a;
	return a;
}

/*
 * R^2 of every VM's history on the others' (hist[0..n-1], m values each, n <= m), equal to the
 * bit to n separate ols_r_squared calls but sharing their common work: regression i's design
 * matrix [1, h_0 .. h_{i-1}, h_{i+1} ..] begins with the first i + 1 columns of [1, h_0 .. h_{n-1}],
 * so its first i + 1 Householder reflections, and their effect on every later column and on
 * y = h_i, are those of that full matrix (a column's reflection depends only on the column and
 * the pivot; commons-math's solver updates y with the same arithmetic as a column). Returns -1
 * if some regression is singular (CloudSim then falls back to MMT for the whole call).
 */
int select_mc_r_squared(const double *const *hist, int n, int m, double *r2)
{
	double full[MC_MAX_VMS + 1][VM_HISTORY_LEN]; /* [1, h_0 .. h_{n-1}], reflected as we go */
	double rdiag[MC_MAX_VMS + 1];
	double work[MC_MAX_VMS][VM_HISTORY_LEN];     /* pivots of regression i past the prefix */
	double wdiag[MC_MAX_VMS];
	for (int row = 0; row < m; row++)
		full[0][row] = 1.0;
	for (int c = 0; c < n; c++)
		memcpy(full[c + 1], hist[c], (size_t)m * sizeof **full);
	for (int i = 0; i < n; i++) {
		/* Shared reflection i (pivot full[i]) on every later column of the full matrix. */
		rdiag[i] = make_pivot(full[i], i, m);
		if (rdiag[i] == 0.0)
			return -1;
		for (int c = i + 1; c <= n; c++)
			reflect(full[c], full[i], rdiag[i], i, m);
		/* Regression i: columns full[i + 2 .. n] continue as minors i + 1 .. n - 1. */
		int rest = n - 1 - i;
		for (int k = 0; k < rest; k++)
			memcpy(work[k], full[i + 2 + k], (size_t)m * sizeof **work);
		for (int k = 0; k < rest; k++) {
			int minor = i + 1 + k;
			wdiag[k] = make_pivot(work[k], minor, m);
			if (wdiag[k] == 0.0)
				return -1;
			for (int c = k + 1; c < rest; c++)
				reflect(work[c], work[k], wdiag[k], minor, m);
		}
		/* Solver: y = h_i after the shared reflections is full[i + 1]; then the rest. */
		double y[VM_HISTORY_LEN], beta[MC_MAX_VMS];
		memcpy(y, full[i + 1], (size_t)m * sizeof *y);
		for (int k = 0; k < rest; k++) {
			int minor = i + 1 + k;
			double dot = 0;
			for (int row = minor; row < m; row++)
				dot += y[row] * work[k][row];
			dot /= wdiag[k] * work[k][minor];
			for (int row = minor; row < m; row++)
				y[row] += dot * work[k][row];
		}
		for (int row = n - 1; row >= 0; --row) {
			const double *qrow = row <= i ? full[row] : work[row - i - 1];
			double d = row <= i ? rdiag[row] : wdiag[row - i - 1];
			y[row] /= d;
			double yrow = y[row];
			beta[row] = yrow;
			for (int j = 0; j < row; j++)
				y[j] -= yrow * qrow[j];
		}
		const double *cols[MC_MAX_VMS];
		int k = 0;
		for (int j = 0; j < n; j++)
			if (j != i)
				cols[k++] = hist[j];
		r2[i] = r_squared(hist[i], m, cols, n, beta);
	}
	return 0;
}

/* The plain version, one regression at a time (kept to check the shared one against). */
int select_mc_r_squared_plain(const double *const *hist, int n, int m, double *r2)
{
	const double *cols[MC_MAX_VMS];
	for (int i = 0; i < n; i++) {
		int k = 0;
		for (int j = 0; j < n; j++)
			if (j != i)
				cols[k++] = hist[j];
		if (ols_r_squared(hist[i], m, cols, n, &r2[i]) != 0)
			return -1;
	}
	return 0;
}

static int mc_pick(const struct datacenter *dc, const struct host *h, double now, struct rng *rng)
{
	int vms[MC_MAX_VMS + 1];
	int n = 0;
	for (int i = 0; i < h->n_slots && n <= MC_MAX_VMS; i++)
		if (!dc->vms[h->slots[i].vm].in_migration)
			vms[n++] = h->slots[i].vm;
	if (n == 0)
		return -1;
	if (n > MC_MAX_VMS)
		return select_mmt_pick(dc, h, now, rng);
	int m = VM_HISTORY_LEN;
	for (int i = 0; i < n; i++)
		if (dc->vms[vms[i]].history_len < m)
			m = dc->vms[vms[i]].history_len;
	/* Array2DRowRealMatrix of n - 1 rows or m columns = 0: NoDataException; n > m: too few
	 * observations for n - 1 predictors and an intercept. */
	if (n == 1 || m == 0 || n > m)
		return select_mmt_pick(dc, h, now, rng);
	const double *hist[MC_MAX_VMS];
	for (int i = 0; i < n; i++)
		hist[i] = dc->vms[vms[i]].history;
	double r2[MC_MAX_VMS];
	if (select_mc_r_squared(hist, n, m, r2) != 0)
		return select_mmt_pick(dc, h, now, rng);
	double max_metric = DBL_TRUE_MIN; /* Double.MIN_VALUE */
	int max_index = 0;
	for (int i = 0; i < n; i++) {
		if (r2[i] > max_metric) {
			max_metric = r2[i];
			max_index = i;
		}
	}
	return vms[max_index];
}

const struct selection selection_mc = {
	.name = "mc",
	.summary = "maximum correlation: the VM best predicted by the others (R^2), else MMT",
	.cloudsim = "PowerVmSelectionPolicyMaximumCorrelation (fallback MinimumMigrationTime)",
	.pick = mc_pick,
};
