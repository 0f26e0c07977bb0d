/*
 * sweep: the cartesian product of experiment axes, run on a pool of POSIX threads; see sweep.h.
 * Every run works on its own copy of the experiment and its own simulation; the only shared
 * state is the table of trace days (read once each, under a mutex, then only read) and the
 * index of the next run to start. Results land in the slot of their run index, so the output
 * order never depends on the threads.
 */
#include "sweep.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	const char *key = NULL;
	for (size_t i = 0; i < sizeof shorthands / sizeof shorthands[0]; i++)
		if (strcmp(a->name, shorthands[i].name) == 0)
			key = shorthands[i].key;
	if (key == NULL) {
		const char *dot = strchr(a->name, '.');
		if (dot == NULL || dot == a->name || dot[1] == '\0')
			return diag_add(d, "--vary", 0, 0, "unknown axis '%s' (expected policy, selection, "
					"param, seed, day, vms or SECTION.KEY of the experiment file)", a->name);
		key = a->name;
	}
	snprintf(a->key, sizeof a->key, "%s", key);
	const char *vals = eq + 1;
	int cap = 0;
	int r = parse_range(vals, a, &cap, d);
	if (r < 0) {
		sweep_axis_free(a);
		return -1;
	}
	if (r == 1) {
		char sep = strchr(vals, ';') != NULL ? ';' : ',';
		const char *p = vals;
		for (;;) {
			const char *q = strchr(p, sep);
			size_t len = q != NULL ? (size_t)(q - p) : strlen(p);
			if (len == 0) {
				sweep_axis_free(a);
				return diag_add(d, "--vary", 0, 0, "%s: an empty value in \"%s\"", a->name, vals);
			}
			if (add_value(a, dup_range(p, len), &cap) != 0) {
				sweep_axis_free(a);
				return diag_add(d, NULL, 0, 0, "out of memory");
			}
			if (q == NULL)
				break;
			p = q + 1;
		}
	}
	for (int i = 0; i < a->n; i++) {
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

void sweep_axis_free(struct sweep_axis *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->values[i]);
	free(a->values);
	a->values = NULL;
	a->n = 0;
}

int sweep_apply(struct experiment *e, const struct sweep_axis *axes, int n_axes, long i, struct diag *d)
{
	int pick[SWEEP_MAX_AXES];
	sweep_combination(axes, n_axes, i, pick);
	for (int k = 0; k < n_axes; k++) {
		char set[512];
		snprintf(set, sizeof set, "%s=%s", axes[k].key, axes[k].values[pick[k]]);
		if (config_set(e, set, d) != 0)
			return -1;
	}
	return 0;
}

int sweep_prepare(const struct experiment *base, struct sweep_axis *axes, int n_axes, struct diag *d)
{
	if (n_axes > SWEEP_MAX_AXES)
		return diag_add(d, "--vary", 0, 0, "more than %d axes", SWEEP_MAX_AXES);
	for (int k = 0; k < n_axes; k++) {
		struct sweep_axis *a = &axes[k];
		for (int j = 0; j < k; j++)
			if (strcmp(axes[j].key, a->key) == 0)
				return diag_add(d, "--vary", 0, 0, "two axes set %s", a->key);
		if (strcmp(a->key, "workload.day") == 0 && a->n == 1 && strcmp(a->values[0], "all") == 0) {
			char **days = NULL;
			long n = trace_list_days(base->traces, &days, d);
			if (n < 0)
				return -1;
			if (n == 0) {
				free(days);
				return diag_add(d, base->traces, 0, 0, "day=all: no days in this folder");
			}
			sweep_axis_free(a);
			a->values = days;
			a->n = (int)n;
		}
	}
	struct experiment *scratch = malloc(sizeof *scratch);
	if (scratch == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
	int errors = 0;
	for (int k = 0; k < n_axes; k++) {
		for (int j = 0; j < axes[k].n; j++) {
			*scratch = *base;
			char set[512];
			snprintf(set, sizeof set, "%s=%s", axes[k].key, axes[k].values[j]);
			struct diag one;
			diag_init(&one);
			if (config_set(scratch, set, &one) != 0) {
				diag_add(d, "--vary", 0, 0, "%s=%s: %s", axes[k].name, axes[k].values[j],
					 one.msg[0]);
				errors++;
			}
		}
	}
	free(scratch);
	if (errors == 0 && sweep_count(axes, n_axes) < 0)
		return diag_add(d, "--vary", 0, 0, "more than %ld runs", MAX_RUNS);
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

int sweep_write_header(FILE *out, const struct sweep_axis *axes, int n_axes)
{
	for (int k = 0; k < n_axes; k++) {
		if (report_csv_field(out, axes[k].name) != 0 || fputc(',', out) == EOF)
			return -1;
	}
	return fprintf(out, "%s\n", report_stats_header()) < 0 ? -1 : 0;
}

int sweep_write_axis_fields(FILE *out, const struct sweep_axis *axes, int n_axes, long i)
{
	int pick[SWEEP_MAX_AXES];
	sweep_combination(axes, n_axes, i, pick);
	for (int k = 0; k < n_axes; k++)
		if (report_csv_field(out, axes[k].values[pick[k]]) != 0 || fputc(',', out) == EOF)
			return -1;
	return 0;
}

/* --- the runs --- */

struct day_entry {
	char *path;
	struct trace_set *t;
	char *error;
};

struct pool {
	const struct experiment *base;
	const struct sweep_axis *axes;
	int n_axes;
	long total, next, done;
	struct sweep_result *results;
	void (*progress)(void *ctx, long done, long total);
	void *ctx;
	pthread_mutex_t lock;      /* next, done, progress */
	pthread_mutex_t days_lock; /* days */
	struct day_entry *days;
	int n_days, cap_days;
	bool oom;
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
	char *path = trace_resolve_day(e->traces, e->day[0] ? e->day : NULL, d);
	if (path == NULL)
		return NULL;
	pthread_mutex_lock(&p->days_lock);
	struct day_entry *found = NULL;
	for (int i = 0; i < p->n_days; i++)
		if (strcmp(p->days[i].path, path) == 0)
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
		path = NULL;
		struct diag rd;
		diag_init(&rd);
		found->t = trace_read(found->path, 0, &rd);
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

/* Run i: its row, or its error. */
static void run_one(struct pool *p, long i, struct experiment *e)
{
	struct sweep_result *res = &p->results[i];
	struct diag d;
	diag_init(&d);
	*e = *p->base;
	const struct policy *pol = NULL;
	const struct trace_set *t = NULL;
	struct sim_result r;
	int rc = -2;
	if (sweep_apply(e, p->axes, p->n_axes, i, &d) == 0 && config_validate(e, &d) == 0 &&
	    run_prepare(e, &pol, &d) == 0 && (e->model == MODEL_2010 || (t = get_day(p, e, &d)) != NULL))
		rc = run_once(e, pol, t, &r, &d);
	char *buf = NULL;
	size_t len = 0;
	if (rc == 0) {
		FILE *f = open_memstream(&buf, &len);
		if (f == NULL || sweep_write_axis_fields(f, p->axes, p->n_axes, i) != 0 ||
		    report_stats_row(f, e, t != NULL ? t->day : "stochastic", &r) != 0) {
			if (f != NULL)
				fclose(f);
			free(buf);
			buf = NULL;
			p->oom = true;
		} else if (fclose(f) != 0) {
			free(buf);
			buf = NULL;
			p->oom = true;
		}
		res->row = buf;
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
		long i = p->next < p->total && !p->oom ? p->next++ : -1;
		pthread_mutex_unlock(&p->lock);
		if (i < 0)
			break;
		run_one(p, i, e);
		pthread_mutex_lock(&p->lock);
		p->done++;
		if (p->progress != NULL)
			p->progress(p->ctx, p->done, p->total);
		pthread_mutex_unlock(&p->lock);
	}
	free(e);
	return NULL;
}

int sweep_run(const struct experiment *base, const struct sweep_axis *axes, int n_axes, int threads,
	      void (*progress)(void *ctx, long done, long total), void *ctx,
	      struct sweep_result **results, struct diag *d)
{
	long total = sweep_count(axes, n_axes);
	if (total < 0)
		return diag_add(d, NULL, 0, 0, "too many runs");
	struct pool p = { .base = base, .axes = axes, .n_axes = n_axes, .total = total,
			  .progress = progress, .ctx = ctx };
	p.results = calloc((size_t)(total > 0 ? total : 1), sizeof *p.results);
	if (p.results == NULL)
		return diag_add(d, NULL, 0, 0, "out of memory");
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
