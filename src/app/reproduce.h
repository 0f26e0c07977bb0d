/*
 * reproduce: the seed paper's Table 1 and its sweeps, in one call (greenmig reproduce, make
 * reproduce). Three sweeps: the 2010 model (examples/paper2010.ini) over NPA, DVFS, ST, MM (the
 * whole lower x upper grid), ST with the stay quirk, DRR, drr2010 (where built) and the
 * controllers at `seeds` seeds, and the PlanetLab paper setup (examples/paper.ini) over NPA, DVFS,
 * ST, MM, DRR and the controllers on every shipped day, plain and with secure migration. It
 * writes into out_dir, each file atomically:
 *   runs-2010.csv, runs-planetlab.csv, runs-planetlab-secure.csv   every run (greenmig sweep's rows)
 *   table1.csv      per setup and row: runs, mean and 95 % interval (Student t over the seeds or
 *                   the days) of energy, migrations, SLA violation, average SLA and overall SLA
 *   table1.md       ours beside the 2010 paper's and the seed paper's numbers, the MM grid, the
 *                   seed's claims recomputed beside its figures
 *   table1-security.csv, threshold.csv, tradeoff.csv, migrations.csv, days.csv   the security
 *                   comparison and the data of the plots (the gnuplot templates in plots/)
 */
#ifndef GREENMIG_REPRODUCE_H
#define GREENMIG_REPRODUCE_H

#include <stdbool.h>

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
	/* "SECTION.KEY=VALUE" overrides: sets applies to both setups (an override one setup rejects
	 * is an error naming it), sets2010 to the 2010 model only, setspl to the PlanetLab setup only.
	 * Applied after the variant's, in this order. */
	const char *const *sets, *const *sets2010, *const *setspl;
	int n_sets, n_sets2010, n_setspl;
	const char *variant;       /* NULL, or a name of reproduce_variant_names() */
	/* the power-states section too: ST, MM, DRR, LR-MMT and the controllers on paper-states.ini
	 * and planetlab-states.ini over every shipped day, CloudSim's model against power states
	 * (off, sleep), sub-system power-down and both (runs-power-*.csv, power-states.csv,
	 * power-states-plot.csv, a section of table1.md) */
	bool power_states;
	/* the network section too: ST, MM, LR-MMT and DRR on paper.ini and cloudsim-planetlab.ini over
	 * every shipped day, the network off, non-blocking and 4:1 (runs-network-*.csv, network.csv,
	 * network-plot.csv, a section of table1.md; doc/network.md#results) */
	bool network;
	void (*progress)(void *ctx, long done, long total);
	void *ctx;
};

/* The named variants of --variant, for messages: "cloudsim21". */
const char *reproduce_variant_names(void);

/* 0; 1 if some runs failed (their errors in d, the tables written without them); -1 on bad
 * input or a write error (messages in d). */
int reproduce_run(const struct reproduce_options *o, struct diag *d);

#endif
