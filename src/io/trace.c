/*
 * trace: the trace set, the folder reader (one file per VM, plain or gzip) and the days of a
 * multi-day folder; the packed CSV form is read and written in trace_packed.c.
 *
 * Every file goes through zlib's gzread, which passes plain files through unchanged, so a .gz
 * file gives exactly what its plain original gives. Values are parsed with strtol and checked
 * (an integer 0-100, as CloudSim's Integer.valueOf and the PlanetLab data are); every bad line of
 * every file is reported to the diag (up to its cap) before the read fails.
 */
#include "trace.h"
#include "trace_internal.h"

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

char *trace_dup_str(const char *s)
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
	char *name = trace_dup_str(base_name(buf));
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

/* Reports a read error of r's stream (zlib's or the system's) and stops the reader. */
static int lines_fail_read(struct trace_lines *r)
{
	int errnum = Z_OK;
	const char *msg = gzerror(r->gz, &errnum);
	r->failed = true;
	if (errnum == Z_ERRNO)
		return diag_add(r->d, r->path, 0, 0, "cannot read: %s", strerror(errno));
	return diag_add(r->d, r->path, 0, 0, "corrupt or truncated gzip stream (%s)", gz_reason(msg, r->path));
}

int trace_lines_open(struct trace_lines *r, const char *path, size_t max_line, size_t max_file,
		     const char *what, struct diag *d)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->d = d;
	r->max_line = max_line;
	r->max_file = max_file;
	r->what = what;
	errno = 0;
	r->gz = gzopen(path, "rb");
	if (r->gz == NULL)
		return diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno ? errno : ENOMEM));
	/* One line at its longest, its newline, and a chunk read from the stream. */
	r->cap = max_line + 1 + TRACE_READ_CHUNK;
	r->buf = malloc(r->cap);
	if (r->buf == NULL) {
		gzclose(r->gz);
		r->gz = NULL;
		return diag_add(d, path, 0, 0, "out of memory");
	}
	return 0;
}

void trace_lines_close(struct trace_lines *r)
{
	if (r->gz != NULL)
		gzclose(r->gz);
	free(r->buf);
	r->gz = NULL;
	r->buf = NULL;
}

int trace_lines_next(struct trace_lines *r, const char **line, size_t *len)
{
	if (r->failed)
		return -1;
	for (;;) {
		char *p = r->buf + r->start;
		size_t have = r->end - r->start;
		char *nl = memchr(p, '\n', have);
		if (nl != NULL || (r->eof && have > 0)) {
			size_t l = nl != NULL ? (size_t)(nl - p) + 1 : have;
			r->line++;
			if (l - (nl != NULL) > r->max_line)
				break;
			char *nul = memchr(p, '\0', l);
			if (nul != NULL) {
				r->failed = true;
				return diag_add(r->d, r->path, r->line, (long)(nul - p) + 1,
						"NUL byte (a trace file is text)");
			}
			r->start += l;
			*line = p;
			*len = l;
			return 1;
		}
		if (r->eof)
			return 0;
		/* No whole line buffered: a line already too long stops here, before reading on. */
		if (have > r->max_line) {
			r->line++;
			break;
		}
		memmove(r->buf, p, have);
		r->start = 0;
		r->end = have;
		int got = gzread(r->gz, r->buf + r->end, (unsigned)(r->cap - r->end));
		if (got < 0)
			return lines_fail_read(r);
		if (got == 0) {
			int errnum = Z_OK;
			gzerror(r->gz, &errnum);
			if (errnum != Z_OK && errnum != Z_STREAM_END)
				return lines_fail_read(r);
			r->eof = true;
		}
		r->end += (size_t)got;
		r->total += (size_t)got;
		if (r->total > r->max_file) {
			r->failed = true;
			return diag_add(r->d, r->path, 0, 0, "more than %zu bytes once decompressed (%s)",
					r->max_file, r->what);
		}
	}
	r->failed = true;
	return diag_add(r->d, r->path, r->line, 0, "line longer than %zu bytes once decompressed (%s)",
			r->max_line, r->what);
}

/*
 * A CPU percentage: optional blanks, a decimal integer 0-100, optional blanks. 0, or -1 with a
 * message at file:line(:col).
 */
int trace_parse_pct(const char *text, size_t len, const char *file, long line, long col, double *out,
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

struct trace_set *trace_set_alloc(const char *path, size_t n)
{
	struct trace_set *t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	t->path = trace_dup_str(path);
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
		if (t->mem)
			free(t->mem[i]);
	}
	for (size_t j = 0; t->day_paths != NULL && j < t->n_days; j++)
		free(t->day_paths[j]);
	free(t->day_paths);
	free(t->mem);
	free(t->size);
	free(t->names);
	free(t->sources);
	free(t->source_lines);
	free(t->n_samples);
	free(t->pct);
	free(t->path);
	free(t->day);
	free(t);
}

#define VM_FILE_LIMITS "a VM file holds one CPU percentage per line: at most 64 bytes a line, 4 MiB a file"

/* One file of the folder format: every line a percentage. 0, or -1 after reporting every bad line. */
static int read_vm_file(const char *path, double **out, size_t *count, size_t *bytes, struct diag *d)
{
	struct trace_lines r;
	if (trace_lines_open(&r, path, TRACE_LINE_MAX, TRACE_FILE_MAX, VM_FILE_LIMITS, d) != 0)
		return -1;
	size_t cap = 320, n = 0;
	double *v = malloc(cap * sizeof *v);
	if (v == NULL) {
		trace_lines_close(&r);
		return diag_add(d, path, 0, 0, "out of memory");
	}
	int bad = 0, got;
	const char *p;
	size_t l;
	while ((got = trace_lines_next(&r, &p, &l)) > 0) {
		if (p[l - 1] == '\n')
			l--;
		double x = 0;
		if (trace_parse_pct(p, l, path, r.line, 0, &x, d) != 0) {
			bad++;
			continue;
		}
		if (n == cap) {
			double *nv = realloc(v, 2 * cap * sizeof *v);
			if (nv == NULL) {
				bad++;
				diag_add(d, path, 0, 0, "out of memory");
				break;
			}
			v = nv;
			cap *= 2;
		}
		v[n++] = x;
	}
	long lines = r.line;
	*bytes = r.total;
	trace_lines_close(&r);
	if (got == 0 && lines == 0) {
		bad++;
		diag_add(d, path, 1, 0, "empty file (expected one integer CPU percentage per line)");
	}
	if (bad || got < 0) {
		free(v);
		return -1;
	}
	*out = v;
	*count = n;
	return 0;
}

/* An entry of a folder: its key (the VM or the day it holds) and its name on disk. */
struct folder_entry {
	char *key;
	char *file;
};

static int cmp_folder_entry(const void *a, const void *b)
{
	const struct folder_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c != 0 ? c : strcmp(x->file, y->file);
}

static void free_folder_entries(struct folder_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].key);
		free(e[i].file);
	}
	free(e);
}

/*
 * The entries of folder path (names starting with '.' left out) that accept(full path, name, d)
 * takes (1; 0 after a message naming the entry: never skipped in silence, *refused counts them),
 * each keyed by key_of(name), in (key, name) order, never directory order. Returns their count
 * (*out to be freed with free_folder_entries), or -1 after "cannot open folder" or "out of
 * memory".
 */
static long list_folder(const char *path, int (*accept)(const char *full, const char *name, struct diag *d),
			char *(*key_of)(const char *name), struct folder_entry **out, int *refused,
			struct diag *d)
{
	*refused = 0;
	DIR *dir = opendir(path);
	if (dir == NULL)
		return diag_add(d, path, 0, 0, "cannot open folder: %s", strerror(errno));
	size_t cap = 64, n = 0;
	struct folder_entry *e = malloc(cap * sizeof *e);
	struct dirent *de;
	int oom = e == NULL;
	while (!oom && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *full = join_path(path, de->d_name);
		if (full == NULL) {
			oom = 1;
			break;
		}
		int ok = accept(full, de->d_name, d);
		free(full);
		if (!ok) {
			(*refused)++;
			continue;
		}
		if (n == cap) {
			struct folder_entry *ne = realloc(e, 2 * cap * sizeof *e);
			if (ne == NULL) {
				oom = 1;
				break;
			}
			e = ne;
			cap *= 2;
		}
		e[n].key = key_of(de->d_name);
		e[n].file = trace_dup_str(de->d_name);
		if (e[n].key == NULL || e[n].file == NULL) {
			free(e[n].key);
			free(e[n].file);
			oom = 1;
			break;
		}
		n++;
	}
	closedir(dir);
	if (oom) {
		if (e != NULL)
			free_folder_entries(e, n);
		return diag_add(d, path, 0, 0, "out of memory");
	}
	qsort(e, n, sizeof *e, cmp_folder_entry);
	*out = e;
	return (long)n;
}

/*
 * Is the folder entry full something other than a regular file (or a symbolic link to one)?
 * Never skipped in silence: a day would lose a VM. 0, or -1 with a message naming it.
 */
static int entry_not_trace(const char *full, struct diag *d)
{
	struct stat st;
	if (stat(full, &st) != 0) {
		int err = errno;
		struct stat lst;
		if (err == ENOENT && lstat(full, &lst) == 0 && S_ISLNK(lst.st_mode))
			return diag_add(d, full, 0, 0, "dangling symbolic link (a day folder holds one "
					"regular file per VM)");
		if (err == ELOOP)
			return diag_add(d, full, 0, 0, "symbolic link loop (a day folder holds one regular "
					"file per VM)");
		return diag_add(d, full, 0, 0, "cannot open: %s", strerror(err));
	}
	if (S_ISREG(st.st_mode))
		return 0;
	const char *kind = S_ISDIR(st.st_mode) ? "a folder" : S_ISFIFO(st.st_mode) ? "a FIFO"
			 : S_ISSOCK(st.st_mode) ? "a socket" : S_ISCHR(st.st_mode) ? "a character device"
			 : S_ISBLK(st.st_mode) ? "a block device" : "an entry of unknown type";
	return diag_add(d, full, 0, 0, "is %s, not a trace file (a day folder holds one regular file "
			"per VM)", kind);
}

/* list_folder's accept for a day folder: a regular file (or a link to one). */
static int vm_entry(const char *full, const char *name, struct diag *d)
{
	(void)name;
	return entry_not_trace(full, d) == 0;
}

/* list_folder's key for a day folder: the VM's name, the file's without ".gz". */
static char *vm_name(const char *name)
{
	char *s = trace_dup_str(name);
	if (s != NULL && ends_with(s, ".gz"))
		s[strlen(s) - 3] = '\0';
	return s;
}

static struct trace_set *read_dir(const char *path, size_t max_vms, struct diag *d)
{
	struct folder_entry *e = NULL;
	int bad_entries;
	long got = list_folder(path, vm_entry, vm_name, &e, &bad_entries, d);
	if (got < 0)
		return NULL;
	size_t n = (size_t)got;
	struct trace_set *t = NULL;
	if (bad_entries > 0)
		goto out;
	if (n == 0) {
		diag_add(d, path, 0, 0, "no trace files in folder (expected one file per VM)");
		goto out;
	}
	/* (byte-wise name order, never directory order; ".gz" does not count) */
	for (size_t i = 1; i < n; i++) {
		if (strcmp(e[i - 1].key, e[i].key) == 0) {
			diag_add(d, path, 0, 0, "both %s and %s hold VM '%s'", e[i - 1].file, e[i].file,
				 e[i].key);
			goto out;
		}
	}
	size_t want = max_vms > 0 ? max_vms : n;
	if (want > n) {
		diag_add(d, path, 0, 0, "has %zu trace files; the experiment needs %zu", n, want);
		goto out;
	}
	t = trace_set_alloc(path, want);
	if (t == NULL) {
		diag_add(d, path, 0, 0, "out of memory");
		goto out;
	}
	int bad = 0;
	size_t total = 0;
	for (size_t i = 0; i < want; i++) {
		t->n_vms = i + 1;
		t->names[i] = trace_dup_str(e[i].key);
		t->sources[i] = join_path(path, e[i].file);
		if (t->names[i] == NULL || t->sources[i] == NULL) {
			diag_add(d, path, 0, 0, "out of memory");
			bad++;
			break;
		}
		size_t bytes = 0;
		if (read_vm_file(t->sources[i], &t->pct[i], &t->n_samples[i], &bytes, d) != 0)
			bad++;
		total += bytes;
		if (total > TRACE_DAY_MAX) {
			diag_add(d, path, 0, 0, "the day's files hold more than %zu MiB once decompressed (at %s; "
				 "a day, folder or packed, holds at most %zu MiB of trace text)",
				 TRACE_DAY_MAX >> 20, e[i].file, TRACE_DAY_MAX >> 20);
			bad++;
			break;
		}
	}
	if (bad) {
		trace_destroy(t);
		t = NULL;
	}
out:
	free_folder_entries(e, n);
	return t;
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
	return trace_read_packed(path, max_vms, d);
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


/* --- days --- */

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

/*
 * What a folder of days holds under name (full is its path): 1 a day (a sub-folder, DAY.csv or
 * DAY.csv.gz), or 0 with a message naming the entry: never skipped in silence, a sweep over
 * day=all would lose a day.
 */
static int day_entry(const char *full, const char *name, struct diag *d)
{
	struct stat st;
	if (stat(full, &st) != 0) {
		int err = errno;
		struct stat lst;
		if (err == ENOENT && lstat(full, &lst) == 0 && S_ISLNK(lst.st_mode))
			diag_add(d, full, 0, 0, "dangling symbolic link (a folder of days holds day folders, "
				 "DAY.csv and DAY.csv.gz files)");
		else if (err == ELOOP)
			diag_add(d, full, 0, 0, "symbolic link loop (a folder of days holds day folders, "
				 "DAY.csv and DAY.csv.gz files)");
		else
			diag_add(d, full, 0, 0, "cannot open: %s", strerror(err));
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return 1;
	if (S_ISREG(st.st_mode) && (ends_with(name, ".csv.gz") || ends_with(name, ".csv")))
		return 1;
	const char *kind = S_ISREG(st.st_mode) ? "a file that is not a day (neither DAY.csv nor DAY.csv.gz)"
			 : S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket"
			 : S_ISCHR(st.st_mode) ? "a character device" : S_ISBLK(st.st_mode) ? "a block device"
			 : "an entry of unknown type";
	diag_add(d, full, 0, 0, "is %s; a folder of days holds only day folders, DAY.csv and DAY.csv.gz "
		 "files (names starting with '.' are ignored)", kind);
	return 0;
}

long trace_list_days(const char *path, char ***days, struct diag *d)
{
	struct folder_entry *v = NULL;
	int bad;
	long got = list_folder(path, day_entry, day_name, &v, &bad, d);
	if (got < 0)
		return -1;
	size_t n = (size_t)got;
	/* a day held twice (20110303/ and 20110303.csv.gz) is ambiguous: every such pair told */
	int twice = 0;
	for (size_t i = 1; !bad && i < n; i++)
		if (strcmp(v[i - 1].key, v[i].key) == 0) {
			diag_add(d, path, 0, 0, "both %s and %s hold day %s; keep one", v[i - 1].file,
				 v[i].file, v[i].key);
			twice++;
		}
	bad += twice;
	char **out = bad ? NULL : malloc((n > 0 ? n : 1) * sizeof *out);
	for (size_t i = 0; out != NULL && i < n; i++) {
		out[i] = v[i].key; /* (taken) */
		v[i].key = NULL;
	}
	free_folder_entries(v, n);
	if (bad)
		return -1;
	if (out == NULL)
		return diag_add(d, path, 0, 0, "out of memory");
	*days = out;
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
		return trace_dup_str(path);
	if (day != NULL) {
		/* the sub-folder DAY, DAY.csv.gz or DAY.csv: exactly one of them */
		static const char *const suffixes[] = { "", ".csv.gz", ".csv" };
		char *found = NULL;
		const char *found_suffix = NULL;
		for (size_t k = 0; k < 3; k++) {
			char name[1024];
			snprintf(name, sizeof name, "%s%s", day, suffixes[k]);
			char *full = join_path(path, name);
			if (full == NULL) {
				free(found);
				diag_add(d, path, 0, 0, "out of memory");
				return NULL;
			}
			if (stat(full, &st) != 0 || !(k == 0 ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode))) {
				free(full);
				continue;
			}
			if (found != NULL) {
				diag_add(d, path, 0, 0, "both %s%s and %s hold day %s; keep one", day, found_suffix,
					 name, day);
				free(found);
				free(full);
				return NULL;
			}
			found = full;
			found_suffix = k == 0 ? "/" : suffixes[k];
		}
		if (found != NULL)
			return found;
	}
	char **days = NULL;
	long n = trace_list_days(path, &days, d);
	if (n < 0)
		return NULL;
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
	for (long i = 0; i < n; i++)
		free(days[i]);
	free(days);
	return NULL;
}
