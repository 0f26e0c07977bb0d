/*
 * rng: the run's seeded pseudo-random number generator (xoshiro256**, seeded by splitmix64).
 *
 * One object per run, passed explicitly; no global state, so the same seed gives the same
 * stream on every platform and thread count. Not cryptographic.
 */
#ifndef GREENMIG_RNG_H
#define GREENMIG_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_init(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, 1) with 53 random bits. */
double rng_uniform(struct rng *r);
/* Uniform integer in [0, n), n > 0, without modulo bias. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Standard normal deviate (Marsaglia polar method; uses a cached second value). */
double rng_normal(struct rng *r, double *spare, int *has_spare);

#endif
