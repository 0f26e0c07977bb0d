/*
 * trace_packed: the packed day, one gzip-compressed CSV file (trace.h): its reader and writer.
 *
 * The header is "vm", the CPU sample times "0,300,...", then optionally the size columns
 * "cores,mhz,ram_mb" and the memory columns "mem_0,mem_300,..." (as many as the CPU samples).
 *
 * The reader parses with libcsv, fed one input line at a time so that each field's line and
 * column are known; every bad field is reported (up to the diag's cap) before the read fails.
 * The writer goes through outfile (a temporary file beside PATH renamed at the end, so a failure
 * leaves nothing behind; "-" is stdout; a FIFO or device is written in place), zlib writing to a
 * duplicate of the outfile's descriptor.
 */
#include "trace.h"
#include "trace_internal.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "outfile.h"

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
	size_t n_cpu;       /* header: CPU sample columns */
	size_t n_size;      /* header: size columns (0 or 3) */
	size_t n_mem;       /* header: memory columns (0 or n_cpu) */
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
	double *mvals;      /* the row's memory samples (n_mem) */
	size_t n_mvals;
	struct trace_vmsize size; /* the row's size (NAN: empty) */
	bool row_bad;
};

static const char *const size_cols[3] = { "cores", "mhz", "ram_mb" };

/* A header field after "vm": a CPU sample time, a size column or a memory sample time, in that
 * order. 0, or -1 with a message. */
static int header_field(struct csv_state *s, const char *f, size_t col)
{
	char want[48];
	if (s->n_mem == 0 && s->n_size == 0 && s->n_cpu > 0 && strcmp(f, "cores") == 0) {
		s->n_size = 1;
		return 0;
	}
	if (s->n_size > 0 && s->n_size < 3) {
		if (strcmp(f, size_cols[s->n_size]) == 0) {
			s->n_size++;
			return 0;
		}
		return diag_add(s->d, s->path, s->row_line, (long)col, "header field \"%s\" (expected \"%s\": the "
				"size columns are cores,mhz,ram_mb)", f, size_cols[s->n_size]);
	}
	if (s->n_mem == 0 && s->n_cpu > 0 && strcmp(f, "mem_0") == 0) {
		s->n_mem = 1;
		return 0;
	}
	if (s->n_mem > 0) {
		snprintf(want, sizeof want, "mem_%.0f", (double)s->n_mem * TRACE_INTERVAL_S);
		if (strcmp(f, want) != 0)
			return diag_add(s->d, s->path, s->row_line, (long)col,
					"header field \"%s\" (expected the memory sample time %s)", f, want);
		s->n_mem++;
		return 0;
	}
	if (s->n_size > 0)
		return diag_add(s->d, s->path, s->row_line, (long)col, "header field \"%s\" (expected \"mem_0\" "
				"or the end of the header after the size columns)", f);
	snprintf(want, sizeof want, "%.0f", (double)s->n_cpu * TRACE_INTERVAL_S);
	if (strcmp(f, want) != 0)
		return diag_add(s->d, s->path, s->row_line, (long)col,
				"header field \"%s\" (expected the sample time %s)", f, want);
	s->n_cpu++;
	return 0;
}

static double size_get(const struct trace_vmsize *z, int j)
{
	return j == 0 ? z->cores : j == 1 ? z->mhz : z->ram_mb;
}

/* A size field: empty (unknown: NAN) or a finite number >= 0. 0, or -1 with a message. */
static int size_field(struct csv_state *s, const char *f, size_t len, size_t col, double *out)
{
	size_t a = 0, z = len;
	while (a < z && (f[a] == ' ' || f[a] == '\t'))
		a++;
	while (z > a && (f[z - 1] == ' ' || f[z - 1] == '\t'))
		z--;
	if (a == z) {
		*out = NAN;
		return 0;
	}
	char buf[64];
	char *end;
	if (z - a < sizeof buf) {
		memcpy(buf, f + a, z - a);
		buf[z - a] = '\0';
		errno = 0;
		double x = strtod(buf, &end);
		if (end != buf && *end == '\0' && errno == 0 && isfinite(x) && x >= 0) {
			*out = x;
			return 0;
		}
	}
	return diag_add(s->d, s->path, s->row_line, (long)col, "%s \"%.*s\" is not a number >= 0 (or empty: "
			"unknown)", size_cols[col - 2 - s->n_cpu], (int)(len > 40 ? 40 : len), f);
}

/* ",X" for a size into buf: the shortest of 15 and 17 significant digits that reads back as z
 * (15 keep the usual sizes as written: 2660, 0.5; 17 always read back, so no size changes on a
 * round trip, e.g. one written with 35 digits). Its length. */
static int size_text(char *buf, size_t n, double z)
{
	int len = snprintf(buf, n, ",%.15g", z);
	if (strtod(buf + 1, NULL) != z)
		len = snprintf(buf, n, ",%.17g", z);
	return len;
}

/* csv_field's every case (the header, names, sizes, memory, errors, growth). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void csv_field_general(const char *f, size_t len, struct csv_state *s)
{
	if (!s->row_started) {
		s->row_started = true;
		s->row_line = s->line;
		s->field = 0;
		s->n_vals = 0;
		s->n_mvals = 0;
		s->size = (struct trace_vmsize){ NAN, NAN, NAN };
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
		} else if (!s->row_bad && header_field(s, f, col) != 0) {
			s->bad++;
			s->row_bad = true;
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
	} else if (s->field > s->n_cpu && s->field <= s->n_cpu + s->n_size) {
		double *dst = s->field == s->n_cpu + 1 ? &s->size.cores : s->field == s->n_cpu + 2 ? &s->size.mhz
												 : &s->size.ram_mb;
		if (size_field(s, f, len, col, dst) != 0) {
			s->bad++;
			s->row_bad = true;
		}
	} else if (s->field > s->n_cpu + s->n_size) {
		double x;
		if (s->field > s->n_cpu + s->n_size + s->n_mem) {
			/* past the header's columns: csv_row reports the row's length */
		} else if (trace_parse_pct(f, len, s->path, s->row_line, (long)col, &x, s->d) != 0) {
			s->bad++;
			s->row_bad = true;
		} else {
			if (s->mvals != NULL)
				s->mvals[s->n_mvals++] = x;
		}
	} else {
		double x;
		if (trace_parse_pct(f, len, s->path, s->row_line, (long)col, &x, s->d) != 0) {
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

static void csv_field(void *data, size_t len, void *ctx)
{
	struct csv_state *s = ctx;
	const char *f = data ? data : "";
	if (s->oom)
		return;
	/* the usual field, a CPU sample of a row (1 <= field <= n_cpu) written plainly: stored as
	 * the general path would, without its frame (it is a tail call) */
	double plain;
	if (s->row_started && !s->in_header && s->field - 1 < s->n_cpu && s->n_vals < s->cap_vals &&
	    trace_pct_plain(f, len, &plain)) {
		s->vals[s->n_vals++] = plain;
		s->field++;
		return;
	}
	csv_field_general(f, len, s);
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
		} else if (s->n_size != 0 && s->n_size != 3) {
			diag_add(s->d, s->path, s->row_line, 0, "header ends inside the size columns (expected "
				 "cores,mhz,ram_mb)");
			s->bad++;
		} else if (s->n_mem != 0 && s->n_mem != s->n_cpu) {
			diag_add(s->d, s->path, s->row_line, 0, "header has %zu memory columns and %zu CPU columns "
				 "(expected as many of each)", s->n_mem, s->n_cpu);
			s->bad++;
		} else if (s->n_mem > 0 && ((s->mvals = malloc(s->n_mem * sizeof *s->mvals)) == NULL ||
					    (s->t->mem = calloc(s->cap_vms, sizeof *s->t->mem)) == NULL)) {
			s->oom = 1;
		}
		if (!s->oom && s->n_size > 0 && (s->t->size = calloc(s->cap_vms, sizeof *s->t->size)) == NULL)
			s->oom = 1;
		return;
	}
	if (s->field != s->header_fields) {
		long at = (long)(s->field < s->header_fields ? s->field + 1 : s->header_fields + 1);
		if (s->n_size == 0 && s->n_mem == 0)
			diag_add(s->d, s->path, s->row_line, at, "row has %zu fields; the header has %zu (a VM name and "
				 "%zu samples)", s->field, s->header_fields, s->header_fields - 1);
		else
			diag_add(s->d, s->path, s->row_line, at, "row has %zu fields; the header has %zu (a VM name, "
				 "%zu samples, %zu size columns and %zu memory samples)", s->field, s->header_fields,
				 s->n_cpu, s->n_size, s->n_mem);
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
		double **mem = t->mem ? realloc(t->mem, cap * sizeof *mem) : NULL;
		if (mem)
			t->mem = mem;
		struct trace_vmsize *size = t->size ? realloc(t->size, cap * sizeof *size) : NULL;
		if (size)
			t->size = size;
		if (!names || !sources || !lines || !ns || !pct || (t->mem && !mem) || (t->size && !size)) {
			s->oom = 1;
			return;
		}
		s->cap_vms = cap;
	}
	size_t i = t->n_vms;
	double *vals = malloc((s->n_vals ? s->n_vals : 1) * sizeof *vals);
	char *src = trace_dup_str(s->path);
	if (vals == NULL || src == NULL) {
		free(vals);
		free(src);
		s->oom = 1;
		return;
	}
	memcpy(vals, s->vals, s->n_vals * sizeof *vals);
	t->names[i] = trace_dup_str(s->last_name);
	if (t->names[i] == NULL) {
		free(vals);
		free(src);
		s->oom = 1;
		return;
	}
	if (s->n_mem > 0) {
		double *mv = malloc(s->n_mem * sizeof *mv);
		if (mv == NULL) {
			free(vals);
			free(src);
			free(t->names[i]);
			s->oom = 1;
			return;
		}
		memcpy(mv, s->mvals, s->n_mem * sizeof *mv);
		t->mem[i] = mv;
	}
	if (s->n_size > 0)
		t->size[i] = s->size;
	t->sources[i] = src;
	t->source_lines[i] = s->row_line;
	t->n_samples[i] = s->n_vals;
	t->pct[i] = vals;
	t->n_vms = i + 1;
	if (s->max_vms > 0 && t->n_vms == s->max_vms)
		s->stop = true;
}

#define PACKED_LIMITS "a packed day holds a header and one row per VM: at most 1 MiB a line, 256 MiB a file"

struct trace_set *trace_read_packed(const char *path, size_t max_vms, struct diag *d)
{
	struct trace_lines r;
	if (trace_lines_open(&r, path, TRACE_ROW_MAX, TRACE_PACKED_MAX, PACKED_LIMITS, d) != 0)
		return NULL;
	struct csv_state s = { .path = path, .d = d, .max_vms = max_vms, .in_header = true };
	s.cap_vms = 64;
	s.t = trace_set_alloc(path, s.cap_vms);
	struct csv_parser p;
	if (s.t == NULL || csv_init(&p, CSV_APPEND_NULL) != 0) {
		trace_lines_close(&r);
		trace_destroy(s.t);
		diag_add(d, path, 0, 0, "out of memory");
		return NULL;
	}
	/* Every row is checked, also past the ones kept (max_vms). */
	const char *q;
	size_t l;
	int got = 0;
	while (!s.oom && (got = trace_lines_next(&r, &q, &l)) > 0) {
		s.line = r.line;
		if (csv_parse(&p, q, l, csv_field, csv_row, &s) != l) {
			diag_add(d, path, s.line, 0, "malformed CSV (%s)", csv_strerror(csv_error(&p)));
			s.bad++;
			break;
		}
	}
	if (got < 0)
		s.bad++;
	else if (r.line == 0) {
		diag_add(d, path, 1, 0, "empty file (expected a header \"vm,0,300,...\" and one row per VM)");
		s.bad++;
	}
	trace_lines_close(&r);
	if (!s.oom && got >= 0 && csv_fini(&p, csv_field, csv_row, &s) != 0) {
		diag_add(d, path, s.line, 0, "malformed CSV (%s)", csv_strerror(csv_error(&p)));
		s.bad++;
	}
	csv_free(&p);
	free(s.name);
	free(s.last_name);
	free(s.vals);
	free(s.mvals);
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

int trace_has_memory(const char *path, bool *has, struct diag *d)
{
	*has = false;
	struct stat st;
	if (stat(path, &st) != 0)
		return diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return 0; /* a day folder: CPU only */
	struct trace_lines r;
	if (trace_lines_open(&r, path, TRACE_ROW_MAX, TRACE_PACKED_MAX, PACKED_LIMITS, d) != 0)
		return -1;
	const char *line;
	size_t len;
	int got = trace_lines_next(&r, &line, &len);
	/* the header's fields, blanks and quotes around them aside: is one of them mem_0? */
	for (size_t i = 0; got > 0 && i < len && !*has;) {
		size_t j = i;
		while (j < len && line[j] != ',' && line[j] != '\n')
			j++;
		size_t a = i, b = j;
		while (a < b && (line[a] == ' ' || line[a] == '\t' || line[a] == '"'))
			a++;
		while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '"' || line[b - 1] == '\r'))
			b--;
		*has = b - a == 5 && memcmp(line + a, "mem_0", 5) == 0;
		i = j + 1;
	}
	trace_lines_close(&r);
	return got < 0 ? -1 : 0;
}

/* --- writer --- */

static int gz_puts_checked(gzFile gz, const char *s, size_t n)
{
	return n == 0 || gzwrite(gz, s, (unsigned)n) == (int)n ? 0 : -1;
}

/*
 * Must name be quoted for libcsv to read it back unchanged? It splits at ',' and line ends,
 * takes '"' as a quote, and trims blanks (spaces and tabs) around an unquoted field.
 */
static bool needs_quotes(const char *name, size_t len)
{
	return strpbrk(name, ",\"\r\n") != NULL || name[0] == ' ' || name[0] == '\t' ||
	       name[len - 1] == ' ' || name[len - 1] == '\t';
}

/*
 * Checks that the packed reader will take VM i back as it is: a name not empty and after the
 * previous one in byte-wise order, integer samples 0-100, a row within TRACE_ROW_MAX (counted
 * with its quoted name: qlen bytes). 0, or -1 with a message.
 */
static int check_row(const struct trace_set *t, size_t i, size_t qlen, size_t max_samples, struct diag *d)
{
	const char *name = t->names[i];
	if (name[0] == '\0')
		return diag_add(d, t->sources[i], t->source_lines[i], 0,
				"VM %zu has an empty name (the packed format needs one)", i + 1);
	if (i > 0 && strcmp(t->names[i - 1], name) >= 0)
		return diag_add(d, t->sources[i], t->source_lines[i], 0,
				"VM \"%s\" %s (the packed format keeps VMs in byte-wise name order)", name,
				strcmp(t->names[i - 1], name) == 0 ? "appears twice" : "is out of order");
	if (t->n_samples[i] != max_samples)
		return diag_add(d, t->sources[i], 0, 0, "VM \"%s\" has %zu samples, others %zu: the packed "
				"format needs equal lengths", name, t->n_samples[i], max_samples);
	size_t row = qlen + 1;
	for (size_t k = 0; k < t->n_samples[i]; k++) {
		double v = t->pct[i][k];
		if (!(v >= 0 && v <= 100) || v != (double)(long)v)
			return diag_add(d, t->sources[i], t->source_lines[i], 0, "VM \"%s\": sample %zu is %g "
					"(the packed format holds integer CPU percentages 0-100)", name, k + 1, v);
		row += v >= 100 ? 4 : v >= 10 ? 3 : 2;
	}
	for (size_t k = 0; t->mem != NULL && k < t->n_samples[i]; k++) {
		double v = t->mem[i][k];
		if (!(v >= 0 && v <= 100) || v != (double)(long)v)
			return diag_add(d, t->sources[i], t->source_lines[i], 0, "VM \"%s\": memory sample %zu is %g "
					"(the packed format holds integer memory percentages 0-100)", name, k + 1, v);
		row += v >= 100 ? 4 : v >= 10 ? 3 : 2;
	}
	if (t->size != NULL) {
		for (int j = 0; j < 3; j++) {
			double z = size_get(&t->size[i], j);
			if (!(isnan(z) || (isfinite(z) && z >= 0)))
				return diag_add(d, t->sources[i], t->source_lines[i], 0, "VM \"%s\": %s %g is not a "
						"number >= 0", name, size_cols[j], z);
		}
		row += 3 * 26;
	}
	if (row > TRACE_ROW_MAX)
		return diag_add(d, t->sources[i], t->source_lines[i], 0, "VM \"%.40s%s\": its row would be "
				"%zu bytes, more than a packed day's %zu a line", name,
				strlen(name) > 40 ? "..." : "", row, TRACE_ROW_MAX);
	return 0;
}

int trace_write_packed(const struct trace_set *t, const char *out_path, struct diag *d)
{
	struct outfile o;
	if (outfile_open(&o, out_path, d) != 0)
		return -1;
	/* zlib writes to its own descriptor (gzclose closes it); the FILE stays empty. */
	int fd = dup(fileno(o.f));
	errno = 0;
	gzFile gz = fd >= 0 ? gzdopen(fd, "wb9") : NULL;
	if (gz == NULL) {
		int err = errno ? errno : ENOMEM;
		if (fd >= 0)
			close(fd);
		diag_add(d, out_path, 0, 0, "cannot write: %s", strerror(err));
		outfile_abort(&o);
		return -1;
	}
	size_t max_samples = 0;
	for (size_t i = 0; i < t->n_vms; i++)
		if (t->n_samples[i] > max_samples)
			max_samples = t->n_samples[i];
	int rc = 0;
	char num[64];
	size_t total = 2;
	rc |= gz_puts_checked(gz, "vm", 2);
	for (size_t k = 0; k < max_samples && rc == 0; k++) {
		int len = snprintf(num, sizeof num, ",%.0f", (double)k * TRACE_INTERVAL_S);
		rc |= gz_puts_checked(gz, num, (size_t)len);
		total += (size_t)len;
	}
	if (t->size != NULL) {
		rc |= gz_puts_checked(gz, ",cores,mhz,ram_mb", 17);
		total += 17;
	}
	for (size_t k = 0; t->mem != NULL && k < max_samples && rc == 0; k++) {
		int len = snprintf(num, sizeof num, ",mem_%.0f", (double)k * TRACE_INTERVAL_S);
		rc |= gz_puts_checked(gz, num, (size_t)len);
		total += (size_t)len;
	}
	rc |= gz_puts_checked(gz, "\n", 1);
	if (rc == 0 && total > TRACE_ROW_MAX) {
		rc = diag_add(d, out_path, 1, 0, "%zu samples make a header of %zu bytes, more than a packed "
			      "day's %zu a line", max_samples, total, TRACE_ROW_MAX);
	}
	total++;
	char *quoted = NULL;
	size_t qcap = 0;
	for (size_t i = 0; i < t->n_vms && rc == 0; i++) {
		const char *name = t->names[i];
		size_t nlen = strlen(name);
		size_t need = 2 * nlen + 3;
		if (need > qcap) {
			char *nq = realloc(quoted, need);
			if (nq == NULL) {
				rc = diag_add(d, out_path, 0, 0, "out of memory");
				break;
			}
			quoted = nq;
			qcap = need;
		}
		/* csv_write always quotes; plain names stay bare for readability. */
		bool quote = nlen > 0 && needs_quotes(name, nlen);
		size_t ql = quote ? csv_write(quoted, qcap, name, nlen) : nlen;
		if (check_row(t, i, ql, max_samples, d) != 0) {
			rc = -1;
			break;
		}
		rc |= gz_puts_checked(gz, quote ? quoted : name, ql);
		total += ql + 1;
		for (size_t k = 0; k < t->n_samples[i] && rc == 0; k++) {
			int len = snprintf(num, sizeof num, ",%ld", (long)t->pct[i][k]);
			rc |= gz_puts_checked(gz, num, (size_t)len);
			total += (size_t)len;
		}
		for (int j = 0; t->size != NULL && j < 3 && rc == 0; j++) {
			double z = size_get(&t->size[i], j);
			int len = isnan(z) ? snprintf(num, sizeof num, ",") : size_text(num, sizeof num, z);
			rc |= gz_puts_checked(gz, num, (size_t)len);
			total += (size_t)len;
		}
		for (size_t k = 0; t->mem != NULL && k < t->n_samples[i] && rc == 0; k++) {
			int len = snprintf(num, sizeof num, ",%ld", (long)t->mem[i][k]);
			rc |= gz_puts_checked(gz, num, (size_t)len);
			total += (size_t)len;
		}
		rc |= gz_puts_checked(gz, "\n", 1);
		if (rc == 0 && total > TRACE_PACKED_MAX)
			rc = diag_add(d, out_path, 0, 0, "more than %zu bytes once decompressed at VM \"%s\" "
				      "(a packed day is at most 256 MiB)", TRACE_PACKED_MAX, name);
	}
	free(quoted);
	int err = errno;
	if (gzclose(gz) != Z_OK && rc == 0) {
		rc = -1;
		err = errno;
	}
	if (rc != 0) {
		outfile_abort(&o);
		if (diag_errors(d) == 0)
			diag_add(d, out_path, 0, 0, "cannot write: %s", strerror(err ? err : EIO));
		return -1;
	}
	return outfile_commit(&o, d);
}
