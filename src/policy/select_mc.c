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
	return 1 - ssr / second_moment(y, m);
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


/*
 * R^2 of every VM's history on the others' (hist[0..n-1], m values each, n <= m), equal to the
 * bit to n separate ols_r_squared calls but sharing their common work: regression i's design
 * matrix [1, h_0 .. h_{i-1}, h_{i+1} ..] begins with the first i + 1 columns of [1, h_0 .. h_{n-1}],
 * so its first i + 1 Householder reflections, and their effect on every later column and on
 * y = h_i, are those of that full matrix (a column's reflection depends only on the column and
 * the pivot; commons-math's solver updates y with the same arithmetic as a column). Returns -1
 * if some regression is singular (CloudSim then falls back to MMT for the whole call).
 */
/*
 * Regression i's part past the shared prefix: full holds [1, h_0 .. h_{n-1}] after the shared
 * reflections 0 .. i (rdiag[0 .. i]). Regression i's columns i + 2 .. n of full continue as minors
 * i + 1 .. n - 1; the solver's y = h_i after the shared reflections is column i + 1 of full, and
 * Q^T y (Solver.solve) reflects it with the arithmetic of a column: it rides along as column
 * `rest` of the scratch matrix. Returns -1 if singular, else 0 and R^2 in *r2.
 */
static int mc_tail(const mc_rows full, const double *rdiag, const double *const *hist, int n, int m,
		   int i, double *r2)
{
	mc_rows work; /* columns of regression i past the shared prefix (column k = minor i + 1 + k) */
	double wdiag[MC_MAX_VMS];
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
	double y[VM_HISTORY_LEN] = { 0 }, beta[MC_MAX_VMS] = { 0 }; /* all set below (n <= m) */
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
	/* calculateRSquared: residuals of h_i on [1, the others], each row's sum over the columns in
	 * order (lanes are rows here) */
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
	*r2 = 1 - ssr / second_moment(yi, m);
	return 0;
}

static void mc_load(mc_rows full, const double *const *hist, int n, int m)
{
	for (int row = 0; row < m; row++) {
		full[row][0] = 1.0;
		for (int c = 0; c < n; c++)
			full[row][c + 1] = hist[c][row];
	}
}

int select_mc_r_squared(const double *const *hist, int n, int m, double *r2)
{
	mc_rows full; /* [1, h_0 .. h_{n-1}] by rows, reflected as we go */
	double rdiag[MC_MAX_VMS + 1];
	mc_load(full, hist, n, m);
	for (int i = 0; i < n; i++) {
		/* Shared reflection i (pivot column i) on every later column of the full matrix. */
		rdiag[i] = make_pivot_col(full, i, i, m);
		if (rdiag[i] == 0.0)
			return -1;
		reflect_cols(full, full, i, rdiag[i], i, m, i + 1, n);
		if (mc_tail(full, rdiag, hist, n, m, i, &r2[i]) != 0)
			return -1;
	}
	return 0;
}

/* commons-math's R^2 of regression i alone (shared prefix 0 .. i, then its tail). */
static int mc_r_squared_one(const double *const *hist, int n, int m, int i, double *r2)
{
	mc_rows full;
	double rdiag[MC_MAX_VMS + 1];
	mc_load(full, hist, n, m);
	for (int k = 0; k <= i; k++) {
		rdiag[k] = make_pivot_col(full, k, k, m);
		if (rdiag[k] == 0.0)
			return -1;
		reflect_cols(full, full, k, rdiag[k], k, m, k + 1, n);
	}
	return mc_tail(full, rdiag, hist, n, m, i, r2);
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

/*
 * The screen of select_mc_index: the candidates (VMs whose R^2 can be the largest), in index
 * order, in cand[]; returns their count, or 0 when the exact path must decide (see there).
 */
static int mc_screen(const double *const *hist, int n, int m, int *cand)
{
	mc_rows full; /* A by rows, reflected in place: R above the diagonal */
	double inv[MC_MAX_VMS + 1][MC_MAX_VMS + 1]; /* R^-1, upper */
	double rdiag[MC_MAX_VMS + 1];
	int p = n + 1;
	mc_load(full, hist, n, m);
	double norm_r = 0;
	for (int minor = 0; minor < p; minor++) {
		rdiag[minor] = make_pivot_col(full, minor, minor, m);
		if (rdiag[minor] == 0.0)
			return 0;
		reflect_cols(full, full, minor, rdiag[minor], minor, m, minor + 1, n);
		norm_r += rdiag[minor] * rdiag[minor];
		for (int c = minor + 1; c < p; c++)
			norm_r += full[minor][c] * full[minor][c];
	}
	/* R^-1 by columns: inv[c][c] = 1 / R[c][c], inv[r][c] = -(R[r][r+1..c] . inv[r+1..c][c]) / R[r][r] */
	double norm_inv = 0;
	for (int c = 0; c < p; c++) {
		inv[c][c] = 1.0 / rdiag[c];
		norm_inv += inv[c][c] * inv[c][c];
		for (int r = c - 1; r >= 0; r--) {
			double sum = 0;
			for (int k = r + 1; k <= c; k++)
				sum += full[r][k] * inv[k][c];
			inv[r][c] = -sum / rdiag[r];
			norm_inv += inv[r][c] * inv[r][c];
		}
	}
	double kappa = sqrt(norm_r) * sqrt(norm_inv);
	if (!(kappa <= 1e8))
		return 0;
	double approx[MC_MAX_VMS], tol[MC_MAX_VMS];
	double lead = -INFINITY;
	for (int j = 0; j < n; j++) {
		int c = j + 1;
		double row = 0;
		for (int k = c; k < p; k++)
			row += inv[c][k] * inv[c][k];
		/* SST two-pass (the screen needs no exact SecondMoment: its error, about m eps
		 * relative, is far inside tol) */
		double mean = 0, sst = 0, ynorm = 0;
		for (int k = 0; k < m; k++)
			mean += hist[j][k];
		mean /= m;
		for (int k = 0; k < m; k++) {
			double d = hist[j][k] - mean;
			sst += d * d;
			ynorm += hist[j][k] * hist[j][k];
		}
		if (!(sst > 0) || !(row > 0) || !isfinite(ynorm))
			return 0;
		approx[j] = 1 - (1 / row) / sst;
		tol[j] = 1e4 * DBL_EPSILON * kappa * (1 + sqrt(ynorm) / sqrt(sst));
		if (!isfinite(approx[j]) || !isfinite(tol[j]))
			return 0;
		if (approx[j] - tol[j] > lead)
			lead = approx[j] - tol[j];
	}
	int nc = 0;
	for (int j = 0; j < n; j++)
		if (approx[j] + tol[j] >= lead)
			cand[nc++] = j;
	return nc;
}

/*
 * The index MC picks among n histories (m values each, 1 < n <= m): the first VM with the largest
 * R^2 above Double.MIN_VALUE, else 0; -1 if some regression is singular (CloudSim: MMT instead).
 * Equal to the argmax of select_mc_r_squared, but computing commons-math's exact R^2 only for the
 * VMs that can win. A screen first: the Householder QR of the whole matrix A = [1, h_0 .. h_{n-1}]
 * (its first n reflections are the shared prefix of the exact regressions, in the same arithmetic)
 * gives every VM's residual at once: regressing column c of A on the others leaves
 * SSR_c = 1 / |row c of R^-1|^2 (since (A^T A)^-1 = R^-1 R^-T). If A is well conditioned
 * (kappa = |R|_F |R^-1|_F at most 1e8), each screened R^2 is within
 *   tol_c = 1e4 * eps * kappa * (1 + |h_c| / sqrt(SST_c))
 * of commons-math's: a backward-stable QR perturbs A by about m n eps |A|, which moves the
 * distance from a column to the span of the others by at most kappa times that relatively, and
 * calculateRSquared's residuals y - X beta add about n eps kappa |y| each (the factor 1e4 covers
 * m n <= 30 x 64 and the square roots with room to spare); no pivot of any regression can then be
 * exactly zero either (each is at least sigma_min(A) up to rounding), so none is singular. The
 * exact R^2 is computed for every VM whose interval reaches the leader's, and the argmax over
 * those, in index order with CloudSim's strict comparison, is the argmax over all. Anything else
 * (n == m, a constant history, a pivot of A that is zero, kappa too large, non-finite values)
 * takes the exact path for every VM. A unit test checks the pick against the exact path on random,
 * nearly collinear and mean-dominated histories.
 */
int select_mc_index(const double *const *hist, int n, int m, int *index)
{
	double r2[MC_MAX_VMS];
	if (n < m) {
		int cand[MC_MAX_VMS];
		int nc = mc_screen(hist, n, m, cand);
		if (nc > 0) {
			double max_metric = DBL_TRUE_MIN;
			int max_index = 0;
			for (int t = 0; t < nc; t++) {
				int i = cand[t];
				double r;
				if (mc_r_squared_one(hist, n, m, i, &r) != 0)
					goto exact; /* cannot happen when the screen passed; kept for safety */
				if (r > max_metric) {
					max_metric = r;
					max_index = i;
				}
			}
			*index = max_index;
			return 0;
		}
	}
exact:
	if (select_mc_r_squared(hist, n, m, r2) != 0)
		return -1;
	double max_metric = DBL_TRUE_MIN; /* Double.MIN_VALUE */
	int max_index = 0;
	for (int i = 0; i < n; i++) {
		if (r2[i] > max_metric) {
			max_metric = r2[i];
			max_index = i;
		}
	}
	*index = max_index;
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
		hist[i] = vm_history(&dc->vms[vms[i]]);
	int index;
	if (select_mc_index(hist, n, m, &index) != 0)
		return select_mmt_pick(dc, h, now, rng);
	return vms[index];
}

const struct selection selection_mc = {
	.name = "mc",
	.summary = "maximum correlation: the VM best predicted by the others (R^2), else MMT",
	.cloudsim = "PowerVmSelectionPolicyMaximumCorrelation (fallback MinimumMigrationTime)",
	.pick = mc_pick,
};
