/*
 * workload: arrivals, traces, cloudlet lengths and types of a run's VMs; see workload.h.
 */
#include "workload.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

#define WORKLOAD_COLUMNS 5

static int alloc_workload(struct workload *w, long n)
{
	size_t k = (size_t)(n > 0 ? n : 1);
	memset(w, 0, sizeof *w);
	w->n = n;
	w->submit_s = calloc(k, sizeof *w->submit_s);
	w->trace = calloc(k, sizeof *w->trace);
	w->length_mi = calloc(k, sizeof *w->length_mi);
	w->type = calloc(k, sizeof *w->type);
	return w->submit_s && w->trace && w->length_mi && w->type ? 0 : -1;
}

void workload_free(struct workload *w)
{
	free(w->submit_s);
	free(w->trace);
	free(w->length_mi);
	free(w->type);
	free(w->own);
	memset(w, 0, sizeof *w);
}

/* --- [vms] size: types from the trace's sizes --- */

/* A size field the trace gives: a number > 0 (0 and unknown carry no size). */
static bool known(double x)
{
	return isfinite(x) && x > 0;
}

static double log_ratio2(double vm, double type)
{
	double r = log(vm / type);
	return r * r;
}

/* The [vms] types entry nearest to z (workload.h); NULL if z gives nothing to compare. */
static const struct vm_type *nearest_type(const struct experiment *e, const struct trace_vmsize *z)
{
	const struct vm_type *best = NULL;
	double best_d = INFINITY;
	for (int i = 0; i < e->n_vm_order; i++) {
		const struct vm_type *vt = config_find_vm_type(e, e->vm_order[i]);
		double dist = 0;
		int n = 0;
		if (known(z->cores) && vt->pes > 0) {
			dist += log_ratio2(z->cores, vt->pes);
			n++;
		}
		if (known(z->mhz) && vt->mips > 0) {
			dist += log_ratio2(z->mhz, vt->mips);
			n++;
		}
		if (known(z->ram_mb) && vt->ram_mb > 0) {
			dist += log_ratio2(z->ram_mb, (double)vt->ram_mb);
			n++;
		}
		if (n > 0 && dist < best_d) {
			best_d = dist;
			best = vt;
		}
	}
	return best;
}

static int size_vms(struct workload *w, const struct experiment *e, const struct trace_set *t, struct diag *d)
{
	static const char *const rule[] = { "types", "from_trace", "own" };
	const char *file = e->file[0] ? e->file : NULL;
	if (e->arrivals == ARRIVALS_FILE)
		return diag_add(d, file, e->vm_size_line, 0, "[vms] size = %s and workload.arrivals = file: the "
				"workload file gives each VM's type (use size = types)", rule[e->vm_size]);
	if (t->size == NULL)
		return diag_add(d, file, e->vm_size_line, 0, "[vms] size = %s: the trace %s has no VM sizes (only "
				"greenmig pack --format bitbrains, azure or alibaba2018 writes them: "
				"traces/README.md#the-packed-day-with-memory-and-sizes)", rule[e->vm_size], t->path);
	if (e->vm_size == VM_SIZE_OWN && (w->own = calloc((size_t)(w->n > 0 ? w->n : 1), sizeof *w->own)) == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	int bad = 0;
	for (long i = 0; i < w->n && bad < DIAG_MAX; i++) {
		long k = w->trace[i];
		const struct trace_vmsize *z = &t->size[k];
		if (!known(z->cores) && !known(z->mhz) && !known(z->ram_mb)) {
			bad += diag_add(d, t->sources[k], t->source_lines[k], 0, "VM \"%s\" has no size in the trace "
					"([vms] size = %s needs its cores, MHz or MB)", t->names[k], rule[e->vm_size]) != 0;
			continue;
		}
		if (e->vm_size == VM_SIZE_FROM_TRACE) {
			const struct vm_type *vt = nearest_type(e, z);
			if (vt == NULL) {
				bad += diag_add(d, file, e->vm_types_line, 0, "no VM type of [vms] types has a size to "
						"compare with VM \"%s\"'s (pes, mips or ram_mb > 0)", t->names[k]) != 0;
				continue;
			}
			w->type[i] = vt;
			continue;
		}
		struct vm_type *own = &w->own[i];
		*own = *w->type[i];
		if (known(z->cores))
			own->pes = (int)fmax(1, floor(z->cores + 0.5));
		if (known(z->mhz))
			own->mips = z->mhz;
		if (known(z->ram_mb))
			own->ram_mb = (long)floor(z->ram_mb + 0.5);
		w->type[i] = own;
	}
	return bad ? -1 : 0;
}

/* --- the CSV workload file --- */

struct file_state {
	const char *path;
	const struct experiment *e;
	const struct trace_set *t;
	struct diag *d;
	struct workload *w;
	long cap;
	long line;          /* line of the record being read (1 = header) */
	int col;
	char field[WORKLOAD_COLUMNS][256];
	bool too_long;
	long *labels;       /* the vm column of the rows read */
	int errors;
	bool oom;
};

static const char *const columns[WORKLOAD_COLUMNS] = { "vm", "submit_s", "trace", "length_mi", "type" };

static void on_field(void *data, size_t len, void *ctx)
{
	struct file_state *s = ctx;
	if (s->col < WORKLOAD_COLUMNS) {
		if (len >= sizeof s->field[0])
			s->too_long = true;
		size_t n = len < sizeof s->field[0] - 1 ? len : sizeof s->field[0] - 1;
		memcpy(s->field[s->col], data, n);
		s->field[s->col][n] = '\0';
	}
	s->col++;
}

static int bad_row(struct file_state *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad_row(struct file_state *s, const char *fmt, ...)
{
	char msg[DIAG_MSG_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	s->errors++;
	return diag_add(s->d, s->path, s->line, 0, "%s", msg);
}

/* Index of the trace called name (names are in byte-wise order), or -1. */
static long find_trace(const struct trace_set *t, const char *name)
{
	size_t lo = 0, hi = t->n_vms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->names[mid], name);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void on_row(int c, void *ctx)
{
	(void)c;
	struct file_state *s = ctx;
	s->line++;
	int ncol = s->col;
	s->col = 0;
	if (s->oom)
		return;
	if (s->line == 1) {
		for (int i = 0; i < WORKLOAD_COLUMNS; i++) {
			if (ncol != WORKLOAD_COLUMNS || strcmp(s->field[i], columns[i]) != 0) {
				bad_row(s, "%s", "header: expected vm,submit_s,trace,length_mi,type");
				return;
			}
		}
		return;
	}
	if (ncol != WORKLOAD_COLUMNS) {
		char what[96];
		snprintf(what, sizeof what, "%d fields, expected 5 (vm,submit_s,trace,length_mi,type)", ncol);
		bad_row(s, "%s", what);
		return;
	}
	if (s->too_long) {
		s->too_long = false;
		bad_row(s, "%s", "a field longer than 255 characters");
		return;
	}
	char *end;
	errno = 0;
	long label = strtol(s->field[0], &end, 10);
	if (end == s->field[0] || *end != '\0' || errno == ERANGE || label < 0) {
		bad_row(s, "vm \"%s\" is not an integer >= 0", s->field[0]);
		return;
	}
	errno = 0;
	double submit = strtod(s->field[1], &end);
	if (end == s->field[1] || *end != '\0' || errno == ERANGE || !isfinite(submit) || submit < 0) {
		bad_row(s, "submit_s \"%s\" is not a number of seconds >= 0", s->field[1]);
		return;
	}
	long tr = find_trace(s->t, s->field[2]);
	if (tr < 0) {
		char what[400];
		snprintf(what, sizeof what, "trace \"%s\" is not in %s", s->field[2], s->t->path);
		bad_row(s, "%s", what);
		return;
	}
	errno = 0;
	long long len = strtoll(s->field[3], &end, 10);
	if (end == s->field[3] || *end != '\0' || errno == ERANGE || len <= 0) {
		bad_row(s, "length_mi \"%s\" is not an integer > 0 (MI)", s->field[3]);
		return;
	}
	const struct vm_type *vt = config_find_vm_type(s->e, s->field[4]);
	if (vt == NULL) {
		bad_row(s, "type \"%s\" has no [vm.NAME] section in the experiment", s->field[4]);
		return;
	}
	for (long i = 0; i < s->w->n; i++) {
		if (s->labels[i] == label) {
			bad_row(s, "vm %s appears twice", s->field[0]);
			return;
		}
	}
	if (s->w->n == s->cap) {
		long cap = s->cap > 0 ? 2 * s->cap : 256;
		double *a = realloc(s->w->submit_s, (size_t)cap * sizeof *a);
		if (a != NULL)
			s->w->submit_s = a;
		long *b = realloc(s->w->trace, (size_t)cap * sizeof *b);
		if (b != NULL)
			s->w->trace = b;
		long long *l = realloc(s->w->length_mi, (size_t)cap * sizeof *l);
		if (l != NULL)
			s->w->length_mi = l;
		const struct vm_type **ty = realloc(s->w->type, (size_t)cap * sizeof *ty);
		if (ty != NULL)
			s->w->type = ty;
		long *lb = realloc(s->labels, (size_t)cap * sizeof *lb);
		if (lb != NULL)
			s->labels = lb;
		if (a == NULL || b == NULL || l == NULL || ty == NULL || lb == NULL) {
			s->oom = true;
			return;
		}
		s->cap = cap;
	}
	long k = s->w->n++;
	s->labels[k] = label;
	s->w->submit_s[k] = submit;
	s->w->trace[k] = tr;
	s->w->length_mi[k] = len;
	s->w->type[k] = vt;
}

static int read_file(struct workload *w, const struct experiment *e, const struct trace_set *t,
		     struct diag *d)
{
	const char *path = e->workload_file;
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return diag_add(d, path, 0, 0, "cannot open the workload file: %s", strerror(errno));
	memset(w, 0, sizeof *w);
	struct file_state s = { .path = path, .e = e, .t = t, .d = d, .w = w };
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		fclose(f);
		return diag_add(d, NULL, 0, 0, "out of memory");
	}
	char buf[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (csv_parse(&p, buf, n, on_field, on_row, &s) != n) {
			rc = diag_add(d, path, s.line + 1, 0, "malformed CSV (%s)", csv_strerror(csv_error(&p)));
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = diag_add(d, path, 0, 0, "read error");
	if (rc == 0 && csv_fini(&p, on_field, on_row, &s) != 0)
		rc = diag_add(d, path, s.line + 1, 0, "malformed CSV (%s)", csv_strerror(csv_error(&p)));
	csv_free(&p);
	fclose(f);
	free(s.labels);
	if (rc == 0 && s.oom)
		rc = diag_add(d, NULL, 0, 0, "out of memory");
	if (rc == 0 && s.errors > 0)
		rc = -1;
	if (rc == 0 && w->n == 0)
		rc = diag_add(d, path, 0, 0, "no VM rows (expected a header and one row per VM)");
	if (rc != 0)
		workload_free(w);
	return rc;
}

int workload_build(struct workload *w, const struct experiment *e, const struct trace_set *t,
		   long n_default, struct diag *d)
{
	if (e->arrivals == ARRIVALS_FILE)
	{
		if (e->vm_size == VM_SIZE_TYPES)
			return read_file(w, e, t, d);
		memset(w, 0, sizeof *w);
		return size_vms(w, e, t, d);
	}
	if (alloc_workload(w, n_default) != 0) {
		workload_free(w);
		return diag_add(d, NULL, 0, 0, "out of memory");
	}
	long initial = e->initial_vms > 0 && e->initial_vms < n_default ? e->initial_vms : n_default;
	if (e->arrivals == ARRIVALS_NONE)
		initial = n_default;
	struct rng r;
	rng_init(&r, e->seed ^ WORKLOAD_ARRIVAL_STREAM);
	double t_arr = 0;
	for (long i = 0; i < n_default; i++) {
		w->trace[i] = i;
		w->length_mi[i] = e->cloudlet_length_mi;
		w->type[i] = config_vm_type(e, i, n_default);
		if (i < initial) {
			w->submit_s[i] = 0;
		} else if (e->arrivals == ARRIVALS_POISSON) {
			/* exponential gap: -ln(1 - U) x mean, U in [0, 1) */
			t_arr += -log1p(-rng_uniform(&r)) * (3600.0 / e->arrival_rate_per_h);
			w->submit_s[i] = t_arr;
		} else {
			long wave = (i - initial) / e->wave_size + 1;
			w->submit_s[i] = (double)wave * e->wave_interval_s;
		}
	}
	if (e->vm_size != VM_SIZE_TYPES && size_vms(w, e, t, d) != 0) {
		workload_free(w);
		return -1;
	}
	return 0;
}
