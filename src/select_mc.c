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

/*
 * The shared version below keeps its matrices row-major (a[row][col]): a Householder reflection
 * applied to many columns then runs across columns in the inner loop, where it vectorizes, while
 * each column's dot product and update still run over the rows in commons-math's order (each
 * column is a lane: the bits are those of one column at a time).
 */
typedef double mc_rows[VM_HISTORY_LEN][MC_MAX_VMS + 1];

/* Two doubles, element-wise IEEE operations (GCC/Clang vector extension; SSE2 on x86-64): each
 * lane computes what the scalar code computes for its column, so the bits are the same. */
typedef double v2d __attribute__((vector_size(2 * sizeof(double))));

static v2d load2(const double *p)
{
	v2d v;
	memcpy(&v, p, sizeof v);
	return v;
}

static void store2(double *p, v2d v)
{
	memcpy(p, &v, sizeof v);
}

/*
 * Reflection `minor` with pivot column pc of a (rDiag d) applied to columns lo..hi of b:
 * alpha_c = -(sum over rows of b[row][c] * piv[row]) / (d * piv[minor]), then
 * b[row][c] -= alpha_c * piv[row], rows from minor, in commons-math's order per column. Columns
 * go four at a time with their alphas in registers (independent chains: the row loop of one
 * column alone is a chain of dependent additions), then two, then one.
 */
static void reflect_cols(mc_rows b, const mc_rows a, int pc, double d, int minor, int m, int lo,
			 int hi)
{
	double den = d * a[minor][pc];
	v2d denv = { den, den };
	int c = lo;
	for (; c + 3 <= hi; c += 4) {
		v2d a0 = { 0, 0 }, a1 = { 0, 0 };
		for (int row = minor; row < m; row++) {
			v2d p = { a[row][pc], a[row][pc] };
			a0 -= load2(&b[row][c]) * p;
			a1 -= load2(&b[row][c + 2]) * p;
		}
		a0 /= denv;
		a1 /= denv;
		for (int row = minor; row < m; row++) {
			v2d p = { a[row][pc], a[row][pc] };
			store2(&b[row][c], load2(&b[row][c]) - a0 * p);
			store2(&b[row][c + 2], load2(&b[row][c + 2]) - a1 * p);
		}
	}
	for (; c + 1 <= hi; c += 2) {
		v2d a0 = { 0, 0 };
		for (int row = minor; row < m; row++) {
			v2d p = { a[row][pc], a[row][pc] };
			a0 -= load2(&b[row][c]) * p;
		}
		a0 /= denv;
		for (int row = minor; row < m; row++) {
			v2d p = { a[row][pc], a[row][pc] };
			store2(&b[row][c], load2(&b[row][c]) - a0 * p);
		}
	}
	for (; c <= hi; c++) {
		double alpha = 0;
		for (int row = minor; row < m; row++)
			alpha -= b[row][c] * a[row][pc];
		alpha /= den;
		for (int row = minor; row < m; row++)
			b[row][c] -= alpha * a[row][pc];
	}
}

/* Turns column c of a into the pivot of reflection `minor`; returns rDiag (0: singular). */
static double make_pivot_col(mc_rows a, int c, int minor, int m)
{
	double xnorm = 0;
	for (int row = minor; row < m; row++)
		xnorm += a[row][c] * a[row][c];
	double d = a[minor][c] > 0 ? -sqrt(xnorm) : sqrt(xnorm);
	if (d != 0.0)
		a[minor][c] -= d;
	return d;
}

/* commons-math SecondMoment of y: the SST of calculateRSquared */
static double second_moment(const double *y, int m)
{
	double m1 = 0, m2 = 0;
	long n = 0;
	for (int row = 0; row < m; row++) {
		n++;
		double dev = y[row] - m1;
		double ndev = dev / (double)n;
		m1 += ndev;
		m2 += ((double)n - 1) * dev * ndev;
	}
	return m2;
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
	mc_rows full; /* [1, h_0 .. h_{n-1}] by rows, reflected as we go */
	mc_rows work; /* columns of regression i past the shared prefix (column k = minor i + 1 + k) */
	double rdiag[MC_MAX_VMS + 1];
	double wdiag[MC_MAX_VMS];
	for (int row = 0; row < m; row++) {
		full[row][0] = 1.0;
		for (int c = 0; c < n; c++)
			full[row][c + 1] = hist[c][row];
	}
	for (int i = 0; i < n; i++) {
		/* Shared reflection i (pivot column i) on every later column of the full matrix. */
		rdiag[i] = make_pivot_col(full, i, i, m);
		if (rdiag[i] == 0.0)
			return -1;
		reflect_cols(full, full, i, rdiag[i], i, m, i + 1, n);
		/* Regression i: columns i + 2 .. n of full continue as minors i + 1 .. n - 1; the
		 * solver's y = h_i after the shared reflections is column i + 1 of full, and Q^T y
		 * (Solver.solve) reflects it with the arithmetic of a column: it rides along as
		 * column `rest` of work. */
		int rest = n - 1 - i;
		for (int row = 0; row < m; row++) {
			memcpy(work[row], &full[row][i + 2], (size_t)rest * sizeof **work);
			work[row][rest] = full[row][i + 1];
		}
		for (int k = 0; k < rest; k++) {
			int minor = i + 1 + k;
			wdiag[k] = make_pivot_col(work, k, minor, m);
			if (wdiag[k] == 0.0)
				return -1;
			reflect_cols(work, work, k, wdiag[k], minor, m, k + 1, rest);
		}
		double y[VM_HISTORY_LEN], beta[MC_MAX_VMS];
		for (int row = 0; row < m; row++)
			y[row] = work[row][rest];
		/* back substitution with R: columns past the prefix from work, the prefix from full */
		for (int row = n - 1; row > i; --row) {
			int k = row - i - 1;
			y[row] /= wdiag[k];
			double yrow = y[row];
			beta[row] = yrow;
			for (int j = 0; j < row; j++)
				y[j] -= yrow * work[j][k];
		}
		for (int row = i; row >= 0; --row) {
			y[row] /= rdiag[row];
			double yrow = y[row];
			beta[row] = yrow;
			for (int j = 0; j < row; j++)
				y[j] -= yrow * full[j][row];
		}
		/* calculateRSquared: residuals of h_i on [1, the others], each row's sum over the
		 * columns in order (lanes are rows here) */
		double sum[VM_HISTORY_LEN];
		for (int row = 0; row < m; row++) {
			sum[row] = 0;
			sum[row] += 1.0 * beta[0];
		}
		for (int j = 0, c = 1; j < n; j++) {
			if (j == i)
				continue;
			const double *x = hist[j];
			double b = beta[c++];
			for (int row = 0; row < m; row++)
				sum[row] += x[row] * b;
		}
		const double *yi = hist[i];
		double ssr = 0;
		for (int row = 0; row < m; row++) {
			double e = yi[row] - sum[row];
			ssr += e * e;
		}
		r2[i] = 1 - ssr / second_moment(yi, m);
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
