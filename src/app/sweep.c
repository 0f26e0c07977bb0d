/*
 * sweep: the cartesian product of experiment axes, run on a pool of POSIX threads; see sweep.h.
 * Every run works on its own copy of the experiment and its own simulation; the only shared
 * state is the table of trace days (read once each, under a mutex, then only read) and the
 * index of the next run to start. Results land in the slot of their run index, so the output
 * order never depends on the threads.
 */
#include "sweep.h"

#include "plugin.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"
#include "run.h"
#include "trace.h"

#define MAX_RUNS 10000000L
#define MAX_RANGE 100000
#define MAX_DECIMALS 9

static const struct {
	const char *name, *key;
} shorthands[] = {
	{ "policy", "policy.name" }, { "selection", "policy.selection" }, { "param", "policy.param" },
	{ "seed", "policy.seed" },   { "day", "workload.day" },          { "vms", "workload.vms" },
};

static char *dup_range(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static int add_value(struct sweep_axis *a, char *v, int *cap)
{
	if (v == NULL)
		return -1;
	if (a->n == *cap) {
		int c = *cap > 0 ? 2 * *cap : 8;
		char **nv = realloc(a->values, (size_t)c * sizeof *nv);
		if (nv == NULL) {
			free(v);
			return -1;
		}
		a->values = nv;
		*cap = c;
	}
	a->values[a->n++] = v;
	return 0;
}

/* A decimal "[-]digits[.digits]" as mantissa x 10^-scale; -1 if not one. */
static int parse_decimal(const char *s, int64_t *mant, int *scale)
{
	const char *p = s;
	bool neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	int64_t m = 0;
	int sc = 0, digits = 0;
	bool frac = false;
	for (; *p; p++) {
		if (*p == '.' && !frac) {
			frac = true;
			continue;
		}
		if (!isdigit((unsigned char)*p) || ++digits > 15)
			return -1;
		m = m * 10 + (*p - '0');
		if (frac && ++sc > MAX_DECIMALS)
			return -1;
	}
	*mant = neg ? -m : m;
	*scale = sc;
	return 0;
}

static int64_t rescale(int64_t m, int from, int to)
{
	for (int i = from; i < to; i++)
		m *= 10;
	return m;
}

static char *format_decimal(int64_t m, int scale)
{
	char buf[64];
	bool neg = m < 0;
	uint64_t u = neg ? (uint64_t)(-m) : (uint64_t)m;
	/* digits from the right, the point after `scale` of them, at least one before it */
	char rev[48];
	int n = 0;
	do {
		if (n == scale && scale > 0)
			rev[n++] = '.';
		rev[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0 || n <= scale);
	int k = 0;
	if (neg)
		buf[k++] = '-';
	while (n > 0)
		buf[k++] = rev[--n];
	buf[k] = '\0';
	return dup_range(buf, (size_t)k);
}

/* "start:end:step" into a->values; 1 if s is not a range, 0 done, -1 error (reported). */
static int parse_range(const char *s, struct sweep_axis *a, int *cap, struct diag *d)
{
	const char *c1 = strchr(s, ':');
	if (c1 == NULL)
		return 1;
	const char *c2 = strchr(c1 + 1, ':');
	char part[3][64];
	if (c2 == NULL || strchr(c2 + 1, ':') != NULL || (size_t)(c1 - s) >= 64 ||
	    (size_t)(c2 - c1 - 1) >= 64 || strlen(c2 + 1) >= 64)
		return diag_add(d, "--vary", 0, 0, "%s: \"%s\" is not a range (expected START:END:STEP, "
				"e.g. 0.5:0.9:0.1)", a->name, s);
	snprintf(part[0], sizeof part[0], "%.*s", (int)(c1 - s), s);
	snprintf(part[1], sizeof part[1], "%.*s", (int)(c2 - c1 - 1), c1 + 1);
	snprintf(part[2], sizeof part[2], "%s", c2 + 1);
	int64_t m[3];
	int sc[3], scale = 0;
	for (int i = 0; i < 3; i++) {
		if (parse_decimal(part[i], &m[i], &sc[i]) != 0)
			return diag_add(d, "--vary", 0, 0, "%s: \"%s\" in the range %s is not a decimal "
					"number (at most 15 digits, %d decimals)", a->name, part[i], s,
					MAX_DECIMALS);
		if (sc[i] > scale)
			scale = sc[i];
	}
	for (int i = 0; i < 3; i++)
		m[i] = rescale(m[i], sc[i], scale);
	if (!(m[2] > 0) || m[1] < m[0])
		return diag_add(d, "--vary", 0, 0, "%s: range %s needs START <= END and STEP > 0", a->name, s);
	if ((m[1] - m[0]) / m[2] >= MAX_RANGE)
		return diag_add(d, "--vary", 0, 0, "%s: range %s has more than %d values", a->name, s,
				MAX_RANGE);
	for (int64_t v = m[0]; v <= m[1]; v += m[2])
		if (add_value(a, format_decimal(v, scale), cap) != 0)
			return diag_add(d, NULL, 0, 0, "out of memory");
	return 0;
}

/* The key a part name sets: a shorthand's, "experiment", or SECTION.KEY as given; NULL if none. */
static const char *part_key(const char *name)
{
	for (size_t i = 0; i < sizeof shorthands / sizeof shorthands[0]; i++)
		if (strcmp(name, shorthands[i].name) == 0)
			return shorthands[i].key;
	if (strcmp(name, "experiment") == 0)
		return "experiment";
	const char *dot = strchr(name, '.');
	if (dot == NULL || dot == name || dot[1] == '\0')
		return NULL;
	return name;
}

/* -1 with "PATH: is a directory (expected WHAT)" if it is one (reading it says "read error"). */
static int not_directory(const char *path, const char *what, struct diag *d)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? diag_add(d, path, 0, 0, "is a directory "
								       "(expected %s)", what) : 0;
}

/* Values from @FILE: one per line, blank lines and '#' comments skipped. */
static int read_values_file(const char *path, struct sweep_axis *a, int *cap, struct diag *d)
{
	if (not_directory(path, "a file of values, one per line", d) != 0)
		return -1;
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return diag_add(d, path, 0, 0, "cannot open the values of axis %s: %s", a->name, strerror(errno));
	snprintf(a->dir, sizeof a->dir, "%s", path);
	char *slash = strrchr(a->dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		snprintf(a->dir, sizeof a->dir, ".");
	char line[1024];
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
		char *h = strchr(line, '#');
		if (h != NULL)
			*h = '\0';
		size_t len = strlen(line);
		while (len > 0 && isspace((unsigned char)line[len - 1]))
			line[--len] = '\0';
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			continue;
		if (add_value(a, dup_range(p, strlen(p)), cap) != 0)
			rc = diag_add(d, NULL, 0, 0, "out of memory");
	}
	if (rc == 0 && ferror(f))
		rc = diag_add(d, path, 0, 0, "read error");
	fclose(f);
	if (rc == 0 && a->n == 0)
		rc = diag_add(d, path, 0, 0, "no values for axis %s (one per line)", a->name);
	return rc;
}

int sweep_axis_parse(const char *spec, struct sweep_axis *a, struct diag *d)
{
	memset(a, 0, sizeof *a);
	const char *eq = strchr(spec, '=');
	if (eq == NULL || eq == spec || eq[1] == '\0')
		return diag_add(d, "--vary", 0, 0, "\"%s\" is not NAME=VALUES (e.g. policy=thr,iqr, "
				"param=0.5:0.9:0.1, day=all, hosts.count=100,200)", spec);
	size_t nlen = (size_t)(eq - spec);
	if (nlen >= sizeof a->name)
		return diag_add(d, "--vary", 0, 0, "axis name too long in \"%s\"", spec);
	memcpy(a->name, spec, nlen);
	a->name[nlen] = '\0';
	/* the parts of a joined name */
	const char *p = a->name;
	for (;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);
		if (a->parts == SWEEP_MAX_PARTS || len == 0 || len >= sizeof a->part_name[0])
			return diag_add(d, "--vary", 0, 0, "axis '%s': expected up to %d names joined by '|'",
					a->name, SWEEP_MAX_PARTS);
		memcpy(a->part_name[a->parts], p, len);
		a->part_name[a->parts][len] = '\0';
		const char *key = part_key(a->part_name[a->parts]);
		if (key == NULL)
			return diag_add(d, "--vary", 0, 0, "unknown axis '%s' (expected policy, selection, "
					"param, seed, day, vms, experiment or SECTION.KEY of the experiment file)",
					a->part_name[a->parts]);
		snprintf(a->part_key[a->parts], sizeof a->part_key[0], "%s", key);
		for (int k = 0; k < a->parts; k++)
			if (strcmp(a->part_key[k], a->part_key[a->parts]) == 0)
				return diag_add(d, "--vary", 0, 0, "axis '%s' sets %s twice", a->name, key);
		a->parts++;
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	const char *vals = eq + 1;
	int cap = 0;
	int r = 1;
	if (vals[0] == '@')
		r = read_values_file(vals + 1, a, &cap, d) == 0 ? 0 : -1;
	else if (a->parts == 1)
		r = parse_range(vals, a, &cap, d);
	if (r < 0) {
		sweep_axis_free(a);
		return -1;
	}
	if (r == 1) {
		char sep = a->parts > 1 || strchr(vals, ';') != NULL ? ';' : ',';
		const char *q0 = vals;
		for (;;) {
			const char *q = strchr(q0, sep);
			size_t len = q != NULL ? (size_t)(q - q0) : strlen(q0);
			if (len == 0) {
				sweep_axis_free(a);
				return diag_add(d, "--vary", 0, 0, "%s: an empty value in \"%s\"", a->name, vals);
			}
			if (add_value(a, dup_range(q0, len), &cap) != 0) {
				sweep_axis_free(a);
				return diag_add(d, NULL, 0, 0, "out of memory");
			}
			if (q == NULL)
				break;
			q0 = q + 1;
		}
	}
	for (int i = 0; i < a->n; i++) {
		int bars = 0;
		for (const char *c = a->values[i]; *c; c++)
			bars += *c == '|';
		if (bars != a->parts - 1) {
			diag_add(d, "--vary", 0, 0, "%s: the value \"%s\" has %d parts, expected %d (joined by '|')",
				 a->name, a->values[i], bars + 1, a->parts);
			sweep_axis_free(a);
			return -1;
		}
		for (int j = 0; j < i; j++) {
			if (strcmp(a->values[i], a->values[j]) == 0) {
				diag_add(d, "--vary", 0, 0, "%s: the value \"%s\" appears twice", a->name,
					 a->values[i]);
				sweep_axis_free(a);
				return -1;
			}
		}
	}
	return 0;
}

void sweep_value_part(const char *value, int part, char *out, size_t n)
{
	const char *p = value;
	for (int k = 0; k < part && p != NULL; k++) {
		p = strchr(p, '|');
		if (p != NULL)
			p++;
	}
	if (p == NULL) {
		snprintf(out, n, "%s", "");
		return;
	}
	const char *bar = strchr(p, '|');
	size_t len = bar != NULL ? (size_t)(bar - p) : strlen(p);
	snprintf(out, n, "%.*s", (int)len, p);
}

void sweep_axis_free(struct sweep_axis *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->values[i]);
	free(a->values);
	a->values = NULL;
	a->n = 0;
}

int sweep_prepare(struct sweep_spec *s, struct diag *d)
{
	if (s->n_axes > SWEEP_MAX_AXES)
		return diag_add(d, "--vary", 0, 0, "more than %d axes", SWEEP_MAX_AXES);
	bool has_experiment = false;
	for (int k = 0; k < s->n_axes; k++) {
		for (int p = 0; p < s->axes[k].parts; p++) {
			has_experiment |= strcmp(s->axes[k].part_key[p], "experiment") == 0;
			for (int j = 0; j < k; j++)
				for (int q = 0; q < s->axes[j].parts; q++)
					if (strcmp(s->axes[j].part_key[q], s->axes[k].part_key[p]) == 0)
						return diag_add(d, "--vary", 0, 0, "two axes set %s",
								s->axes[k].part_key[p]);
		}
	}
	if (s->base == NULL && !has_experiment)
		return diag_add(d, NULL, 0, 0, "no experiment: give EXPERIMENT.ini or an 'experiment' axis");
	struct experiment *scratch = malloc(sizeof *scratch);
	if (scratch == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	int errors = 0;
	/* Each experiment file must load (with the overrides); the first is the reference for the
	 * other keys' checks and for day=all. */
	bool have_ref = s->base != NULL;
	if (have_ref)
		*scratch = *s->base;
	struct experiment *ref = malloc(sizeof *ref);
	if (ref == NULL) {
		free(scratch);
		return diag_add(d, NULL, 0, 0, "out of memory");
	}
	s->models = 0;
	if (have_ref) {
		*ref = *s->base;
		s->models = report_models_asked(ref);
	}
	for (int k = 0; k < s->n_axes; k++) {
		const struct sweep_axis *a = &s->axes[k];
		for (int p = 0; p < a->parts; p++) {
			if (strcmp(a->part_key[p], "experiment") != 0)
				continue;
			for (int j = 0; j < a->n; j++) {
				char v[CONFIG_PATH_LEN], path[2 * CONFIG_PATH_LEN];
				sweep_value_part(a->values[j], p, v, sizeof v);
				snprintf(path, sizeof path, "%s%s%s", v[0] != '/' && a->dir[0] ? a->dir : "",
					 v[0] != '/' && a->dir[0] ? "/" : "", v);
				config_defaults(scratch, s->default_traces);
				int bad = not_directory(path, "an experiment file", d) != 0 ||
					  config_load(scratch, path, d) != 0;
				for (int q = 0; q < s->n_sets && !bad; q++)
					bad = config_set(scratch, s->sets[q], d) != 0;
				errors += bad;
				if (!bad)
					s->models |= report_models_asked(scratch);
				if (!bad && !have_ref) {
					*ref = *scratch;
					have_ref = true;
				}
			}
		}
	}
	for (int k = 0; k < s->n_axes && errors == 0; k++) {
		struct sweep_axis *a = &s->axes[k];
		if (a->parts == 1 && strcmp(a->part_key[0], "workload.day") == 0 && a->n == 1 &&
		    strcmp(a->values[0], "all") == 0) {
			char **days = NULL;
			long n = trace_list_days(ref->traces, &days, d);
			if (n <= 0) {
				if (n == 0)
					diag_add(d, ref->traces, 0, 0, "day=all: no days in this folder");
				free(days);
				errors++;
				break;
			}
			sweep_axis_free(a);
			a->values = days;
			a->n = (int)n;
		}
		for (int p = 0; p < a->parts; p++) {
			if (strcmp(a->part_key[p], "experiment") == 0)
				continue;
			for (int j = 0; j < a->n; j++) {
				*scratch = *ref;
				char v[CONFIG_PATH_LEN], set[CONFIG_PATH_LEN + 200];
				sweep_value_part(a->values[j], p, v, sizeof v);
				snprintf(set, sizeof set, "%s=%s", a->part_key[p], v);
				struct diag one;
				diag_init(&one);
				if (config_set(scratch, set, &one) != 0) {
					diag_add(d, "--vary", 0, 0, "%s=%s: %s", a->part_name[p], v, one.msg[0]);
					errors++;
					continue;
				}
				s->models |= report_models_asked(scratch);
				if (strcmp(a->part_key[p], "policy.name") == 0 && plugin_is_path(v)) {
					/* plugins load here, before any run: a bad one is bad input */
					const struct gm_policy *pol;
					char msg[DIAG_MSG_LEN];
					if (plugin_load(v, &pol, msg, sizeof msg) != 0) {
						diag_add(d, NULL, 0, 0, "%s", msg);
						errors++;
					}
				}
			}
		}
	}
	if (errors == 0)
		errors += sweep_check_days(s, ref, scratch, d);
	free(scratch);
	free(ref);
	if (errors == 0 && sweep_count(s->axes, s->n_axes) < 0)
		return diag_add(d, "--vary", 0, 0, "more than %ld runs", MAX_RUNS);
	if (errors == 0)
		s->models |= sweep_trace_models(s); /* the memory columns, when a trace has memory */
	return errors > 0 ? -1 : 0;
}

long sweep_count(const struct sweep_axis *axes, int n_axes)
{
	long n = 1;
	for (int k = 0; k < n_axes; k++) {
		n *= axes[k].n;
		if (n > MAX_RUNS)
			return -1;
	}
	return n;
}

void sweep_combination(const struct sweep_axis *axes, int n_axes, long i, int *pick)
{
	for (int k = n_axes - 1; k >= 0; k--) {
		pick[k] = (int)(i % axes[k].n);
		i /= axes[k].n;
	}
}

void sweep_describe_run(const struct sweep_axis *axes, int n_axes, long i, char *buf, size_t n)
{
	int pick[SWEEP_MAX_AXES];
	sweep_combination(axes, n_axes, i, pick);
	size_t used = 0;
	buf[0] = '\0';
	for (int k = 0; k < n_axes && used < n; k++) {
		int w = snprintf(buf + used, n - used, "%s%s=%s", k > 0 ? ", " : "", axes[k].name,
				 axes[k].values[pick[k]]);
		used += w > 0 ? (size_t)w : 0;
	}
}

struct sweep_out {
	const struct sweep_spec *s;
	const struct sweep_result *res;
	long n;
};

static int write_sweep(FILE *out, const void *ctx)
{
	const struct sweep_out *o = ctx;
	if (sweep_write_header(out, o->s) != 0)
		return -1;
	for (long i = 0; i < o->n; i++)
		if (o->res[i].row != NULL && fputs(o->res[i].row, out) == EOF)
			return -1;
	return 0;
}

int sweep_write_file(const char *path, const struct sweep_spec *s, const struct sweep_result *res,
		     long n, struct diag *d)
{
	struct sweep_out o = { s, res, n };
	return report_write_file(path, write_sweep, &o, d);
}

int sweep_load(struct sweep_spec *s, struct experiment *base, const char *ini, const char *traces,
	       char *const *sets, int n_sets, char *const *vary, int n_vary, struct sweep_axis *axes,
	       struct diag *d)
{
	*s = (struct sweep_spec){ ini != NULL ? base : NULL, traces, sets, n_sets, axes, 0, 0 };
	if (ini != NULL) {
		config_defaults(base, traces);
		if (not_directory(ini, "an experiment file", d) != 0 || config_load(base, ini, d) != 0)
			return -1;
		for (int k = 0; k < n_sets; k++)
			if (config_set(base, sets[k], d) != 0)
				return -1;
	}
	for (int k = 0; k < n_vary; k++) {
		if (sweep_axis_parse(vary[k], &axes[s->n_axes], d) != 0)
			return -1;
		s->n_axes++;
	}
	return sweep_prepare(s, d);
}

/* --- the runs --- */

struct day_entry {
	char *path;
	long days;          /* workload.days: the days from path on */
	struct trace_set *t;
	char *error;
};

struct pool {
	const struct sweep_spec *spec;
	long total, next, done;
	struct sweep_result *results;
	void (*progress)(void *ctx, long done, long total);
	void *ctx;
	const struct sweep_resume *rs; /* NULL, or runs done before and a call per run */
	pthread_mutex_t lock;      /* next, done, progress, rs->finished */
	pthread_mutex_t days_lock; /* days */
	struct day_entry *days;
	int n_days, cap_days;
	bool oom;
	int param_columns;         /* sweep_param_columns */
	uint64_t dropped;          /* sweep_axes_dropped */
};

static char *diag_text(const struct diag *d)
{
	size_t len = 1;
	for (int i = 0; i < d->count; i++)
		len += strlen(d->msg[i]) + 2;
	char *s = malloc(len);
	if (s == NULL)
		return NULL;
	s[0] = '\0';
	for (int i = 0; i < d->count; i++) {
		if (i > 0)
			strcat(s, "; ");
		strcat(s, d->msg[i]);
	}
	return s;
}

/* The trace day of e: read on first use, then shared. NULL with the reason in d. */
static const struct trace_set *get_day(struct pool *p, const struct experiment *e, struct diag *d)
{
	char *path = run_resolve_day(e, d);
	if (path == NULL)
		return NULL;
	pthread_mutex_lock(&p->days_lock);
	struct day_entry *found = NULL;
	for (int i = 0; i < p->n_days; i++)
		if (strcmp(p->days[i].path, path) == 0 && p->days[i].days == e->days)
			found = &p->days[i];
	if (found == NULL && p->n_days == p->cap_days) {
		int cap = p->cap_days > 0 ? 2 * p->cap_days : 16;
		struct day_entry *nd = realloc(p->days, (size_t)cap * sizeof *nd);
		if (nd != NULL) {
			p->days = nd;
			p->cap_days = cap;
		}
	}
	if (found == NULL && p->n_days < p->cap_days) {
		found = &p->days[p->n_days++];
		found->path = path;
		found->days = e->days;
		path = NULL;
		struct diag rd;
		diag_init(&rd);
		found->t = run_read_trace(e, found->path, 0, &rd);
		found->error = found->t == NULL ? diag_text(&rd) : NULL;
	}
	const struct trace_set *t = NULL;
	if (found == NULL)
		diag_add(d, NULL, 0, 0, "out of memory");
	else if (found->t == NULL)
		diag_add(d, NULL, 0, 0, "%s", found->error != NULL ? found->error : "out of memory");
	else
		t = found->t;
	pthread_mutex_unlock(&p->days_lock);
	free(path);
	return t;
}

/* Run i's row (sweep_write_header): its axis fields, its stats row but the columns the axes
 * have, its parameters; NULL if out of memory. */
static char *compose_row(const struct pool *p, long i, const struct experiment *e,
			 const struct gm_policy *pol, const char *day, const struct run_result *r)
{
	const struct sweep_spec *s = p->spec;
	char *stats = NULL, *row = NULL;
	size_t slen = 0, rlen = 0;
	FILE *f = open_memstream(&stats, &slen);
	if (f == NULL)
		return NULL;
	int bad = report_stats_row_cols(f, e, day, r, s->models) != 0;
	bad |= fclose(f) != 0;
	f = bad ? NULL : open_memstream(&row, &rlen);
	bad |= f == NULL;
	if (!bad) {
		double v[GM_MAX_PARAMS];
		int n = sweep_policy_params(pol, e->param, v);
		bad |= sweep_write_axis_fields(f, s->axes, s->n_axes, i) != 0;
		bad |= sweep_put_stats(f, stats, p->dropped) != 0;
		bad |= sweep_put_params(f, v, n < p->param_columns ? n : p->param_columns, p->param_columns) != 0;
		bad |= fputc('\n', f) == EOF;
		bad |= fclose(f) != 0;
	}
	free(stats);
	if (bad) {
		free(row);
		return NULL;
	}
	return row;
}

/* Run i: its row, or its error. */
static void run_one(struct pool *p, long i, struct experiment *e)
{
	struct sweep_result *res = &p->results[i];
	struct diag d;
	diag_init(&d);
	const struct gm_policy *pol = NULL;
	const struct trace_set *t = NULL;
	struct run_result r;
	int rc = -2;
	int applied = sweep_apply(p->spec, i, e, &d);
	if (applied == 0 && e->threads == 0)
		e->threads = 1; /* the sweep's runs are its threads */
	if (applied == 0 && config_validate(e, &d) == 0 &&
	    run_prepare(e, &pol, &d) == 0 && (e->model == MODEL_2010 || (t = get_day(p, e, &d)) != NULL))
		rc = run_once(e, pol, t, &r, &d);
	if (rc == 0) {
		res->row = compose_row(p, i, e, pol, t != NULL ? t->day : "stochastic", &r);
		p->oom |= res->row == NULL;
	} else {
		res->error = diag_text(&d);
		if (res->error == NULL)
			p->oom = true;
	}
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	struct experiment *e = malloc(sizeof *e);
	if (e == NULL) {
		pthread_mutex_lock(&p->lock);
		p->oom = true;
		pthread_mutex_unlock(&p->lock);
		return NULL;
	}
	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (p->rs != NULL && p->next < p->total && p->results[p->next].row != NULL)
			p->next++; /* done before (a run not yet claimed has no row) */
		long i = p->next < p->total && !p->oom ? p->next++ : -1;
		pthread_mutex_unlock(&p->lock);
		if (i < 0)
			break;
		run_one(p, i, e);
		pthread_mutex_lock(&p->lock);
		p->done++;
		if (p->rs != NULL && p->rs->finished != NULL)
			p->rs->finished(p->rs->ctx, i, &p->results[i]);
		if (p->progress != NULL)
			p->progress(p->ctx, p->done, p->total);
		pthread_mutex_unlock(&p->lock);
	}
	free(e);
	return NULL;
}

int sweep_run(const struct sweep_spec *s, int threads, void (*progress)(void *ctx, long done, long total),
	      void *ctx, struct sweep_result **results, struct diag *d)
{
	return sweep_run_resumed(s, threads, progress, ctx, NULL, results, d);
}

int sweep_run_resumed(const struct sweep_spec *s, int threads, void (*progress)(void *ctx, long done, long total),
		      void *ctx, const struct sweep_resume *rs, struct sweep_result **results, struct diag *d)
{
	long total = sweep_count(s->axes, s->n_axes);
	if (total < 0)
		return diag_add(d, NULL, 0, 0, "too many runs");
	struct pool p = { .spec = s, .total = total, .progress = progress, .ctx = ctx, .rs = rs,
			  .param_columns = sweep_param_columns(s), .dropped = sweep_axes_dropped(s->axes, s->n_axes) };
	p.results = calloc((size_t)(total > 0 ? total : 1), sizeof *p.results);
	if (p.results == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	for (long i = 0; rs != NULL && rs->rows != NULL && i < total; i++)
		p.done += (p.results[i].row = rs->rows[i]) != NULL;
	pthread_mutex_init(&p.lock, NULL);
	pthread_mutex_init(&p.days_lock, NULL);
	if (threads < 1)
		threads = 1;
	if (threads > total)
		threads = total > 0 ? (int)total : 1;
	pthread_t *tid = calloc((size_t)threads, sizeof *tid);
	int started = 0;
	if (tid != NULL)
		for (; started < threads - 1; started++)
			if (pthread_create(&tid[started], NULL, worker, &p) != 0)
				break;
	worker(&p); /* this thread works too */
	for (int k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
	free(tid);
	for (int i = 0; i < p.n_days; i++) {
		free(p.days[i].path);
		trace_destroy(p.days[i].t);
		free(p.days[i].error);
	}
	free(p.days);
	pthread_mutex_destroy(&p.lock);
	pthread_mutex_destroy(&p.days_lock);
	if (p.oom) {
		sweep_results_free(p.results, total);
		return diag_add(d, NULL, 0, 0, "out of memory");
	}
	*results = p.results;
	return 0;
}

void sweep_results_free(struct sweep_result *r, long n)
{
	if (r == NULL)
		return;
	for (long i = 0; i < n; i++) {
		free(r[i].row);
		free(r[i].error);
	}
	free(r);
}
