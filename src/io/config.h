/*
 * config: an experiment, as read from an INI file (inih) and overridden by --set.
 *
 * The sections and keys, with their types, ranges, defaults and meaning, are declared once, in
 * the table of config_keys.c; greenmig(1) lists them (its key list is printed from that table by
 * tests/config_keys, and make check fails if the two disagree). config_keys_each walks the table.
 * An unknown section or key is an error naming it and listing the valid ones.
 */
#ifndef GREENMIG_CONFIG_H
#define GREENMIG_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "facility.h"
#include "network.h"
#include "power.h"
#include "pstate.h"

#define CONFIG_NAME_LEN 64
#define CONFIG_PATH_LEN 4096
#define CONFIG_MAX_TYPES 16

/* [vms] size: where a VM's size comes from (doc/memory.md#vm-sizes). */
enum config_vm_size {
	VM_SIZE_TYPES,      /* the [vm.NAME] type [vms] assign gives it */
	VM_SIZE_FROM_TRACE, /* the type nearest to its size in the trace */
	VM_SIZE_OWN,        /* its own size from the trace (the assigned type's where the trace lacks one) */
};

enum config_assign {
	ASSIGN_ROUND_ROBIN, /* entity i gets type i mod k */
	ASSIGN_BLOCK,       /* entity i gets type i / ceil(n / k) (integer division), CloudSim's VMs */
};

enum config_model {
	MODEL_CLOUDSIM3, /* CloudSim 3.0.3's power package on traces (sim.h) */
	MODEL_2010,      /* Beloglazov & Buyya 2010: stochastic workload, 5 s ticks (model2010.h) */
};

enum config_arrivals {
	ARRIVALS_NONE,    /* every VM at t = 0 (CloudSim's examples) */
	ARRIVALS_POISSON, /* after initial_vms, exponential gaps */
	ARRIVALS_WAVES,   /* after initial_vms, wave_size VMs every wave_interval_s */
	ARRIVALS_FILE,    /* workload_file */
};

/* simulation.large_datacenter: the host updates' path for large datacenters */
enum config_large {
	LARGE_AUTO, /* from DATACENTER_PREFETCH_MIN_BYTES of VM records (about 1,500 VMs) */
	LARGE_YES,
	LARGE_NO,
};

enum config_cpu_share {
	CPU_SHARE_FIRST_COME, /* walk the host's VM list, each takes what it asks of what is left */
	CPU_SHARE_EQUAL,      /* CloudSim 2.1: the shortage spread equally in MIPS */
};

enum config_migration_time {
	MIGRATION_INSTANT,    /* the VM moves within the tick (doc/model2010.md#q1 default) */
	MIGRATION_CLOUDSIM21, /* RAM / (BW / 8000) s on the source at 90 % of its demand */
};

/*
 * Where the value of a text key came from: the line of the experiment file that set it, and a
 * hash of the value it set, so that config_line can tell whether the field still holds that
 * value (an option such as --policy writes the field directly). line 0: a default or --set.
 */
struct config_from {
	int line;
	uint64_t hash;
};

struct host_type {
	char name[CONFIG_NAME_LEN];
	int line;                /* line of its section in the experiment file (0: from --set) */
	int pes;
	double mips;             /* per PE */
	long ram_mb;
	long bw;                 /* CloudSim bandwidth units (Mbit/s in its examples) */
	long storage_mb;
	char power[CONFIG_NAME_LEN];
	double power_max_w;      /* analytic power models only */
	double power_static_share; /* analytic power models only: idle share of max, 0..1 */
	struct pstate_params states; /* [power] states = yes: its transitions and state powers */
	struct power_parts_params parts; /* [power] parts = yes: its sub-systems (power.h) */
};

struct vm_type {
	char name[CONFIG_NAME_LEN];
	int line;
	double mips;             /* per PE */
	int pes;
	long ram_mb;
	long bw;
	long size_mb;            /* image size */
	double dirty_pages_per_s; /* [migration] model = precopy: its page dirty rate (< 0: the
				   * [migration] default) */
};

struct experiment {
	char file[CONFIG_PATH_LEN];     /* experiment file read, "" if none */
	char setup[CONFIG_NAME_LEN];

	char traces[CONFIG_PATH_LEN];   /* resolved: relative paths already joined to file's folder */
	char day[CONFIG_NAME_LEN];
	struct config_from day_from;    /* workload.day, for messages */
	long vms;                       /* 0 = all trace files */
	long days;                      /* consecutive days played as one trace (1: one day) */
	int days_line;                  /* workload.days, for messages (0: not in the file) */
	enum config_arrivals arrivals;
	long initial_vms;               /* 0 = all */
	double arrival_rate_per_h;
	long wave_size;
	double wave_interval_s;
	char workload_file[CONFIG_PATH_LEN];
	int arrivals_line;

	enum config_model model;
	int model_line;                 /* line of simulation.model (0: default or --set) */
	enum config_cpu_share cpu_share;
	enum config_migration_time migration_time;
	int model2010_line;             /* line of a 2010-only key, for messages (-1: none set) */
	double scheduling_interval_s;
	double limit_s;
	long long cloudlet_length_mi;
	bool destroy_idle_vms;          /* CloudSim 3.0.3 compatibility: a VM requesting exactly 0
					 * MIPS at a datacenter update is destroyed for good (yes) */
	bool best_fit_index;            /* the best fit's segment index (no: the plain scan) */
	int threads;                    /* host updates' threads, 0: automatic (simulation.threads) */
	enum config_large large_datacenter; /* the large datacenter's path, or by size (auto) */

	long hosts;
	enum config_assign host_assign;
	int host_types_line;            /* line of [hosts] types, for messages */
	int vm_types_line;              /* line of [vms] types */
	int n_host_order;               /* names listed in [hosts] types, in that order */
	char host_order[CONFIG_MAX_TYPES][CONFIG_NAME_LEN];
	int n_host_types;               /* [host.NAME] sections defined, in file order */
	struct host_type host_types[CONFIG_MAX_TYPES];

	enum config_assign vm_assign;
	enum config_vm_size vm_size;    /* [vms] size */
	int vm_size_line;               /* its line (0: default or --set) */
	int n_vm_order;
	char vm_order[CONFIG_MAX_TYPES][CONFIG_NAME_LEN];
	int n_vm_types;
	struct vm_type vm_types[CONFIG_MAX_TYPES];

	char policy[CONFIG_PATH_LEN];      /* a policy's name, or a plugin's path (config_policy_is_plugin) */
	char selection[CONFIG_NAME_LEN];
	char param[CONFIG_NAME_LEN];
	struct config_from policy_from, selection_from, param_from; /* policy.*, for messages */
	uint64_t seed;
	bool stay_quirk;                /* ST: doc/model2010.md#st-stay-quirk (policy_st.c) */
	struct {
		double interval_s, window_s;
		bool oracle;
		int max_migrations, population, generations, stagnation;
		double p_mutation, max_util;
	} placement;
	struct {
		double overload, memory_overload, underload, memory_underload;
		int max_moves;
	} fuzzy;
	struct {
		bool precopy;           /* model = precopy */
		double dirty_pages_per_s;
		int max_rounds, stop_pages;
		double max_factor;
	} migration;
	struct {
		bool enabled;
		double protected_share, cipher_bps, hash_bps;
		int cores;
		double expansion_bytes, hash_bytes, meta_bytes;
		bool hash_incremental;
	} security;
	bool drr_power_on;              /* DRR: power a host on for evacuees (doc/model2010.md#q9) */
	double retire_threshold_s;      /* drr2010: R, seconds (policy_drr2010.c) */
	struct {
		bool states;            /* [power] states: host power states (pstate.h); no = CloudSim */
		bool idle_sleep;        /* idle_state = sleep (else off) */
		double idle_before_s;   /* an ON host without VMs this long goes down */
		int line;               /* line of [power] states (0: default or --set) */
		bool parts;             /* [power] parts: sub-system power (power.h) */
		bool down_memory, down_disk, down_nic; /* power_down_unused_* */
		int parts_line;
		bool vm_energy;         /* [power] vm_energy: each VM's share of the energy */
	} pstates;
	struct {
		bool enabled;           /* [facility] enabled: PUE, carbon and cost (doc/facility.md) */
		int line;
		struct facility_params pue; /* design_w 0: the hosts' power at 100 % summed */
		double carbon_g_per_kwh;    /* constant intensity, used without carbon_file */
		char carbon_file[CONFIG_PATH_LEN]; /* "" : none */
		double price_per_kwh;       /* constant price, used without price_file */
		char price_file[CONFIG_PATH_LEN];
	} facility;
	struct {
		struct net_params params; /* topology NET_NONE: off (doc/network.md) */
		int line;               /* line of [network] topology (0: default or --set) */
		double migration_share; /* of every link, for migrations */
		int max_per_host;       /* concurrent transfers per host, 0: no cap */
		enum net_target target; /* among equally good targets (doc/network.md#target-choice) */
		int target_line;        /* line of target (0: default or --set) */
		double switch_chassis_w, switch_port_w, switch_dynamic_share, nic_w;
	} network;
};

/* Fills e with the table's defaults (no host or VM types; traces = default_traces or ""). */
void config_defaults(struct experiment *e, const char *default_traces);

/*
 * Whether a policy name s is a plugin's path rather than a registered policy's name: it holds a
 * '/' or ends in ".so". In an experiment file such a path is relative to the file's folder.
 */
bool config_policy_is_plugin(const char *s);

/*
 * Reads the INI file at path into e (on top of what e holds). Every bad line is reported as
 * "path:line: ..." (unknown section or key with the valid ones, malformed number, ...). 0 or -1.
 */
int config_load(struct experiment *e, const char *path, struct diag *d);

/* Applies one "section.key=value" override (--set); errors cite "--set". 0 or -1. */
int config_set(struct experiment *e, const char *assignment, struct diag *d);

/*
 * Checks the whole experiment after all overrides: types listed exist and are complete, counts
 * positive, power model names known, etc. Errors cite the file and the line where possible. 0 or -1.
 */
int config_validate(const struct experiment *e, struct diag *d);

/*
 * The type of host i (of e->hosts) and of VM i (of n_vms), following [hosts]/[vms] types and
 * assign. Valid only after config_validate succeeded.
 */
const struct host_type *config_host_type(const struct experiment *e, long i);
const struct vm_type *config_vm_type(const struct experiment *e, long i, long n_vms);

/*
 * The line of the experiment file that set value, the current value of the field whose origin is
 * *from (e->policy and e->policy_from, ...); 0 if the value is a default or came from --set or an
 * option.
 */
int config_line(const struct config_from *from, const char *value);

/* The [vm.NAME] type called name, or NULL. */
const struct vm_type *config_find_vm_type(const struct experiment *e, const char *name);

/* One key of the experiment file, for people (greenmig(1)'s key list, tests/config_keys). */
struct config_key_info {
	const char *section;     /* "workload", "host.NAME", ... */
	const char *section_doc; /* what the section is for (the same for each of its keys) */
	const char *key;
	const char *type;        /* "yes/no", "integer", "number", "text", "path", "word", "names" */
	char range[256];         /* the values accepted: "1 to 4096", "(0, 1]", "none, poisson or file" */
	const char *def;         /* the default as a file would write it; NULL if that is no value */
	const char *def_text;    /* the default for people: def, or "required", "none", ... */
	const char *doc;         /* one line */
	/* Where its value lives in struct experiment (keys of sections without NAME that are a plain
	 * field): has_field; the field's offset and size; how it is stored: 'b' bool, 'i' integer
	 * (int, long or long long by size), 'd' double, 's' text, 'e' the index of a word of
	 * `words` ('|'-separated; an int or a bool), 'u' a uint64_t. */
	bool has_field;
	size_t off, size;
	char kind;
	const char *words;
};

/*
 * The value of SECTION.KEY (a key of a section without NAME) in e, as an experiment file would
 * write it, into buf. 0, or -1 if there is no such key or it is not a plain field.
 */
int config_get(const struct experiment *e, const char *section_key, char *buf, size_t n);

/*
 * Calls fn on every key of the experiment file in the table's order: sections as the "unknown
 * section" message lists them, keys as "unknown key" does. Stops at fn's first nonzero return
 * and returns it; else 0. info is valid during the call only.
 */
int config_keys_each(int (*fn)(const struct config_key_info *info, void *user), void *user);

#endif
