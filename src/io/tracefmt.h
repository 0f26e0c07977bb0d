/*
 * tracefmt: the published datacenter traces greenmig packs into its own day format: Bitbrains
 * GWA-T-12, the Azure Public Dataset V1/V2 VM traces, Alibaba cluster-trace-v2018 and Google
 * clusterdata-2011-2, each read in the layout its owner publishes (doc/workloads.md).
 *
 * A pack chooses VMs, cuts a time window and resamples every kept VM to one CPU percentage per
 * 300 s slot: the mean of the samples inside the slot (Google: the overlap-weighted mean of its
 * 300 s usage records). The percentage is relative to the VM's own allocation in every format:
 *  - Bitbrains: "CPU usage [%]" (= usage MHz / provisioned MHz x 100), as is;
 *  - Azure: the readings' "avg cpu" (the VM's own CPU utilization), as is;
 *  - Alibaba: container_usage "cpu_util_percent" (percent of the container's cpu_request), as is;
 *    -1, 101 and anything outside 0-100 are the trace's invalid marks: skipped and counted;
 *  - Google: 100 x CPU rate / the task's CPU request (both normalised to the largest machine).
 * A value above 100 is clipped to 100 and counted. A slot without samples is a gap: runs of at
 * most gap_fill_max gaps take the previous slot's value (leading ones the first value); a VM with
 * a longer run does not cover the window and is not kept. Files stream through zlib (plain or
 * gzip) and libcsv, never held whole; memory grows with the VMs kept (and with a VM table's
 * candidates), not with the readings.
 *
 * Memory (all but Azure) is packed the same way, as the memory used over the VM's own memory in
 * percent: Bitbrains usage KB / provisioned KB x 100, Alibaba mem_util_percent, Google 100 x
 * canonical memory usage / memory request; a VM whose memory does not cover the window is not
 * kept. Sizes (trace_vmsize): Bitbrains cores, provisioned MHz / cores and provisioned KB / 1024;
 * Azure vmcorecount and vmmemory GB x 1024; Alibaba cpu_request / 100 cores; Google none.
 */
#ifndef GREENMIG_TRACEFMT_H
#define GREENMIG_TRACEFMT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "trace.h"

enum tracefmt_format { TRACEFMT_BITBRAINS, TRACEFMT_AZURE, TRACEFMT_ALIBABA2018, TRACEFMT_GOOGLE2011 };

/* Which VMs a pack keeps, among those covering the window. */
enum tracefmt_select {
	TRACEFMT_FIRST,   /* the first in byte-wise name order */
	TRACEFMT_RANDOM,  /* the smallest seeded 64-bit hashes of their names: order-free, reproducible */
	TRACEFMT_BUSIEST, /* the highest mean CPU over the window (ties: name order) */
};

struct tracefmt_params {
	enum tracefmt_format format;
	size_t max_vms;              /* VMs to keep; 0 = every VM covering the window */
	enum tracefmt_select select; /* default TRACEFMT_FIRST */
	uint64_t seed;               /* for TRACEFMT_RANDOM; default 1 */
	double start_s;              /* window start, s after the format's origin; default 0 (Alibaba 86400) */
	double duration_s;           /* window length, s, a multiple of interval_s; default 86400 */
	double interval_s;           /* slot length, s; 300 */
	size_t gap_fill_max;         /* longest run of empty slots filled; 2 (10 minutes) */
};

/* What a pack read and decided, for the caller to report. */
struct tracefmt_report {
	unsigned long long bytes; /* bytes read, once decompressed */
	size_t files;             /* input files read */
	size_t rows;              /* data rows read */
	size_t vms_seen;          /* VMs in the input (files, VM table entries, tasks) */
	size_t vms_candidates;    /* VMs alive over the window by the VM table (Bitbrains: files) */
	size_t vms_covering;      /* VMs read whose samples cover the window after gap filling */
	size_t vms_gappy;         /* VMs read but not kept: a run of gaps longer than gap_fill_max */
	size_t vms_kept;
	size_t gaps_filled;       /* empty slots filled, in the VMs kept */
	size_t mem_gaps_filled;   /* empty memory slots filled, in the VMs kept */
	size_t clipped;           /* values above 100 % clipped to 100 */
	size_t mem_clipped;       /* memory values above 100 % clipped to 100 */
	size_t mem_invalid;       /* memory values the trace marks invalid or leaves empty (skipped) */
	size_t invalid;           /* marked invalid or empty by the trace itself (skipped) */
	size_t duplicates;        /* a second reading of one VM in one slot (Azure: averaged) */
	size_t no_request;        /* Google: tasks without a CPU request (not candidates) */
	size_t orphans;           /* Google: usage rows of tasks the task_events given do not name */
	size_t passes;            /* passes over the readings */
};

void tracefmt_params_init(struct tracefmt_params *p, enum tracefmt_format f);

/* Names as the command line spells them: bitbrains, azure, alibaba2018, google2011. 0 or -1. */
int tracefmt_format_parse(const char *name, enum tracefmt_format *f);
const char *tracefmt_format_name(enum tracefmt_format f);
/* first, random, busiest. 0 or -1. */
int tracefmt_select_parse(const char *name, enum tracefmt_select *s);

/*
 * Packs the inputs (files, or folders searched for the format's files) into a day: the kept VMs
 * in byte-wise name order, duration_s / interval_s integer percentages each (floor(x + 0.5)).
 * Every bad row is reported as file:line(:column) (up to the diag's cap). Fewer covering VMs
 * than max_vms is an error. Returns a new set (trace_destroy) and fills *rep, or NULL with
 * messages in d.
 */
struct trace_set *tracefmt_pack(const struct tracefmt_params *p, const char *const *inputs, size_t n_inputs,
				struct tracefmt_report *rep, struct diag *d);

/*
 * Writes n_vms synthetic VMs of n_samples 300 s samples in the format's published layout under
 * the folder out_dir (made if missing), with the CPU model of synth.h; the same arguments give
 * the same files. Bitbrains: N.csv per VM; Azure: vmtable.csv.gz and
 * vm_cpu_readings-file-1-of-1.csv.gz; Alibaba: container_meta.csv and container_usage.csv (10 s
 * samples); Google: task_events/ and task_usage/ part-00000-of-00001.csv.gz. Each file is written
 * atomically. Adds the bytes written, uncompressed, to *bytes if not NULL. 0 or -1.
 */
int tracefmt_synth(enum tracefmt_format f, size_t n_vms, size_t n_samples, uint64_t seed, const char *out_dir,
		   unsigned long long *bytes, struct diag *d);

#endif
