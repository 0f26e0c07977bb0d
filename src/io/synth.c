/*
 * synth: a stochastic model of PlanetLab VM CPU utilization, for benchmarks at scale.
 *
 * Fitted on the ten PlanetLab days shipped in traces/planetlab (11,746 VM-days of 288 samples):
 * pooled mean 11.10 %, pooled standard deviation 15.34 %, mean lag-1 autocorrelation 0.0856;
 * per-VM means are roughly log-normal (log mean 1.90, log sd 1.02; median 6.7 %) and a VM's own
 * spread grows with its mean (about 3.5 % at means below 5 %, 15 % at means above 40 %).
 * Model, per VM i:
 *   level m_i = min(100, exp(MU + SIGMA * z_i))                (log-normal level)
 *   spread s_i = A * m_i^B
 *   x_0 = m_i + s_i * e_0,  x_t = m_i + PHI * (x_{t-1} - m_i) + s_i * sqrt(1 - PHI^2) * e_t  (AR(1))
 *   sample = x_t rounded to the nearest integer and clamped to 0..100
 * with z, e standard normal from the run's seeded PRNG. MU, SIGMA, A, B and PHI were tuned (by
 * simulation, because rounding and clamping at 0 shift the moments) so that generated sets match
 * the three target figures within about 4 %: a 2000-VM set gives mean 11.2, sd 14.8, lag-1 0.085.
 */
#include "synth.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rng.h"

#define SYNTH_MU 1.86     /* log-normal location of the per-VM level */
#define SYNTH_SIGMA 1.06  /* log-normal scale of the per-VM level */
#define SYNTH_A 2.6       /* spread = A * level^B */
#define SYNTH_B 0.45
#define SYNTH_PHI 0.095   /* AR(1) coefficient */

static double clamp_round(double x)
{
	double r = floor(x + 0.5);
	return r < 0 ? 0 : (r > 100 ? 100 : r);
}

/* One VM's level, spread and n samples, drawn from r (synth_generate and synth_write_days draw
 * the same numbers in the same order). */
static void synth_vm(struct rng *r, double *spare, int *has_spare, double *out, size_t n)
{
	double phi_tail = sqrt(1 - SYNTH_PHI * SYNTH_PHI);
	double level = exp(SYNTH_MU + SYNTH_SIGMA * rng_normal(r, spare, has_spare));
	if (level > 100)
		level = 100;
	double spread = SYNTH_A * pow(level, SYNTH_B);
	double x = level + spread * rng_normal(r, spare, has_spare);
	for (size_t k = 0; k < n; k++) {
		if (k > 0)
			x = level + SYNTH_PHI * (x - level) + spread * phi_tail * rng_normal(r, spare, has_spare);
		out[k] = clamp_round(x);
	}
}

struct trace_set *synth_generate(size_t n_vms, size_t n_samples, uint64_t seed, struct diag *d)
{
	struct trace_set *t = calloc(1, sizeof *t);
	if (t == NULL)
		goto oom;
	size_t m = n_vms > 0 ? n_vms : 1;
	t->path = malloc(6);
	t->day = malloc(6);
	t->names = calloc(m, sizeof *t->names);
	t->sources = calloc(m, sizeof *t->sources);
	t->source_lines = calloc(m, sizeof *t->source_lines);
	t->n_samples = calloc(m, sizeof *t->n_samples);
	t->pct = calloc(m, sizeof *t->pct);
	if (!t->path || !t->day || !t->names || !t->sources || !t->source_lines || !t->n_samples || !t->pct)
		goto oom;
	strcpy(t->path, "synth");
	strcpy(t->day, "synth");
	struct rng r;
	rng_init(&r, seed);
	double spare = 0;
	int has_spare = 0;
	for (size_t i = 0; i < n_vms; i++) {
		t->n_vms = i + 1;
		t->names[i] = malloc(32);
		t->sources[i] = malloc(6);
		t->pct[i] = malloc((n_samples > 0 ? n_samples : 1) * sizeof *t->pct[i]);
		if (!t->names[i] || !t->sources[i] || !t->pct[i])
			goto oom;
		snprintf(t->names[i], 32, "synth-%06zu", i);
		strcpy(t->sources[i], "synth");
		t->n_samples[i] = n_samples;
		synth_vm(&r, &spare, &has_spare, t->pct[i], n_samples);
	}
	return t;
oom:
	trace_destroy(t);
	diag_add(d, NULL, 0, 0, "out of memory");
	return NULL;
}

int synth_write_days(size_t n_vms, size_t n_samples, size_t day_samples, uint64_t seed, const char *dir,
		     struct diag *d)
{
	if (day_samples == 0 || n_samples % day_samples != 0)
		return diag_add(d, NULL, 0, 0, "%zu samples do not make whole days of %zu", n_samples, day_samples);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return diag_add(d, dir, 0, 0, "cannot create folder: %s", strerror(errno));
	size_t n_days = n_samples / day_samples, m = n_vms > 0 ? n_vms : 1;
	/* the whole span as bytes (integer percentages): a byte per VM and sample */
	unsigned char *all = malloc(m * n_samples);
	double *x = malloc(n_samples * sizeof *x);
	double *day = malloc(m * day_samples * sizeof *day);
	struct trace_set t = { 0 };
	t.path = "synth";
	t.n_vms = n_vms;
	t.names = calloc(m, sizeof *t.names);
	t.sources = calloc(m, sizeof *t.sources);
	t.source_lines = calloc(m, sizeof *t.source_lines);
	t.n_samples = calloc(m, sizeof *t.n_samples);
	t.pct = calloc(m, sizeof *t.pct);
	char *names = malloc(m * 32);
	int rc = 0;
	if (!all || !x || !day || !t.names || !t.sources || !t.source_lines || !t.n_samples || !t.pct || !names) {
		rc = diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	struct rng r;
	rng_init(&r, seed);
	double spare = 0;
	int has_spare = 0;
	for (size_t i = 0; i < n_vms; i++) {
		synth_vm(&r, &spare, &has_spare, x, n_samples);
		for (size_t k = 0; k < n_samples; k++)
			all[i * n_samples + k] = (unsigned char)x[k];
		snprintf(names + i * 32, 32, "synth-%06zu", i);
		t.names[i] = names + i * 32;
		t.sources[i] = t.path;
		t.n_samples[i] = day_samples;
		t.pct[i] = day + i * day_samples;
	}
	for (size_t j = 0; j < n_days && rc == 0; j++) {
		for (size_t i = 0; i < n_vms; i++)
			for (size_t k = 0; k < day_samples; k++)
				t.pct[i][k] = all[i * n_samples + j * day_samples + k];
		char *path = trace_day_file(dir, j, n_days);
		rc = path == NULL ? diag_add(d, NULL, 0, 0, "out of memory") : trace_write_packed(&t, path, d);
		free(path);
	}
out:
	free(all);
	free(x);
	free(day);
	free(names);
	free(t.names);
	free(t.sources);
	free(t.source_lines);
	free(t.n_samples);
	free(t.pct);
	return rc;
}

int synth_stats(const struct trace_set *t, double *mean, double *sd, double *lag1)
{
	double sum = 0;
	size_t n = 0;
	for (size_t i = 0; i < t->n_vms; i++)
		for (size_t k = 0; k < t->n_samples[i]; k++) {
			sum += t->pct[i][k];
			n++;
		}
	if (n < 2)
		return -1;
	double mu = sum / (double)n;
	double ss = 0;
	for (size_t i = 0; i < t->n_vms; i++)
		for (size_t k = 0; k < t->n_samples[i]; k++)
			ss += (t->pct[i][k] - mu) * (t->pct[i][k] - mu);
	double lag_sum = 0;
	size_t lag_n = 0;
	for (size_t i = 0; i < t->n_vms; i++) {
		size_t k = t->n_samples[i];
		if (k < 2)
			continue;
		const double *x = t->pct[i];
		double m = 0;
		for (size_t j = 0; j < k; j++)
			m += x[j];
		m /= (double)k;
		double v = 0, c = 0;
		for (size_t j = 0; j < k; j++)
			v += (x[j] - m) * (x[j] - m);
		for (size_t j = 0; j + 1 < k; j++)
			c += (x[j] - m) * (x[j + 1] - m);
		if (v > 0) {
			lag_sum += c / v;
			lag_n++;
		}
	}
	*mean = mu;
	*sd = sqrt(ss / (double)n);
	*lag1 = lag_n > 0 ? lag_sum / (double)lag_n : 0;
	return 0;
}
