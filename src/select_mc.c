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
	/* residuals y - X beta (Array2DRowRealMatrix.operate), SSR = e . e */
	double ssr = 0;
	for (int row = 0; row < m; row++) {
		double sum = 0;
		sum += 1.0 * beta[0];
		for (int c = 1; c < p; c++)
			sum += cols[c - 1][row] * beta[c];
		double e = y[row] - sum;
		ssr += e * e;
	}
	/* SecondMoment of y */
	double m1 = 0, m2 = 0;
	long n = 0;
	for (int row = 0; row < m; row++) {
		n++;
		double dev = y[row] - m1;
		double ndev = dev / (double)n;
		m1 += ndev;
		m2 += ((double)n - 1) * dev * ndev;
	}
	*r2 = 1 - ssr / m2;
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
	double max_metric = DBL_TRUE_MIN; /* Double.MIN_VALUE */
	int max_index = 0;
	const double *cols[MC_MAX_VMS];
	for (int i = 0; i < n; i++) {
		int k = 0;
		for (int j = 0; j < n; j++)
			if (j != i)
				cols[k++] = dc->vms[vms[j]].history;
		double r2;
		if (ols_r_squared(dc->vms[vms[i]].history, m, cols, n, &r2) != 0)
			return select_mmt_pick(dc, h, now, rng);
		if (r2 > max_metric) {
			max_metric = r2;
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
