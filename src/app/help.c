/*
 * help: the texts of `greenmig --help` and `greenmig COMMAND --help` (doc/greenmig.1.in says
 * the same at length); see help.h.
 */
#include "help.h"

#include <string.h>

#include "policy.h"

#ifndef GREENMIG_DATADIR
#define GREENMIG_DATADIR "/usr/local/share/greenmig"
#endif

static const char main_help[] =
	"Usage: greenmig COMMAND [ARG]...\n"
	"Replay real datacenter workload traces through a simulated power-aware datacenter\n"
	"with CloudSim 3.0.3's semantics.\n"
	"\n"
	"Commands:\n"
	"  run EXPERIMENT.ini [OPTION]...   simulate one experiment, print the summary\n"
	"  sweep EXPERIMENT.ini --vary NAME=VALUES... -o FILE.csv   many runs, one CSV row each\n"
	"  merge DIR -o FILE.csv            join the runs of 'sweep --emit-jobs DIR'\n"
	"  plot SWEEP.csv --x COL --y COL -o FIG.png|svg|pdf   a sweep's means with error bars\n"
	"  policies [--csv]                 the policies: parameters, engines, what they reproduce\n"
	"  reproduce [-o DIR]               the seed paper's Table 1 and the data of its plots\n"
	"  migrate [--attack A] [--security on|off]   one secure migration, page by page\n"
	"  calibrate                        crypto throughput here: the [security] lines\n"
	"  pack DIR -o DAY.csv.gz           pack a trace day folder into one file (--format:\n"
	"                                   Bitbrains, Azure, Alibaba or Google traces)\n"
	"  synth --vms N --samples K --seed S -o FILE   synthetic traces for benchmarks\n"
	"\n"
	"'greenmig COMMAND --help' describes each command; man greenmig has the details.\n"
	"Shipped experiments and traces: " GREENMIG_DATADIR "\n";

static const char run_help[] =
	"Usage: greenmig run EXPERIMENT.ini [OPTION]...\n"
	"Replay a trace day through the simulated datacenter of EXPERIMENT.ini and report\n"
	"energy, migrations and SLA metrics as CloudSim 3.0.3 does; or, with\n"
	"simulation.model = 2010 (examples/paper2010.ini), run the 2010 stochastic model.\n"
	"\n"
	"  --traces PATH        day folder, packed day file, or folder of days (see --day)\n"
	"  --day DAY            day to run from a folder of days (e.g. 20110303)\n"
	"  --vms N              simulate the first N VMs of the day\n"
	"  --policy P           placement policy: %s\n"
	"  --selection S        VM selection policy (consolidating policies)\n"
	"  --param X            policy parameter (mm, hpg, rc: LOWER,UPPER)\n"
	"  --seed N             seed of the run's random numbers\n"
	"  --seeds N            N runs with seeds seed .. seed + N - 1 (2010 model): the\n"
	"                       summary gives each metric's mean and 95 %% interval, --stats\n"
	"                       one row per seed\n"
	"  --set SECTION.KEY=VALUE  override any key of the experiment file (repeatable)\n"
	"  --stats FILE         write the stats CSV (header + one row) to FILE, '-' = stdout\n"
	"  --timeline FILE      write one CSV row per scheduling step (time, active hosts,\n"
	"                       power, overloaded hosts, migrations started, energy)\n"
	"  --vm-energy FILE     write each VM's share of the energy (CSV: vm, energy, idle,\n"
	"                       dynamic, wait kWh; sets [power] vm_energy)\n"
	"  --timings FILE       write where the run's wall time went (CSV item,value,unit:\n"
	"                       seconds per phase, best-fit placements asked per phase)\n"
	"  --cloudsim-out DIR   also write CloudSim's own output files (stats, host shutdown\n"
	"                       and migration times) under DIR, as its examples' Helper does\n"
	"  --compare-security   run with [security] off and on and print the difference\n"
	"                       (energy, SLAV, migration time, downtime, bytes); --stats\n"
	"                       writes both rows\n"
	"  --quiet              no summary\n"
	"  --help, --version\n"
	"\n"
	"Options override the experiment file. Exit status: 0 ok, 2 bad input, 1 other error.\n";

static const char sweep_help[] =
	"Usage: greenmig sweep [EXPERIMENT.ini] --vary NAME=VALUES... [OPTION]... -o FILE.csv\n"
	"Run EXPERIMENT.ini over the cartesian product of the axes and write one CSV row per run\n"
	"(the axis values, the stats columns of 'greenmig run --stats' but those an axis already\n"
	"has, then param1, param2 ...: the policy's parameters as numbers, NaN where it takes\n"
	"fewer), each column once, in axis order (the first axis varies slowest) whatever the\n"
	"number of threads. doc/columns.md describes every column.\n"
	"\n"
	"  --vary NAME=VALUES   an axis (repeatable). NAME: policy, selection, param, seed, day, vms,\n"
	"                       experiment (experiment files), or any SECTION.KEY of the experiment\n"
	"                       file; names joined by '|' are set together. VALUES: a,b,c (a;b;c\n"
	"                       when values hold commas or names are joined: param=0.3,0.7;0.4,0.8,\n"
	"                       'policy|param=thr|0.8;lr|1.2'), START:END:STEP with exact decimal\n"
	"                       steps (0.5:0.9:0.1), day=all, or @FILE (one value per line)\n"
	"  -j, --jobs N         threads (default: the machine's cores)\n"
	"  -o, --output FILE    the sweep CSV, written atomically ('-' = stdout)\n"
	"  --set SECTION.KEY=VALUE  override a key for every run (repeatable)\n"
	"  --emit-jobs DIR      run nothing: print one 'greenmig run' command per run (each\n"
	"                       writing DIR/run-N.csv) and write DIR/manifest; 'greenmig merge DIR'\n"
	"                       then joins the results into the same CSV as the sweep\n"
	"  --quiet              no progress (shown only when stderr is a terminal anyway)\n"
	"  --resume             after an interrupted sweep (SIGINT, SIGKILL, a crash): run only\n"
	"                       the runs missing from FILE.csv.journal; the CSV is byte-identical\n"
	"                       to an uninterrupted sweep's. No journal, or another sweep's, is an\n"
	"                       error (exit status 2)\n"
	"  --help, --version\n"
	"\n"
	"With -o FILE (a regular file), finished runs are recorded in FILE.journal as they\n"
	"complete; it is removed once FILE is written. A sweep refuses to start (exit status 2)\n"
	"while FILE.journal exists: resume it with --resume, or remove it.\n"
	"Each trace day is read once and shared by its runs. A run that fails is reported with its\n"
	"axis values and its error; the others are written. Exit status: 0 all runs ok, 1 some runs\n"
	"failed (or a write error), 2 bad input or usage.\n";

static const char merge_help[] =
	"Usage: greenmig merge DIR -o FILE.csv\n"
	"Join the stats files of the runs that 'greenmig sweep --emit-jobs DIR' listed into the\n"
	"CSV the sweep itself would have written (byte for byte). A missing stats file (a job that\n"
	"has not run) is reported with its run's axis values; the other rows are written; exit\n"
	"status 1. A stats file that exists but is not its run's stats (another header, no row or\n"
	"several, a row cut short or with another number of fields, a value that is not a number,\n"
	"a policy, selection or param other than the run's axis value), or a manifest line with\n"
	"other axis columns than its header, is an error naming the file and line: all are\n"
	"reported, nothing is written, exit status 2.\n"
	"\n"
	"  -o, --output FILE    the sweep CSV, written atomically ('-' = stdout)\n"
	"  --help, --version\n";

static const char plot_help[] =
	"Usage: greenmig plot SWEEP.csv --x COLUMN --y COLUMN [--group COLUMN] [--facet COLUMN]\n"
	"                     [--xlabel TEXT] [--ylabel TEXT] -o FIGURE.png|svg|pdf [--script FILE.gp]\n"
	"Plot a sweep CSV (greenmig sweep or merge; run --stats too): y against x, each point the\n"
	"mean of the rows that share its facet, group and x (over seeds, days, ...) with its 95 %\n"
	"interval (Student t) as an error bar; one line per group value, one panel per facet value.\n"
	"Columns are named as in the CSV's header (doc/columns.md); axis labels and units come from\n"
	"greenmig's column table. x must be numeric (param1, not param); group and facet may be any\n"
	"column, ordered numerically when all their values are numbers, else as they first appear.\n"
	"Rows whose y or x is NaN are skipped, and counted in a note on stderr.\n"
	"\n"
	"  --x COLUMN[,COLUMN]  the horizontal axis (numeric); with several, each row takes the\n"
	"                       first that is not NaN: --x param2,param1 is MM's upper threshold\n"
	"                       and ST's only one\n"
	"  --y COLUMN           the value averaged (e.g. energy_kwh, migrations, slav)\n"
	"  --group COLUMN       one line per value (e.g. policy)\n"
	"  --facet COLUMN       one panel per value (e.g. selection)\n"
	"  --xlabel TEXT, --ylabel TEXT   axis labels (default: the columns' names and units)\n"
	"  -o, --output FILE    the figure, its format from the extension: .png (pngcairo), .svg,\n"
	"                       .pdf (pdfcairo); written atomically\n"
	"  --script FILE        also write the gnuplot script, self-contained (the averaged points\n"
	"                       inline): 'gnuplot FILE' draws the figure again. Alone, without -o,\n"
	"                       it needs no gnuplot (the script then draws FILE's name with .png)\n"
	"  --help, --version\n"
	"\n"
	"gnuplot: $GNUPLOT, else gnuplot on PATH (Debian package gnuplot-nox, which has the cairo\n"
	"terminals). Exit status: 0 ok, 2 bad input or usage, 1 gnuplot missing or failed.\n";

static const char policies_help[] =
	"Usage: greenmig policies [--csv]\n"
	"List the policies (--policy NAME): what each one does, the engines it runs on (the\n"
	"CloudSim 3.0.3 engine, the 2010 model), its parameter (--param) and default, whether it\n"
	"migrates VMs, and the CloudSim class or paper it reproduces ('-': none); then the VM\n"
	"selections (--selection NAME).\n"
	"\n"
	"  --csv                one CSV row per policy instead: name,engines,params,default,\n"
	"                       migrations,reproduces,summary,origin (built-in or the plugin's path) (engines: cloudsim3, 2010 or both,\n"
	"                       space-separated; empty fields for none)\n"
	"  --policy PATH        load a policy plugin first, to list it too (repeatable)\n"
	"  --help, --version\n";

static const char reproduce_help[] =
	"Usage: greenmig reproduce [-o DIR] [OPTION]...\n"
	"Run the seed paper's Table 1 grid: NPA, DVFS, ST (40-90 %, and 50/60 % with the stay quirk),\n"
	"MM over its whole lower x upper threshold grid (10-60 % x 50-100 %), DRR (0-600 s), drr2010\n"
	"(where built) and the controllers on the 2010 model over --seeds seeds, and NPA, DVFS, ST, MM,\n"
	"DRR and the controllers on the PlanetLab paper setup over every shipped day; write\n"
	"DIR/table1.csv (means with 95 % intervals), DIR/table1.md (ours beside the 2010 paper's and the\n"
	"seed paper's numbers, the seed's claims recomputed), the runs, and the data of the plots\n"
	"(plots/*.gp, make plots).\n"
	"\n"
	"  -o, --output DIR     where to write (default: results)\n"
	"  --examples DIR       where paper2010.ini and paper.ini are (default: the installed ones;\n"
	"                       where greenmig is not installed, ./examples: the source tree's)\n"
	"  --seeds N            seeds of the 2010 model (default 10)\n"
	"  --policy P           one more row of the PlanetLab setup, over every day: a policy\n"
	"                       name or a plugin's path (repeatable; doc/policy-api.md)\n"
	"  --set SECTION.KEY=VALUE     override a key in every setup (repeatable); a key one\n"
	"                       setup rejects (simulation.cpu_share: 2010 only) is an error\n"
	"  --set-2010 SECTION.KEY=VALUE, --set-planetlab SECTION.KEY=VALUE\n"
	"                       override a key in the 2010 model only, or in the others only\n"
	"                       (repeatable)\n"
	"  --variant cloudsim21 the 2010 model as CloudSim 2.1.1 released it: simulation.cpu_share =\n"
	"                       equal and simulation.migration_time = cloudsim21 (before --set)\n"	"  --power-states       also what switching hosts costs: ST, MM, DRR, LR-MMT and the\n"
	"                       controllers on paper-states.ini and planetlab-states.ini over every\n"
	"                       day, CloudSim's model against power states (hosts off or asleep when\n"
	"                       empty), sub-system power-down and both: DIR/power-states.csv,\n"
	"                       DIR/power-states-plot.csv, runs-power-*.csv, a section of table1.md\n"
	"  --network            also live migration over a shared network: ST, MM, LR-MMT and DRR\n"
	"                       on paper.ini and cloudsim-planetlab.ini over every day, the network\n"
	"                       off, non-blocking and 4:1 oversubscribed: DIR/network.csv,\n"
	"                       DIR/network-plot.csv, runs-network-*.csv, a section of table1.md\n"
	"  -j, --jobs N         threads (default: the machine's cores)\n"
	"  --quiet              no progress\n"
"  --help, --version\n";

static const char migrate_help[] =
	"Usage: greenmig migrate [OPTION]...\n"
	"Simulate one secure live migration page by page: a VM of N real pages, a seeded writer, a\n"
	"protected process, a migration manager that checks, maps and sends pages in pre-copy rounds,\n"
	"and the VMM security module with real encryption (AES-256-GCM with AES-NI, else\n"
	"ChaCha20-Poly1305) and hashing (BLAKE2b), libsodium. The manager may mount an attack;\n"
	"the three defences may be off. Prints the rounds, pages, bytes, times, what the encryption\n"
	"and the defences cost (defence_s, defence_bytes: 0 with --security off), the harm each\n"
	"attack did (\"harm: page 0 resumed with its content of round 1 ...\": the page, its stale\n"
	"version, the unauthorized mapping) or what each defence caught (\"caught: ...\"), and a\n"
	"last line result=clean|attack-prevented|attack-detected|attack-succeeded.\n"
	"\n"
	"  --attack A           none, tocttou (a page protected after the manager mapped it),\n"
	"                       resume-order (page tables pinned before the security metadata),\n"
	"                       replay (a stale ciphertext of a protected page at stop-and-copy)\n"
	"  --security on|off    the three defences: zero-page remap, metadata before pin, hash check\n"
	"                       before resume (default on; encryption of protected pages stays on)\n"
	"  --pages N            VM pages of 4 KiB (default 1024)\n"
	"  --batch N            pages mapped per hypercall (default 64)\n"
	"  --dirty-rate D       distinct pages written per second (default 2000; any rate: a step\n"
	"                       writes each page at most once)\n"
	"  --bandwidth B        bytes/s (default 125000000)\n"
	"  --protected P        share of pages owned by the protected process (default 0.1)\n"
	"  --protect-rate A     natural protect events per second (default 0)\n"
	"  --seed N             seed of the writer, the events and the migration key (default 1)\n"
	"  --calibration FILE   the cipher and hash throughputs from greenmig calibrate's output\n"
	"  --cipher-bps C       cipher throughput, bytes/s on one core (default 1.5e9)\n"
	"  --hash-bps H         hash throughput, bytes/s on one core (default 1e9); both win over\n"
	"                       --calibration\n"
	"  --json               the same as one JSON object\n"
	"  --help, --version\n"
	"\n"
	"Exit status: 0 clean, 3 an attack a defence stopped (prevented or detected), 4 an attack\n"
	"that succeeded, 2 bad input, 1 other errors.\n";

static const char calibrate_help[] =
	"Usage: greenmig calibrate [--seconds S] [--repeat N]\n"
	"Measure on this machine, with libsodium on one core and 4 KiB messages, the throughput of\n"
	"SHA-256, BLAKE2b and the authenticated encryption of secure migration (AES-256-GCM where\n"
	"the CPU has AES-NI, otherwise ChaCha20-Poly1305), in bytes per CPU second (the process's\n"
	"CPU time, not wall time, so a loaded machine does not lower them), N times each; print the\n"
	"spread (min / median / max) as comments and the medians as the [security] lines to paste\n"
	"into an experiment file or to give to greenmig migrate --calibration FILE (hash_bps is\n"
	"BLAKE2b's, the model's hash).\n"
	"\n"
	"  --seconds S          CPU seconds per repetition of each primitive (0.001 to 60,\n"
	"                       default 0.1)\n"
	"  --repeat N           repetitions of each primitive (1 to 1000, default 5)\n"
	"  --help, --version\n";

static const char pack_help[] =
	"Usage: greenmig pack DIR -o DAY.csv.gz\n"
	"Pack a CloudSim/PlanetLab day folder (one file per VM, plain or .gz) into greenmig's\n"
	"packed day format: one gzip CSV file, header 'vm,0,300,...', one row per VM in\n"
	"byte-wise name order. A run on the packed file gives the same output as on DIR.\n"
	"\n"
	"  -o, --output FILE    the packed file to write (written atomically)\n"
	"  --help, --version\n"
	"\n"
	"Usage: greenmig pack --format F INPUT... -o FILE.csv.gz\n"
	"Pack a published trace (F: bitbrains, azure, alibaba2018, google2011; INPUT: its files\n"
	"or folders, see doc/workloads.md): the mean CPU % of each 300 s slot per VM.\n"
	"  --vms N              VMs to keep (default: every VM covering the window)\n"
	"  --select first|random|busiest   which VMs (default first; random by --seed S)\n"
	"  --start S, --duration D   the window, s after the trace's origin (default 0, Alibaba\n"
	"                       86400; 86400)\n"
	"  --gap-fill N         longest run of empty slots filled with the previous value (2)\n"
	"  --split-days L       write the window as a folder of days of L slots (288 = 24 h),\n"
	"                       FILE/day01.csv.gz, ..., the same VMs in each, for a run over\n"
	"                       several days ([workload] days)\n";

static const char synth_help[] =
	"Usage: greenmig synth --vms N --samples K --seed S -o FILE\n"
	"Write N deterministic synthetic VM traces of K samples (300 s apart) in the packed day\n"
	"format, from a model fitted on the shipped PlanetLab days (see traces/README.md).\n"
	"\n"
	"  --vms N        number of VMs (>= 1)\n"
	"  --samples K    samples per VM (>= 1; 288 = 24 h)\n"
	"  --seed S       seed (same seed, same file)\n"
	"  -o, --output FILE\n"
	"  --split-days L the same traces cut into days of L samples (288 = 24 h; K a multiple\n"
	"                 of L), written as a folder of days FILE/day01.csv.gz, ... for runs over\n"
	"                 several days ([workload] days)\n"
	"  --help, --version\n"
	"\n"
	"Usage: greenmig synth --format F --vms N --samples K --seed S -o DIR\n"
	"Write the same synthetic VMs in a published trace's layout under DIR (F: bitbrains,\n"
	"azure, alibaba2018, google2011), for benchmarks of pack --format.\n";

static const struct {
	const char *cmd;
	const char *text;
} helps[] = {
	{ "greenmig", main_help },   { "sweep", sweep_help },         { "merge", merge_help },
	{ "plot", plot_help },
	{ "policies", policies_help }, { "reproduce", reproduce_help }, { "migrate", migrate_help },
	{ "calibrate", calibrate_help }, { "pack", pack_help },        { "synth", synth_help },
};

int help_write(FILE *out, const char *cmd)
{
	if (strcmp(cmd, "run") == 0) /* its list of policies comes from the registry */
		return fprintf(out, run_help, policy_names()) < 0 ? -1 : 0;
	for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
		if (strcmp(cmd, helps[i].cmd) == 0)
			return fputs(helps[i].text, out) == EOF ? -1 : 0;
	return -1;
}
