/*
 * run: one run of an experiment, in whichever model its file names, for the command line and
 * for sweeps: the checks and defaults a run needs (the policy, its selection and parameter), and
 * the run itself, with the stats as the reports take them.
 */
#ifndef GREENMIG_RUN_H
#define GREENMIG_RUN_H

#include "config.h"
#include "diag.h"
#include "model2010.h"
#include "policy.h"
#include "sim.h"
#include "trace.h"

/*
 * Checks that e (validated) names a known policy that runs in e's model with a selection and a
 * parameter it takes, and writes the defaults back into e (selection mmt for CloudSim 3.0.3's
 * consolidating policies, the policy's default parameter) so that the stats name what ran.
 * 0 with *p set, or -1 with a message in d (bad input).
 */
int run_prepare(struct experiment *e, const struct gm_policy **p, struct diag *d);

/*
 * Runs e (prepared) with policy p: on the trace day t in CloudSim 3.0.3's model (t is only read:
 * runs may share it), or the 2010 model (t unused, may be NULL). r gets the results; its pointer
 * members are NULL (nothing outlives the run). 0; 1 on bad input (a message in d: e.g. traces
 * too short, cloudlets past the limit); -1 on other errors (out of memory).
 */
int run_once(const struct experiment *e, const struct gm_policy *p, const struct trace_set *t,
	     struct sim_result *r, struct diag *d);

/* A result of the 2010 model in the shape the reports take (NaN where a metric does not exist). */
void run_result2010(const struct model2010_result *m, struct sim_result *r);

#endif
