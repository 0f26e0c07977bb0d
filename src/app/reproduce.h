/*
 * reproduce: the seed paper's Table 1 and its sweeps, in one call (greenmig reproduce, make
 * reproduce). Two sweeps: the 2010 model (examples/paper2010.ini) over NPA, DVFS, ST, MM and DRR
 * at several thresholds and `seeds` seeds, and the PlanetLab paper setup (examples/paper.ini)
 * over NPA, DVFS, ST, MM and DRR on every shipped day. It writes into out_dir, each file
 * atomically:
 *   runs-2010.csv, runs-planetlab.csv  every run (greenmig sweep's rows)
 *   table1.csv                         per setup and policy row: runs, mean and 95 % interval of
 *                                      energy, mean migrations and SLA metrics, energy min/max
 *   table1.md                          ours beside the 2010 paper's and the seed paper's numbers,
 *                                      the seed's row mapping, and its claims recomputed
 *   threshold.csv, tradeoff.csv, migrations.csv, days.csv   the data of the plots (the gnuplot templates in plots/)
 */
#ifndef GREENMIG_REPRODUCE_H
#define GREENMIG_REPRODUCE_H

#include "diag.h"

struct reproduce_options {
	const char *examples_dir;  /* where paper2010.ini and paper.ini are */
	const char *default_traces;
	const char *out_dir;       /* created if missing */
	int threads;
	int seeds;                 /* seeds 1 .. seeds of the 2010 model */
	/* more policies for the PlanetLab rows (names or plugin paths), after the paper's */
	const char *const *policies;
	int n_policies;
	void (*progress)(void *ctx, long done, long total);
	void *ctx;
};

/* 0; 1 if some runs failed (their errors in d, the tables written without them); -1 on bad
 * input or a write error (messages in d). */
int reproduce_run(const struct reproduce_options *o, struct diag *d);

#endif
