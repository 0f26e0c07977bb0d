/*
 * config: an experiment, as read from an INI file (inih) and overridden by --set.
 *
 * Sections and keys (defaults in brackets; see greenmig(1) and examples/):
 *   [experiment]  setup [custom]: the label written in the "setup" stats column
 *   [workload]    traces: trace day folder, packed day file or folder of days; a relative path is
 *                 taken relative to the experiment file's folder [the installed traces/planetlab]
 *                 day [20110303]; vms: VM count, or "all" (one VM per trace file) [all]
 *   [simulation]  scheduling_interval_s [300]; limit_s [86400]; cloudlet_length_mi [216000000];
 *                 destroy_idle_vms [yes]: CloudSim's removal of VMs whose request drops to 0 (Q1)
 *   [hosts]       count [800]; types: comma-separated host type names [required];
 *                 assign: round_robin (host i gets type i mod k) | block (type i / ceil(n/k)) [round_robin]
 *   [host.NAME]   pes [1]; mips (per PE) [required]; ram_mb [4096]; bw [1000000]; storage_mb [1000000];
 *                 power (see power.h names) [required]; power_max_w, power_static_share (analytic models)
 *   [vms]         types: comma-separated VM type names [required]; assign [block]
 *   [vm.NAME]     mips [required]; pes [1]; ram_mb [required]; bw [100000]; size_mb [2500]
 *   [policy]      name [dvfs]; selection [""]; param [""]; seed [1]
 * An unknown section or key is an error naming it and listing the valid ones.
 */
#ifndef GREENMIG_CONFIG_H
#define GREENMIG_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

#define CONFIG_NAME_LEN 64
#define CONFIG_PATH_LEN 4096
#define CONFIG_MAX_TYPES 16

enum config_assign {
	ASSIGN_ROUND_ROBIN, /* entity i gets type i mod k */
	ASSIGN_BLOCK,       /* entity i gets type i / ceil(n / k) (integer division), CloudSim's VMs */
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
};

struct vm_type {
	char name[CONFIG_NAME_LEN];
	int line;
	double mips;             /* per PE */
	int pes;
	long ram_mb;
	long bw;
	long size_mb;            /* image size */
};

struct experiment {
	char file[CONFIG_PATH_LEN];     /* experiment file read, "" if none */
	char setup[CONFIG_NAME_LEN];

	char traces[CONFIG_PATH_LEN];   /* resolved: relative paths already joined to file's folder */
	char day[CONFIG_NAME_LEN];
	long vms;                       /* 0 = all trace files */

	double scheduling_interval_s;
	double limit_s;
	long long cloudlet_length_mi;
	bool destroy_idle_vms;          /* CloudSim 3.0.3 compatibility: a VM requesting exactly 0
					 * MIPS at a datacenter update is destroyed for good (yes) */

	long hosts;
	enum config_assign host_assign;
	int host_types_line;            /* line of [hosts] types, for messages */
	int vm_types_line;              /* line of [vms] types */
	int n_host_order;               /* names listed in [hosts] types, in that order */
	char host_order[CONFIG_MAX_TYPES][CONFIG_NAME_LEN];
	int n_host_types;               /* [host.NAME] sections defined, in file order */
	struct host_type host_types[CONFIG_MAX_TYPES];

	enum config_assign vm_assign;
	int n_vm_order;
	char vm_order[CONFIG_MAX_TYPES][CONFIG_NAME_LEN];
	int n_vm_types;
	struct vm_type vm_types[CONFIG_MAX_TYPES];

	char policy[CONFIG_NAME_LEN];
	char selection[CONFIG_NAME_LEN];
	char param[CONFIG_NAME_LEN];
	uint64_t seed;
};

/* Fills e with the defaults above (no host or VM types; traces = default_traces or ""). */
void config_defaults(struct experiment *e, const char *default_traces);

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

#endif
