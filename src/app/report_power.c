/*
 * report_power: the stats and timeline columns of the power models that are off by default
 * (issue 18: [power] states, ...; issue 20: memory, when the trace has it). A column appears only
 * when the experiment turns its model on (the memory columns: when the run's trace has memory),
 * so that every output of an experiment without them stays byte-identical to what it was. The
 * table below is the one list of these columns, with unit and meaning (report.h,
 * report_power_columns): the documentation of the output columns takes it from here.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "power.h"
#include "pstate.h"

/* %.17g, NaN as Java spells it (report.c's put_double) */
static int put_num(FILE *out, double x)
{
	if (isnan(x))
		return fputs("NaN", out) < 0 ? -1 : 0;
	return fprintf(out, "%.17g", x) < 0 ? -1 : 0;
}

static double st_kwh(const struct run_result *r, enum pstate s)
{
	return r->sim.state_energy_kwh[s];
}

static double st_h(const struct run_result *r, enum pstate s)
{
	return r->sim.state_time_s[s] / 3600;
}

/* Each stats column: its model, name, unit, meaning, value. */
struct stats_col {
	struct report_column doc;
	double (*value)(const struct run_result *r);
};

#define ST(name) \
	static double v_##name##_kwh(const struct run_result *r) { return st_kwh(r, PSTATE_##name); } \
	static double v_##name##_h(const struct run_result *r) { return st_h(r, PSTATE_##name); }
ST(ON)
ST(BOOTING)
ST(WAKING)
ST(SHUTTING_DOWN)
ST(SUSPENDING)
ST(OFF)
ST(ASLEEP)
#undef ST
static double v_boots(const struct run_result *r) { return (double)r->sim.boots; }
static double v_shutdowns(const struct run_result *r) { return (double)r->sim.shutdowns; }
static double v_suspends(const struct run_result *r) { return (double)r->sim.suspends; }
static double v_wakes(const struct run_result *r) { return (double)r->sim.wakes; }
static double v_vm_wait(const struct run_result *r) { return r->sim.vm_wait_s; }
static double v_mig_wait(const struct run_result *r) { return r->sim.migration_wait_s; }
#define PT(name) \
	static double v_part_##name(const struct run_result *r) { return r->sim.part_kwh[PART_##name]; } \
	static double t_part_##name(const struct timeline_row *r) { return r->part_kwh[PART_##name]; }
PT(CPU)
PT(MEMORY)
PT(DISK)
PT(NIC)
PT(PLATFORM)
PT(PSU)
PT(STANDBY)
#undef PT
static double v_saved(const struct run_result *r) { return r->sim.parts_saved_kwh; }
static double v_fac(const struct run_result *r) { return r->sim.facility_kwh; }
static double v_pue(const struct run_result *r)
{
	return r->sim.energy_kwh > 0 ? r->sim.facility_kwh / r->sim.energy_kwh : NAN;
}
static double v_co2(const struct run_result *r) { return r->sim.co2_kg; }
static double v_cost(const struct run_result *r) { return r->sim.cost; }
static double v_vms(const struct run_result *r) { return r->sim.vm_energy_kwh; }
static double v_unattr(const struct run_result *r) { return r->sim.unattributed_kwh; }
/* The network's columns: NaN for a policy that never migrates (NPA, DVFS: no network built). */
#define NET_V(x) (r->sim.network ? (x) : NAN)
static double v_n_done(const struct run_result *r) { return NET_V((double)r->sim.net.completed); }
static double v_n_flight(const struct run_result *r) { return NET_V((double)r->sim.net.in_flight); }
static double v_n_queued(const struct run_result *r) { return NET_V((double)r->sim.net.queued); }
static double v_n_qs(const struct run_result *r) { return NET_V(r->sim.net.queued_s); }
static double v_n_qmax(const struct run_result *r) { return NET_V(r->sim.net.queued_max_s); }
static double v_n_mean(const struct run_result *r) { return NET_V(r->sim.net.mig_mean_s); }
static double v_n_max(const struct run_result *r) { return NET_V(r->sim.net.mig_max_s); }
static double v_n_bhost(const struct run_result *r) { return NET_V(r->sim.net.bytes[NET_TIER_HOST]); }
static double v_n_brack(const struct run_result *r) { return NET_V(r->sim.net.bytes[NET_TIER_RACK]); }
static double v_n_bpod(const struct run_result *r) { return NET_V(r->sim.net.bytes[NET_TIER_POD]); }
static double v_n_upd(const struct run_result *r) { return NET_V((double)r->sim.net.rate_updates); }
static double v_n_flows(const struct run_result *r) { return NET_V((double)r->sim.net.max_flows); }
static double v_n_sw(const struct run_result *r) { return NET_V(r->sim.net.switch_kwh); }
static double v_n_swd(const struct run_result *r) { return NET_V(r->sim.net.switch_dynamic_kwh); }
static double v_n_nic(const struct run_result *r) { return NET_V(r->sim.net.nic_kwh); }
static double v_mem_mean(const struct run_result *r) { return r->sim.mem_used_gb_mean; }
static double v_mem_peak(const struct run_result *r) { return r->sim.mem_host_peak; }
static double v_mem_mig(const struct run_result *r) { return r->sim.mem_migrated_gb; }
static double t_mem_used(const struct timeline_row *r) { return r->mem_used_gb; }
static double t_mem_max(const struct timeline_row *r) { return r->mem_host_max; }
static double t_fac(const struct timeline_row *r) { return r->facility_kwh; }
static double t_co2(const struct timeline_row *r) { return r->co2_kg; }
static double t_cost(const struct timeline_row *r) { return r->cost; }

#define STATES REPORT_MODEL_STATES
#define PARTS REPORT_MODEL_PARTS
#define FACILITY REPORT_MODEL_FACILITY
#define VMS REPORT_MODEL_VM_ENERGY
#define NET REPORT_MODEL_NETWORK
#define MEMORY REPORT_MODEL_MEMORY
static const struct stats_col stats_cols[] = {
	{ { "ps_boots", "count", "boots started (off to on)", STATES }, v_boots },
	{ { "ps_shutdowns", "count", "shutdowns started (on to off)", STATES }, v_shutdowns },
	{ { "ps_suspends", "count", "suspends started (on to asleep)", STATES }, v_suspends },
	{ { "ps_wakes", "count", "wakes started (asleep to on)", STATES }, v_wakes },
	{ { "ps_vm_wait_s", "s", "placed VMs' waits for their host to come on, summed", STATES }, v_vm_wait },
	{ { "ps_migration_wait_s", "s",
	    "migrations' waits for their target to come on, summed (not in migration_time_s)", STATES },
	  v_mig_wait },
	{ { "ps_on_kwh", "kWh", "energy of the hosts while on (their power model)", STATES }, v_ON_kwh },
	{ { "ps_booting_kwh", "kWh", "energy while booting", STATES }, v_BOOTING_kwh },
	{ { "ps_waking_kwh", "kWh", "energy while waking", STATES }, v_WAKING_kwh },
	{ { "ps_shutting_down_kwh", "kWh", "energy while shutting down", STATES }, v_SHUTTING_DOWN_kwh },
	{ { "ps_suspending_kwh", "kWh", "energy while suspending", STATES }, v_SUSPENDING_kwh },
	{ { "ps_off_kwh", "kWh", "energy while off", STATES }, v_OFF_kwh },
	{ { "ps_asleep_kwh", "kWh", "energy while asleep; the seven ps_*_kwh add up to energy_kwh", STATES },
	  v_ASLEEP_kwh },
	{ { "ps_on_h", "host-hours", "time the hosts were on", STATES }, v_ON_h },
	{ { "ps_booting_h", "host-hours", "time booting", STATES }, v_BOOTING_h },
	{ { "ps_waking_h", "host-hours", "time waking", STATES }, v_WAKING_h },
	{ { "ps_shutting_down_h", "host-hours", "time shutting down", STATES }, v_SHUTTING_DOWN_h },
	{ { "ps_suspending_h", "host-hours", "time suspending", STATES }, v_SUSPENDING_h },
	{ { "ps_off_h", "host-hours", "time off", STATES }, v_OFF_h },
	{ { "ps_asleep_h", "host-hours", "time asleep", STATES }, v_ASLEEP_h },
	{ { "part_cpu_kwh", "kWh", "energy of the CPU: the host model's power less the other parts", PARTS },
	  v_part_CPU },
	{ { "part_memory_kwh", "kWh", "energy of the DRAM (DC)", PARTS }, v_part_MEMORY },
	{ { "part_disk_kwh", "kWh", "energy of the local disks (DC)", PARTS }, v_part_DISK },
	{ { "part_nic_kwh", "kWh", "energy of the NIC ports (DC)", PARTS }, v_part_NIC },
	{ { "part_platform_kwh", "kWh", "energy of board, chipset and fans (DC)", PARTS }, v_part_PLATFORM },
	{ { "part_psu_kwh", "kWh", "power supply loss (wall - DC)", PARTS }, v_part_PSU },
	{ { "part_standby_kwh", "kWh",
	    "energy of the hosts in states other than on ([power] states); the seven part_*_kwh add up "
	    "to energy_kwh", PARTS }, v_part_STANDBY },
	{ { "parts_saved_kwh", "kWh", "energy the parts powered down (power_down_unused_*) saved, at the wall",
	    PARTS }, v_saved },
	{ { "facility_kwh", "kWh", "facility energy: the IT energy (energy_kwh) times the PUE", FACILITY }, v_fac },
	{ { "pue_mean", "ratio", "facility_kwh / energy_kwh (NaN if no IT energy)", FACILITY }, v_pue },
	{ { "co2_kg", "kg CO2", "emissions of the facility energy at the carbon intensity of its time", FACILITY },
	  v_co2 },
	{ { "cost", "currency", "cost of the facility energy at the price of its time", FACILITY }, v_cost },
	{ { "vm_energy_kwh", "kWh", "the VMs' shares of the energy summed (--vm-energy has each)", VMS }, v_vms },
	{ { "unattributed_kwh", "kWh",
	    "energy of hosts without a VM (on and idle, off, asleep, going down); with vm_energy_kwh it "
	    "adds up to energy_kwh", VMS }, v_unattr },
	{ { "net_landed", "count", "migrations that landed (the others were still moving or queued at the end)",
	    NET }, v_n_done },
	{ { "net_in_flight_end", "count", "migrations still moving when the run ended (not in the times below)",
	    NET }, v_n_flight },
	{ { "net_queued_end", "count", "migrations still queued (or waiting for their target to come on) when the run ended", NET }, v_n_queued },
	{ { "net_queued_s", "s", "time the landed migrations waited for the per-host cap, summed", NET },
	  v_n_qs },
	{ { "net_queued_max_s", "s", "the longest such wait", NET }, v_n_qmax },
	{ { "net_migration_mean_s", "s", "the landed migrations' time from request to landing, mean (NaN if none)",
	    NET }, v_n_mean },
	{ { "net_migration_max_s", "s", "... and the longest (NaN if none)", NET }, v_n_max },
	{ { "net_bytes_host", "bytes", "migration bytes on the host links, every link summed (a transfer "
	    "crosses two)", NET }, v_n_bhost },
	{ { "net_bytes_rack", "bytes", "migration bytes on the racks' uplinks (top-of-rack to aggregation)",
	    NET }, v_n_brack },
	{ { "net_bytes_core", "bytes", "migration bytes on the pods' uplinks (aggregation to core)", NET },
	  v_n_bpod },
	{ { "net_rate_updates", "count", "times the flows' rates were recomputed (a flow started or ended)",
	    NET }, v_n_upd },
	{ { "net_max_flows", "count", "most migrations moving at once", NET }, v_n_flows },
	{ { "net_switch_kwh", "kWh", "the switches' energy (chassis, active ports, traffic); not in energy_kwh",
	    NET }, v_n_sw },
	{ { "net_switch_traffic_kwh", "kWh", "the migration traffic's part of net_switch_kwh (also in "
	    "migration_energy_kwh)", NET }, v_n_swd },
	{ { "net_nic_kwh", "kWh", "the hosts' NIC ports, a part of energy_kwh reported apart", NET }, v_n_nic },
	{ { "mem_used_gb_mean", "GB", "memory the VMs used over the datacenter, mean over the steps (a trace "
	    "with memory only)", MEMORY }, v_mem_mean },
	{ { "mem_host_peak", "fraction", "the highest share of one host's RAM its VMs used at a step", MEMORY },
	  v_mem_peak },
	{ { "mem_migrated_gb", "GB", "memory the migrated VMs used when their migrations started, summed",
	    MEMORY }, v_mem_mig },
};

struct timeline_col {
	struct report_column doc;
	double (*value)(const struct timeline_row *r);
};

static double t_on(const struct timeline_row *r) { return r->hosts_on; }
static double t_off(const struct timeline_row *r) { return r->hosts_off; }
static double t_asleep(const struct timeline_row *r) { return r->hosts_asleep; }
static double t_tr(const struct timeline_row *r) { return r->hosts_transition; }

static const struct timeline_col timeline_cols[] = {
	{ { "hosts_on", "hosts", "hosts on at t (with or without load)", STATES }, t_on },
	{ { "hosts_off", "hosts", "hosts off at t", STATES }, t_off },
	{ { "hosts_asleep", "hosts", "hosts asleep at t", STATES }, t_asleep },
	{ { "hosts_in_transition", "hosts", "hosts booting, waking, shutting down or suspending at t",
	    STATES }, t_tr },
	{ { "part_cpu_kwh", "kWh", "CPU energy so far", PARTS }, t_part_CPU },
	{ { "part_memory_kwh", "kWh", "DRAM energy so far", PARTS }, t_part_MEMORY },
	{ { "part_disk_kwh", "kWh", "disk energy so far", PARTS }, t_part_DISK },
	{ { "part_nic_kwh", "kWh", "NIC energy so far", PARTS }, t_part_NIC },
	{ { "part_platform_kwh", "kWh", "platform energy so far", PARTS }, t_part_PLATFORM },
	{ { "part_psu_kwh", "kWh", "power supply loss so far", PARTS }, t_part_PSU },
	{ { "part_standby_kwh", "kWh", "energy in states other than on so far", PARTS }, t_part_STANDBY },
	{ { "facility_kwh", "kWh", "facility energy so far", FACILITY }, t_fac },
	{ { "co2_kg", "kg CO2", "emissions so far", FACILITY }, t_co2 },
	{ { "cost", "currency", "cost so far", FACILITY }, t_cost },
	{ { "mem_used_gb", "GB", "memory the VMs used at t (a trace with memory only)", MEMORY }, t_mem_used },
	{ { "mem_host_max", "fraction", "the highest share of one host's RAM its VMs used at t", MEMORY },
	  t_mem_max },
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

unsigned report_models_asked(const struct experiment *e)
{
	unsigned m = 0;
	m |= e->pstates.states ? REPORT_MODEL_STATES : 0;
	m |= e->pstates.parts ? REPORT_MODEL_PARTS : 0;
	m |= e->facility.enabled ? REPORT_MODEL_FACILITY : 0;
	m |= e->pstates.vm_energy ? REPORT_MODEL_VM_ENERGY : 0;
	m |= e->network.params.topology != NET_NONE ? REPORT_MODEL_NETWORK : 0;
	return m;
}

unsigned report_models(const struct experiment *e)
{
	unsigned m = 0;
	if (e->model == MODEL_CLOUDSIM3 && e->pstates.states)
		m |= REPORT_MODEL_STATES;
	if (e->model == MODEL_CLOUDSIM3 && e->pstates.parts)
		m |= REPORT_MODEL_PARTS;
	if (e->model == MODEL_CLOUDSIM3 && e->facility.enabled)
		m |= REPORT_MODEL_FACILITY;
	if (e->model == MODEL_CLOUDSIM3 && e->pstates.vm_energy)
		m |= REPORT_MODEL_VM_ENERGY;
	if (e->model == MODEL_CLOUDSIM3 && e->network.params.topology != NET_NONE)
		m |= REPORT_MODEL_NETWORK;
	return m;
}

unsigned report_models_of_run(const struct experiment *e, const struct run_result *r)
{
	return report_models(e) | (r != NULL && r->sim.memory ? REPORT_MODEL_MEMORY : 0);
}

const struct report_column *report_power_column(int i, bool timeline)
{
	if (timeline)
		return i >= 0 && (size_t)i < N_OF(timeline_cols) ? &timeline_cols[i].doc : NULL;
	return i >= 0 && (size_t)i < N_OF(stats_cols) ? &stats_cols[i].doc : NULL;
}

int report_power_header(FILE *out, unsigned models, bool timeline)
{
	int rc = 0;
	const struct report_column *c;
	for (int i = 0; (c = report_power_column(i, timeline)) != NULL; i++)
		if (c->model & models)
			rc |= fprintf(out, ",%s", c->name) < 0;
	return rc ? -1 : 0;
}

int report_power_row(FILE *out, unsigned columns, unsigned models, const struct run_result *r)
{
	int rc = 0;
	for (size_t i = 0; i < N_OF(stats_cols); i++)
		if (stats_cols[i].doc.model & columns) {
			rc |= fputc(',', out) == EOF;
			rc |= put_num(out, stats_cols[i].doc.model & models ? stats_cols[i].value(r) : NAN) != 0;
		}
	return rc ? -1 : 0;
}

int report_power_count(unsigned models, bool timeline)
{
	int n = 0;
	const struct report_column *c;
	for (int i = 0; (c = report_power_column(i, timeline)) != NULL; i++)
		n += (c->model & models) != 0;
	return n;
}

unsigned report_power_models_of(const char **names, int n)
{
	for (unsigned m = 0; m <= REPORT_MODEL_ALL; m++) {
		const struct report_column *c;
		int at = 0;
		bool same = true;
		for (int i = 0; same && (c = report_power_column(i, false)) != NULL; i++)
			if (c->model & m)
				same = at < n && strcmp(names[at++], c->name) == 0;
		if (same && at == n)
			return m;
	}
	return REPORT_MODEL_NONE_MATCH;
}

int report_power_timeline_row(FILE *out, unsigned models, const struct timeline_row *r)
{
	int rc = 0;
	for (size_t i = 0; i < N_OF(timeline_cols); i++)
		if (timeline_cols[i].doc.model & models) {
			rc |= fputc(',', out) == EOF;
			rc |= put_num(out, timeline_cols[i].value(r)) != 0;
		}
	return rc ? -1 : 0;
}

int report_vm_energy(FILE *out, const struct vm_energy *v, int n)
{
	int rc = fputs("vm,energy_kwh,idle_kwh,dynamic_kwh,wait_kwh\n", out) < 0;
	for (int i = 0; i < n; i++) {
		const double kwh = 3600 * 1000;
		rc |= fprintf(out, "%d,", i) < 0;
		rc |= put_num(out, (v[i].idle_ws + v[i].dynamic_ws + v[i].wait_ws) / kwh) != 0;
		rc |= fputc(',', out) == EOF;
		rc |= put_num(out, v[i].idle_ws / kwh) != 0;
		rc |= fputc(',', out) == EOF;
		rc |= put_num(out, v[i].dynamic_ws / kwh) != 0;
		rc |= fputc(',', out) == EOF;
		rc |= put_num(out, v[i].wait_ws / kwh) != 0;
		rc |= fputc('\n', out) == EOF;
	}
	return rc ? -1 : 0;
}
