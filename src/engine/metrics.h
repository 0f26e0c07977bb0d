/*
 * metrics: CloudSim's SLA and host metrics (examples.power.Helper), computed online.
 *
 * CloudSim keeps a state history per host and per VM and evaluates it after the run. greenmig
 * feeds each history entry to these accumulators as it is made, so memory stays O(hosts + VMs):
 * an entry is final once an entry with a later time arrives (an entry at the same instant replaces
 * it, as in CloudSim's addStateHistoryEntry), and is then folded into the sums exactly as
 * Helper.getSlaTimePerActiveHost, getSlaMetrics, getTimesBeforeHostShutdown and
 * getTimesBeforeVmMigration fold their lists. Units: seconds and MIPS.
 */
#ifndef GREENMIG_METRICS_H
#define GREENMIG_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "datacenter.h"

struct metrics_result {
	double slatah;              /* SLA violation time per active host (fraction) */
	double pdm;                 /* performance degradation due to migration */
	double slav;                /* slatah * pdm */
	double sla_overall;         /* (requested - allocated) / requested, all VMs */
	double sla_average;         /* unweighted mean of per-interval shortfall fractions */
	long host_shutdowns;
	double mean_time_before_host_shutdown_s;  /* NaN if none */
	double stdev_time_before_host_shutdown_s; /* NaN if fewer than 2 */
	long vm_migration_durations;
	double mean_time_before_vm_migration_s;   /* NaN if none (CloudSim: the migration durations) */
	double stdev_time_before_vm_migration_s;
	const double *shutdown_times;  /* host_shutdowns values in CloudSim's order (host id, time) */
	const double *migration_times; /* vm_migration_durations values (VM id, time); owned by metrics */
	double active_host_seconds;    /* sum over hosts of the time they were active */
};

struct metrics;

/* NULL if out of memory. */
struct metrics *metrics_create(int n_hosts, int n_vms);
void metrics_destroy(struct metrics *m);

/* The callbacks the datacenter calls for each history entry. */
void metrics_sink(struct metrics *m, struct history_sink *out);

/*
 * The same for lane `lane` (0 .. WORKERS_MAX - 1) of hosts_update: the records lanes make are
 * kept apart and merged in CloudSim's order at the end, so which lane saw which entry does not
 * matter (metrics_sink is lane 0). -1 if out of memory.
 */
int metrics_sink_lane(struct metrics *m, int lane, struct history_sink *out);

/*
 * Folds the pending last entries and computes the results. Call once, after the run; the arrays
 * in r stay valid until metrics_destroy. 0, or -1 if out of memory.
 */
int metrics_finish(struct metrics *m, struct metrics_result *r);

/* util.MathUtil.mean and stDev (Welford's update started from the mean; sample variance). */
double metrics_mean(const double *x, size_t n);
double metrics_stdev(const double *x, size_t n);

#endif
