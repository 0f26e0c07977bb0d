/*
 * config_keys: every key of the experiment file, declared once.
 *
 * A row of the tables below is one key: its section, name, type, accepted range, default, the
 * field of struct experiment (or of struct host_type / struct vm_type for the [host.NAME] and
 * [vm.NAME] sections) it sets, and a line of documentation. Parsing (config_set_value), the
 * defaults (config_defaults and each new host or VM type), the range errors, the valid keys an
 * "unknown key" message lists and greenmig(1)'s key list (config_keys_each, printed by
 * tests/config_keys and checked against doc/greenmig.1.in by make check) all come from here.
 * Error texts have the form: "VALUE" is out of range (SECTION.KEY expects WHAT).
 */
#include "config.h"
#include "config_internal.h"
#include "config_keytab.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "power.h"
#include "workers.h"

static key_setter set_host_types, set_vm_types;

/* Enum fields are stored as int. */
_Static_assert(sizeof(enum config_model) == sizeof(int) && sizeof(enum config_assign) == sizeof(int) &&
	       sizeof(enum config_arrivals) == sizeof(int) && sizeof(enum config_cpu_share) == sizeof(int) &&
	       sizeof(enum config_migration_time) == sizeof(int), "enum fields are int-sized");

/* The sections, in the order "unknown section" lists them. */
const struct config_section config_sections[] = {
	{ "experiment", "What the run is called." },
	{ "workload", "The VMs and their CPU utilization: the trace day, how many VMs, when they arrive. "
		      "A VM arriving during the run is created at the first scheduling step at or after its "
		      "arrival time." },
	{ "simulation", "The engine: the model, its scheduling step and the length of the run." },
	{ "hosts", "The datacenter's hosts: how many, of which types." },
	{ "host.NAME", "A host type, named in [hosts] types. The analytic power models (linear, square, "
		       "cubic, sqrt) give 0 W at 0 %, as CloudSim's do, and need power_max_w; the others are "
		       "SPECpower tables." },
	{ "vms", "The VMs' types (their number is [workload] vms)." },
	{ "vm.NAME", "A VM type, named in [vms] types." },
	{ "policy", "The consolidation policy; greenmig run's --policy, --selection and --param override "
		    "it." },
	{ "migration", "How long a live migration takes (simulation.model = cloudsim3)." },
	{ "security", "Secure migration (simulation.model = cloudsim3): protected pages encrypted in every "
		      "round, a hash pass over them at stop-and-copy verified on the target, metadata on the "
		      "wire; longer migrations and crypto load on both hosts, reported in the stats "
		      "(security_time_s, security_energy_kwh, security_downtime_s, security_bytes). greenmig "
		      "calibrate measures cipher_bps and hash_bps on this machine." },
	{ "placement", "The genetic placement search of the policies placement and placement+fuzzy." },
	{ "fuzzy", "The thresholds of the policies fuzzy and placement+fuzzy." },
	{ "facility", "The building around the hosts (simulation.model = cloudsim3; doc/facility.md): its "
		      "overhead (PUE), the carbon intensity and the price of the energy it draws. Off by "
		      "default." },
	{ "power", "Host power states (simulation.model = cloudsim3; doc/power-states.md): off, booting, "
		   "on, shutting down, asleep, waking, with the times and powers of [host.NAME]. Off by "
		   "default: CloudSim's hosts take VMs at once and draw 0 W without load." },
	{ "network", "The datacenter network the live migrations cross (simulation.model = cloudsim3; "
		     "doc/network.md): links shared max-min fairly by the migrations under way, a cap on "
		     "a host's concurrent migrations, the switches' energy. Off by default (topology = "
		     "none)." },
};

/* The experiment's keys, by section; within one, in the order "unknown key" lists them. */
static const struct config_key exp_keys[] = {
	{ K("experiment", "setup"), NAME, EXP(setup), .def = "custom",
	  .doc = "The label written in the stats' setup column." },

	{ K("workload", "traces"), PATH, EXP(traces),
	  .def_text = "the installed traces/planetlab",
	  .doc = "A trace day folder, a packed day file or a folder of days (greenmig run --traces "
		 "overrides it); relative to the experiment file's folder." },
	{ K("workload", "day"), NAME, EXP(day), FROM(day_from), .def = "20110303",
	  .doc = "The day to run when traces is a folder of days (greenmig run --day overrides it)." },
	{ K("workload", "days"), INT(1, 100000, "a positive integer"), EXP(days), LINE(days_line), .def = "1",
	  .doc = "How many consecutive days of the folder of days, from day on, to play one after the "
		 "other as one trace; they are read a day at a time as the run reaches them, so memory "
		 "holds three days of samples, not the whole span (traces/README.md#runs-over-several-days). "
		 "Every day has the same VMs in the same order and as many samples; set "
		 "simulation.limit_s to the span's length." },
	{ K("workload", "vms"), INT(1, 100000000, "a positive integer or \"all\""), .words = "all", EXP(vms),
	  .def = "all", .doc = "How many VMs: the first so many trace files in name order, or all of them." },
	{ K("workload", "arrivals"), ENUM("none|poisson|waves|file", "an arrival process"), EXP(arrivals),
	  LINE(arrivals_line), .def = "none",
	  .doc = "When VMs arrive: none (all at t = 0, CloudSim's setup), poisson (after initial_vms, "
		 "exponential gaps of mean 3600 / arrival_rate_per_h s from the run's seed), waves "
		 "(wave_size VMs every wave_interval_s) or file (workload_file)." },
	{ K("workload", "initial_vms"), INT(0, 100000000, "an integer >= 0 (0: all)"), EXP(initial_vms),
	  .def = "0", .doc = "VMs present at t = 0 with arrivals = poisson or waves; 0: all." },
	{ K("workload", "arrival_rate_per_h"), DBL_OPEN(0, 1e9, "a positive number of VMs per hour"),
	  EXP(arrival_rate_per_h), .def = "60", .doc = "Mean arrivals per hour with arrivals = poisson." },
	{ K("workload", "wave_size"), INT(1, 100000000, "a positive integer"), EXP(wave_size), .def = "50",
	  .doc = "VMs per wave with arrivals = waves." },
	{ K("workload", "wave_interval_s"), DBL_OPEN(0, 1e9, SECONDS), EXP(wave_interval_s), .def = "3600",
	  .doc = "Seconds between two waves." },
	{ K("workload", "workload_file"), PATH, EXP(workload_file), .def_text = "none",
	  .doc = "With arrivals = file: a CSV file with the header vm,submit_s,trace,length_mi,type and one "
		 "row per VM (a unique integer, the arrival time, a trace name of the day, the cloudlet "
		 "length in MI, a [vm.NAME] type); relative to the experiment file's folder." },

	{ K("simulation", "model"), ENUM("cloudsim3|2010", "a model"), EXP(model), LINE(model_line),
	  .def = "cloudsim3",
	  .doc = "cloudsim3: CloudSim 3.0.3's power package on traces. 2010: the model of Beloglazov and "
		 "Buyya's 2010 experiments (no traces: a fresh uniform utilization per running VM per tick "
		 "from the run's seed; energy of an interval charged only to hosts that had load when it "
		 "began; idle hosts at 0 W with the analytic models; the run ends when the last cloudlet "
		 "does, limit_s being a safety cap)." },
	{ K("simulation", "scheduling_interval_s"), DBL_OPEN(0, 1e9, SECONDS), EXP(scheduling_interval_s),
	  .def = "300", .doc = "Seconds between two scheduling steps (5 in examples/paper2010.ini)." },
	{ K("simulation", "limit_s"), DBL_OPEN(0, 1e9, SECONDS), EXP(limit_s), .def = "86400",
	  .doc = "Simulated seconds; must exceed scheduling_interval_s." },
	{ K("simulation", "cloudlet_length_mi"), INT(1, 9000000000000LL, "a positive integer (MI)"),
	  EXP(cloudlet_length_mi), .def = "216000000",
	  .doc = "Each VM's cloudlet length in MI; small enough, VMs finish and free their hosts." },
	{ K("simulation", "destroy_idle_vms"), BOOL, EXP(destroy_idle_vms), .def = "yes",
	  .doc = "CloudSim destroys, for good, every VM whose request is exactly 0 at a scheduling step; "
		 "no keeps them (not CloudSim-compatible)." },
	{ K("simulation", "cpu_share"), ENUM("first_come|equal", "a CPU sharing rule"), EXP(cpu_share),
	  LINE(model2010_line), .def = "first_come",
	  .doc = "model = 2010 only: each VM of a host's list takes what it asks of what is left "
		 "(first_come), or the shortage is spread equally (equal, CloudSim 2.1)." },
	{ K("simulation", "migration_time"), ENUM("instant|cloudsim21", "a migration time model"),
	  EXP(migration_time), LINE(model2010_line), .def = "instant",
	  .doc = "model = 2010 only: migrations take no time (instant), or RAM / (BW / 8000) s at 90 % "
		 "of the VM's demand (cloudsim21)." },
	{ K("simulation", "best_fit_index"), BOOL, EXP(best_fit_index), .def = "yes",
	  .doc = "The power-aware best fit finds its host through an index of the hosts by power-curve "
		 "segment; no scans every host (the same results, slower: for checking the index)." },
	{ K("simulation", "large_datacenter"), ENUM("auto|yes|no", "a choice"), EXP(large_datacenter),
	  .def = "auto",
	  .doc = "The host updates' path for datacenters whose VM records leave the caches (memory asked "
		 "for ahead, each host's power kept by its update): auto takes it from about 1,500 VMs; "
		 "yes and no force it either way (the same results, slower: for checking it)." },
	{ K("simulation", "threads"), INT(0, WORKERS_MAX, "an integer from 0 (automatic) to 16"),
	  EXP(threads), .def = "0",
	  .doc = "Threads sharing a run's host updates and overload scan; 0: one per processor (at most "
		 "16) from 4,000 hosts up, else one; a sweep's runs take one each unless it is set. The "
		 "results are the same, to the bit, for every value." },

	{ K("hosts", "count"), INT(1, 10000000, "a positive integer"), EXP(hosts), .def = "800",
	  .doc = "Number of hosts." },
	{ K("hosts", "types"), .type = KEY_NAMES, .set = set_host_types, .def_text = "required",
	  .doc = "Comma-separated host type names, each with a [host.NAME] section." },
	{ K("hosts", "assign"), ENUM("round_robin|block", "an assignment"), EXP(host_assign),
	  .def = "round_robin",
	  .doc = "round_robin: host i gets type i mod k; block: type i / ceil(n / k)." },

	{ K("vms", "count"), INT(1, 100000000, "a positive integer or \"all\""), .words = "all", EXP(vms),
	  .def = "all", .doc = "The same as [workload] vms." },
	{ K("vms", "types"), .type = KEY_NAMES, .set = set_vm_types, .def_text = "required",
	  .doc = "Comma-separated VM type names, each with a [vm.NAME] section." },
	{ K("vms", "assign"), ENUM("round_robin|block", "an assignment"), EXP(vm_assign), .def = "block",
	  .doc = "As [hosts] assign; block is CloudSim's." },
	{ K("vms", "size"), ENUM("types|from_trace|own", "a size rule"), EXP(vm_size), LINE(vm_size_line),
	  .def = "types",
	  .doc = "types: the types above; from_trace: each VM gets the type nearest to its size in the "
		 "packed trace; own: its own size from the trace (doc/memory.md)." },

	{ K("policy", "name"), NAME, EXP(policy), FROM(policy_from), .def = "dvfs", .plugin = true,
	  .doc = "The policy (greenmig policies), or a plugin's path, relative to this file." },
	{ K("policy", "selection"), NAME, EXP(selection), FROM(selection_from), .def = "",
	  .doc = "The VM selection of a policy with an overload detector." },
	{ K("policy", "param"), NAME, EXP(param), FROM(param_from), .def = "", .doc = "The policy's parameter." },
	{ K("policy", "seed"), .type = KEY_SEED, .noun = "a seed", .what = "an integer >= 0", EXP(seed),
	  .def = "1", .doc = "The seed of the run's random numbers." },
	{ K("policy", "stay_quirk"), BOOL, EXP(stay_quirk), .def = "no",
	  .doc = "st: yes is CloudSim 2.1's single threshold, where a VM whose best host is its own is "
		 "not counted on it again." },
	{ K("policy", "drr_power_on"), BOOL, EXP(drr_power_on), .def = "yes",
	  .doc = "drr: a host may be switched on to receive the VMs of a host past its retirement "
		 "threshold." },
	{ K("policy", "retire_threshold_s"), DBL(0, 1e9, "a number of seconds >= 0"), EXP(retire_threshold_s),
	  .def = "60",
	  .doc = "drr2010: a host retiring (it lost a VM while others still run) this long has all its VMs "
		 "selected for migration; 0 evacuates at once." },

	{ K("migration", "model"), ENUM("cloudsim|precopy", "a migration model"), EXP(migration.precopy),
	  .def = "cloudsim",
	  .doc = "cloudsim: the VM's RAM over half the target's bandwidth; precopy: rounds (all pages, then "
		 "the pages dirtied meanwhile) until Xen's stop rule." },
	{ K("migration", "dirty_pages_per_s"), DBL(0, 1e12, PAGES), EXP(migration.dirty_pages_per_s),
	  .def = "0", .doc = "The VMs' page dirty rate under precopy ([vm.NAME] may set its own)." },
	{ K("migration", "max_rounds"), INT(1, 64, "a positive integer (max_rounds at most 64)"),
	  EXP(migration.max_rounds), .def = "29", .doc = "Precopy stops after this many live rounds (Xen's stop rule) ..." },
	{ K("migration", "stop_pages"), INT(1, 100000000, "a positive integer"), EXP(migration.stop_pages),
	  .def = "50", .doc = "... or when fewer pages than this were dirtied in a round ..." },
	{ K("migration", "max_factor"), DBL(1, 1e6, "a factor >= 1"), EXP(migration.max_factor),
	  .def = "3", .doc = "... or when the pages sent would exceed this many times the VM's." },

	{ K("security", "enabled"), BOOL, EXP(security.enabled), .def = "no",
	  .doc = "Every migration is secure." },
	{ K("security", "protected_share"), DBL(0, 1, "a share from 0 to 1"), EXP(security.protected_share),
	  .def = "0.10", .doc = "The share of a VM's pages that is protected." },
	{ K("security", "cipher_bps"), DBL_OPEN(0, 1e15, "a positive number of bytes per second"),
	  EXP(security.cipher_bps), .def = "1.5e9",
	  .doc = "Encryption speed of one core (AES-256-GCM with AES-NI; ChaCha20-Poly1305 about 1e9)." },
	{ K("security", "hash_bps"), DBL_OPEN(0, 1e15, "a positive number of bytes per second"),
	  EXP(security.hash_bps), .def = "1e9", .doc = "Hash speed of one core (BLAKE2b)." },
	{ K("security", "cores"), INT(1, 1024, "a positive integer"), EXP(security.cores), .def = "1",
	  .doc = "Cores doing the crypto on each host." },
	{ K("security", "expansion_bytes"), DBL(0, 1e6, BYTES), EXP(security.expansion_bytes), .def = "28",
	  .doc = "Bytes added per encrypted page (nonce and tag)." },
	{ K("security", "hash_bytes"), DBL(0, 1e6, BYTES), EXP(security.hash_bytes), .def = "32",
	  .doc = "Hash bytes sent per protected page at stop-and-copy." },
	{ K("security", "meta_bytes"), DBL(0, 1e6, BYTES), EXP(security.meta_bytes), .def = "16",
	  .doc = "Metadata bytes sent per protected page at stop-and-copy." },
	{ K("security", "hash_mode"), ENUM("full|incremental", "a hash mode"),
	  EXP(security.hash_incremental), .def = "full",
	  .doc = "full: the hash pass at stop-and-copy covers every protected page; incremental: only "
		 "the protected pages sent then." },

	{ K("placement", "interval_s"), DBL_OPEN(0, 1e9, SECONDS), EXP(placement.interval_s), .def = "14400",
	  .doc = "Seconds between two placement searches." },
	{ K("placement", "window_s"), DBL_OPEN(0, 1e9, SECONDS), EXP(placement.window_s), .def = "14400",
	  .doc = "The utilization window a search looks at." },
	{ K("placement", "mode"), ENUM("past|oracle", "a window mode"), EXP(placement.oracle), .def = "past",
	  .doc = "past: the window before the search; oracle: the window after it (the traces are known "
		 "in advance)." },
	{ K("placement", "max_migrations"), INT(0, 1000000, "an integer >= 0"),
	  EXP(placement.max_migrations), .def = "50", .doc = "Migrations one search may order." },
	{ K("placement", "population"), INT(2, 1000000, "an integer >= 2"), EXP(placement.population),
	  .def = "50", .doc = "Candidate placements per generation." },
	{ K("placement", "generations"), INT(1, 1000000, "a positive integer"), EXP(placement.generations),
	  .def = "200", .doc = "Generations at most." },
	{ K("placement", "stagnation"), INT(1, 1000000, "a positive integer"), EXP(placement.stagnation),
	  .def = "30", .doc = "The search stops after so many generations without improvement." },
	{ K("placement", "p_mutation"), DBL(0, 1, "a probability from 0 to 1"), EXP(placement.p_mutation),
	  .def = "0.3", .doc = "Probability that a child placement is mutated." },
	{ K("placement", "max_util"), DBL_OPEN(0, 1, UTIL), EXP(placement.max_util), .def = "1.0",
	  .doc = "CPU and memory utilization a host may reach in a candidate placement." },

	{ K("fuzzy", "overload"), DBL_OPEN(0, 1, UTIL), EXP(fuzzy.overload), .def = "0.85",
	  .doc = "CPU utilization above which a host is overloaded." },
	{ K("fuzzy", "memory_overload"), DBL_OPEN(0, 1, UTIL), EXP(fuzzy.memory_overload), .def = "0.95",
	  .doc = "Memory utilization above which a host is overloaded." },
	{ K("fuzzy", "underload"), DBL_OPEN(0, 1, UTIL), EXP(fuzzy.underload), .def = "0.50",
	  .doc = "Mean CPU utilization of the hosts that are on below which the pool is underloaded (and "
		 "its least loaded host is emptied if every VM finds a place)." },
	{ K("fuzzy", "memory_underload"), DBL_OPEN(0, 1, UTIL), EXP(fuzzy.memory_underload), .def = "0.80",
	  .doc = "The same for memory (both must be below)." },
	{ K("fuzzy", "max_moves"), INT(1, 1000, "a positive integer"), EXP(fuzzy.max_moves), .def = "3",
	  .doc = "VMs an overloaded host sheds at most per step." },

	{ K("facility", "enabled"), BOOL, EXP(facility.enabled), LINE(facility.line), .def = "no",
	  .doc = "yes: facility energy (IT energy x PUE), emissions and cost are reported." },
	{ K("facility", "pue_model"), ENUM("constant|quadratic", "a PUE model"), EXP(facility.pue.quadratic),
	  .def = "constant",
	  .doc = "constant: pue; quadratic: overhead design_w x (c0 + c1 x + c2 x^2) at IT load x = "
		 "IT power / design_w (fixed losses weigh more at light load)." },
	{ K("facility", "pue"), DBL(1, 100, "a PUE >= 1"), EXP(facility.pue.pue), .def = "1.9",
	  .doc = "The constant PUE (1.9: a 2010-era facility, between EPA's 2007 average of about 2 and "
		 "Uptime Institute's 1.65 of 2014)." },
	{ K("facility", "pue_c0"), DBL(0, 100, "a coefficient >= 0"), EXP(facility.pue.c0), .def = "0.25",
	  .doc = "quadratic: no-load overhead as a share of design_w." },
	{ K("facility", "pue_c1"), DBL(0, 100, "a coefficient >= 0"), EXP(facility.pue.c1), .def = "0.30",
	  .doc = "quadratic: overhead proportional to the load." },
	{ K("facility", "pue_c2"), DBL(0, 100, "a coefficient >= 0"), EXP(facility.pue.c2), .def = "0.05",
	  .doc = "quadratic: overhead growing with the load's square." },
	{ K("facility", "design_w"), DBL(0, 1e15, "a number of watts >= 0 (0: the hosts' maximum)"),
	  EXP(facility.pue.design_w), .def = "0",
	  .doc = "quadratic: the IT power the facility is built for; 0: every host's power at 100 % summed." },
	{ K("facility", "carbon_g_per_kwh"), DBL(0, 1e6, "a number of gCO2 per kWh >= 0"),
	  EXP(facility.carbon_g_per_kwh), .def = "475",
	  .doc = "Constant carbon intensity of the grid, without carbon_file (475: a world average of the "
		 "late 2010s, not verified)." },
	{ K("facility", "carbon_file"), PATH, EXP(facility.carbon_file), .def_text = "none",
	  .doc = "A CSV time_s,NAME with one row TIME,GCO2_PER_KWH per change of the intensity over "
		 "simulated time (each value holds until the next); relative to the experiment file's "
		 "folder." },
	{ K("facility", "price_per_kwh"), DBL(0, 1e9, "a price >= 0"), EXP(facility.price_per_kwh),
	  .def = "0.10", .doc = "Constant energy price per kWh, without price_file (0.10: about the US "
				"commercial average around 2007, not verified)." },
	{ K("facility", "price_file"), PATH, EXP(facility.price_file), .def_text = "none",
	  .doc = "A CSV time_s,NAME with rows TIME,PRICE_PER_KWH, as carbon_file." },

	{ K("power", "states"), BOOL, EXP(pstates.states), LINE(pstates.line), .def = "no",
	  .doc = "yes: hosts have power states; a VM placed on a host that is not on waits for its boot "
		 "or wake (its demand unmet meanwhile), an on host draws its idle power at 0 %, a host "
		 "without VMs for idle_before_s goes to idle_state. no: CloudSim's hosts." },
	{ K("power", "idle_state"), ENUM("off|sleep", "a power state"), EXP(pstates.idle_sleep), .def = "off",
	  .doc = "Where a host without VMs goes (and where the hosts without VMs after the initial "
		 "placement start): off (shutdown, boot) or sleep (suspend to RAM, wake)." },
	{ K("power", "parts"), BOOL, EXP(pstates.parts), LINE(pstates.parts_line), .def = "no",
	  .doc = "yes: each host's power is split into CPU, memory, disks, NICs, platform and power "
		 "supply loss ([host.NAME] psu_efficiency ... nic_lpi_w; doc/power-parts.md), reported "
		 "per part; the power_down_unused_* keys lower it by the parts its VMs do not need." },
	{ K("power", "power_down_unused_memory"), BOOL, EXP(pstates.down_memory), .def = "no",
	  .doc = "parts = yes: DRAM ranks backing no VM (above mem_os_gb) in self-refresh." },
	{ K("power", "power_down_unused_disk"), BOOL, EXP(pstates.down_disk), .def = "no",
	  .doc = "parts = yes: the disks of a host without VMs in standby." },
	{ K("power", "power_down_unused_nic"), BOOL, EXP(pstates.down_nic), .def = "no",
	  .doc = "parts = yes: the NIC ports of a host without VMs and migrations in low-power idle." },
	{ K("power", "vm_energy"), BOOL, EXP(pstates.vm_energy), .def = "no",
	  .doc = "yes: each host's energy is shared among its VMs (idle part by their MIPS capacity, the "
		 "rest by their allocated MIPS; doc/power-parts.md#per-vm-energy); greenmig run "
		 "--vm-energy FILE writes it and sets this." },
	{ K("power", "idle_before_s"), DBL(0, 1e9, "a number of seconds >= 0"), EXP(pstates.idle_before_s),
	  .def = "0",
	  .doc = "How long an on host stays without VMs before it goes down (checked at each scheduling "
		 "step and migration completion; 0: at the first after it empties)." },
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

const size_t config_n_sections = N_OF(config_sections);

/* --- messages --- */

int config_err(struct config_parse *ps, const char *fmt, ...)
{
	char buf[DIAG_MSG_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ps->errors++;
	if (ps->d == NULL)
		return -1;
	return diag_add(ps->d, ps->o.file, ps->o.line, 0, "%s", buf);
}

void config_section_names(char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < config_n_sections && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i > 0 ? ", " : "", config_sections[i].name);
}

/* "a, b or c" from "a|b|c" (or "a | b | c" with sep " | "). */
void config_words_list(const char *words, const char *sep, const char *last_sep, char *buf, size_t n)
{
	size_t len = 0, count = 1;
	for (const char *p = words; *p; p++)
		count += *p == '|';
	buf[0] = '\0';
	const char *p = words;
	for (size_t i = 0; i < count && len < n; i++) {
		size_t w = strcspn(p, "|");
		len += (size_t)snprintf(buf + len, n - len, "%s%.*s", i == 0 ? "" : i + 1 == count ? last_sep : sep,
					(int)w, p);
		p += w + (p[w] == '|');
	}
}

/* --- storing --- */

static void store_int(const struct config_key *k, void *base, long long x)
{
	char *f = (char *)base + k->off;
	if (k->size == sizeof(int)) {
		int v = (int)x;
		memcpy(f, &v, sizeof v);
	} else if (k->size == sizeof(long)) {
		long v = (long)x;
		memcpy(f, &v, sizeof v);
	} else {
		assert(k->size == sizeof(long long));
		memcpy(f, &x, sizeof x);
	}
}

static void store_bool(const struct config_key *k, void *base, bool b)
{
	assert(k->size == sizeof(bool));
	memcpy((char *)base + k->off, &b, sizeof b);
}

static int set_name(struct config_parse *ps, const struct config_key *k, void *base, const char *sec, const char *v)
{
	if (strlen(v) >= k->size) {
		char lim[32];
		snprintf(lim, sizeof lim, "%zu", k->size - 1);
		return config_err(ps, "%s.%s: value longer than %s characters", sec, k->key, lim);
	}
	strcpy((char *)base + k->off, v);
	return 0;
}

static bool valid_name(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return false;
	return true;
}

/* "a, b ,c" into names[]; every name must be a valid type name. */
static int get_list(struct config_parse *ps, const char *sec, const char *v, char names[][CONFIG_NAME_LEN],
		    int *n)
{
	char buf[1024];
	if (strlen(v) >= sizeof buf)
		return config_err(ps, "%s.types: list too long", sec);
	strcpy(buf, v);
	int count = 0;
	char *save = NULL;
	for (char *tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*tok))
			tok++;
		size_t len = strlen(tok);
		while (len > 0 && isspace((unsigned char)tok[len - 1]))
			tok[--len] = '\0';
		if (!valid_name(tok) || len >= CONFIG_NAME_LEN)
			return config_err(ps, "\"%s\" is not a type name (%s.types expects names of letters, "
					  "digits, _ and -, separated by commas)", tok, sec);
		if (count == CONFIG_MAX_TYPES) {
			char lim[16];
			snprintf(lim, sizeof lim, "%d", CONFIG_MAX_TYPES);
			return config_err(ps, "%s.types: more than %s types", sec, lim);
		}
		strcpy(names[count++], tok);
	}
	if (count == 0)
		return config_err(ps, "%s.types is empty (expected one or more type names)", sec);
	*n = count;
	return 0;
}

static int set_host_types(struct config_parse *ps, const struct config_key *k, void *base, const char *sec,
			  const char *v)
{
	(void)k;
	struct experiment *e = base;
	if (get_list(ps, sec, v, e->host_order, &e->n_host_order) != 0)
		return -1;
	e->host_types_line = (int)ps->o.line;
	return 0;
}

static int set_vm_types(struct config_parse *ps, const struct config_key *k, void *base, const char *sec,
			const char *v)
{
	(void)k;
	struct experiment *e = base;
	if (get_list(ps, sec, v, e->vm_order, &e->n_vm_order) != 0)
		return -1;
	e->vm_types_line = (int)ps->o.line;
	return 0;
}

int config_set_power(struct config_parse *ps, const struct config_key *k, void *base, const char *sec,
		     const char *v)
{
	if (power_find(v) == NULL)
		return config_err(ps, "unknown power model '%s' in [%s]; valid: %s", v, sec, power_names());
	return set_name(ps, k, base, sec, v);
}

/* --- parsing one value by the key's row --- */

static int key_set(struct config_parse *ps, const struct config_key *k, void *base, const char *sec, const char *v)
{
	if (k->set != NULL)
		return k->set(ps, k, base, sec, v);
	char where[160];
	snprintf(where, sizeof where, "%s.%s expects %s", sec, k->key, k->what != NULL ? k->what : "");
	char *end;
	switch (k->type) {
	case KEY_BOOL:
		if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
			store_bool(k, base, true);
		else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0)
			store_bool(k, base, false);
		else
			return config_err(ps, "\"%s\" is not yes or no (%s.%s)", v, sec, k->key);
		return 0;
	case KEY_INT: {
		if (k->words != NULL && strcmp(v, k->words) == 0) {
			store_int(k, base, 0);
			return 0;
		}
		errno = 0;
		long long x = strtoll(v, &end, 10);
		if (end == v || *end != '\0')
			return config_err(ps, "\"%s\" is not an integer (%s)", v, where);
		if (errno == ERANGE || (!ps->defaults && (x < k->imin || x > k->imax)))
			return config_err(ps, "\"%s\" is out of range (%s)", v, where);
		store_int(k, base, x);
		return 0;
	}
	case KEY_DOUBLE: {
		errno = 0;
		double x = strtod(v, &end);
		if (end == v || *end != '\0' || !isfinite(x))
			return config_err(ps, "\"%s\" is not a number (%s)", v, where);
		if (errno == ERANGE ||
		    (!ps->defaults && (x < k->dmin || x > k->dmax || (k->open && x == k->dmin))))
			return config_err(ps, "\"%s\" is out of range (%s)", v, where);
		memcpy((char *)base + k->off, &x, sizeof x);
		return 0;
	}
	case KEY_NAME:
		if (k->plugin && config_policy_is_plugin(v) && v[0] != '/' && ps->o.dir != NULL) {
			char path[CONFIG_PATH_LEN];
			snprintf(path, sizeof path, "%s/%s", ps->o.dir, v);
			return set_name(ps, k, base, sec, path);
		}
		return set_name(ps, k, base, sec, v);
	case KEY_PATH: {
		if (v[0] == '\0')
			return config_err(ps, "%s.%s is empty (expected a path)", sec, k->key);
		char path[CONFIG_PATH_LEN];
		if (v[0] != '/' && ps->o.dir != NULL)
			snprintf(path, sizeof path, "%s/%s", ps->o.dir, v);
		else
			snprintf(path, sizeof path, "%s", v);
		return set_name(ps, k, base, sec, path);
	}
	case KEY_ENUM: {
		int i = 0;
		for (const char *p = k->words;; i++) {
			size_t w = strcspn(p, "|");
			if (strlen(v) == w && strncmp(p, v, w) == 0)
				break;
			if (p[w] == '\0') {
				char list[160];
				config_words_list(k->words, ", ", " or ", list, sizeof list);
				return config_err(ps, "\"%s\" is not %s (%s.%s expects %s)", v, k->noun, sec, k->key,
						  list);
			}
			p += w + 1;
		}
		if (k->size == sizeof(bool))
			store_bool(k, base, i != 0);
		else
			store_int(k, base, i);
		return 0;
	}
	case KEY_SEED: {
		errno = 0;
		/* strtoull skips white space, then negates "-1" into 2^64 - 1 */
		const char *t = v;
		while (isspace((unsigned char)*t))
			t++;
		if (*t == '-' || *t == '\0')
			return config_err(ps, "\"%s\" is not %s (%s)", v, k->noun, where);
		unsigned long long s = strtoull(v, &end, 10);
		if (*end != '\0' || errno == ERANGE)
			return config_err(ps, "\"%s\" is not %s (%s)", v, k->noun, where);
		uint64_t x = s;
		memcpy((char *)base + k->off, &x, sizeof x);
		return 0;
	}
	case KEY_NAMES:
		break; /* always a setter */
	}
	assert(!"key type without a parser");
	return -1;
}

/* Every default of table[0..n) into base (a zeroed struct). */
static void apply_defaults(const struct config_key *table, size_t n, void *base)
{
	struct config_parse ps = { .defaults = true, .o = { .file = "(defaults)" } };
	for (size_t i = 0; i < n; i++)
		if (table[i].def != NULL)
			key_set(&ps, &table[i], base, table[i].sec, table[i].def);
	assert(ps.errors == 0);
}

void config_defaults(struct experiment *e, const char *default_traces)
{
	memset(e, 0, sizeof *e);
	apply_defaults(exp_keys, N_OF(exp_keys), e);
	apply_defaults(config_net_keys, config_n_net_keys, e);
	snprintf(e->traces, sizeof e->traces, "%s", default_traces ? default_traces : "");
	e->model2010_line = -1;
}

/* --- sections --- */

static struct host_type *host_type_get(struct config_parse *ps, const char *name)
{
	struct experiment *e = ps->e;
	for (int i = 0; i < e->n_host_types; i++)
		if (strcmp(e->host_types[i].name, name) == 0)
			return &e->host_types[i];
	if (e->n_host_types == CONFIG_MAX_TYPES) {
		char lim[16];
		snprintf(lim, sizeof lim, "%d", CONFIG_MAX_TYPES);
		config_err(ps, "more than %s host types ([host.%s])", lim, name);
		return NULL;
	}
	struct host_type *h = &e->host_types[e->n_host_types++];
	memset(h, 0, sizeof *h);
	snprintf(h->name, sizeof h->name, "%s", name);
	h->line = (int)ps->o.line;
	apply_defaults(config_host_keys, config_n_host_keys, h);
	return h;
}

static struct vm_type *vm_type_get(struct config_parse *ps, const char *name)
{
	struct experiment *e = ps->e;
	for (int i = 0; i < e->n_vm_types; i++)
		if (strcmp(e->vm_types[i].name, name) == 0)
			return &e->vm_types[i];
	if (e->n_vm_types == CONFIG_MAX_TYPES) {
		char lim[16];
		snprintf(lim, sizeof lim, "%d", CONFIG_MAX_TYPES);
		config_err(ps, "more than %s VM types ([vm.%s])", lim, name);
		return NULL;
	}
	struct vm_type *v = &e->vm_types[e->n_vm_types++];
	memset(v, 0, sizeof *v);
	snprintf(v->name, sizeof v->name, "%s", name);
	v->line = (int)ps->o.line;
	apply_defaults(config_vm_keys, config_n_vm_keys, v);
	return v;
}

/* The table of a section (the key rows whose sec is its name). */
void config_section_table(const struct config_section *s, const struct config_key **table, size_t *n)
{
	if (strcmp(s->name, "host.NAME") == 0) {
		*table = config_host_keys;
		*n = config_n_host_keys;
	} else if (strcmp(s->name, "vm.NAME") == 0) {
		*table = config_vm_keys;
		*n = config_n_vm_keys;
	} else if (strcmp(s->name, "network") == 0) {
		*table = config_net_keys;
		*n = config_n_net_keys;
	} else {
		*table = exp_keys;
		*n = N_OF(exp_keys);
	}
}

/* The section called sec ("host.h1" is host.NAME with *type "h1"), or NULL. */
static const struct config_section *section_find(const char *sec, const char **type)
{
	*type = NULL;
	for (size_t i = 0; i < config_n_sections; i++) {
		const char *name = config_sections[i].name;
		const char *dot = strchr(name, '.');
		if (dot == NULL) {
			if (strcmp(sec, name) == 0)
				return &config_sections[i];
		} else if (strncmp(sec, name, (size_t)(dot + 1 - name)) == 0 &&
			   valid_name(sec + (dot + 1 - name))) {
			*type = sec + (dot + 1 - name);
			return &config_sections[i];
		}
	}
	return NULL;
}

int config_set_value(struct config_parse *ps, const char *sec, const char *key, const char *v)
{
	const char *type;
	const struct config_section *s = section_find(sec, &type);
	if (s == NULL) {
		char names[256];
		config_section_names(names, sizeof names);
		return config_err(ps, "unknown section [%s]; valid: %s", sec, names);
	}
	const struct config_key *table;
	size_t n;
	config_section_table(s, &table, &n);
	void *base = ps->e;
	if (table == config_host_keys)
		base = host_type_get(ps, type);
	else if (table == config_vm_keys)
		base = vm_type_get(ps, type);
	if (base == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(table[i].sec, s->name) != 0 || strcmp(table[i].key, key) != 0)
			continue;
		if (key_set(ps, &table[i], base, sec, v) != 0)
			return -1;
		if (table[i].has_line && !ps->defaults) {
			int line = (int)ps->o.line;
			memcpy((char *)ps->e + table[i].line_off, &line, sizeof line);
		}
		if (table[i].has_from && !ps->defaults) {
			/* --set (line 0) leaves it as the defaults do */
			struct config_from from = { 0, 0 };
			if (ps->o.line > 0)
				from = (struct config_from){ (int)ps->o.line, config_hash((char *)base + table[i].off) };
			memcpy((char *)ps->e + table[i].from_off, &from, sizeof from);
		}
		return 0;
	}
	char valid[DIAG_MSG_LEN];
	size_t len = 0;
	valid[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof valid; i++)
		if (strcmp(table[i].sec, s->name) == 0)
			len += (size_t)snprintf(valid + len, sizeof valid - len, "%s%s", len > 0 ? ", " : "",
						table[i].key);
	return config_err(ps, "unknown key '%s' in [%s]; valid: %s", key, sec, valid);
}
