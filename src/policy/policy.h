/*
 * policy: the registry of VM placement and consolidation policies.
 *
 * A policy is a const struct gm_policy (<greenmig/policy.h>, the same interface a plugin
 * implements) in one file, policy_<name>.c (the detector policies in detect_<name>.c), listed in
 * policy_table (policy.c), as tmux registers its cmd-*.c. Each file holds every hook the policy
 * has on both engines: CloudSim 3.0.3's (place, overloaded, optimize ...) and the 2010 model's
 * (place2010, optimize2010).
 */
#ifndef GREENMIG_POLICY_H
#define GREENMIG_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include <greenmig/policy.h>

#include "config.h"

extern const struct gm_policy policy_npa;
extern const struct gm_policy policy_dvfs;
extern const struct gm_policy policy_thr;
extern const struct gm_policy policy_iqr;
extern const struct gm_policy policy_mad;
extern const struct gm_policy policy_lr;
extern const struct gm_policy policy_lrr;
extern const struct gm_policy policy_st;
extern const struct gm_policy policy_mm;
extern const struct gm_policy policy_hpg;
extern const struct gm_policy policy_rc;
extern const struct gm_policy policy_drr;
extern const struct gm_policy policy_drr2010;
extern const struct gm_policy policy_placement;
extern const struct gm_policy policy_fuzzy;
extern const struct gm_policy policy_placement_fuzzy;

/* The policies, terminated by NULL. */
extern const struct gm_policy *const policy_table[];

/* The built-in policy called name, or NULL. */
const struct gm_policy *policy_builtin(const char *name);

/* "npa, dvfs, thr, ...": the known names, comma-separated, for messages (static storage). */
const char *policy_names(void);

/* Whether p runs in model (config.h enum config_model: its GM_ENGINE_* bit). */
bool policy_runs_in(const struct gm_policy *p, int model);

/*
 * The one parser of --param for every policy: s (NULL or "": p->default_param) is p->n_params
 * numbers separated by commas, each finite and in [p->param_min, p->param_max], strictly
 * increasing if p->params_increasing. Fills out[0 .. n_params - 1] and returns n_params, or -1
 * with a message naming what was expected (p->param_help) in msg.
 */
int policy_params(const struct gm_policy *p, const char *s, double out[GM_MAX_PARAMS], char *msg, size_t n);

#endif
