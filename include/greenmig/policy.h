/*
 * greenmig/policy.h: the policy interface. A policy is one `struct gm_policy`: its name,
 * parameters and the hooks it implements. The built-in policies (npa, dvfs, thr ... lrr, st, mm,
 * drr, placement, fuzzy ...) are written against this same interface; a plugin is a shared object
 * that exports
 *
 *     const struct gm_policy *gm_policy_entry(void);
 *
 * returning its policy (api_version = GREENMIG_API_VERSION), loaded with
 * `greenmig run --policy ./mypolicy.so` or `policy = ./mypolicy.so` in an experiment file.
 * doc/policy-api.md has a tutorial and the reference.
 *
 * Engines. GM_ENGINE_CLOUDSIM3 is CloudSim 3.0.3's power datacenter (300 s scheduling steps on
 * trace days): its hooks are below, and they see the datacenter through the read-only view
 * functions (hosts, VMs, their utilization, requests, allocations, RAM, power, histories).
 * GM_ENGINE_2010 is the 2010 stochastic model; its hooks (place2010, optimize2010) take the
 * model's own state, which API version 1 does not open to plugins: only the built-in policies
 * implement them.
 *
 * One step of the CloudSim engine, for a policy with migrations:
 *   - optimize set: the engine calls optimize(ctx); the policy reads the view and calls
 *     gm_migrate (and may change the view tentatively, gm_move_tentatively, to see its own
 *     decisions); the tentative changes are undone when optimize returns (CloudSim's
 *     saveAllocation / restoreAllocation) and the migrations start.
 *   - else CloudSim's optimizeAllocation: overloaded(ctx, h) on every host; from each overloaded
 *     host, select(ctx, h) (NULL: the run's --selection) picks VMs until it is no longer
 *     overloaded; each picked VM, and then the VMs of the least utilized hosts, go where
 *     target(ctx, vm, excluded) says (NULL: CloudSim's power-aware best fit, gm_best_fit, which
 *     asks overloaded() of each candidate host with the VM added).
 * Initial placement (t = 0, and VMs that arrive later): place(ctx, vm), or NULL: first fit for
 * policies without migrations, the power-aware best fit for the others.
 *
 * Threads: overloaded and overloaded_bound may be called from several threads at once (for
 * different hosts); they must only read. The other hooks run on one thread.
 *
 * Hosts and VMs are numbered 0 .. n - 1 in the order of the experiment; pointers to them are
 * valid for the whole run.
 */
#ifndef GREENMIG_POLICY_API_H
#define GREENMIG_POLICY_API_H

#include <stdbool.h>
#include <stddef.h>

#include <greenmig/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque to a policy: read through the functions below. */
typedef struct gm_ctx gm_ctx;             /* one run of a policy: its parameters, state, step */
typedef struct gm_datacenter gm_datacenter; /* hosts and VMs */
typedef struct gm_host gm_host;
typedef struct gm_vm gm_vm;
typedef struct gm_model2010 gm_model2010;   /* the 2010 model (built-in policies only) */

/* The engines a policy runs on (struct gm_policy.engines, bits). */
#define GM_ENGINE_CLOUDSIM3 (1u << 0)
#define GM_ENGINE_2010 (1u << 1)

/* How the datacenter's energy is counted (struct gm_policy.energy). */
enum gm_energy {
	GM_ENERGY_UTILIZATION, /* CloudSim's PowerDatacenter: P(utilization), idle hosts off */
	GM_ENERGY_MAX_POWER,   /* PowerDatacenterNonPowerAware: every host at P(100 %) always */
};

#define GM_MAX_PARAMS 4

/* Counters a policy may report; they become stats columns (0 if the policy has none). */
struct gm_counts {
	long hosts_retired, hosts_evacuated, hosts_drained; /* DRR-like policies */
	long placement_invocations;  /* re-packs run */
	double placement_hosts_sum;  /* hosts its feasible plans use, summed */
	long placement_planned, placement_done, placement_infeasible;
};

struct gm_policy {
	int api_version;           /* GREENMIG_API_VERSION */
	const char *name;          /* as given to --policy: letters, digits, '_', '-', '+' */
	const char *summary;       /* one line */
	const char *reproduces;    /* the CloudSim class or paper it reproduces; NULL if none */
	/*
	 * Parameters (--param "a" or "a,b,..."): n_params numbers (0 .. GM_MAX_PARAMS), each in
	 * [param_min, param_max], strictly increasing when params_increasing; param_help says what
	 * they are (for messages), default_param is used when --param is not given (NULL: none,
	 * then n_params must be 0).
	 */
	int n_params;
	double param_min, param_max;
	bool params_increasing;
	const char *param_help;
	const char *default_param;
	unsigned engines;          /* GM_ENGINE_* bits */
	enum gm_energy energy;
	bool migrations;           /* false: no optimization step (CloudSim's disableMigrations) */

	/* Per-run state: create returns it (gm_ctx_state gives it back); NULL hooks: none. A
	 * create that fails returns NULL after gm_ctx_fail. */
	void *(*create)(gm_ctx *ctx);
	void (*destroy)(void *state);

	/* CloudSim engine hooks; any may be NULL (see above for what runs instead). */
	int (*place)(gm_ctx *ctx, const gm_vm *vm); /* a host id, or -1: none fits */
	/* Whether h is overloaded; *metric (if metric is not NULL) gets the value CloudSim records
	 * in its metric history (the threshold in use, a prediction...), or NaN for none. */
	bool (*overloaded)(const gm_ctx *ctx, const gm_host *h, double *metric);
	/* Optional, for speed: whether overloaded() would say yes for h with vm added to its
	 * list, when that is certain without running it: 1 yes, 0 no, -1 unknown. */
	int (*overloaded_bound)(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm);
	int (*select)(gm_ctx *ctx, const gm_host *h); /* the VM to move off h, or -1: none */
	/* The host for vm among those with excluded[h] == 0 (excluded may be NULL: none), or -1. */
	int (*target)(gm_ctx *ctx, const gm_vm *vm, const unsigned char *excluded);
	int (*optimize)(gm_ctx *ctx);                 /* a whole step: 0, or -1 after gm_ctx_fail */
	void (*vm_left)(gm_ctx *ctx, int host);       /* a VM left host for good (finished, idle) */
	void (*counts)(const gm_ctx *ctx, struct gm_counts *out);

	/* 2010 model hooks (built-in policies; see above). */
	int (*place2010)(gm_model2010 *m, int vm);    /* a host id or -1; NULL: MBFD */
	int (*optimize2010)(gm_model2010 *m);         /* 0 or -1 */
};

/* The entry point a plugin exports. */
typedef const struct gm_policy *(*gm_policy_entry_fn)(void);
#define GM_POLICY_ENTRY "gm_policy_entry"

/* ---- The run: parameters, state, time ---- */
const gm_datacenter *gm_ctx_datacenter(const gm_ctx *ctx);
double gm_ctx_param(const gm_ctx *ctx, int i);  /* the i-th parameter (NaN if i is out of range) */
int gm_ctx_param_count(const gm_ctx *ctx);
void *gm_ctx_state(const gm_ctx *ctx);
double gm_ctx_now(const gm_ctx *ctx);           /* simulated time, s */
double gm_ctx_interval(const gm_ctx *ctx);      /* the scheduling interval, s (300) */
double gm_ctx_random(gm_ctx *ctx);              /* uniform in [0, 1) from the run's seed */
/* An experiment setting SECTION.KEY (e.g. "placement.window_s", "policy.seed") as the file
 * would write it, into buf: 0, or -1 if there is no such key (keys of [host.NAME] and [vm.NAME]
 * sections are not settings). The number, or NaN if it is none. */
int gm_ctx_setting(const gm_ctx *ctx, const char *section_key, char *buf, size_t n);
double gm_ctx_setting_number(const gm_ctx *ctx, const char *section_key);
/* Ends the run with an error: msg (printf format) is reported with the policy's name. */
void gm_ctx_fail(gm_ctx *ctx, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* ---- The datacenter, read-only ---- */
int gm_dc_host_count(const gm_datacenter *dc);
int gm_dc_vm_count(const gm_datacenter *dc);
const gm_host *gm_dc_host(const gm_datacenter *dc, int id);
const gm_vm *gm_dc_vm(const gm_datacenter *dc, int id);

int gm_host_id(const gm_host *h);
int gm_host_pes(const gm_host *h);
double gm_host_pe_mips(const gm_host *h);
double gm_host_total_mips(const gm_host *h);
long gm_host_ram_mb(const gm_host *h);
long gm_host_ram_free_mb(const gm_host *h);
long gm_host_bw(const gm_host *h);
double gm_host_available_mips(const gm_host *h);  /* the VM scheduler's free MIPS */
/* CPU utilization 0..1 as of the last update (CloudSim's getUtilizationOfCpu), and in MIPS. */
double gm_host_utilization(const gm_host *h);
double gm_host_utilization_mips(const gm_host *h);
/* The sum of the current requests (MIPS) of the VMs on its list now, tentative ones included. */
double gm_host_requested_mips(const gm_datacenter *dc, const gm_host *h);
/* Its utilization history (index 0 newest, at most GM_HISTORY_LEN values), as CloudSim's
 * PowerHostUtilizationHistory gives it: the VMs' histories weighted by their MIPS. */
#define GM_HISTORY_LEN 30
int gm_host_history(const gm_datacenter *dc, const gm_host *h, double out[GM_HISTORY_LEN]);
double gm_host_power(const gm_host *h, double utilization); /* its power model, W */
int gm_host_vm_count(const gm_host *h);                     /* its VM list, tentative included */
const gm_vm *gm_host_vm(const gm_datacenter *dc, const gm_host *h, int i);
int gm_host_migrating_in(const gm_host *h);                 /* VMs on their way to it */
bool gm_host_is_suitable(const gm_datacenter *dc, const gm_host *h, const gm_vm *vm);
bool gm_host_is_held_off(const gm_ctx *ctx, int host);     /* gm_switch_off */

int gm_vm_id(const gm_vm *vm);
int gm_vm_host(const gm_vm *vm);          /* -1: none (not placed, or finished) */
double gm_vm_mips(const gm_vm *vm);       /* per PE */
int gm_vm_pes(const gm_vm *vm);
long gm_vm_ram_mb(const gm_vm *vm);
long gm_vm_bw(const gm_vm *vm);
double gm_vm_requested_mips(const gm_vm *vm);   /* its current request, all PEs */
double gm_vm_allocated_mips(const gm_datacenter *dc, const gm_vm *vm); /* on its host */
/* Its CPU utilization history (0..1, index 0 newest); *n gets the count (<= GM_HISTORY_LEN). */
const double *gm_vm_history(const gm_vm *vm, int *n);
bool gm_vm_migrating(const gm_vm *vm);
/* Its CPU trace: utilization 0..1 at time t in s, past or future (CloudSim's interpolation
 * between samples), and the samples themselves: count, interval (s), the k-th (NaN out of range).
 * A run over several days ([workload] days > 1) holds the day before the clock's, its day and the
 * next: outside them both give NaN. */
double gm_vm_utilization_at(const gm_vm *vm, double t);
int gm_vm_trace_length(const gm_vm *vm);
double gm_vm_trace_interval(const gm_vm *vm);
double gm_vm_trace_sample(const gm_vm *vm, int k);
bool gm_vm_placed(const gm_vm *vm);

/* ---- Actions (in optimize, unless said otherwise) ---- */
/*
 * Starts migrating vm to host at the end of this step. 0, or -1 with a message for
 * gm_ctx_fail's caller in gm_ctx_error (not placed, already migrating or scheduled, host out of
 * range, its own host, held off, not suitable).
 */
int gm_migrate(gm_ctx *ctx, int vm, int host);
/*
 * Changes the view for the rest of this step only: vm leaves its host (host = -1) or is
 * created on host (CloudSim's tentative vmCreate / vmDestroy), so that later decisions of the
 * step see it; undone when optimize returns. Also in target. 0 or -1 (does not fit).
 */
int gm_move_tentatively(gm_ctx *ctx, int vm, int host);
/* CloudSim's power-aware best fit for vm (also in target and place): the host, excluded[h] == 0,
 * whose power grows least, among those that are suitable and not overloaded with it. -1: none. */
int gm_best_fit(gm_ctx *ctx, const gm_vm *vm, const unsigned char *excluded);
/* The first suitable host in id order (CloudSim's PowerVmAllocationPolicySimple), or -1. */
int gm_first_fit(gm_ctx *ctx, const gm_vm *vm);
/*
 * Holds an empty host off (no VM, none migrating in): no placement or migration goes to it
 * until gm_switch_on. (On this engine an empty host already draws nothing: holding it off keeps
 * it so.) 0 or -1.
 */
int gm_switch_off(gm_ctx *ctx, int host);
int gm_switch_on(gm_ctx *ctx, int host);
/* The message of the last action that returned -1 ("" if none). */
const char *gm_ctx_error(const gm_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif
