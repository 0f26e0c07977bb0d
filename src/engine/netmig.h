/*
 * netmig: live migrations as flows over the datacenter network ([network], doc/network.md): each
 * migration under way is a flow over its path (network.h); the flows share the links max-min
 * fairly, the rates recomputed only when a flow starts or ends; each flow moves its pre-copy
 * rounds and stop-and-copy (precopy.h's walk) at the rate it gets over time. A per-host cap on
 * concurrent migrations queues the rest in request order. Also keeps what the reports need: the
 * queued and transfer times, the bytes per link and the network's energy.
 */
#ifndef GREENMIG_NETMIG_H
#define GREENMIG_NETMIG_H

#include "config.h"
#include "datacenter.h"
#include "diag.h"
#include "network.h"
#include "precopy.h"

/* A finished migration, as netmig_pop hands it back. */
struct netmig_done {
	int vm, source, target;
	long seq;
	double src_mips, tgt_mips; /* as given to netmig_add */
	double t_request;          /* when the policy started it */
	double t_start;            /* when its transfer started (after the queue) */
	double t_end;
	double downtime_s;         /* its stop-and-copy, as it went */
};

/* The network's totals at the end of a run (doc/network.md#what-is-reported). */
struct netmig_totals {
	long completed;            /* migrations landed */
	long in_flight, queued;    /* still moving, still queued at the end */
	double queued_s, queued_max_s;   /* time in the queue, summed and the longest */
	double mig_mean_s, mig_max_s;    /* request to landing of the landed ones (NaN if none) */
	double bytes[NET_TIERS];   /* bytes carried per tier, every link of the tier summed */
	long rate_updates;         /* times the rates were recomputed */
	int max_flows;             /* most flows at once */
	double switch_kwh;         /* switches: chassis and active ports over the run, plus dynamic */
	double switch_dynamic_kwh; /* the migration traffic's part of it */
	double nic_kwh;            /* the hosts' NIC ports over the run (part of the hosts' energy) */
};

struct netmig;

/*
 * For the hosts of dc and the [network] section of e (topology not none): each host's link is its
 * bw (CloudSim's units: bw / 8000 MB/s, a MB being 2^20 bytes) times migration_share. NULL with a
 * message in d (out of memory, or the topology cannot hold the hosts). The caller destroys it.
 */
struct netmig *netmig_create(const struct experiment *e, const struct datacenter *dc, struct diag *d);
void netmig_destroy(struct netmig *n);

/*
 * A migration requested at now: its transfer starts at once if neither host is at the cap, else it
 * waits in the queue. pp: its pre-copy model (a copy is kept); bound_bps: its own rate limit (as
 * SimGrid's migration speed; <= 0: none). now must not go back in time. 0, or -1 (out of memory,
 * or pp out of range) with a message in d.
 */
int netmig_add(struct netmig *n, const struct precopy_params *pp, double bound_bps, int vm, int source, int target,
	       long seq, double src_mips, double tgt_mips, double now, struct diag *d);
/* The same for a target that is on only at ready >= now ([power] states: booting or waking): the
 * transfer waits for it apart from the queue, its time and queue time counted from ready
 * (doc/network.md#power-states). */
int netmig_add_at(struct netmig *n, const struct precopy_params *pp, double bound_bps, int vm, int source,
		  int target, long seq, double src_mips, double tgt_mips, double now, double ready, struct diag *d);

/* The time of the next landing (DBL_MAX if none); recomputes the rates if flows came or went. */
double netmig_next(struct netmig *n);

/* Takes the next landing off (netmig_next's; there must be one) and starts the queued transfers
 * it frees (their room was reserved by netmig_add). */
void netmig_pop(struct netmig *n, struct netmig_done *out);

/* The totals of a run that ended at end_s (the energies over [0, end_s]); off_host_s: the time the
 * hosts spent off, summed over hosts ([power] states; 0 without), when their ports are idle. */
void netmig_totals(struct netmig *n, double end_s, double off_host_s, struct netmig_totals *t);

#endif
