/*
 * policy: the table of policies and the parser of their parameters.
 */
#include "policy.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct gm_policy *const policy_table[] = {
	&policy_npa,
	&policy_dvfs,
	&policy_thr,
	&policy_iqr,
	&policy_mad,
	&policy_lr,
	&policy_lrr,
	&policy_st,
	&policy_mm,
	&policy_hpg,
	&policy_rc,
	&policy_drr,
	&policy_drr2010,
	&policy_placement,
	&policy_fuzzy,
	&policy_placement_fuzzy,
	NULL,
};

const struct gm_policy *policy_builtin(const char *name)
{
	for (int i = 0; policy_table[i] != NULL; i++)
		if (strcmp(policy_table[i]->name, name) == 0)
			return policy_table[i];
	return NULL;
}

static char names_buf[512];

/* Fills names_buf once (pthread_once: sweeps ask from several threads). */
static void build_names(void)
{
	char *buf = names_buf;
	size_t used = 0;
	for (int i = 0; policy_table[i] != NULL; i++) {
		const char *sep = i > 0 ? ", " : "";
		size_t need = strlen(sep) + strlen(policy_table[i]->name);
		if (used + need + 1 > sizeof names_buf)
			break;
		strcat(buf, sep);
		strcat(buf, policy_table[i]->name);
		used += need;
	}
}

const char *policy_names(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, build_names);
	return names_buf;
}

bool policy_runs_in(const struct gm_policy *p, int model)
{
	unsigned bit = model == MODEL_2010 ? GM_ENGINE_2010 : GM_ENGINE_CLOUDSIM3;
	return (p->engines & bit) != 0;
}

int policy_params(const struct gm_policy *p, const char *s, double out[GM_MAX_PARAMS], char *msg, size_t n)
{
	if (s == NULL || *s == '\0')
		s = p->default_param != NULL ? p->default_param : "";
	if (p->n_params == 0) {
		if (*s != '\0') {
			snprintf(msg, n, "policy %s takes no parameter (got \"%s\")", p->name, s);
			return -1;
		}
		return 0;
	}
	const char *c = s;
	for (int i = 0; i < p->n_params && i < GM_MAX_PARAMS; i++) {
		char *end;
		errno = 0;
		double x = strtod(c, &end);
		bool last = i == p->n_params - 1;
		if (end == c || errno == ERANGE || !isfinite(x) || (last ? *end != '\0' : *end != ',') ||
		    x < p->param_min || x > p->param_max ||
		    (i > 0 && p->params_increasing && !(x > out[i - 1]))) {
			snprintf(msg, n, "policy %s: parameter \"%s\" is not %s", p->name, s,
				 p->param_help != NULL ? p->param_help : "valid");
			return -1;
		}
		out[i] = x;
		c = end + 1;
	}
	return p->n_params;
}
