/*
 * columns: the table of every CSV column greenmig writes (see columns.h). The meanings follow
 * doc/cloudsim-engine.md (CloudSim 3.0.3's Helper.printResults and the metrics it calls),
 * doc/model2010.md#sla-metrics-2010 and doc/migration-security.md.
 */
#include "columns.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define S COLUMN_STATS
#define W COLUMN_SWEEP
#define T COLUMN_TIMELINE

static const struct column table[] = {
	{ S, "setup", "", "setup", "The experiment's setup name ([experiment] setup: paper, planetlab, ...).",
	  "the reference tables' setup (not in CloudSim's output)" },
	{ S, "day", "", "day", "The trace day run (its folder or file name); stochastic in the 2010 model.",
	  "the experiment name's workload field (Helper.parseExperimentName)" },
	{ S, "policy", "", "policy", "The policy's name (a plugin's own name, not its path).",
	  "the experiment name's VM allocation policy field" },
	{ S, "selection", "", "VM selection", "The VM selection (mmt, mc, mu, rs); empty for a policy that takes none.",
	  "the experiment name's VM selection policy field" },
	{ S, "param", "", "parameter", "The policy's parameter as given (\"0.4,0.8\" for two), or its default; empty "
	  "for a policy that takes none.", "the experiment name's parameter field" },
	{ S, "hosts", "", "hosts", "Hosts in the datacenter.", "Number of hosts" },
	{ S, "vms", "", "VMs", "VMs run.", "Number of VMs" },
	{ S, "sim_time_s", "s", "simulated time (s)", "The simulated time when the run ended.",
	  "Total simulation time" },
	{ S, "energy_kwh", "kWh", "energy (kWh)", "Energy the hosts used: each host's power interpolated linearly "
	  "between scheduling steps, summed.", "Energy consumption (PowerDatacenter.getPower / 3,600,000)" },
	{ S, "migrations", "", "VM migrations", "Live migrations started.", "Number of VM migrations" },
	{ S, "slav", "fraction", "SLA violation (SLAV)", "SLATAH x PDM, from 0 to 1 (the summary prints it x 100 as "
	  "\"SLA\").", "SLA (SLAV = SLATAH * PDM)" },
	{ S, "slatah", "fraction", "SLA time per active host (SLATAH)", "The share of the hosts' active time in "
	  "which a host had fewer MIPS allocated than requested.",
	  "SLA time per active host (Helper.getSlaTimePerActiveHost)" },
	{ S, "pdm", "fraction", "performance degradation due to migration (PDM)", "The VMs' MIPS shortfall while "
	  "migrating over all the MIPS they requested (a global ratio).",
	  "SLA perf degradation due to migration (Helper.getSlaMetrics)" },
	{ S, "sla_overall", "fraction", "overall SLA violation", "The VMs' requested minus allocated MIPS over their "
	  "requested MIPS; in the 2010 model over its samples of demand and allocation.",
	  "Overall SLA violation (Helper.getSlaMetrics)" },
	{ S, "sla_average", "fraction", "average SLA violation", "The mean of (requested - allocated) / requested over "
	  "the intervals with a shortfall, each counted once (0 if none).",
	  "Average SLA violation (Helper.getSlaMetrics)" },
	{ S, "host_shutdowns", "", "host shutdowns", "Times a host went from active to idle (a host idle at the first "
	  "step counts one).", "Number of host shutdowns (Helper.getTimesBeforeHostShutdown)" },
	{ S, "mean_time_before_host_shutdown_s", "s", "time before a host shutdown (s)", "The mean active time "
	  "before each host shutdown; NaN without shutdowns.", "Mean time before a host shutdown" },
	{ S, "stdev_time_before_host_shutdown_s", "s", "stdev of the time before a host shutdown (s)",
	  "Its standard deviation (NaN below two shutdowns).", "StDev time before a host shutdown" },
	{ S, "mean_time_before_vm_migration_s", "s", "migration duration (s)", "Despite its name, the mean duration "
	  "of a migration, as CloudSim's Helper measures it; NaN without migrations.",
	  "Mean time before a VM migration (Helper.getTimesBeforeVmMigration)" },
	{ S, "stdev_time_before_vm_migration_s", "s", "stdev of the migration duration (s)",
	  "Its standard deviation (NaN below two migrations).", "StDev time before a VM migration" },
	{ S, "unplaced_vms", "", "unplaced VMs", "VMs no host could take at the start (CloudSim stops there instead).",
	  "" },
	{ S, "mean_active_hosts", "hosts", "mean active hosts", "Active host-seconds over the simulated seconds from "
	  "the first step (300.1 s); in the 2010 model the mean number of hosts with load.", "" },
	{ S, "migration_time_s", "s", "migration time (s)", "The durations of the migrations started, summed; NaN "
	  "in the 2010 model.", "" },
	{ S, "migration_energy_kwh", "kWh", "migration energy (kWh)", "The energy the hosts used above what they "
	  "would have used without the 10 % CPU reserved on migration targets; NaN in the 2010 model.", "" },
	{ S, "steps", "", "scheduling steps", "Scheduling steps processed (the 2010 model: its 5 s ticks).", "" },
	{ S, "seed", "", "seed", "The run's random seed (policy.seed, --seed).", "" },
	{ S, "sla2010_violation_pct", "%", "SLA violation, 2010 (%)", "The 2010 model's SLA violation: samples with "
	  "less CPU allocated than demanded over all samples, x 100; NaN on CloudSim's engine.",
	  "the 2010 papers' SLA violation (CloudSim 2.x)" },
	{ S, "sla2010_average_pct", "%", "average SLA, 2010 (%)", "The 2010 model's average SLA: the mean shortfall "
	  "(demand - allocation) / demand x 100 of the violating samples; NaN on CloudSim's engine.",
	  "the 2010 papers' average SLA (CloudSim 2.x)" },
	{ S, "hosts_retired", "", "hosts retired", "DRR: hosts that entered the retiring state (a VM left them); "
	  "0 for other policies.", "" },
	{ S, "hosts_evacuated", "", "hosts evacuated", "DRR: retiring hosts emptied by migration after retiring "
	  "for the policy's parameter (seconds).", "" },
	{ S, "hosts_drained", "", "hosts drained", "DRR: retiring hosts whose VMs all finished before that.", "" },
	{ S, "security_time_s", "s", "security's migration time (s)", "Secure migration ([security] enabled = yes): "
	  "the time it added to the migrations' durations; 0 without.", "" },
	{ S, "security_energy_kwh", "kWh", "security's energy (kWh)", "Secure migration: the energy of its crypto "
	  "load on source and target hosts.", "" },
	{ S, "security_downtime_s", "s", "security's downtime (s)", "Secure migration: what it added to the "
	  "downtimes (stop-and-copy hashing and metadata).", "" },
	{ S, "security_bytes", "bytes", "security's traffic (bytes)", "Secure migration: the bytes it added on the "
	  "wire.", "" },
	{ S, "migration_downtime_s", "s", "migration downtime (s)", "The migrations' downtimes summed, with the "
	  "pre-copy model ([migration] model = precopy) or secure migration; 0 with CloudSim's delay.", "" },
	{ S, "placement_invocations", "", "placement re-packs", "The placement controller (policies placement, "
	  "placement+fuzzy): re-packs run; 0 for other policies.", "" },
	{ S, "placement_hosts_mean", "hosts", "hosts per placement plan", "The placement controller: the mean number "
	  "of hosts its feasible plans use; NaN if none.", "" },
	{ S, "placement_planned", "", "migrations planned", "The placement controller: the migrations its plans "
	  "need.", "" },
	{ S, "placement_done", "", "migrations of the plans", "The placement controller: the migrations of its "
	  "plans it started.", "" },
	{ W, "AXIS", "", "the axis name", "One column per axis (--vary NAME=...; names joined by | give one each), "
	  "named as given, with the value set, first and in axis order. An axis named like a stats column "
	  "(policy, selection, param, seed, day, vms) is that column: it holds what was set (a plugin's path, "
	  "vms=all) and the stats column is not repeated.", "" },
	{ W, "paramN", "", "parameter N", "The N-th number of the policy's parameter as the run used it (its default "
	  "when param is not set), in the shortest form that reads back exactly; NaN where the run's policy takes "
	  "fewer. Last, one column per parameter of the sweep's policy that takes the most.", "" },
	{ T, "time_s", "s", "time (s)", "The scheduling step's simulated time.", "" },
	{ T, "active_hosts", "hosts", "active hosts", "Hosts with a CPU utilization above 0 at the step.", "" },
	{ T, "power_w", "W", "power (W)", "The datacenter's power at the step under the policy's energy rule.", "" },
	{ T, "overloaded_hosts", "hosts", "overloaded hosts", "Hosts the policy's overload detector finds "
	  "overloaded (0 without a detector).", "" },
	{ T, "migrations_started", "", "migrations started", "Migrations started at the step.", "" },
	{ T, "energy_kwh", "kWh", "energy (kWh)", "The energy used so far (cumulative).", "" },
};

const struct column *columns_table(int *n)
{
	*n = (int)(sizeof table / sizeof table[0]);
	return table;
}

/* N >= 1 if name is "param<N>" (digits, no leading zero), else 0. */
static int param_index(const char *name)
{
	if (strncmp(name, "param", 5) != 0 || name[5] < '1' || name[5] > '9')
		return 0;
	int k = 0;
	for (const char *c = name + 5; *c; c++) {
		if (!isdigit((unsigned char)*c) || k > 1000)
			return 0;
		k = 10 * k + (*c - '0');
	}
	return k;
}

const struct column *columns_find(const char *name)
{
	const char *key = param_index(name) > 0 ? "paramN" : name;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].name, key) == 0 && strcmp(key, "AXIS") != 0)
			return &table[i];
	return NULL;
}

void columns_label(const char *name, char *buf, unsigned long n)
{
	const struct column *c = columns_find(name);
	int k = param_index(name);
	if (k > 0)
		snprintf(buf, n, "parameter %d", k);
	else
		snprintf(buf, n, "%s", c != NULL ? c->label : name);
}
