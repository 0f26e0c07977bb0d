/*
 * trace: readers and writer of workload traces (see trace.h for the two formats).
 *
 * Every file goes through zlib's gzread, which passes plain files through unchanged, so a .gz
 * file gives exactly what its plain original gives. Values are parsed with strtol and checked
 * (an integer 0-100, as CloudSim's Integer.valueOf and the PlanetLab data are); every bad line of
 * every file is reported to the diag (up to its cap) before the read fails. The packed CSV form is
 * parsed with libcsv, fed one input line at a time so that each field's line and column are known.
 */
#include "trace.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#define PCT_MAX 100

/* --- small helpers --- */

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

static char *join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p != NULL)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

/* Day name of a path: folder name, or file name without .csv.gz / .csv. */
static char *day_name(const char *path)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	size_t n = strlen(buf);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = '\0';
	char *name = dup_str(base_name(buf));
	if (name == NULL)
		return NULL;
	if (ends_with(name, ".csv.gz"))
		name[strlen(name) - 7] = '\0';
	else if (ends_with(name, ".csv"))
		name[strlen(name) - 4] = '\0';
	return name;
}

/* zlib's gzerror text starts with the path; keep only what follows. */
static const char *gz_reason(const char *msg, const char *path)
{
	size_t n = strlen(path);
	if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		return msg + n + 2;
	return msg;
}

/*
 * Reads a whole file through gzread (plain or gzip) into a NUL-terminated buffer.
 * NULL with a message on failure.
 */
static char *slurp(const char *path, size_t *len, struct diag *d)
{
	errno = 0;
	gzFile gz = gzopen(path, "rb");
	if (gz == NULL) {
		diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno ? errno : ENOMEM));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	if (buf == NULL) {
		gzclose(gz);
		diag_add(d, path, 0, 0, "out of memory");
		return NULL;
	}
	for (;;) {
		if (cap - n < (1 << 15)) {
			char *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				free(buf);
				gzclose(gz);
				diag_add(d, path, 0, 0, "out of memory");
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
		int got = gzread(gz, buf + n, (unsigned)(cap - n - 1));
		if (got < 0) {
			int errnum;
			const char *msg = gzerror(gz, &errnum);
			if (errnum == Z_ERRNO)
				diag_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
			else
				diag_add(d, path, 0, 0, "corrupt or truncated gzip stream (%s)", gz_reason(msg, path));
			free(buf);
			gzclose(gz);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	int errnum = Z_OK;
	const char *msg = gzerror(gz, &errnum);
	if (errnum != Z_OK && errnum != Z_STREAM_END) {
		diag_add(d, path, 0, 0, "corrupt or truncated gzip stream (%s)", gz_reason(msg, path));
		free(buf);
		gzclose(gz);
		return NULL;
	}
	gzclose(gz);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * A CPU percentage: optional blanks, a decimal integer 0-100, optional blanks. 0, or -1 with a
 * message at file:line(:col).
 */
static int parse_pct(const char *text, size_t len, const char *file, long line, long col, double *out,
		     struct diag *d)
{
	char tok[64];
	while (len > 0 && (*text == ' ' || *text == '\t')) {
		text++;
		len--;
	}
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\r'))
		len--;
	if (len == 0)
		return diag_add(d, file, line, col, "empty %s (expected an integer CPU percentage 0-100)",
				col > 0 ? "field" : "line");
	/* the common case, one to three digits within range: strtol's value, without its cost */
	if (len <= 3) {
		long v = 0;
		size_t k = 0;
		while (k < len && text[k] >= '0' && text[k] <= '9')
			v = 10 * v + (text[k++] - '0');
		if (k == len && v <= PCT_MAX) {
			*out = (double)v;
			return 0;
		}
	}
	if (len >= sizeof tok)
		return diag_add(d, file, line, col, "\"%.20s...\" is not a CPU percentage (expected an "
				"integer 0-100)", text);
	memcpy(tok, text, len);
	tok[len] = '\0';
	char *end;
	errno = 0;
	long v = strtol(tok, &end, 10);
	if (end == tok || *end != '\0')
		return diag_add(d, file, line, col,
				"\"%s\" is not a CPU percentage (expected an integer 0-100)", tok);
	if (errno == ERANGE || v < 0 || v > PCT_MAX)
		return diag_add(d, file, line, col,
				"\"%s\" is out of range (expected an integer CPU percentage 0-100)", tok);
	*out = (double)v;
	return 0;
}

/* --- the trace set --- */

static struct trace_set *set_alloc(const char *path, size_t n)
{
	struct trace_set *t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	t->path = dup_str(path);
	t->day = day_name(path);
	size_t m = n > 0 ? n : 1;
	t->names = calloc(m, sizeof *t->names);
	t->sources = calloc(m, sizeof *t->sources);
	t->source_lines = calloc(m, sizeof *t->source_lines);
	t->n_samples = calloc(m, sizeof *t->n_samples);
	t->pct = calloc(m, sizeof *t->pct);
	if (t->path == NULL || t->day == NULL || t->names == NULL || t->sources == NULL ||
	    t->source_lines == NULL || t->n_samples == NULL || t->pct == NULL) {
		trace_destroy(t);
		return NULL;
	}
	return t;
}

void trace_destroy(struct trace_set *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n_vms; i++) {
		if (t->names)
			free(t->names[i]);
		if (t->sources)
			free(t->sources[i]);
		if (t->pct)
			free(t->pct[i]);
	}
	free(t->names);
	free(t->sources);
	free(t->source_lines);
	free(t->n_samples);
	free(t->pct);
	free(t->path);
	free(t->day);
	free(t);
}

/* One file of the folder format: every line a percentage. 0, or -1 after reporting every bad line. */
static int read_vm_file(const char *path, double **out, size_t *count, struct diag *d)
{
	size_t len;
	char *buf = slurp(path, &len, d);
	if (buf == NULL)
		return -1;
	if (len == 0) {
		free(buf);
		return diag_add(d, path, 1, 0, "empty file (expected one integer CPU percentage per line)");
	}
	size_t cap = 320, n = 0;
	double *v = malloc(cap * sizeof *v);
	if (v == NULL) {
		free(buf);
		return diag_add(d, path, 0, 0, "out of memory");
	}
	int bad = 0;
	long line = 0;
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		line++;
		double x = 0;
		if (parse_pct(p, l, path, line, 0, &x, d) != 0) {
			bad++;
		} else {
			if (n == cap) {
				double *nv = realloc(v, 2 * cap * sizeof *v);
				if (nv == NULL) {
					free(v);
					free(buf);
					return diag_add(d, path, 0, 0, "out of memory");
				}
				v = nv;
				cap *= 2;
			}
			v[n++] = x;
		}
		p = nl ? nl + 1 : end;
	}
	free(buf);
	if (bad) {
		free(v);
		return -1;
	}
	*out = v;
	*count = n;
	return 0;
}

struct name_entry {
	char *file; /* as on disk */
	char *name; /* without .gz */
};

static int cmp_entry(const void *a, const void *b)
{
	const struct name_entry *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static struct trace_set *read_dir(const char *path, size_t max_vms, struct diag *d)
{
	DIR *dir = opendir(path);
	if (dir == NULL) {
		diag_add(d, path, 0, 0, "cannot open folder: %s", strerror(errno));
		return NULL;
	}
	size_t cap = 1024, n = 0;
	struct name_entry *e = malloc(cap * sizeof *e);
	struct dirent *de;
	int oom = e == NULL;
	while (!oom && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *full = join_path(path, de->d_name);
		struct stat st;
		bool regular = full != NULL && stat(full, &st) == 0 && S_ISREG(st.st_mode);
		free(full);
		if (!regular)
			continue;
		if (n == cap) {
			struct name_entry *ne = realloc(e, 2 * cap * sizeof *e);
			if (ne == NULL) {
				oom = 1;
				break;
			}
			e = ne;
			cap *= 2;
		}
		e[n].file = dup_str(de->d_name);
		e[n].name = dup_str(de->d_name);
		if (e[n].file == NULL || e[n].name == NULL) {
			free(e[n].file);
			free(e[n].name);
			oom = 1;
			break;
		}
		if (ends_with(e[n].name, ".gz"))
			e[n].name[strlen(e[n].name) - 3] = '\0';
		n++;
	}
	closedir(dir);
	struct trace_set *t = NULL;
	if (oom) {
		diag_add(d, path, 0, 0, "out of memory");
		goto out;
	}
	if (n == 0) {
		diag_add(d, path, 0, 0, "no trace files in folder (expected one file per VM)");
		goto out;
	}
	/* Byte-wise name order, never directory order; ".gz" does not count. */
	qsort(e, n, sizeof *e, cmp_entry);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(e[i - 1].name, e[i].name) == 0) {
			diag_add(d, path, 0, 0, "both %s and %s hold VM '%s'", e[i - 1].file, e[i].file,
				 e[i].name);
			goto out;
		}
	}
	size_t want = max_vms > 0 ? max_vms : n;
	if (want > n) {
		diag_add(d, path, 0, 0, "has %zu trace files; the experiment needs %zu", n, want);
		goto out;
	}
	t = set_alloc(path, want);
	if (t == NULL) {
		diag_add(d, path, 0, 0, "out of memory");
		goto out;
	}
	int bad = 0;
	for (size_t i = 0; i < want; i++) {
		t->n_vms = i + 1;
		t->names[i] = dup_str(e[i].name);
		t->sources[i] = join_path(path, e[i].file);
		if (t->names[i] == NULL || t->sources[i] == NULL) {
			diag_add(d, path, 0, 0, "out of memory");
			bad++;
			break;
		}
		if (read_vm_file(t->sources[i], &t->pct[i], &t->n_samples[i], d) != 0)
			bad++;
	}
	if (bad) {
		trace_destroy(t);
		t = NULL;
	}
out:
	for (size_t i = 0; i < n; i++) {
		free(e[i].file);
		free(e[i].name);
	}
	free(e);
	return t;
}

/* --- packed CSV --- */

struct csv_state {
	const char *path;
	struct diag *d;
	struct trace_set *t;
	size_t max_vms;
	long line;          /* line being fed */
	long row_line;      /* line where the current row began */
	size_t field;       /* index of the next field in the row */
	size_t header_fields;
	bool in_header;
	bool row_started;
	bool stop;          /* enough rows read */
	int bad;
	int oom;
	size_t cap_vms;
	/* the row being read */
	char *name;
	char *last_name;    /* name of the previous good row (byte-wise order check) */
	double *vals;
	size_t n_vals, cap_vals;
	bool row_bad;
};

static void csv_field(void *data, size_t len, void *ctx)
{
	struct csv_state *s = ctx;
	const char *f = data ? data : "";
	if (s->oom)
		return;
	if (!s->row_started) {
		s->row_started = true;
		s->row_line = s->line;
		s->field = 0;
		s->n_vals = 0;
		s->row_bad = false;
		free(s->name);
		s->name = NULL;
	}
	size_t col = s->field + 1;
	if (s->in_header) {
		if (s->field == 0) {
			if (strcmp(f, "vm") != 0) {
				diag_add(s->d, s->path, s->row_line, (long)col,
					 "header starts with \"%s\" (expected \"vm\", then the sample times "
					 "0,300,600,...)", f);
				s->bad++;
				s->row_bad = true;
			}
		} else if (!s->row_bad) {
			char want[32];
			snprintf(want, sizeof want, "%.0f", (double)(s->field - 1) * TRACE_INTERVAL_S);
			if (strcmp(f, want) != 0) {
				diag_add(s->d, s->path, s->row_line, (long)col,
					 "header field \"%s\" (expected the sample time %s)", f, want);
				s->bad++;
				s->row_bad = true;
			}
		}
	} else if (s->field == 0) {
		s->name = malloc(len + 1);
		if (s->name == NULL) {
			s->oom = 1;
			return;
		}
		memcpy(s->name, f, len);
		s->name[len] = '\0';
		if (len == 0) {
			diag_add(s->d, s->path, s->row_line, 1, "empty VM name");
			s->bad++;
			s->row_bad = true;
		}
	} else {
		double x;
		if (parse_pct(f, len, s->path, s->row_line, (long)col, &x, s->d) != 0) {
			s->bad++;
			s->row_bad = true;
		} else {
			if (s->n_vals == s->cap_vals) {
				size_t cap = s->cap_vals ? 2 * s->cap_vals : 320;
				double *nv = realloc(s->vals, cap * sizeof *nv);
				if (nv == NULL) {
					s->oom = 1;
					return;
				}
				s->vals = nv;
				s->cap_vals = cap;
			}
			s->vals[s->n_vals++] = x;
		}
	}
	s->field++;
}

static void csv_row(int c, void *ctx)
{
	(void)c;
	struct csv_state *s = ctx;
	if (s->oom || !s->row_started)
		return;
	s->row_started = false;
	if (s->in_header) {
		s->in_header = false;
		s->header_fields = s->field;
		if (s->field < 2) {
			diag_add(s->d, s->path, s->row_line, 0,
				 "header has no sample columns (expected \"vm,0,300,600,...\")");
			s->bad++;
		}
		return;
	}
	if (s->field != s->header_fields) {
		diag_add(s->d, s->path, s->row_line, (long)(s->field < s->header_fields ? s->field + 1 : s->header_fields + 1),
			 "row has %zu fields; the header has %zu (a VM name and %zu samples)", s->field,
			 s->header_fields, s->header_fields - 1);
		s->bad++;
		s->row_bad = true;
	}
	struct trace_set *t = s->t;
	if (!s->row_bad && s->last_name != NULL && strcmp(s->last_name, s->name) >= 0) {
		diag_add(s->d, s->path, s->row_line, 1,
			 strcmp(s->last_name, s->name) == 0 ? "VM \"%s\" appears twice"
							    : "VM \"%s\" is out of byte-wise name order",
			 s->name);
		s->bad++;
		s->row_bad = true;
	}
	if (!s->row_bad && s->name != NULL) {
		/* Remember the last name for the order check even when the row is not kept. */
		free(s->last_name);
		s->last_name = s->name;
		s->name = NULL;
	}
	if (s->row_bad || s->bad || s->stop)
		return;
	if (t->n_vms == s->cap_vms) {
		size_t cap = 2 * s->cap_vms;
		char **names = realloc(t->names, cap * sizeof *names);
		if (names)
			t->names = names;
		char **sources = realloc(t->sources, cap * sizeof *sources);
		if (sources)
			t->sources = sources;
		long *lines = realloc(t->source_lines, cap * sizeof *lines);
		if (lines)
			t->source_lines = lines;
		size_t *ns = realloc(t->n_samples, cap * sizeof *ns);
		if (ns)
			t->n_samples = ns;
		double **pct = realloc(t->pct, cap * sizeof *pct);
		if (pct)
			t->pct = pct;
		if (!names || !sources || !lines || !ns || !pct) {
			s->oom = 1;
			return;
		}
		s->cap_vms = cap;
	}
	size_t i = t->n_vms;
	double *vals = malloc((s->n_vals ? s->n_vals : 1) * sizeof *vals);
	char *src = dup_str(s->path);
	if (vals == NULL || src == NULL) {
		free(vals);
		free(src);
		s->oom = 1;
		return;
	}
	memcpy(vals, s->vals, s->n_vals * sizeof *vals);
	t->names[i] = dup_str(s->last_name);
	if (t->names[i] == NULL) {
		free(vals);
		free(src);
		s->oom = 1;
		return;
	}
	t->sources[i] = src;
	t->source_lines[i] = s->row_line;
	t->n_samples[i] = s->n_vals;
	t->pct[i] = vals;
	t->n_vms = i + 1;
	if (s->max_vms > 0 && t->n_vms == s->max_vms)
		s->stop = true;
}

static struct trace_set *read_packed(const char *path, size_t max_vms, struct diag *d)
{
	size_t len;
	char *buf = slurp(path, &len, d);
	if (buf == NULL)
		return NULL;
	struct csv_state s = { .path = path, .d = d, .max_vms = max_vms, .in_header = true };
	s.cap_vms = 64;
	s.t = set_alloc(path, s.cap_vms);
	struct csv_parser p;
	if (s.t == NULL || csv_init(&p, CSV_APPEND_NULL) != 0) {
		free(buf);
		trace_destroy(s.t);
		diag_add(d, path, 0, 0, "out of memory");
		return NULL;
	}
	if (len == 0) {
		diag_add(d, path, 1, 0, "empty file (expected a header \"vm,0,300,...\" and one row per VM)");
		s.bad++;
	}
	const char *q = buf, *end = buf + len;
	/* Every row is checked, also past the ones kept (max_vms). */
	while (q < end && !s.oom) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		size_t l = nl ? (size_t)(nl - q) + 1 : (size_t)(end - q);
		s.line++;
		if (csv_parse(&p, q, l, csv_field, csv_row, &s) != l) {
			diag_add(d, path, s.line, 0, "malformed CSV (%s)", csv_strerror(csv_error(&p)));
			s.bad++;
			break;
		}
		q += l;
	}
	if (!s.oom && csv_fini(&p, csv_field, csv_row, &s) != 0) {
		diag_add(d, path, s.line, 0, "malformed CSV (%s)", csv_strerror(csv_error(&p)));
		s.bad++;
	}
	csv_free(&p);
	free(buf);
	free(s.name);
	free(s.last_name);
	free(s.vals);
	if (s.oom) {
		diag_add(d, path, 0, 0, "out of memory");
		s.bad++;
	}
	if (!s.bad && s.t->n_vms == 0) {
		diag_add(d, path, s.line, 0, "no VM rows (expected one row per VM after the header)");
		s.bad++;
	}
	if (!s.bad && max_vms > s.t->n_vms) {
		diag_add(d, path, 0, 0, "has %zu VM traces; the experiment needs %zu", s.t->n_vms, max_vms);
		s.bad++;
	}
	if (s.bad) {
		trace_destroy(s.t);
		return NULL;
	}
	return s.t;
}

struct trace_set *trace_read(const char *path, size_t max_vms, struct diag *d)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode))
		return read_dir(path, max_vms, d);
	return read_packed(path, max_vms, d);
}

int trace_check_samples(const struct trace_set *t, size_t needed, struct diag *d)
{
	int bad = 0;
	for (size_t i = 0; i < t->n_vms; i++) {
		if (t->n_samples[i] >= needed)
			continue;
		long line = t->source_lines[i] > 0 ? t->source_lines[i] : (long)t->n_samples[i];
		diag_add(d, t->sources[i], line, 0,
			 "trace of VM \"%s\" has %zu samples; the simulation needs %zu (one per %.0f s of "
			 "simulated time)", t->names[i], t->n_samples[i], needed, TRACE_INTERVAL_S);
		bad++;
	}
	return bad ? -1 : 0;
}

/* --- writer --- */

static int gz_puts_checked(gzFile gz, const char *s, size_t n)
{
	return n == 0 || gzwrite(gz, s, (unsigned)n) == (int)n ? 0 : -1;
}

int trace_write_packed(const struct trace_set *t, const char *out_path, struct diag *d)
{
	size_t n = strlen(out_path) + 5;
	char *tmp = malloc(n);
	if (tmp == NULL)
		return diag_add(d, out_path, 0, 0, "out of memory");
	snprintf(tmp, n, "%s.tmp", out_path);
	errno = 0;
	gzFile gz = gzopen(tmp, "wb9");
	if (gz == NULL) {
		diag_add(d, out_path, 0, 0, "cannot write: %s", strerror(errno ? errno : ENOMEM));
		free(tmp);
		return -1;
	}
	size_t max_samples = 0;
	for (size_t i = 0; i < t->n_vms; i++)
		if (t->n_samples[i] > max_samples)
			max_samples = t->n_samples[i];
	int rc = 0;
	char num[64];
	rc |= gz_puts_checked(gz, "vm", 2);
	for (size_t k = 0; k < max_samples && rc == 0; k++) {
		int len = snprintf(num, sizeof num, ",%.0f", (double)k * TRACE_INTERVAL_S);
		rc |= gz_puts_checked(gz, num, (size_t)len);
	}
	rc |= gz_puts_checked(gz, "\n", 1);
	char *quoted = NULL;
	size_t qcap = 0;
	for (size_t i = 0; i < t->n_vms && rc == 0; i++) {
		if (t->n_samples[i] != max_samples) {
			rc = -1;
			diag_add(d, t->sources[i], 0, 0, "VM \"%s\" has %zu samples, others %zu: the packed "
				 "format needs equal lengths", t->names[i], t->n_samples[i], max_samples);
			break;
		}
		size_t need = 2 * strlen(t->names[i]) + 3;
		if (need > qcap) {
			char *nq = realloc(quoted, need);
			if (nq == NULL) {
				rc = -1;
				break;
			}
			quoted = nq;
			qcap = need;
		}
		size_t ql = csv_write(quoted, qcap, t->names[i], strlen(t->names[i]));
		/* csv_write always quotes; plain names stay bare for readability. */
		if (strpbrk(t->names[i], ",\"\r\n") == NULL && t->names[i][0] != ' ' &&
		    t->names[i][strlen(t->names[i]) - 1] != ' ')
			rc |= gz_puts_checked(gz, t->names[i], strlen(t->names[i]));
		else
			rc |= gz_puts_checked(gz, quoted, ql);
		for (size_t k = 0; k < t->n_samples[i] && rc == 0; k++) {
			double v = t->pct[i][k];
			int len = v == (double)(long)v ? snprintf(num, sizeof num, ",%ld", (long)v)
						       : snprintf(num, sizeof num, ",%.17g", v);
			rc |= gz_puts_checked(gz, num, (size_t)len);
		}
		rc |= gz_puts_checked(gz, "\n", 1);
	}
	free(quoted);
	int err = errno;
	if (gzclose(gz) != Z_OK && rc == 0) {
		rc = -1;
		err = errno;
	}
	if (rc == 0 && rename(tmp, out_path) != 0) {
		rc = -1;
		err = errno;
	}
	if (rc != 0) {
		remove(tmp);
		if (diag_errors(d) == 0)
			diag_add(d, out_path, 0, 0, "cannot write: %s", strerror(err ? err : EIO));
	}
	free(tmp);
	return rc;
}

/* --- days --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is path a folder holding several days (sub-folders or packed files)? */
static int is_multi_day(const char *path, bool *multi)
{
	DIR *dir = opendir(path);
	if (dir == NULL)
		return -1;
	struct dirent *de;
	*multi = false;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (ends_with(de->d_name, ".csv.gz") || ends_with(de->d_name, ".csv")) {
			*multi = true;
			break;
		}
		char *full = join_path(path, de->d_name);
		struct stat st;
		if (full != NULL && stat(full, &st) == 0 && S_ISDIR(st.st_mode))
			*multi = true;
		free(full);
		if (*multi)
			break;
	}
	closedir(dir);
	return 0;
}

long trace_list_days(const char *path, char ***days, struct diag *d)
{
	DIR *dir = opendir(path);
	if (dir == NULL)
		return diag_add(d, path, 0, 0, "cannot open folder: %s", strerror(errno));
	size_t cap = 16, n = 0;
	char **v = malloc(cap * sizeof *v);
	struct dirent *de;
	int oom = v == NULL;
	while (!oom && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *full = join_path(path, de->d_name);
		struct stat st;
		bool is_day = full != NULL && stat(full, &st) == 0 &&
			      (S_ISDIR(st.st_mode) ||
			       (S_ISREG(st.st_mode) && (ends_with(de->d_name, ".csv.gz") || ends_with(de->d_name, ".csv"))));
		free(full);
		if (!is_day)
			continue;
		char *name = day_name(de->d_name);
		if (name == NULL) {
			oom = 1;
			break;
		}
		bool dup = false;
		for (size_t i = 0; i < n; i++)
			if (strcmp(v[i], name) == 0)
				dup = true;
		if (dup) {
			free(name);
			continue;
		}
		if (n == cap) {
			char **nv = realloc(v, 2 * cap * sizeof *v);
			if (nv == NULL) {
				free(name);
				oom = 1;
				break;
			}
			v = nv;
			cap *= 2;
		}
		v[n++] = name;
	}
	closedir(dir);
	if (oom) {
		for (size_t i = 0; i < n; i++)
			free(v[i]);
		free(v);
		return diag_add(d, path, 0, 0, "out of memory");
	}
	qsort(v, n, sizeof *v, cmp_str);
	*days = v;
	return (long)n;
}

char *trace_resolve_day(const char *path, const char *day, struct diag *d)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	bool multi = false;
	if (S_ISDIR(st.st_mode) && is_multi_day(path, &multi) != 0) {
		diag_add(d, path, 0, 0, "cannot open folder: %s", strerror(errno));
		return NULL;
	}
	/* A day folder or packed file named explicitly wins over --day. */
	if (!multi)
		return dup_str(path);
	char **days = NULL;
	long n = trace_list_days(path, &days, d);
	if (n < 0)
		return NULL;
	char *found = NULL;
	if (day != NULL) {
		/* A sub-folder of that name first, then DAY.csv.gz, then DAY.csv. */
		const char *suffixes[] = { "", ".csv.gz", ".csv" };
		for (size_t k = 0; k < 3 && found == NULL; k++) {
			char name[1024];
			snprintf(name, sizeof name, "%s%s", day, suffixes[k]);
			char *full = join_path(path, name);
			if (full != NULL && stat(full, &st) == 0 && (k == 0 ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode)))
				found = full;
			else
				free(full);
		}
	}
	if (found == NULL) {
		char list[1024] = "";
		for (long i = 0; i < n; i++) {
			if (strlen(list) + strlen(days[i]) + 3 >= sizeof list) {
				strcat(list, ", ...");
				break;
			}
			if (i > 0)
				strcat(list, ", ");
			strcat(list, days[i]);
		}
		if (day == NULL)
			diag_add(d, path, 0, 0, "holds several days; pick one with --day (days: %s)", list);
		else
			diag_add(d, path, 0, 0, "has no day '%s' (days: %s)", day, list);
	}
	for (long i = 0; i < n; i++)
		free(days[i]);
	free(days);
	return found;
}
