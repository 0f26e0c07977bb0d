/*
 * tracefmt_bitbrains: Bitbrains GWA-T-12 (fastStorage, Rnd), one file per VM, fields separated
 * by ";" and a tab, one header line, a sample about every 300 s.
 *
 * CPU: "CPU usage [%]", the VM's usage over its provisioned capacity (= "CPU usage [MHZ]" /
 * "CPU capacity provisioned [MHZ]" x 100), taken as is. Columns are found by their header
 * names. "Timestamp [ms]" holds Unix seconds, not milliseconds (the archive's text is wrong):
 * values outside 2013 are refused. Time origin: 00:00 UTC of the earliest sample's date over
 * all the files given. A VM is named by its file's stem, zero-padded to 4 digits when numeric
 * ("17.csv" -> "0017"), so that byte-wise order is numeric order.
 *
 * Memory: "Memory usage [KB]" / "Memory capacity provisioned [KB]" x 100 per sample, resampled
 * and gap-filled as the CPU (a sample with a provisioned capacity of 0 is skipped and counted;
 * above 100 % clipped and counted). Size: the largest over the window's samples of "CPU cores",
 * "CPU capacity provisioned [MHZ]" / "CPU cores" (MHz of one core) and "Memory capacity
 * provisioned [KB]" / 1024 (MB).
 */
#include "tracefmt_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BB_LAYOUT "the GWA-T-12 layout (fields separated by \";\" and a tab)"
#define BB_T_MIN 1356998400.0 /* 2013-01-01 00:00:00 UTC */
#define BB_T_MAX 1388534400.0 /* 2014-01-01 00:00:00 UTC */

enum { BB_TIME, BB_CPU_PCT, BB_CPU_CAP, BB_MEM_CAP, BB_MEM_USE, BB_CORES, BB_NCOLS };
static const char *const bb_cols[BB_NCOLS] = {
	"Timestamp [ms]", "CPU usage [%]", "CPU capacity provisioned [MHZ]",
	"Memory capacity provisioned [KB]", "Memory usage [KB]", "CPU cores",
};

/* One VM file's sums: CPU and memory per slot, and its size. */
struct bb_sums {
	double *sum, *w, *msum, *mw;
	struct trace_vmsize size;
};

static int bb_role(const char *path)
{
	const char *b = fmt_base(path);
	size_t n = strlen(b);
	return (n > 4 && strcmp(b + n - 4, ".csv") == 0) || (n > 7 && strcmp(b + n - 7, ".csv.gz") == 0)
		       ? FMT_READINGS
		       : 0;
}

const struct fmt_reader fmt_bitbrains = { "one VM file N.csv per VM", bb_role, NULL, NULL };

/* The VM's name: the file's stem, zero-padded to 4 digits when numeric. */
static char *bb_name(const char *path)
{
	const char *b = fmt_base(path);
	size_t n = strlen(b) - (strlen(b) > 7 && strcmp(b + strlen(b) - 3, ".gz") == 0 ? 7 : 4);
	bool digits = n > 0;
	for (size_t i = 0; i < n; i++)
		digits = digits && isdigit((unsigned char)b[i]);
	char *s = malloc(n + 5);
	if (s == NULL)
		return NULL;
	size_t pad = digits && n < 4 ? 4 - n : 0;
	memset(s, '0', pad);
	memcpy(s + pad, b, n);
	s[pad + n] = '\0';
	return s;
}

/* The header: every column named, the wrong separator told apart. Positions into col. */
static int bb_header(struct fmt_csv *c, size_t col[BB_NCOLS], size_t *nf)
{
	int got = fmt_csv_next(c);
	if (got <= 0)
		return got < 0 ? -1 : diag_add(c->d, c->path, 1, 0, "empty file (expected the header of " BB_LAYOUT ")");
	if (c->nf == 1)
		return diag_add(c->d, c->path, c->line, 0, "the header has no \";\" separators (%s)", BB_LAYOUT);
	int bad = 0;
	for (size_t j = 0; j < BB_NCOLS; j++) {
		col[j] = (size_t)-1;
		for (size_t i = 0; i < c->nf && i < FMT_FIELDS_MAX; i++)
			if (strcmp(fmt_field(c, i), bb_cols[j]) == 0)
				col[j] = i;
		if (col[j] == (size_t)-1)
			bad = diag_add(c->d, c->path, c->line, 0, "no column \"%s\" in the header (%s)", bb_cols[j],
				       BB_LAYOUT);
	}
	*nf = c->nf;
	return bad;
}

static int bb_time(struct fmt_csv *c, size_t col, double *t)
{
	int64_t v;
	if (fmt_int64(c, col, "Unix seconds", &v) != 0)
		return -1;
	if ((double)v < BB_T_MIN || (double)v >= BB_T_MAX)
		return diag_add(c->d, c->path, c->line, (long)col + 1, "timestamp %lld is not a 2013 time in Unix "
				"seconds (GWA-T-12's \"[ms]\" column holds seconds)%s", (long long)v,
				(double)v >= BB_T_MAX * 1000 / 2 ? ": milliseconds?" : "");
	*t = (double)v;
	return 0;
}

/* Pre-pass: the earliest first sample over the files, its date's midnight the origin. */
static int bb_origin(struct fmt_pack *k, double *t0)
{
	double first = INFINITY;
	int bad = 0;
	for (size_t f = 0; f < k->n_files; f++) {
		struct fmt_csv c;
		size_t col[BB_NCOLS], nf;
		if (fmt_csv_open(&c, k->files[f], ';', NULL, k->d) != 0) {
			bad++;
			continue;
		}
		double t = 0;
		struct diag quiet; /* a bad first row is reported by the full read */
		diag_init(&quiet);
		c.d = &quiet;
		if (bb_header(&c, col, &nf) != 0) {
			for (int i = 0; i < quiet.count; i++)
				diag_add(k->d, NULL, 0, 0, "%s", quiet.msg[i]);
			bad++;
		} else if (fmt_csv_next(&c) == 1 && c.nf == nf && bb_time(&c, col[BB_TIME], &t) == 0 && t < first) {
			first = t;
		}
		fmt_csv_close(&c);
	}
	if (bad)
		return -1;
	*t0 = isfinite(first) ? floor(first / 86400.0) * 86400.0 : 0;
	return 0;
}

/* Reads one VM file into its slot sums. 0, or -1 after reporting every bad row. */
static int bb_read(struct fmt_pack *k, const char *path, double t0, struct bb_sums *z)
{
	struct fmt_csv c;
	size_t col[BB_NCOLS], nf;
	if (fmt_csv_open(&c, path, ';', &k->rep->bytes, k->d) != 0)
		return -1;
	k->rep->files++;
	int bad = bb_header(&c, col, &nf) != 0;
	double last = -INFINITY;
	double w0 = t0 + k->p->start_s;
	int got;
	while (!bad && (got = fmt_csv_next(&c)) == 1) {
		k->rep->rows++;
		double t = 0, v = 0;
		if (c.nf != nf) {
			bad += diag_add(k->d, path, c.line, 0, "%zu fields; the header has %zu%s", c.nf, nf,
					c.nf == 1 ? " (wrong separator?)" : "") != 0;
			continue;
		}
		if (bb_time(&c, col[BB_TIME], &t) != 0) {
			bad++;
			continue;
		}
		if (t <= last) {
			bad += diag_add(k->d, path, c.line, (long)col[BB_TIME] + 1, "timestamp %.0f %s the previous "
					"row's %.0f: timestamps must increase", t, t == last ? "repeats" : "goes back before",
					last) != 0;
			continue;
		}
		last = t;
		double x;
		double rel = t - w0;
		bool in = rel >= 0 && rel < k->p->duration_s;
		if (fmt_number(&c, col[BB_CPU_PCT], "CPU usage [%]", &v) != 0 ||
		    (v < 0 || in ? fmt_pct(k, &c, col[BB_CPU_PCT], v, &x) : 0) != 0) {
			bad++;
			continue;
		}
		double cores, mhz, cap, use, m = 0;
		if (in && (fmt_number(&c, col[BB_CORES], "CPU cores", &cores) ||
			   fmt_number(&c, col[BB_CPU_CAP], "CPU capacity provisioned [MHZ]", &mhz) ||
			   fmt_number(&c, col[BB_MEM_CAP], "Memory capacity provisioned [KB]", &cap) ||
			   fmt_number(&c, col[BB_MEM_USE], "Memory usage [KB]", &use))) {
			bad++;
			continue;
		}
		if (in && (cores < 0 || mhz < 0 || cap < 0 || use < 0)) {
			int j = cores < 0 ? BB_CORES : mhz < 0 ? BB_CPU_CAP : cap < 0 ? BB_MEM_CAP : BB_MEM_USE;
			bad += diag_add(k->d, path, c.line, (long)col[j] + 1, "%s is negative", bb_cols[j]) != 0;
			continue;
		}
		if (in && cap > 0 && fmt_mem_pct(k, &c, col[BB_MEM_USE], 100.0 * use / cap, &m) != 0) {
			bad++;
			continue;
		}
		if (in) {
			size_t s = (size_t)(rel / k->p->interval_s);
			z->sum[s] += x;
			z->w[s] += 1;
			if (cap > 0) {
				z->msum[s] += m;
				z->mw[s] += 1;
			} else {
				k->rep->mem_invalid++;
			}
			if (cores > 0 && !(cores <= z->size.cores))
				z->size.cores = cores;
			if (cores > 0 && !(mhz / cores <= z->size.mhz))
				z->size.mhz = mhz / cores;
			if (!(cap / 1024 <= z->size.ram_mb))
				z->size.ram_mb = cap / 1024;
		}
	}
	if (!bad && got < 0)
		bad++;
	/* after a bad header or row the rest of the file is still checked */
	while (bad && (got = fmt_csv_next(&c)) == 1) {
		double t = 0, v = 0;
		if (c.nf != nf)
			diag_add(k->d, path, c.line, 0, "%zu fields; the header has %zu", c.nf, nf);
		else if (bb_time(&c, col[BB_TIME], &t) == 0 && fmt_number(&c, col[BB_CPU_PCT], "CPU usage [%]", &v) == 0 &&
			 v < 0)
			diag_add(k->d, path, c.line, (long)col[BB_CPU_PCT] + 1, "CPU utilization %g is negative", v);
		if (diag_errors(k->d) >= DIAG_MAX)
			break;
	}
	fmt_csv_close(&c);
	return bad ? -1 : 0;
}

/* The worst of the kept VMs under the selection (the one a better VM replaces). */
static size_t bb_worst(enum tracefmt_select s, const struct fmt_vm *v, size_t n)
{
	size_t w = 0;
	for (size_t i = 1; i < n; i++)
		if (fmt_prefer(s, v[i].name, v[i].key, v[i].hkey, v[w].name, v[w].key, v[w].hkey) > 0)
			w = i;
	return w;
}

int fmt_bitbrains_pack(struct fmt_pack *k, struct fmt_vm **out, size_t *n_out)
{
	const struct tracefmt_params *p = k->p;
	size_t ns = k->nslots;
	double t0 = 0;
	*out = NULL;
	*n_out = 0;
	/* names first: two files of one name (two folders) are an error before any reading */
	struct fmt_map names;
	char **nm = calloc(k->n_files + 1, sizeof *nm);
	if (nm == NULL || fmt_map_init(&names, k->n_files) != 0) {
		free(nm);
		return diag_add(k->d, NULL, 0, 0, "out of memory");
	}
	int rc = 0;
	for (size_t f = 0; f < k->n_files && rc == 0; f++) {
		nm[f] = bb_name(k->files[f]);
		if (nm[f] == NULL)
			rc = diag_add(k->d, NULL, 0, 0, "out of memory");
		else if (fmt_map_put(&names, nm[f], (uint32_t)f) == 0)
			rc = diag_add(k->d, k->files[f], 0, 0, "VM \"%s\" again (also %s): give one folder of a trace "
				      "at a time", nm[f], k->files[fmt_map_get(&names, nm[f], strlen(nm[f]))]);
	}
	fmt_map_fini(&names);
	if (rc == 0)
		rc = bb_origin(k, &t0);
	k->rep->vms_seen = k->rep->vms_candidates = k->n_files;
	size_t want = p->max_vms ? p->max_vms : k->n_files;
	struct fmt_vm *vms = calloc(want + 1, sizeof *vms);
	struct bb_sums z = { malloc((ns + 1) * sizeof *z.sum), malloc((ns + 1) * sizeof *z.w),
			     malloc((ns + 1) * sizeof *z.msum), malloc((ns + 1) * sizeof *z.mw), { 0, 0, 0 } };
	double *sum = z.sum, *w = z.w;
	if (rc == 0 && (vms == NULL || !z.sum || !z.w || !z.msum || !z.mw))
		rc = diag_add(k->d, NULL, 0, 0, "out of memory");
	size_t n = 0, worst = 0;
	int bad = 0;
	for (size_t f = 0; f < k->n_files && rc == 0; f++) {
		memset(sum, 0, ns * sizeof *sum);
		memset(w, 0, ns * sizeof *w);
		memset(z.msum, 0, ns * sizeof *z.msum);
		memset(z.mw, 0, ns * sizeof *z.mw);
		z.size = (struct trace_vmsize){ NAN, NAN, NAN };
		if (bb_read(k, k->files[f], t0, &z) != 0) {
			bad++;
			continue;
		}
		if (bad)
			continue;
		struct fmt_vm *v = &vms[n];
		v->pct = malloc(ns * sizeof *v->pct);
		if (v->pct == NULL) {
			rc = diag_add(k->d, NULL, 0, 0, "out of memory");
			break;
		}
		v->mem = malloc(ns * sizeof *v->mem);
		if (v->mem == NULL) {
			rc = diag_add(k->d, NULL, 0, 0, "out of memory");
			free(v->pct);
			v->pct = NULL;
			break;
		}
		v->filled = 0;
		size_t mfilled = 0;
		if (!fmt_fill(sum, w, ns, p->gap_fill_max, v->pct, &v->filled) ||
		    !fmt_fill(z.msum, z.mw, ns, p->gap_fill_max, v->mem, &mfilled)) {
			k->rep->vms_gappy++;
			free(v->pct);
			free(v->mem);
			v->pct = v->mem = NULL;
			continue;
		}
		k->rep->mem_gaps_filled += mfilled;
		v->size = z.size;
		k->rep->vms_covering++;
		double total = 0;
		for (size_t s = 0; s < ns; s++)
			total += v->pct[s];
		v->key = total / (double)ns;
		v->name = nm[f];
		nm[f] = NULL;
		v->hkey = fmt_seeded_hash(p->seed, v->name);
		v->source = trace_dup_str(k->files[f]);
		if (v->source == NULL) {
			rc = diag_add(k->d, NULL, 0, 0, "out of memory");
			n++;
			break;
		}
		if (n < want) {
			n++;
			worst = bb_worst(p->select, vms, n);
		} else if (fmt_prefer(p->select, v->name, v->key, v->hkey, vms[worst].name, vms[worst].key,
				      vms[worst].hkey) < 0) {
			free(vms[worst].name);
			free(vms[worst].source);
			free(vms[worst].pct);
			free(vms[worst].mem);
			vms[worst] = *v;
			memset(v, 0, sizeof *v);
			worst = bb_worst(p->select, vms, n);
		} else {
			free(v->name);
			free(v->source);
			free(v->pct);
			free(v->mem);
			memset(v, 0, sizeof *v);
		}
	}
	for (size_t i = 0; i < n; i++)
		k->rep->gaps_filled += vms[i].filled;
	for (size_t f = 0; nm != NULL && f < k->n_files; f++)
		free(nm[f]);
	free(nm);
	free(sum);
	free(w);
	free(z.msum);
	free(z.mw);
	*out = vms;
	*n_out = n;
	return rc != 0 || bad ? -1 : 0;
}
