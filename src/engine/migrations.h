/*
 * migrations: the migrations under way in CloudSim 3.0.3's datacenter: started at a scheduling
 * step (Host.addMigratingInVm, then VM_MIGRATE after the delay: RAM over half the target's
 * bandwidth, or the pre-copy / secure model of [migration] and [security]), completed in the
 * order CloudSim's FutureQueue gives them (time, then sending order).
 */
#ifndef GREENMIG_MIGRATIONS_H
#define GREENMIG_MIGRATIONS_H

#include "config.h"
#include "datacenter.h"
#include "diag.h"
#include "netmig.h"

/* A migration under way: completes at t (CloudSim's VM_MIGRATE event). */
struct mig_event {
	double t;
	long seq; /* FutureQueue order among equal times: the order they were sent */
	int vm;
	int target;
	int source;
	double src_mips, tgt_mips; /* secure migration: the crypto load it puts on both hosts */
};

struct migrations {
	struct mig_event *events;   /* a heap on (t, seq), events[0] first */
	int n_events, cap_events;
	long seq;
	long started;               /* migrations started */
	double time_s;              /* sum of the migration delays started */
	double security_time_s;     /* what security added to the migrations' durations */
	double security_downtime_s; /* ... to their downtimes */
	double security_bytes;      /* ... to the bytes on the wire */
	double downtime_s;          /* pre-copy or secure migrations: their downtimes */
	double wait_s;              /* [power] states: time migrations waited for their targets to be on */
	/* Hosts changed by the migrations of one instant: the caller updates them once after the
	 * instant's last start (migrations_start fills touched[0 .. n_touched - 1], each host once;
	 * migrations_touched_done forgets them), or after the instant's completions. */
	int *touched;
	int cap_touched;            /* 2 x hosts + 2 */
	unsigned char *marked;      /* per host: in touched already (the start phase's) */
	int n_touched;
	/* [network] (doc/network.md): the migrations are flows over it; NULL without */
	struct netmig *net;
	bool pre_or_secure;         /* (with net) downtimes are counted: pre-copy or security on */
};

/* For n_hosts hosts. 0, or -1 out of memory (then migrations_fini). */
int migrations_init(struct migrations *m, int n_hosts);
void migrations_fini(struct migrations *m);
/* [network] with a topology: the migrations from now on are flows over it (doc/network.md). 0, or
 * -1 with a message in d. */
int migrations_network(struct migrations *m, const struct experiment *e, const struct datacenter *dc,
		       struct diag *d);

/* PowerDatacenter: target.addMigratingInVm(vm), the count, and VM_MIGRATE after the delay. The
 * hosts it changes go to m->touched. wait_s (0 without power states): the target is not on yet,
 * the transfer starts when it is (the VM runs on its source as during the migration meanwhile).
 * 0, or -1 with a message in d (CloudSim stops there). */
int migrations_start(struct migrations *m, struct datacenter *dc, const struct experiment *e, int vm,
		     int target, double now, double wait_s, struct diag *d);
/* Unmarks the start phase's touched hosts (after the caller updated them). */
void migrations_touched_done(struct migrations *m);

/* The time of the earliest completion under way, DBL_MAX if none. */
double migrations_next(const struct migrations *m);
/* Takes the earliest completion off the queue. */
struct mig_event migrations_pop(struct migrations *m);

/* Datacenter.processVmMigrate: the VM leaves its source and lands at the end of the target's
 * list. 0, or -1 with a message in d (CloudSim stops there). */
int migrations_complete(struct datacenter *dc, const struct mig_event *ev, double now, struct diag *d);

#endif
