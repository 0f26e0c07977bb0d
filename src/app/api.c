/*
 * api: the public C API for running experiments (<greenmig/experiment.h>) over the modules the
 * command line uses: config (the file and overrides), run (checks, defaults, policy plugins),
 * trace, sim and report. A result keeps the stats row exactly as report_stats writes it (so the
 * values read through the API are the CSV's, to the bit) and a copy of the timeline.
 */
#include <greenmig/experiment.h>

#include "api.h"
#include "config.h"
#include "diag.h"
#include "plugin.h"
#include "report.h"
#include "run.h"
#include "sim.h"
#include "sweep.h"
#include "trace.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GREENMIG_DATADIR
#define GREENMIG_DATADIR "/usr/local/share/greenmig"
#endif

struct gm_experiment {
	struct experiment e;
};

struct gm_result {
	char *csv;           /* header line and row line, as written */
	int n;               /* columns */
	char **name, **text; /* into names / texts */
	char *names, *texts;
	struct gm_timeline_row *tl;
	int n_tl;
};

/* The messages of d, one per line, into err. */
void api_put_diag(const struct diag *d, char *err, size_t n)
{
	if (n == 0)
		return;
	err[0] = '\0';
	size_t used = 0;
	for (int i = 0; i < d->count && used + 1 < n; i++) {
		int k = snprintf(err + used, n - used, "%s%s", i > 0 ? "\n" : "", d->msg[i]);
		if (k < 0)
			break;
		used += (size_t)k < n - used ? (size_t)k : n - used - 1;
	}
	if (d->count == 0)
		snprintf(err, n, "unknown error");
}

void api_put(char *err, size_t n, const char *fmt, ...)
{
	if (n == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
}

gm_experiment *gm_experiment_load(const char *path, char *err, size_t n)
{
	gm_experiment *x = calloc(1, sizeof *x);
	if (x == NULL) {
		api_put(err, n, "out of memory");
		return NULL;
	}
	struct diag d;
	diag_init(&d);
	config_defaults(&x->e, GREENMIG_DATADIR "/traces/planetlab");
	if (config_load(&x->e, path, &d) != 0) {
		api_put_diag(&d, err, n);
		free(x);
		return NULL;
	}
	return x;
}

static int set_name(char *dst, size_t size, const char *name, const char *value, char *err, size_t n)
{
	if (strlen(value) >= size) {
		api_put(err, n, "%s: \"%s\" is too long", name, value);
		return -1;
	}
	strcpy(dst, value);
	return 0;
}

int gm_experiment_set(gm_experiment *x, const char *name, const char *value, char *err, size_t n)
{
	struct experiment *e = &x->e;
	if (strcmp(name, "policy") == 0)
		return set_name(e->policy, sizeof e->policy, name, value, err, n);
	if (strcmp(name, "selection") == 0)
		return set_name(e->selection, sizeof e->selection, name, value, err, n);
	if (strcmp(name, "param") == 0)
		return set_name(e->param, sizeof e->param, name, value, err, n);
	if (strcmp(name, "day") == 0)
		return set_name(e->day, sizeof e->day, name, value, err, n);
	if (strcmp(name, "traces") == 0)
		return set_name(e->traces, sizeof e->traces, name, value, err, n);
	if (strcmp(name, "seed") == 0 || strcmp(name, "vms") == 0) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(value, &end, 10);
		bool is_seed = name[0] == 's';
		if (end == value || *end != '\0' || errno != 0 || value[0] == '-' || (!is_seed && (v < 1 || v > 0x7fffffffULL))) {
			if (is_seed)
				api_put(err, n, "seed: \"%s\" is not an unsigned integer", value);
			else
				api_put(err, n, "vms: \"%s\" is not a count of VMs (1 or more)", value);
			return -1;
		}
		if (is_seed)
			e->seed = (uint64_t)v;
		else
			e->vms = (long)v;
		return 0;
	}
	if (strchr(name, '.') == NULL) {
		api_put(err, n, "\"%s\" is not a setting: policy, selection, param, seed, day, traces, vms or "
			    "SECTION.KEY", name);
		return -1;
	}
	size_t need = strlen(name) + strlen(value) + 2;
	char *assign = malloc(need);
	if (assign == NULL) {
		api_put(err, n, "out of memory");
		return -1;
	}
	snprintf(assign, need, "%s=%s", name, value);
	struct diag d;
	diag_init(&d);
	int rc = config_set(e, assign, &d);
	free(assign);
	if (rc != 0)
		api_put_diag(&d, err, n);
	return rc;
}

const struct experiment *api_experiment(const gm_experiment *x)
{
	return &x->e;
}

void gm_experiment_free(gm_experiment *x)
{
	free(x);
}

/* Splits one line of the stats CSV into its fields, in place (a field is never longer than
 * its text): bare, or double-quoted with quotes doubled (report_csv_field). 0 or -1. */
static int split_line(char *s, char **out, int max, int *count)
{
	int k = 0;
	char *w = s;
	while (*s != '\0' && *s != '\n') {
		if (k == max)
			return -1;
		out[k++] = w;
		if (*s == '"') {
			s++;
			for (;;) {
				if (*s == '\0')
					return -1;
				if (*s == '"' && s[1] == '"') {
					*w++ = '"';
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					*w++ = *s++;
				}
			}
		} else {
			while (*s != ',' && *s != '\n' && *s != '\0')
				*w++ = *s++;
		}
		bool more = *s == ',';
		*w++ = '\0';
		if (more)
			s++;
		if (more && (*s == '\n' || *s == '\0')) { /* a trailing empty field */
			if (k == max)
				return -1;
			out[k++] = w;
			*w++ = '\0';
		}
	}
	*count = k;
	return 0;
}

gm_result *api_result_from(const struct experiment *e, const char *day, const struct run_result *r,
			   const struct timeline_row *tl, int n_tl, char *err, size_t n)
{
	gm_result *x = calloc(1, sizeof *x);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (x == NULL || f == NULL) {
		free(x);
		if (f != NULL)
			fclose(f);
		api_put(err, n, "out of memory");
		return NULL;
	}
	int wrc = report_stats(f, e, day, r);
	if (fclose(f) != 0 || wrc != 0) {
		free(buf);
		free(x);
		api_put(err, n, "out of memory");
		return NULL;
	}
	x->csv = buf;
	char *nl = strchr(buf, '\n');
	size_t cols = 1;
	for (char *c = buf; c < nl; c++)
		cols += *c == ',';
	x->names = strndup(buf, (size_t)(nl - buf) + 1);
	x->texts = strdup(nl + 1);
	x->name = calloc(cols, sizeof *x->name);
	x->text = calloc(cols, sizeof *x->text);
	int nn = 0, nt = 0;
	if (x->names == NULL || x->texts == NULL || x->name == NULL || x->text == NULL ||
	    split_line(x->names, x->name, (int)cols, &nn) != 0 ||
	    split_line(x->texts, x->text, (int)cols, &nt) != 0 || nn != nt) {
		gm_result_free(x);
		api_put(err, n, "internal error: the stats row does not match its header");
		return NULL;
	}
	x->n = nn;
	if (n_tl > 0) {
		x->tl = malloc((size_t)n_tl * sizeof *x->tl);
		if (x->tl == NULL) {
			gm_result_free(x);
			api_put(err, n, "out of memory");
			return NULL;
		}
		for (int i = 0; i < n_tl; i++)
			x->tl[i] = (struct gm_timeline_row){ tl[i].t_s, tl[i].active_hosts, tl[i].power_w,
							     tl[i].overloaded_hosts, tl[i].migrations_started,
							     tl[i].energy_kwh };
		x->n_tl = n_tl;
	}
	return x;
}

gm_result *gm_run(const gm_experiment *x, char *err, size_t n)
{
	struct experiment *e = malloc(sizeof *e); /* large: not on the stack */
	if (e == NULL) {
		api_put(err, n, "out of memory");
		return NULL;
	}
	*e = x->e;
	struct diag d;
	diag_init(&d);
	const struct gm_policy *p;
	gm_result *res = NULL;
	if (config_validate(e, &d) != 0 || run_prepare(e, &p, &d) != 0) {
		api_put_diag(&d, err, n);
		goto out;
	}
	if (e->model == MODEL_2010) {
		struct run_result r;
		if (run_once(e, p, NULL, &r, &d) != 0)
			api_put_diag(&d, err, n);
		else
			res = api_result_from(e, "stochastic", &r, NULL, 0, err, n);
		goto out;
	}
	char *day_path = run_resolve_day(e, &d);
	struct trace_set *t = day_path != NULL ? run_read_trace(e, day_path, (size_t)e->vms, &d) : NULL;
	free(day_path);
	struct run_sim rs = { NULL, NULL };
	struct run_result r;
	if (t == NULL || run_day(e, t, &rs, &r, &d) != 0) {
		api_put_diag(&d, err, n);
	} else {
		int n_tl;
		const struct timeline_row *tl = sim_timeline(rs.sim, &n_tl);
		res = api_result_from(e, t->day, &r, tl, n_tl, err, n);
	}
	run_sim_destroy(&rs);
	trace_destroy(t);
out:
	free(e);
	return res;
}

int gm_result_columns(const gm_result *r)
{
	return r->n;
}

const char *gm_result_column(const gm_result *r, int i)
{
	return i >= 0 && i < r->n ? r->name[i] : NULL;
}

const char *gm_result_text(const gm_result *r, const char *column)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->name[i], column) == 0)
			return r->text[i];
	return NULL;
}

double gm_result_value(const gm_result *r, const char *column)
{
	const char *s = gm_result_text(r, column);
	if (s == NULL || *s == '\0')
		return NAN;
	char *end;
	double v = strtod(s, &end);
	return *end == '\0' ? v : NAN;
}

int gm_result_write_stats(const gm_result *r, FILE *out)
{
	return fputs(r->csv, out) < 0 ? -1 : 0;
}

int gm_result_timeline_rows(const gm_result *r)
{
	return r->n_tl;
}

int gm_result_timeline(const gm_result *r, int i, struct gm_timeline_row *out)
{
	if (i < 0 || i >= r->n_tl)
		return -1;
	*out = r->tl[i];
	return 0;
}

void gm_result_free(gm_result *r)
{
	if (r == NULL)
		return;
	free(r->csv);
	free(r->names);
	free(r->texts);
	free(r->name);
	free(r->text);
	free(r->tl);
	free(r);
}

int gm_policy_load(const char *path, char *err, size_t n)
{
	const struct gm_policy *p;
	return plugin_load(path, &p, err, n);
}

int gm_policy_register(const struct gm_policy *p, char *err, size_t n)
{
	return plugin_register(p, p != NULL && p->name != NULL ? p->name : "(policy)", err, n);
}

char *gm_sweep(const char *path, const char *const *sets, int n_sets, const char *const *vary, int n_vary,
	       int jobs, void (*progress)(void *ctx, long done, long total), void *ctx, char *err, size_t n)
{
	struct experiment *base = malloc(sizeof *base);
	struct sweep_axis *axes = calloc(SWEEP_MAX_AXES, sizeof *axes);
	struct diag *d = malloc(sizeof *d);
	char *csv = NULL;
	if (base == NULL || axes == NULL || d == NULL) {
		api_put(err, n, "out of memory");
		goto out;
	}
	diag_init(d);
	if (n_vary > SWEEP_MAX_AXES) {
		api_put(err, n, "%d axes: at most %d", n_vary, SWEEP_MAX_AXES);
		goto out;
	}
	if (jobs < 1) {
		api_put(err, n, "jobs: %d is not a count of threads (1 or more)", jobs);
		goto out;
	}
	struct sweep_spec spec;
	if (sweep_load(&spec, base, path, GREENMIG_DATADIR "/traces/planetlab", (char *const *)sets, n_sets,
		       (char *const *)vary, n_vary, axes, d) != 0) {
		api_put_diag(d, err, n);
		goto axes_out;
	}
	long total = sweep_count(spec.axes, spec.n_axes);
	struct sweep_result *res = NULL;
	if (sweep_run(&spec, jobs, progress, ctx, &res, d) != 0) {
		api_put_diag(d, err, n);
		goto axes_out;
	}
	size_t used = 0;
	if (n > 0)
		err[0] = '\0';
	bool failed = false;
	for (long i = 0; i < total; i++) {
		if (res[i].error == NULL)
			continue;
		failed = true;
		char what[2048];
		sweep_describe_run(spec.axes, spec.n_axes, i, what, sizeof what);
		if (used + 1 < n) {
			int k = snprintf(err + used, n - used, "%srun %ld (%s) failed: %s", used > 0 ? "\n" : "",
					 i + 1, what, res[i].error);
			used += k < 0 ? 0 : (size_t)k < n - used ? (size_t)k : n - used - 1;
		}
	}
	size_t len = 0;
	FILE *f = failed ? NULL : open_memstream(&csv, &len);
	if (f != NULL) {
		int wrc = sweep_write_header(f, &spec);
		for (long i = 0; i < total && wrc == 0; i++)
			if (fputs(res[i].row, f) == EOF)
				wrc = -1;
		if (fclose(f) != 0 || wrc != 0) {
			free(csv);
			csv = NULL;
			api_put(err, n, "out of memory");
		}
	} else if (!failed) {
		api_put(err, n, "out of memory");
	}
	sweep_results_free(res, total);
axes_out:
	for (int k = 0; k < spec.n_axes; k++)
		sweep_axis_free(&axes[k]);
out:
	free(base);
	free(axes);
	free(d);
	return csv;
}
