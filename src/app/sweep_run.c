/*
 * sweep_run: what run i of a sweep is (part of the sweep module, sweep.h): its experiment file,
 * the settings its axis values make, the experiment they give and the parameters it uses. The in-process sweep and the
 * emitted jobs (jobs.c) both read a run from here, so the two cannot disagree. And what the runs'
 * traces are, known before any runs: the days exist, and which have a memory series.
 */
#include "sweep.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "plugin.h"
#include "policy.h"
#include "report.h"
#include "run.h"
#include "trace.h"

/* The experiment value of run i (resolved against @FILE's folder) into buf, or NULL if none. */
const char *sweep_experiment_path(const struct sweep_spec *s, long i, char *buf, size_t n)
{
	int pick[SWEEP_MAX_AXES];
	sweep_combination(s->axes, s->n_axes, i, pick);
	for (int k = 0; k < s->n_axes; k++) {
		const struct sweep_axis *a = &s->axes[k];
		for (int p = 0; p < a->parts; p++) {
			if (strcmp(a->part_key[p], "experiment") != 0)
				continue;
			char v[CONFIG_PATH_LEN];
			sweep_value_part(a->values[pick[k]], p, v, sizeof v);
			if (v[0] != '/' && a->dir[0] != '\0')
				snprintf(buf, n, "%s/%s", a->dir, v);
			else
				snprintf(buf, n, "%s", v);
			return buf;
		}
	}
	return NULL;
}

int sweep_each_set(const struct sweep_spec *s, long i, int (*fn)(void *ctx, const char *assignment),
		   void *ctx)
{
	int pick[SWEEP_MAX_AXES];
	sweep_combination(s->axes, s->n_axes, i, pick);
	for (int k = 0; k < s->n_axes; k++) {
		const struct sweep_axis *a = &s->axes[k];
		for (int p = 0; p < a->parts; p++) {
			if (strcmp(a->part_key[p], "experiment") == 0)
				continue;
			char v[CONFIG_PATH_LEN], set[CONFIG_PATH_LEN + 200];
			sweep_value_part(a->values[pick[k]], p, v, sizeof v);
			snprintf(set, sizeof set, "%s=%s", a->part_key[p], v);
			if (fn(ctx, set) != 0)
				return -1;
		}
	}
	return 0;
}

struct apply_ctx {
	struct experiment *e;
	struct diag *d;
};

static int apply_set(void *ctx, const char *assignment)
{
	struct apply_ctx *c = ctx;
	return config_set(c->e, assignment, c->d);
}

int sweep_apply(const struct sweep_spec *s, long i, struct experiment *e, struct diag *d)
{
	char path[CONFIG_PATH_LEN];
	if (sweep_experiment_path(s, i, path, sizeof path) != NULL) {
		config_defaults(e, s->default_traces);
		if (config_load(e, path, d) != 0)
			return -1;
		for (int k = 0; k < s->n_sets; k++)
			if (config_set(e, s->sets[k], d) != 0)
				return -1;
	} else {
		*e = *s->base;
	}
	struct apply_ctx c = { e, d };
	return sweep_each_set(s, i, apply_set, &c);
}


int sweep_policy_params(const struct gm_policy *p, const char *param, double v[GM_MAX_PARAMS])
{
	if (p == NULL || p->n_params <= 0)
		return 0;
	char msg[DIAG_MSG_LEN];
	int n = policy_params(p, param, v, msg, sizeof msg);
	return n > 0 ? n : 0;
}

int sweep_run_params(const struct sweep_spec *s, long i, double v[GM_MAX_PARAMS])
{
	struct experiment *e = malloc(sizeof *e);
	if (e == NULL)
		return 0;
	struct diag d;
	diag_init(&d);
	const struct gm_policy *p = NULL;
	int n = 0;
	if (sweep_apply(s, i, e, &d) == 0 && config_validate(e, &d) == 0 && run_prepare(e, &p, &d) == 0)
		n = sweep_policy_params(p, e->param, v);
	free(e);
	return n;
}

/* The number of parameters of the policy called name (a plugin's path: loaded), 0 if unknown. */
static int policy_param_count(const char *name)
{
	const struct gm_policy *p = NULL;
	char msg[DIAG_MSG_LEN];
	if (plugin_is_path(name) ? plugin_load(name, &p, msg, sizeof msg) != 0 : (p = plugin_find(name)) == NULL)
		return 0;
	return p->n_params < 0 ? 0 : p->n_params > GM_MAX_PARAMS ? GM_MAX_PARAMS : p->n_params;
}

int sweep_param_columns(const struct sweep_spec *s)
{
	int most = -1;
	bool files = false;
	for (int k = 0; k < s->n_axes; k++) {
		const struct sweep_axis *a = &s->axes[k];
		for (int p = 0; p < a->parts; p++) {
			files |= strcmp(a->part_key[p], "experiment") == 0;
			if (strcmp(a->part_key[p], "policy.name") != 0)
				continue;
			for (int j = 0; j < a->n; j++) {
				char v[CONFIG_PATH_LEN];
				sweep_value_part(a->values[j], p, v, sizeof v);
				int n = policy_param_count(v);
				most = n > most ? n : most;
			}
		}
	}
	if (most >= 0) /* the policy axis sets every run's policy */
		return most;
	if (!files)
		return s->base != NULL ? policy_param_count(s->base->policy) : 0;
	struct experiment *e = malloc(sizeof *e);
	most = 0;
	for (int k = 0; k < s->n_axes && e != NULL; k++) {
		const struct sweep_axis *a = &s->axes[k];
		for (int p = 0; p < a->parts; p++) {
			if (strcmp(a->part_key[p], "experiment") != 0)
				continue;
			for (int j = 0; j < a->n; j++) {
				char v[CONFIG_PATH_LEN], path[2 * CONFIG_PATH_LEN + 2];
				sweep_value_part(a->values[j], p, v, sizeof v);
				bool rel = v[0] != '/' && a->dir[0] != '\0';
				snprintf(path, sizeof path, "%s%s%s", rel ? a->dir : "", rel ? "/" : "", v);
				struct diag d;
				diag_init(&d);
				config_defaults(e, s->default_traces);
				int bad = config_load(e, path, &d) != 0;
				for (int q = 0; q < s->n_sets && !bad; q++)
					bad = config_set(e, s->sets[q], &d) != 0;
				int n = bad ? 0 : policy_param_count(e->policy);
				most = n > most ? n : most;
			}
		}
	}
	free(e);
	return most;
}

/*
 * The trace days the runs will read exist, checked before anything runs (a day the experiment
 * file names at its line): every value of a day axis, or the experiment's own day. Skipped when
 * an axis varies the experiment file, the traces or the model (then each run reports its own).
 * The number of errors.
 */
int sweep_check_days(const struct sweep_spec *s, const struct experiment *ref, struct experiment *scratch,
		     struct diag *d)
{
	const struct sweep_axis *day_axis = NULL;
	int day_part = 0;
	for (int k = 0; k < s->n_axes; k++)
		for (int p = 0; p < s->axes[k].parts; p++) {
			const char *key = s->axes[k].part_key[p];
			if (strcmp(key, "experiment") == 0 || strcmp(key, "workload.traces") == 0 ||
			    strcmp(key, "simulation.model") == 0)
				return 0;
			if (strcmp(key, "workload.day") == 0) {
				day_axis = &s->axes[k];
				day_part = p;
			}
		}
	if (ref->model != MODEL_CLOUDSIM3)
		return 0;
	int errors = 0;
	for (int j = 0; j < (day_axis != NULL ? day_axis->n : 1); j++) {
		*scratch = *ref;
		if (day_axis != NULL) {
			char v[CONFIG_PATH_LEN], set[CONFIG_PATH_LEN + 32];
			sweep_value_part(day_axis->values[j], day_part, v, sizeof v);
			snprintf(set, sizeof set, "workload.day=%s", v);
			if (config_set(scratch, set, d) != 0) {
				errors++;
				continue;
			}
		}
		char *path = run_resolve_day(scratch, d);
		errors += path == NULL;
		free(path);
	}
	return errors;
}

unsigned sweep_trace_models(const struct sweep_spec *s)
{
	long n = sweep_count(s->axes, s->n_axes);
	struct experiment *e = malloc(sizeof *e);
	char **seen = NULL;
	long n_seen = 0;
	unsigned models = 0;
	for (long i = 0; e != NULL && i < n && models == 0; i++) {
		struct diag quiet; /* a run that cannot read its trace reports that itself */
		diag_init(&quiet);
		if (sweep_apply(s, i, e, &quiet) != 0 || e->model != MODEL_CLOUDSIM3)
			continue;
		char *path = run_resolve_day(e, &quiet);
		bool known = path == NULL;
		for (long k = 0; k < n_seen && !known; k++)
			known = strcmp(seen[k], path) == 0;
		char **more = known ? NULL : realloc(seen, (size_t)(n_seen + 1) * sizeof *seen);
		bool has = false;
		if (more != NULL) {
			seen = more;
			seen[n_seen++] = path;
			path = NULL;
			if (trace_has_memory(seen[n_seen - 1], &has, &quiet) == 0 && has)
				models |= REPORT_MODEL_MEMORY;
		}
		free(path);
	}
	for (long k = 0; k < n_seen; k++)
		free(seen[k]);
	free(seen);
	free(e);
	return models;
}
