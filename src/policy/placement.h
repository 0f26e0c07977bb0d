/*
 * placement: the trace-based workload placement search of Gmach, Rolia, Cherkasova et al.
 * (Capman; doc/model2010.md#placement-controller): given each workload's demand over a trace
 * window, the servers' capacities and the current placement, find a placement where every
 * server fits the peak of its aggregate demand (doc/model2010.md#fit-test), with the fewest servers
 * among those reachable with at most `budget` migrations, or, if none is, the feasible one with the
 * fewest migrations; ties by fewer migrations, then by a balance term. A genetic search
 * (doc/model2010.md#genetic-search) driven by the run's PRNG; placement_exhaustive is the oracle
 * the tests compare it with.
 */
#ifndef GREENMIG_PLACEMENT_H
#define GREENMIG_PLACEMENT_H

#include <stdbool.h>

#include "rng.h"

struct placement_instance {
	int n;                 /* workloads */
	int m;                 /* servers */
	int samples;           /* T: trace samples in the window */
	const double *cpu;     /* n x samples demand (MIPS), row w */
	const double *mem;     /* n memory demands (MB), constant over the window; NULL: none */
	const double *cap_cpu; /* m capacities (MIPS) */
	const double *cap_mem; /* m capacities (MB); NULL: none */
	double max_util;       /* admissible utilization of CPU and memory (1.0) */
	const int *current;    /* n: the current server of each workload (-1: none yet) */
	int budget;            /* t: migrations allowed */
	/* n x samples memory demands (MB) over the window, row w: the fit test takes the peak of
	 * their aggregate as for CPU (doc/memory.md#the-controllers); NULL: mem, constant */
	const double *mem_series;
};

struct placement_params {
	int population;        /* 50 */
	int generations;       /* G: 200 */
	int stagnation;        /* K: 30 */
	double p_mutation;     /* 0.3 */
};

struct placement_result {
	bool feasible;
	bool within_budget;
	int servers;           /* servers used */
	int migrations;        /* workloads whose server differs from the current one */
	double balance;        /* minus the sum of squared peak CPU utilizations */
	int generations;       /* GA generations run */
};

void placement_defaults(struct placement_params *p);

/* Whether workloads ws[0..k-1] fit server s together (peak of the aggregate demand). */
bool placement_fits(const struct placement_instance *in, const int *ws, int k, int s);

/* The GA; out gets n server indices. 0, or -1 (out of memory or n, m < 1). */
int placement_search(const struct placement_instance *in, const struct placement_params *p,
		     struct rng *rng, int *out, struct placement_result *r);

/* Every assignment (m^n: small instances only); the optimum by the same objectives (servers
 * within the budget, else migrations; then migrations, then balance). 0, or -1 if too large. */
int placement_exhaustive(const struct placement_instance *in, int *out, struct placement_result *r);

#endif
