/*
 * synth: deterministic synthetic CPU traces for scale benchmarks, from a model fitted on the ten
 * shipped PlanetLab days (see synth.c and traces/README.md).
 */
#ifndef GREENMIG_SYNTH_H
#define GREENMIG_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "trace.h"

/* Figures of the ten shipped PlanetLab days (11,746 VM-days x 288 samples). */
#define SYNTH_TARGET_MEAN 11.10  /* mean CPU %, all samples pooled */
#define SYNTH_TARGET_SD 15.34    /* standard deviation, all samples pooled */
#define SYNTH_TARGET_LAG1 0.0856 /* mean over VMs of the lag-1 autocorrelation */

/*
 * n_vms traces of n_samples integer percentages, named "synth-000000", ... (byte order = index
 * order), day "synth". Same arguments, same set. NULL with a message if out of memory.
 */
struct trace_set *synth_generate(size_t n_vms, size_t n_samples, uint64_t seed, struct diag *d);

/*
 * The same n_vms traces of n_samples as synth_generate (same arguments, same values), cut into
 * days of day_samples (a divisor of n_samples) and written as a folder of days under dir (made
 * if missing): dir/day01.csv.gz, day02, ... (zero-padded so that name order is time order), a
 * packed day each whose times start at 0, for runs over several days ([workload] days). Holds the
 * span as a byte per VM and sample, and one day as doubles. 0, or -1 with a message.
 */
int synth_write_days(size_t n_vms, size_t n_samples, size_t day_samples, uint64_t seed, const char *dir,
		     struct diag *d);

/*
 * The three statistics the model is fitted to: pooled mean and standard deviation of all samples,
 * and the mean over VMs of each VM's lag-1 autocorrelation (VMs with constant traces skipped).
 */
int synth_stats(const struct trace_set *t, double *mean, double *sd, double *lag1);

#endif
