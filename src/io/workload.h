/*
 * workload: which VMs a CloudSim 3.0.3-model run has, when each arrives, which trace drives it,
 * how long its cloudlet is and its type. By default (workload.arrivals = none) it is CloudSim's
 * setup: VM i is trace i, arrives at t = 0 with a cloudlet of simulation.cloudlet_length_mi MI
 * and the type [vms] types/assign give it. Otherwise ([workload] keys, greenmig(1)):
 *   arrivals = poisson: the first initial_vms VMs at t = 0, the others one by one with
 *              exponential gaps of mean 3600 / arrival_rate_per_h s (the run's seed; a stream
 *              of its own, so the rs selection draws the same numbers with or without arrivals);
 *   arrivals = waves:   the first initial_vms at t = 0, then wave_size more every wave_interval_s;
 *   arrivals = file:    workload_file, a CSV file "vm,submit_s,trace,length_mi,type" with a
 *              header and one row per VM (vm: a unique integer label; trace: a trace name of
 *              the day; length_mi: the cloudlet length, > 0; type: a [vm.NAME]), read with
 *              libcsv; every bad row is reported as file:line.
 * A VM that arrives during the run is created at the first scheduling step at or after its
 * arrival time (see sim.h).
 *
 * [vms] size (doc/memory.md#vm-sizes) replaces the types with the trace's sizes (a packed file of
 * a published trace): from_trace gives VM i the [vms] types entry nearest to its trace's size
 * (the least sum, over the size fields the trace gives, of the squared natural log of the ratio
 * VM / type: cores to pes, MHz to mips, MB to ram_mb; ties: the first listed), own a type of its
 * own (its assigned type with pes = round(cores), mips = MHz, ram_mb = round(MB) where the trace
 * gives them). A trace without sizes, or a VM without any, is an error.
 */
#ifndef GREENMIG_WORKLOAD_H
#define GREENMIG_WORKLOAD_H

#include "config.h"
#include "diag.h"
#include "trace.h"

/* The arrivals' PRNG stream: the run's seed xor this ("arrivls!"). */
#define WORKLOAD_ARRIVAL_STREAM 0x61727269766c7321ULL

struct workload {
	long n;                       /* VMs */
	double *submit_s;             /* arrival times */
	long *trace;                  /* trace index in the trace set */
	long long *length_mi;         /* cloudlet lengths */
	const struct vm_type **type;  /* VM types (pointers into the experiment, or into own) */
	struct vm_type *own;          /* [vms] size = own: each VM's own type (NULL otherwise) */
};

/*
 * The workload of e over the trace set t (n_default: the VM count CloudSim's setup would use).
 * 0, or -1 with messages in d (a bad file: one message per bad row, with its line).
 */
int workload_build(struct workload *w, const struct experiment *e, const struct trace_set *t,
		   long n_default, struct diag *d);

void workload_free(struct workload *w);

#endif
