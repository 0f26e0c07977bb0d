/*
 * sweep_run: what run i of a sweep is (part of the sweep module, sweep.h): its experiment file,
 * the settings its axis values make, and the experiment they give. The in-process sweep and the
 * emitted jobs (jobs.c) both read a run from here, so the two cannot disagree.
 */
#include "sweep.h"

#include <stdio.h>
#include <string.h>

#include "config.h"

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

