/*
 * tracefmt_synth: synthetic inputs in each published layout (tracefmt.h), for benchmarks of the
 * readers and for tests at scale. The CPU series are synth.h's (the PlanetLab-fitted model), one
 * per VM, with a uniform fraction added (the real traces write decimals) and the format's own
 * companions made up around them: Bitbrains' capacities and memory, Azure's ids, min and max,
 * Alibaba's 10 s samples (with a rare -1 or 101, as the real data has) and Google's requests and
 * normalised rates. Deterministic: the same arguments give the same files.
 */
#include "tracefmt_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "outfile.h"
#include "rng.h"
#include "synth.h"

#define SYN_BB_T0 1376265600LL /* 2013-08-12 00:00:00 UTC, in fastStorage's month */

struct syn_out {
	struct outfile o;
	gzFile gz;            /* NULL: plain, through o.f */
	struct diag *d;
	unsigned long long *bytes;
	int err;
	char buf[1024];
};

static int syn_open(struct syn_out *w, const char *path, bool gz, unsigned long long *bytes, struct diag *d)
{
	memset(w, 0, sizeof *w);
	w->d = d;
	w->bytes = bytes;
	if (outfile_open(&w->o, path, d) != 0)
		return -1;
	if (gz) {
		int fd = dup(fileno(w->o.f));
		w->gz = fd >= 0 ? gzdopen(fd, "wb6") : NULL;
		if (w->gz == NULL) {
			if (fd >= 0)
				close(fd);
			outfile_abort(&w->o);
			return diag_add(d, path, 0, 0, "cannot write: %s", strerror(errno ? errno : ENOMEM));
		}
	}
	return 0;
}

__attribute__((format(printf, 2, 3))) static void syn_printf(struct syn_out *w, const char *fmt, ...)
{
	if (w->err)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(w->buf, sizeof w->buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof w->buf) {
		w->err = EINVAL;
		return;
	}
	if (w->gz != NULL ? gzwrite(w->gz, w->buf, (unsigned)n) != n : fwrite(w->buf, 1, (size_t)n, w->o.f) != (size_t)n)
		w->err = errno ? errno : EIO;
	if (w->bytes != NULL)
		*w->bytes += (unsigned long long)n;
}

static int syn_close(struct syn_out *w)
{
	if (w->gz != NULL && gzclose(w->gz) != Z_OK && !w->err)
		w->err = errno ? errno : EIO;
	if (w->err) {
		diag_add(w->d, w->o.name, 0, 0, "cannot write: %s", strerror(w->err));
		outfile_abort(&w->o);
		return -1;
	}
	return outfile_commit(&w->o, w->d);
}

static int syn_mkdir(const char *path, struct diag *d)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return diag_add(d, path, 0, 0, "cannot make the folder: %s", strerror(errno));
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return diag_add(d, path, 0, 0, "not a folder");
	return 0;
}

/* A synthetic sample with decimals: the model's integer plus a uniform fraction, in 0-100. */
static double syn_pct(const struct trace_set *t, size_t i, size_t k, struct rng *r)
{
	double v = t->pct[i][k] + rng_uniform(r) - 0.5;
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

/* A base64-like id of n characters, as Azure's encrypted ids. */
static void syn_id(struct rng *r, char *out, size_t n)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i++)
		out[i] = b64[rng_below(r, 64)];
	out[n] = '\0';
}

static int syn_bitbrains(const struct trace_set *t, const char *dir, struct rng *r, unsigned long long *bytes,
			 struct diag *d)
{
	char path[4096];
	for (size_t i = 0; i < t->n_vms; i++) {
		snprintf(path, sizeof path, "%s/%zu.csv", dir, i + 1);
		struct syn_out w;
		if (syn_open(&w, path, false, bytes, d) != 0)
			return -1;
		syn_printf(&w, "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\t"
			       "CPU usage [%%];\tMemory capacity provisioned [KB];\tMemory usage [KB];\t"
			       "Disk read throughput [KB/s];\tDisk write throughput [KB/s];\t"
			       "Network received throughput [KB/s];\tNetwork transmitted throughput [KB/s]\n");
		int cores = 1 + (int)rng_below(r, 4);
		double mem = 1048576.0 * (double)(1 << rng_below(r, 4));
		for (size_t k = 0; k < t->n_samples[i]; k++) {
			/* 46 s past the 300 s grid, +-1 s, as the real files */
			long long ts = SYN_BB_T0 + 46 + 300 * (long long)k + (long long)rng_below(r, 3) - 1;
			double cap = cores * (2599.998 + rng_uniform(r) * 0.002);
			double pct = syn_pct(t, i, k, r);
			syn_printf(&w, "%lld;\t%d;\t%.6f;\t%.6f;\t%.15g;\t%.1f;\t%.6f;\t%.6f;\t%.6f;\t%.6f;\t%.6f\n", ts,
				   cores, cap, cap * pct / 100, pct, mem, mem * (0.1 + 0.5 * rng_uniform(r)),
				   rng_uniform(r) * 10, rng_uniform(r) * 30, rng_uniform(r) * 5, rng_uniform(r) * 5);
		}
		if (syn_close(&w) != 0)
			return -1;
	}
	return 0;
}

static int syn_azure(const struct trace_set *t, const char *dir, struct rng *r, unsigned long long *bytes,
		     struct diag *d)
{
	static const char *const cats[] = { "Delay-insensitive", "Interactive", "Unknown" };
	static const char *const cores[] = { "2", "4", "8", "24", ">24" };
	static const char *const mems[] = { "2", "4", "8", "32", "64", ">64" };
	char path[4096];
	char (*ids)[65] = malloc((t->n_vms + 1) * sizeof *ids);
	if (ids == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	struct syn_out w;
	snprintf(path, sizeof path, "%s/vmtable.csv.gz", dir);
	int rc = syn_open(&w, path, true, bytes, d);
	size_t n = t->n_samples[0];
	for (size_t i = 0; i < t->n_vms && rc == 0; i++) {
		char sub[45], dep[89];
		syn_id(r, ids[i], 64);
		syn_id(r, sub, 44);
		syn_id(r, dep, 88);
		double mean = 0;
		for (size_t k = 0; k < n; k++)
			mean += t->pct[i][k] / (double)n;
		syn_printf(&w, "%s,%s,%s,0,%zu,%.6f,%.6f,%.6f,%s,%s,%s\n", ids[i], sub, dep, n * 300, mean * 2 + 5,
			   mean, mean * 1.8 + 3, cats[rng_below(r, 3)], cores[rng_below(r, 5)], mems[rng_below(r, 6)]);
	}
	if (rc == 0)
		rc = syn_close(&w);
	snprintf(path, sizeof path, "%s/vm_cpu_readings-file-1-of-1.csv.gz", dir);
	if (rc == 0)
		rc = syn_open(&w, path, true, bytes, d);
	for (size_t k = 0; k < n && rc == 0; k++)
		for (size_t i = 0; i < t->n_vms; i++) {
			double avg = syn_pct(t, i, k, r);
			syn_printf(&w, "%zu,%s,%.6f,%.6f,%.6f\n", k * 300, ids[i], avg * rng_uniform(r),
				   avg + (100 - avg) * rng_uniform(r) * 0.5, avg);
		}
	if (rc == 0)
		rc = syn_close(&w);
	free(ids);
	return rc;
}

static int syn_alibaba(const struct trace_set *t, const char *dir, struct rng *r, unsigned long long *bytes,
		       struct diag *d)
{
	char path[4096];
	struct syn_out w;
	snprintf(path, sizeof path, "%s/container_meta.csv", dir);
	int rc = syn_open(&w, path, false, bytes, d);
	for (size_t i = 0; i < t->n_vms && rc == 0; i++) {
		int req = 100 * (1 + (int)rng_below(r, 8));
		syn_printf(&w, "c_%zu,m_%zu,0,app_%zu,started,%d,%d,%.2f\n", i + 1, i / 8 + 1, i / 3 + 1, req, req,
			   1.56 * (double)(req / 100));
		syn_printf(&w, "c_%zu,m_%zu,%zu,app_%zu,started,%d,%d,%.2f\n", i + 1, i / 8 + 1, 86400 + 300 * t->n_samples[i],
			   i / 3 + 1, req, req, 1.56 * (double)(req / 100));
	}
	if (rc == 0)
		rc = syn_close(&w);
	snprintf(path, sizeof path, "%s/container_usage.csv", dir);
	if (rc == 0)
		rc = syn_open(&w, path, false, bytes, d);
	/* the default window starts at day 1 (86400 s): 30 samples per slot, 10 s apart, +-1 s */
	for (size_t k = 0; k < t->n_samples[0] && rc == 0; k++)
		for (size_t j = 0; j < 30; j++)
			for (size_t i = 0; i < t->n_vms; i++) {
				long long ts = 86400 + (long long)(300 * k + 10 * j) + (j > 0 && j < 29 ? (long long)rng_below(r, 3) - 1 : 0);
				long cpu = (long)(syn_pct(t, i, k, r) + 0.5);
				if (rng_below(r, 1000) == 0)
					cpu = rng_below(r, 2) ? 101 : -1;
				syn_printf(&w, "c_%zu,m_%zu,%lld,%ld,%d,%.2f,%.2f,%d,%.2f,%.2f,%.2f\n", i + 1, i / 8 + 1, ts,
					   cpu, 40 + (int)rng_below(r, 50), 1 + rng_uniform(r), rng_uniform(r) * 10,
					   (int)rng_below(r, 10), rng_uniform(r) * 50, rng_uniform(r) * 50, rng_uniform(r) * 5);
			}
	if (rc == 0)
		rc = syn_close(&w);
	return rc;
}

static int syn_google(const struct trace_set *t, const char *dir, struct rng *r, unsigned long long *bytes,
		      struct diag *d)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/task_events", dir);
	if (syn_mkdir(path, d) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/task_usage", dir);
	if (syn_mkdir(path, d) != 0)
		return -1;
	double *req = malloc((t->n_vms + 1) * sizeof *req);
	if (req == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	struct syn_out w;
	snprintf(path, sizeof path, "%s/task_events/part-00000-of-00001.csv.gz", dir);
	int rc = syn_open(&w, path, true, bytes, d);
	/* tasks of 10 per job, present at the trace's start (time 0: before the window) */
	for (size_t i = 0; i < t->n_vms && rc == 0; i++) {
		req[i] = 0.0625 * (double)(1 + rng_below(r, 8));
		unsigned long long job = 3418309ull + i / 10;
		for (int type = 0; type < 2; type++)
			syn_printf(&w, "0,,%llu,%zu,%s,%d,user%zu,2,9,%.4g,%.4g,0.0001,0\n", job, i % 10,
				   type == 1 ? "4155527081" : "", type, i / 10, req[i], req[i] / 2);
	}
	if (rc == 0)
		rc = syn_close(&w);
	snprintf(path, sizeof path, "%s/task_usage/part-00000-of-00001.csv.gz", dir);
	if (rc == 0)
		rc = syn_open(&w, path, true, bytes, d);
	for (size_t k = 0; k < t->n_samples[0] && rc == 0; k++)
		for (size_t i = 0; i < t->n_vms; i++) {
			long long s = 600000000LL + 300000000LL * (long long)k;
			double rate = syn_pct(t, i, k, r) / 100 * req[i];
			syn_printf(&w, "%lld,%lld,%llu,%zu,4155527081,%.9g,%.4g,%.4g,0.001156,0.001503,%.4g,2.861e-06,"
				   "0.0001869,%.4g,0.0003567,2.445,0.007243,0,1,%.4g\n", s, s + 300000000LL,
				   3418309ull + i / 10, i % 10, rate, req[i] * 0.4, req[i] * 0.45, req[i] * 0.5,
				   rate * 1.5, rate * 1.2);
		}
	if (rc == 0)
		rc = syn_close(&w);
	free(req);
	return rc;
}

int tracefmt_synth(enum tracefmt_format f, size_t n_vms, size_t n_samples, uint64_t seed, const char *out_dir,
		   unsigned long long *bytes, struct diag *d)
{
	if (syn_mkdir(out_dir, d) != 0)
		return -1;
	struct trace_set *t = synth_generate(n_vms, n_samples, seed, d);
	if (t == NULL)
		return -1;
	struct rng r;
	rng_init(&r, seed ^ 0x5eed5eed5eedull);
	int rc;
	switch (f) {
	case TRACEFMT_BITBRAINS:
		rc = syn_bitbrains(t, out_dir, &r, bytes, d);
		break;
	case TRACEFMT_AZURE:
		rc = syn_azure(t, out_dir, &r, bytes, d);
		break;
	case TRACEFMT_ALIBABA2018:
		rc = syn_alibaba(t, out_dir, &r, bytes, d);
		break;
	default:
		rc = syn_google(t, out_dir, &r, bytes, d);
		break;
	}
	trace_destroy(t);
	return rc;
}
