/*
 * datacenter: hosts and VMs and their CPU bookkeeping, as CloudSim 3.0.3's power package keeps it.
 *
 * State only, no policy: a host (PEs x MIPS, RAM, BW, storage, power model) with its VM list and
 * its VM scheduler (VmSchedulerTimeSharedOverSubscription); a VM (MIPS, PEs, RAM, BW, image size)
 * with its one trace-driven cloudlet (CloudletSchedulerDynamicWorkload + PowerVm). Everything lives
 * in flat arrays indexed by id, allocated once in datacenter_create; nothing is allocated per step.
 * Units: MIPS, MB, CloudSim bandwidth units, seconds. Java semantics are kept where they change
 * numbers (see doc/cloudsim-engine.md#vm-scheduler, doc/cloudsim-engine.md#host-update and
 * doc/cloudsim-engine.md#quirks).
 */
#ifndef GREENMIG_DATACENTER_H
#define GREENMIG_DATACENTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "power.h"

#define VM_HISTORY_LEN 30 /* PowerVm.HISTORY_LENGTH: utilization samples kept per VM */
#define DATACENTER_FIT_LOG 64 /* hosts changed between two first fits before a rebuild */
/* VM records of more bytes than this in all: the host updates ask for the next host's memory
 * ahead (fewer stay in the caches anyway, and the requests cost instructions) */
#define DATACENTER_PREFETCH_MIN_BYTES ((size_t)1 << 20)

/* A small growable list of VM ids (order matters: CloudSim keeps Java lists). `mask` has bit
 * (id mod 512) set for every member, so that most failed lookups (the common case: the scheduler
 * asks for every VM it allocates, and stale migrating-out ids pile up,
 * doc/cloudsim-engine.md#q14) cost one test instead of a scan. The first IDLIST_INLINE members
 * are kept in the record itself (most lists are short, and most lookups past the mask find their
 * id there, with no miss on a separate array), the rest in v. */
#define IDLIST_MASK_WORDS 8
#define IDLIST_INLINE 16
struct idlist {
	int *v;   /* members IDLIST_INLINE .. n - 1 (cap of them) */
	int n, cap;
	int in[IDLIST_INLINE];
	uint64_t mask[IDLIST_MASK_WORDS];
};

#define IDLIST_WORD(id) (((unsigned)(id) >> 6) & (IDLIST_MASK_WORDS - 1))
#define IDLIST_BIT(id) ((uint64_t)1 << ((unsigned)(id) & 63u))

/* Member j (0 .. n - 1), in list order. */
static inline int idlist_at(const struct idlist *l, int j)
{
	return j < IDLIST_INLINE ? l->in[j] : l->v[j - IDLIST_INLINE];
}

bool idlist_has_slow(const struct idlist *l, int id); /* the scan, past the mask */
/* Inline: the host updates ask millions of times, and the mask answers almost all of them. */
static inline bool idlist_has(const struct idlist *l, int id)
{
	if (!(l->mask[IDLIST_WORD(id)] & IDLIST_BIT(id)))
		return false;
	return idlist_has_slow(l, id);
}
int idlist_add(struct idlist *l, int id);      /* appends; 0 or -1 (out of memory) */
void idlist_remove_slow(struct idlist *l, int id); /* the scan and removal, past the mask */
/* Removes the first occurrence (inline: every VM's allocation asks, almost never a member). */
static inline void idlist_remove(struct idlist *l, int id)
{
	if (l->mask[IDLIST_WORD(id)] & IDLIST_BIT(id))
		idlist_remove_slow(l, id);
}

/* One VM's place on a host: what the host's scheduler and provisioners hold for it (64 bytes: a
 * cache line). */
struct slot {
	int vm;
	int pes;              /* the VM's PE count: its request and allocation lists have pes entries */
	uint32_t hash;        /* the VM's uid hash (vm_uid_hash) */
	bool has_req;         /* present in mipsMapRequested */
	double req_pe;        /* requested MIPS per PE, uncapped (mipsMapRequested) */
	double alloc_pe;      /* allocated MIPS per PE (mipsMap); all PEs of a VM get the same */
	double alloc_total;   /* getTotalAllocatedMipsForVm: the pes entries summed in order */
	long req_seq;         /* when it entered mipsMapRequested (Java HashMap bucket order) */
	long ram_mb;          /* RAM held (RamProvisionerSimple) */
	long bw;              /* BW held */
};

/* The hosts and VMs are allocated 64-byte aligned (datacenter_create) and their sizes are whole
 * cache lines: what a host update reads of them comes first, in the lines batch_hosts asks for
 * ahead (at 100,000 hosts the updates wait on memory). */
#define DATACENTER_LINE 64

struct host {
	/* --- what a host update reads and writes: the first two cache lines --- */
	int id;
	int pes;
	double pe_mips;            /* capacity of one PE (getPeCapacity) */
	double total_mips;         /* pes * pe_mips */
	struct slot *slots;        /* the VM list, in CloudSim's list order */
	int n_slots;
	int map_cap;               /* capacity of the scheduler's Java HashMap (16, doubling) */
	int map_size;              /* entries in mipsMapRequested */
	bool map_ordered;          /* allocations were last made in HashMap order (host_touch no-op) */
	bool redistribute_later;   /* host_update's allocation loop: over-subscription settled once */
	bool redistribute_due;
	bool idle_recorded;        /* the last update left it empty and recorded it inactive */
	bool live_dirty;
	/* [power] states: the host is not on (booting, waking, ...): its VMs wait, allocated
	 * nothing (host_update), their demand unmet. Always false without power states. */
	bool stalled;
	/* one of migrating_in, migrating_out and vms_migrating_in holds something (kept by every
	 * change to them: host_lists_note), so that a host update asks them only then */
	bool lists_any;
	bool memo_ok;
	long map_seq;              /* insertion counter */
	double available_mips;     /* VM scheduler's availableMips */
	double utilization_mips;   /* HostDynamicWorkload.utilizationMips (cached) */
	double previous_utilization_mips;
	double requested_mips;     /* sum of uncapped requests at the last update */
	double overhead_mips;      /* part of utilization_mips reserved for VMs migrating in */
	double previous_overhead_mips;
	double security_mips;      /* crypto of the secure migrations under way from or to it (MIPS of
				    * the cores it takes), charged to energy only (sim.c) */
	int cap_slots;
	int tgt_slot;              /* its place in dc->tgt plus 1 (0: no VM migrating in) */
	/* --- the rest --- */
	double memo_u, memo_w;     /* the last power evaluated for energy: P(memo_u) = memo_w */
	struct power_model power;
	/* (in the line of bw: the detectors' history sums and the best fit read the three) */
	unsigned long list_version; /* changes of its VM list (create, destroy; a restore that
				     * leaves it empty is none) */
	double live_cache;         /* host_live_mips, valid unless live_dirty */
	long ram_mb, bw, storage_mb;
	long ram_free, bw_free, storage_free;
	int *order;                /* scratch: slots in HashMap iteration order (cap_slots) */
	int *snap;                 /* scratch: a copy of order being iterated */

	struct idlist migrating_in;     /* VM scheduler's migratingIn uid list (VM ids) */
	/* VM scheduler's migratingOut list (may hold stale ids, doc/cloudsim-engine.md#q14) */
	struct idlist migrating_out;
	struct idlist vms_migrating_in; /* Host.vmsMigratingIn */
};

struct vm {
	/* --- what a host update reads and writes (but the history): the first two cache lines --- */
	int id;
	int pes;
	double mips;               /* per PE */
	bool in_migration;
	bool being_instantiated;   /* true until its initial placement is done */
	bool finished;             /* cloudlet done: the VM requests nothing any more */
	bool u_prev_ok;
	unsigned batch_stamp;      /* hosts_update: updated ahead in the batch of this stamp */
	int history_pos;           /* vm_history: hbuf + history_pos */
	int history_len;
	const double *util;        /* trace as fractions: util[(k - util_k0) * util_stride] at */
	size_t util_stride;        /* k * interval, n_util values (the simulation keeps every VM's
				    * sample k side by side: one instant's samples share cache lines) */
	double interval_s;
	double prev_time;          /* CloudletScheduler previousTime */
	double u_prev;             /* the trace at prev_time, if u_prev_ok */
	double req_total;          /* cached getCurrentRequestedTotalMips at prev_time */
	double power_prev_time;    /* PowerVm previousTime (history gate) */
	long long length_mi;       /* cloudlet length in MI (times its PEs: getCloudletTotalLength) */
	long long done_instructions; /* instructions executed (cloudletFinishedSoFar) */
	size_t n_util;
	size_t util_k0;            /* the samples held: k in [util_k0, util_k0 + util_rows); all
				    * of them (0, n_util; util_rows 0 says all too) but in a run over
				    * several days (vm_sample) */
	unsigned history_pushes;   /* changes of the history (a push adds 1): the detectors' sums
				    * know from it that a history moved by exactly one value */
	/* --- the rest --- */
	size_t util_rows;
	uint32_t uid_hash;         /* vm_uid_hash(id), cached */
	int host;                  /* host it is on (vm.getHost()), -1 if none */
	long ram_mb, bw, size_mb;
	bool placed;               /* initial placement succeeded */
	/* destroyed as idle or finished (doc/cloudsim-engine.md#q1), never returns */
	bool removed;
	int held_slots;            /* host lists on which it holds RAM or BW (host_is_suitable
				    * counts those back in: the first-fit index checks them only then) */
	int n_targets;             /* hosts it is migrating into (Host.vmsMigratingIn lists): */
	int target1[2];            /* the first two, as host id + 1 (0: none) */
	double dirty_pages_per_s;  /* pre-copy migrations: its page dirty rate */

	/* Memory (datacenter_mem.c; datacenter.memory only): the trace's used memory as fractions of
	 * ram_mb, mem[(k - util_k0) * util_stride] at k * interval (NULL: none), and the MB used now. */
	const double *mem;
	double mem_mb;
	/* The utilization history, newest first: vm_history(vm) is always the VM_HISTORY_LEN
	 * contiguous values hbuf[history_pos ...] (history_pos <= VM_HISTORY_LEN), which a new value
	 * moves down by one; when it reaches the start, the newest values are copied to the end
	 * once (vm_history_push). A new value costs one store (one cache line written), the copy a
	 * thirtieth of a copy of the window, and not a shift of the others. */
	double hbuf[2 * VM_HISTORY_LEN];
	char pad_[8];              /* (to whole cache lines: checked in datacenter_hosts.c) */
};

/* Sample k of the VM's trace, as a fraction; k must be held (util_k0 <= k < util_k0 + util_rows). */
static inline const double *vm_sample(const struct vm *vm, size_t k)
{
	return &vm->util[(k - vm->util_k0) * vm->util_stride];
}

/* Is sample k held? (Always, for k < n_util, but in a run over several days.) */
static inline bool vm_sample_held(const struct vm *vm, size_t k)
{
	return vm->util_rows == 0 || (k >= vm->util_k0 && k - vm->util_k0 < vm->util_rows);
}

/* Asks for the cache lines of the VM's record that host updates read (its first two), before they
 * are needed. */
static inline void vm_prefetch(const struct vm *vm)
{
#if defined(__GNUC__)
	__builtin_prefetch(vm);
	__builtin_prefetch((const char *)vm + DATACENTER_LINE);
#else
	(void)vm;
#endif
}

/* Asks for the line of the VM's history that vm_history_push will write (the record's first
 * lines should be in cache by then). */
static inline void vm_prefetch_history(const struct vm *vm)
{
#if defined(__GNUC__)
	if (vm->history_pos > 0) /* (else the copy's lines: rare) */
		__builtin_prefetch(&vm->hbuf[vm->history_pos - 1], 1);
#else
	(void)vm;
#endif
}

/* The VM's history_len newest utilizations, index 0 newest (PowerVm.getUtilizationHistory). */
static inline const double *vm_history(const struct vm *vm)
{
	return vm->hbuf + vm->history_pos;
}

/* Adds u as the newest value (the oldest beyond VM_HISTORY_LEN drops out). */
static inline void vm_history_push(struct vm *vm, double u)
{
	int p = vm->history_pos;
	if (p == 0) {
		/* the window is at the buffer's start: its newest VM_HISTORY_LEN - 1 values (those
		 * that stay) go to the end, behind the place of the new one */
		memcpy(vm->hbuf + VM_HISTORY_LEN + 1, vm->hbuf, (VM_HISTORY_LEN - 1) * sizeof *vm->hbuf);
		p = VM_HISTORY_LEN + 1;
	}
	p--;
	vm->hbuf[p] = u;
	vm->history_pos = p;
	vm->history_pushes++;
	if (vm->history_len < VM_HISTORY_LEN)
		vm->history_len++;
}

/* Sets the history to values[0 .. n - 1], newest first (tests, n <= VM_HISTORY_LEN). */
static inline void vm_history_set(struct vm *vm, const double *values, int n)
{
	vm->history_pos = 0;
	vm->history_len = n;
	vm->history_pushes += 2; /* not a single push */
	for (int i = 0; i < 2 * VM_HISTORY_LEN; i++)
		vm->hbuf[i] = i < n ? values[i] : 0;
}

#define HISTORY_CACHE_IDS 32
/* A host's history sums over the first n_slots VMs of its list, as of list_version. */
struct host_history_cache {
	/* (the first cache line, the entries aligned to one: what detect_regression_terms reads) */
	_Alignas(64) unsigned long stamp;
	unsigned long version;
	double lr_sum, lr_lin, lr_mag;
	long max_ram;               /* the largest configured RAM of those VMs (LONG_MIN: none) */
	int n_slots;
	unsigned need, len;         /* (at most VM_HISTORY_LEN) */
	bool lr_ready;              /* lr_* hold LR's sums over sum[0 .. 9] (detect_regression_bound) */
	bool fb_ok;                 /* (the fb_* below) */
	/* the ids of those VMs in list order when n_slots <= HISTORY_CACHE_IDS (n_ids -1
	 * otherwise): a list that only grew past them (a placement appends) keeps the sums as its
	 * prefix; and their history_pushes then (one push each later: the sums move by one index).
	 * Side by side, from the second line: a host of up to 7 VMs reads one line of them. */
	int n_ids;
	struct {
		int id;
		unsigned pushes;
	} ids[HISTORY_CACHE_IDS];
	double sum[VM_HISTORY_LEN];
	/* detect_threshold_after's sum of the requests over the whole list (list order) and the
	 * longest VM history, as of (fb_version, fb_slots, fb_epoch); any time, not only while a
	 * consolidation runs */
	int fb_slots, fb_maxlen;
	unsigned long fb_version, fb_epoch;
	double fb_sum;
};

/* Where t falls in a trace of sampling interval `interval`: the part of getUtilization that
 * depends on t only, computed once per instant (datacenter.ti_last) instead of once per VM. */
struct time_index {
	double t, interval;
	bool exact;      /* fmod(t, interval) == 0: the sample at k */
	size_t k;
	long i1, i2;     /* floor and ceil of t / interval */
	double span;     /* (i2 - i1) * interval */
	double offset;   /* t - i1 * interval */
	size_t k0;       /* the first sample the VMs hold (datacenter.util_k0); their rows of */
	size_t r;        /* k, i1 and i2: k - k0, ... (the same as k, i1, i2 but in a run over */
	long r1, r2;     /* several days) */
};

struct fit_index;

struct datacenter {
	double scheduling_interval_s; /* PowerVm's interval: gates its utilization history */
	int *vm_table;             /* the allocation policy's vmTable: host of each VM, or -1 */
	struct host *hosts;
	int n_hosts;
	struct vm *vms;
	int n_vms;
	/* The detectors' host history sums per host (owned by the consolidation, which allocates
	 * and frees them; used only while history_stamp != 0, which the consolidation sets while
	 * it runs: see detect_host_history_head). */
	struct host_history_cache *history_cache;
	unsigned long history_stamp;
	bool history_tentative;    /* the last slot of the host being asked is a tentative entry */
	unsigned long util_epoch;  /* host_update calls so far (cached utilizations may change) */
	/* Per host: known to be idle so that host_update would change nothing and its energy is 0
	 * (set by host_update, cleared when it gets a VM): whole-datacenter loops skip it without
	 * reading its record. */
	unsigned char *quiet;
	/* the first sample every VM's trace rows hold (vm.util_k0): 0 but in a run over several days */
	size_t util_k0;
	/* host_update's time index of its last instant (every host shares it) */
	struct time_index ti_last;
	double ti_now, ti_interval, ti_sched;
	bool ti_ok, ti_history;
	unsigned long slots_epoch; /* VM list changes so far (host_vm_create, _destroy, _destroy_all) */
	/* host_vm_destroy leaves the other VMs' re-allocation (VmSchedulerTimeShared
	 * .deallocatePesForVm) undone: set only while the caller updates every host it destroys on
	 * (host_update) before anything reads an allocation; that update allocates afresh */
	bool defer_realloc;
	/* The hosts that VMs are migrating into (any order), and how many VMs migrate into more
	 * than two hosts at once (hosts_update runs on one thread then). */
	int *tgt;
	int n_tgt;
	int n_multi;
	unsigned batch_stamp;      /* hosts_update calls so far */
	unsigned *batch_mark;      /* per host: the stamp of the last hosts_update it was in */
	/* per host, after a hosts_update it was in: 1 if a VM not migrating requests 0 MIPS */
	unsigned char *zero_req;
	/* The first-fit index (datacenter_fit.c; NULL until the first datacenter_first_fit) and the
	 * hosts whose free resources changed since it was last brought up to date: the list, or
	 * fit_stale once more than DATACENTER_FIT_LOG changed (then it is rebuilt). */
	struct fit_index *fit;
	int fit_log[DATACENTER_FIT_LOG];
	int n_fit_log;
	bool fit_stale;
	/* The trace has a memory series: VMs' used memory is tracked and host_is_suitable also
	 * checks it (doc/memory.md#memory-as-a-resource). false: CPU only, as CloudSim. */
	bool memory;
	unsigned long touches;     /* host_touch calls that changed the host so far (the best fit
				    * files again only the hosts whose create/destroy changed them) */
	bool prefetch;             /* the VM records exceed DATACENTER_PREFETCH_MIN_BYTES: host
				    * updates and host_prefetch ask for memory ahead */
	uint64_t *host_bits;       /* a bit per host, all clear between datacenter_sort_hosts calls */
	/* Per host once datacenter_power_keep was called (NULL before), so that the loops over every
	 * host at each step read 8 bytes of it, not its record: host_watts is its power as the
	 * timeline counts it (P(u) of its cached utilization u, capped at 1; -1 if u is not above 0;
	 * NaN: a host update changed u since, the reader computes it); host_ws its energy over
	 * energy_dt s as the energy counts it (NaN: the caller computes it from the record), both
	 * made by a hosts_update called with energy_dt > 0 (which sets energy_ready and energy_dt
	 * back to 0; the next hosts_update clears it). */
	double *host_watts, *host_ws;
	double energy_dt;
	bool energy_ready;
	/* Per host: empty as datacenter_restore left it (map_ordered false, all MIPS available),
	 * unchanged since: every change of those goes through datacenter_fit_touch, which clears
	 * it (a host update of an empty host leaves them as they are). The restore passes over
	 * such a host without reading its record. */
	unsigned char *settled;
	long batches_parallel;     /* hosts_update calls split among threads (for tests) */
	long targets_parallel;     /* ... whose migrating VMs were updated on threads too */
};

/*
 * Java's HashMap.hash of the VM's CloudSim uid: ("2-" + id).hashCode(), spread by h ^ (h >>> 16).
 * Decides the iteration order of the VM schedulers' maps (doc/cloudsim-engine.md#hashmap-order).
 */
uint32_t vm_uid_hash(int vm);

/* Utilization of a VM's trace at time t (UtilizationModelPlanetLabInMemory.getUtilization). */
double vm_utilization(const struct vm *vm, double t);

/* Requested MIPS per PE now (Vm.getCurrentRequestedMips): full MIPS while being instantiated.
 * (Inline, as vm_req_total: every host update asks for every VM.) */
static inline double vm_req_pe(const struct vm *vm)
{
	if (vm->being_instantiated)
		return vm->mips;
	return vm->req_total / vm->pes;
}

/* getCurrentRequestedTotalMips: the sum of the pes per-PE requests (added one by one, as Java
 * does: not pes x the request). */
static inline double vm_req_total(const struct vm *vm)
{
	double pe = vm_req_pe(vm);
	if (vm->pes == 1)
		return 0.0 + pe; /* (most VMs) */
	double total = 0.0;
	for (int j = 0; j < vm->pes; j++)
		total += pe;
	return total;
}

/* Index of vm in h's VM list, or -1. */
int host_find_slot(const struct host *h, int vm);

/* Host.isSuitableForVm: PE capacity, available MIPS, RAM and BW (after what vm holds there);
 * with dc->memory also the used memory: the host's (vm's own left out if it is on the list)
 * plus vm's at most the host's RAM. */
bool host_is_suitable(const struct datacenter *dc, const struct host *h, const struct vm *vm);

/*
 * The first-fit index (datacenter_fit.c): the lowest-id host h with host_is_suitable(dc, h, vm),
 * not held off (held_off[h], if held_off) and, with avoid, not avoided (avoid[h]); -1 if none.
 * The plain scan's answer, found in O(log hosts) on a segment tree of the hosts' largest PE
 * capacity, available MIPS, free RAM and free BW. Every change to those goes through the
 * functions below, which log the host (datacenter_fit_touch); the caller touches a host whose
 * held_off or avoid mark it changes. avoid_pass: skip the avoided hosts (avoid not NULL).
 */
int datacenter_first_fit(struct datacenter *dc, const struct vm *vm, const unsigned char *held_off,
			 const unsigned char *avoid, bool avoid_pass);
static inline void datacenter_fit_touch(struct datacenter *dc, int h)
{
	dc->settled[h] = 0;
	if (dc->fit == NULL || dc->fit_stale)
		return;
	if (dc->n_fit_log < DATACENTER_FIT_LOG)
		dc->fit_log[dc->n_fit_log++] = h;
	else
		dc->fit_stale = true;
}
void datacenter_fit_free(struct datacenter *dc);
/* --- memory (datacenter_mem.c): used only with dc->memory --- */

/* The MB vm uses at time t: its memory sample floor(t / interval) x ram_mb; 0 without memory. */
double vm_mem_at(const struct vm *vm, double t);
/* Sets every VM's mem_mb to its use at now (each scheduling step). */
void datacenter_mem_update(struct datacenter *dc, double now);
/* The MB h's VM list uses now (VMs migrating in included). */
double host_mem_used(const struct datacenter *dc, const struct host *h);
/* The MB used over all hosts, and the highest used share of one host's RAM (0..1). */
void datacenter_mem_totals(const struct datacenter *dc, double *used_mb, double *host_max);

/* Host.vmCreate: storage, RAM, BW, PEs; appends vm to the list. false if it does not fit. */
bool host_vm_create(struct datacenter *dc, struct host *h, struct vm *vm);

/* Host.vmDestroy: releases everything vm holds on h and removes it from the list. */
void host_vm_destroy(struct datacenter *dc, struct host *h, struct vm *vm);

/* Host.vmDestroyAll: releases every VM of h (their host becomes -1) and empties its list. */
void host_vm_destroy_all(struct datacenter *dc, struct host *h);

/*
 * The consolidation's restoreAllocation: every host releases all its VMs (Host.vmDestroyAll), then
 * each saved pair is created again in saved order (host_vm_create(hosts[k], vms[k]), vm_table
 * set); hosts[] ascending. A host whose list and allocations are already what that gives (the
 * same VMs first, none migrating or holding RAM or BW, and each VM's allocation what its request gets
 * when allocated in list order, without over-subscription) keeps them: only available_mips (the
 * order's rounding) and the counters and insertion order the rebuild moves are set.
 */
void datacenter_restore(struct datacenter *dc, const int *hosts, const int *vms, int n);

/*
 * Host.addMigratingInVm, without the two host updates that follow it: vm enters h as a VM
 * migrating in (10 % of its request reserved), appended to h's list. 0, or -1 if h's storage
 * is too small (CloudSim exits there).
 */
int host_add_migrating_in(struct datacenter *dc, struct host *h, struct vm *vm);

/* Host.removeMigratingInVm: vm leaves h's list and migrating-in lists; vm is no longer migrating. */
void host_remove_migrating_in(struct datacenter *dc, struct host *h, struct vm *vm);

/*
 * The lasting effect on h of host_vm_create(vm) immediately followed by host_vm_destroy(vm)
 * (vm not on h, h's storage large enough), without doing them: the scheduler's table may grow,
 * a stale migrating-out entry of vm goes, and the other VMs are re-allocated in HashMap order.
 * Lets the best fit skip the overload test of hosts that cannot win and stay exact.
 */
void host_touch_slow(struct datacenter *dc, struct host *h, const struct vm *vm);
static inline void host_touch(struct datacenter *dc, struct host *h, const struct vm *vm)
{
	/* Inline where it is plainly a no-op but for the insertion counter (already allocated in
	 * HashMap order, no growth due, no migrating-out entries): the best fit's loop. */
	if (h->map_ordered && h->migrating_out.n == 0 && !(h->map_size + 1 > h->map_cap * 3 / 4)) {
		h->map_seq++;
		return;
	}
	host_touch_slow(dc, h, vm);
}

/*
 * The overload detectors read only a host's VM list (histories, requests, RAM), never its
 * allocations: host_list_push appends vm to the list as a bare slot (no scheduler entry, no
 * resources), which shows a detector the host as CloudSim's tentative vmCreate leaves it
 * (vmList.add appends); host_list_pop takes it off again. Push returns 0, or -1 (out of memory).
 */
int host_list_push(struct host *h, const struct vm *vm);
void host_list_pop(struct host *h);

/* The lines of host h's record that its energy and power read (its first four: the cached
 * utilizations, the power memo and model), asked for in a loop over every host a few hosts
 * ahead; nothing if h is past the last host or the datacenter is small (dc->prefetch). */
#define DATACENTER_POWER_LINES 4
#define DATACENTER_POWER_AHEAD 8
static inline void datacenter_prefetch_power(const struct datacenter *dc, int h)
{
#if defined(__GNUC__)
	if (dc->prefetch && h < dc->n_hosts)
		for (int o = 0; o < DATACENTER_POWER_LINES * DATACENTER_LINE; o += DATACENTER_LINE)
			__builtin_prefetch((const char *)&dc->hosts[h] + o);
#else
	(void)dc;
	(void)h;
#endif
}

/* Sum of the allocations of h's current VM list (PowerVmAllocationPolicyMigrationAbstract
 * .getUtilizationOfCpuMips): the live utilization used by placement decisions. */
double host_live_mips_compute(const struct datacenter *dc, struct host *h);
static inline double host_live_mips(const struct datacenter *dc, struct host *h)
{
	return h->live_dirty ? host_live_mips_compute(dc, h) : h->live_cache;
}

/* Total MIPS allocated to vm on h (getTotalAllocatedMipsForVm); 0 if absent. */
double host_alloc_total(const struct host *h, int slot);

/* HostDynamicWorkload: a value in (1, 1.01) is taken as 1 (rounding slack). */
static inline double host_clamp_utilization(double u)
{
	return (u > 1 && u < 1.01) ? 1 : u;
}

/* Cached CPU utilization (getUtilizationOfCpu / getPreviousUtilizationOfCpu), clamped as CloudSim
 * (inline: the energy and the timeline ask for every host at every step). */
static inline double host_utilization(const struct host *h)
{
	return host_clamp_utilization(h->utilization_mips / h->total_mips);
}

static inline double host_previous_utilization(const struct host *h)
{
	return host_clamp_utilization(h->previous_utilization_mips / h->total_mips);
}

/*
 * Called for every history entry the host update makes: VM entries (host = -1 means a VM entry
 * for `vm`) and host entries. The metrics module implements it.
 */
struct history_sink {
	void (*vm_entry)(void *ctx, int vm, double t, double alloc, double req, bool in_migration);
	void (*host_entry)(void *ctx, int host, double t, double alloc, double req, bool active);
	void (*vm_utilization)(void *ctx, int vm, double t, double u); /* a utilization sample */
	void *ctx;
	/* optional (NULL: none): what the entries of VM (host) id touch of the sink's memory, the
	 * vm_bytes at vm_mem + id * vm_bytes (host_...), which the updates ask for ahead (the first
	 * 128 bytes) */
	const void *vm_mem, *host_mem;
	size_t vm_bytes, host_bytes;
};

/*
 * HostDynamicWorkload.updateVmsProcessing(now): updates every VM of the host, re-allocates the
 * scheduler with fresh requests and records history entries. Returns DBL_MAX if none of its VMs
 * progresses, else a time after now (CloudSim's minTime, of which only "DBL_MAX or not" is used:
 * vm_update in datacenter.c).
 */
double host_update(struct datacenter *dc, struct host *h, double now,
		   const struct history_sink *sink);

struct workers;

/*
 * host_update of the n hosts in hosts[] (distinct, ascending ids) at `now`, with the same results
 * as calling it on each in that order, split among w's threads (w NULL: this one): sinks[lane]
 * receives lane's entries (workers.h), so each lane's sink must write only what belongs to the
 * entries' own VM or host, or keep per-lane state. Sets dc->zero_req of the hosts. Returns the
 * least value host_update returned.
 *
 * Why the order does not matter: a host update writes only its host and its VMs, and reads
 * nothing another host's update writes, except for a VM migrating between two hosts of the batch
 * (on both lists). That VM's first update at `now` advances its cloudlet by the allocation on
 * the host updated first (the lower id); later ones at the same instant are zero-length and leave
 * it as it is. So such VMs are updated first, each on its lower-id host (a pass over the
 * migration targets), and the host updates then only read them.
 */
double hosts_update(struct datacenter *dc, const int *hosts, int n, double now,
		    const struct history_sink *sinks, struct workers *w);

/*
 * Asks for the cache lines host_update(h, now) will read in its VMs' records, their traces and
 * the sink's (they are scattered): called a little ahead of it (h's VM list itself should be in
 * cache by then). now NaN: not the traces. No effect on any value.
 */
void host_prefetch(struct datacenter *dc, const struct host *h, const struct history_sink *sink,
		   double now);

/* --- datacenter_power.c --- */
/* Allocates and fills dc->host_watts and host_ws (see there): 0, or -1 if out of memory. */
int datacenter_power_keep(struct datacenter *dc);
void datacenter_power_free(struct datacenter *dc);

/*
 * Sorts the n host ids in ids[] ascending and drops repeated ones; returns how many are left.
 * O(n + hosts / 64): a bit per host (dc->host_bits, left all clear).
 */
int datacenter_sort_hosts(struct datacenter *dc, int *ids, int n);

/*
 * Allocates a datacenter of n_hosts and n_vms zeroed entries; the caller fills in the static
 * fields, then calls datacenter_init_host for each host. NULL if out of memory.
 */
struct datacenter *datacenter_create(int n_hosts, int n_vms);
int datacenter_init_host(struct host *h, int capacity_hint);
void datacenter_destroy(struct datacenter *dc);

#endif
