/*
 * run: one run of an experiment, in whichever model its file names, for the command line and
 * for sweeps: the checks and defaults a run needs (the policy, its selection and parameter), and
 * the run itself, with the stats as the reports take them.
 */
#ifndef GREENMIG_RUN_H
#define GREENMIG_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "diag.h"
#include "metrics.h"
#include "model2010.h"
#include "policy.h"
#include "report.h"
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
 * A run in CloudSim 3.0.3's model with its metrics: the simulation (sim.h) and the accumulators
 * (metrics.h) its host updates send their history entries to, one sink per lane.
 */
struct run_sim {
	struct sim *sim;
	struct metrics *metrics;
};

/*
 * Builds the simulation of e (prepared) on t (only read) and attaches fresh metrics to it; the
 * caller then steps or runs rs->sim. 0; 1 on bad input, -1 out of memory, with a message in d;
 * on failure rs holds nothing (run_sim_destroy does no harm).
 */
int run_sim_create(struct run_sim *rs, const struct experiment *e, const struct trace_set *t,
		   struct diag *d);

/*
 * The results of rs's run (over): the simulation's, its metrics' and mean_active_hosts. The
 * pointers in r live as long as rs. 0, or -1 out of memory with a message in d.
 */
int run_sim_result(struct run_sim *rs, struct run_result *r, struct diag *d);

void run_sim_destroy(struct run_sim *rs);

/*
 * Runs e (prepared) with policy p: on the trace day t in CloudSim 3.0.3's model (t is only read:
 * runs may share it), or the 2010 model (t unused, may be NULL). r gets the results; its pointer
 * members are NULL (nothing outlives the run). 0; 1 on bad input (a message in d: e.g. traces
 * too short, cloudlets past the limit); -1 on other errors (out of memory).
 */
int run_once(const struct experiment *e, const struct gm_policy *p, const struct trace_set *t,
	     struct run_result *r, struct diag *d);

/*
 * Runs e (prepared, the 2010 model) n times with the seeds e->seed .. e->seed + n - 1 into r[i]
 * and seeds[i] (the caller's arrays of n); e is left as it was. Stops at the first run that
 * fails: 0; 1 on bad input, -1 on other errors, with a message in d.
 */
int run_seeds(struct experiment *e, const struct gm_policy *p, long n, struct run_result *r,
	      uint64_t *seeds, struct diag *d);

/*
 * e's trace day: the day folder or file e->traces, or the day e->day of a folder of days, its
 * first e->vms VMs (0: all). The caller destroys it; NULL with messages on bad input.
 */
/* The path of e's trace day (trace_resolve_day), a day the experiment file names and the folder
 * lacks reported at the file's line. Owned by the caller; NULL with messages. */
char *run_resolve_day(const struct experiment *e, struct diag *d);

struct trace_set *run_read_day(const struct experiment *e, struct diag *d);
/* The trace of e whose (first) day is day_path: that day (trace_read, max_vms of its VMs), or with
 * workload.days > 1 the days from it on (trace_read_days). NULL with messages. */
struct trace_set *run_read_trace(const struct experiment *e, const char *day_path, size_t max_vms,
				 struct diag *d);

/*
 * Runs e (prepared, CloudSim 3.0.3's model) on t and keeps the simulation for its outputs: rs
 * (the caller's to run_sim_destroy) and r (whose pointers live as long as rs). 0; 1 on bad input
 * (the simulation cannot be built, or a later day of a trace over several days is bad), -1 on
 * errors of the run; a message in d.
 */
int run_day(const struct experiment *e, const struct trace_set *t, struct run_sim *rs,
	    struct run_result *r, struct diag *d);

/* The files `greenmig run` may write of a run on a trace day (NULL: not written). */
struct run_outputs {
	const char *stats;        /* the stats CSV, "-" = stdout */
	const char *timeline;     /* one row per scheduling step */
	const char *cloudsim_out; /* the folder of CloudSim's own output files */
	const char *vm_energy;    /* each VM's share of the energy ([power] vm_energy) */
	const char *timings;      /* where the run's wall time went (sim_timings; a trace day only) */
};

/* Writes o's files of the run r of simulation s (e, policy p, on day), each atomically; every
 * one is tried. 0, or -1 with a message per failure. */
int run_write(const struct run_outputs *o, const struct experiment *e, const struct gm_policy *p,
	      const struct sim *s, const struct run_result *r, const char *day, struct diag *d);

/* What `greenmig run` asks of a run besides the experiment. */
struct run_request {
	struct run_outputs out;
	FILE *summary;         /* the summary's stream; NULL: none (--quiet) */
	long seeds;            /* the 2010 model: runs with seeds e->seed .. e->seed + seeds - 1 and
				* the summary of their means (0: one run, its own summary) */
	bool compare_security; /* a trace day: the run without and with [security], and their
				* difference */
	/* Called with each warning (VMs that fit nowhere) before anything is written; may be NULL. */
	void (*warn)(void *ctx, const char *msg);
	void *ctx;
};

/*
 * `greenmig run` of e (prepared with p by run_prepare): reads its trace day or runs the 2010
 * model, writes the files of q->out and the summary. 0; 1 on bad input, -1 on other errors (a
 * write error...), with messages in d.
 */
int run_command(struct experiment *e, const struct gm_policy *p, const struct run_request *q,
		struct diag *d);

/* A result of the 2010 model in the shape the reports take (NaN where a metric does not exist). */
void run_result2010(const struct model2010_result *m, struct run_result *r);

#endif
