/*
 * main: the greenmig command line. The only place that prints diagnostics and picks exit codes:
 * 0 success, 2 bad input or usage (every message names the file, line and what was expected),
 * 1 anything else (out of memory, a write error). Subcommands: run, pack, synth.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "calibrate.h"
#include "config.h"
#include "diag.h"
#include "model2010.h"
#include "pagemig.h"
#include "policy.h"
#include "report.h"
#include "reproduce.h"
#include "run.h"
#include "select.h"
#include "sim.h"
#include "sweep.h"
#include "synth.h"
#include "trace.h"

#ifndef GREENMIG_DATADIR
#define GREENMIG_DATADIR "/usr/local/share/greenmig"
#endif

#define EXIT_INPUT 2

static const char *progname = "greenmig";

static void print_diag(const struct diag *d)
{
	for (int i = 0; i < d->count; i++)
		fprintf(stderr, "%s: %s\n", progname, d->msg[i]);
	if (d->dropped > 0)
		fprintf(stderr, "%s: ... and %d more error%s\n", progname, d->dropped,
			d->dropped == 1 ? "" : "s");
}

static int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s%s%s: ", progname, cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s%s%s --help'.\n", progname, cmd ? " " : "", cmd ? cmd : "");
	return EXIT_INPUT;
}

static void print_version(void)
{
	printf("%s\n", PACKAGE_STRING);
}

/* --- option parsing: "--name VALUE" or "--name=VALUE" --- */

struct opt {
	const char *name;
	int has_arg;
};

/*
 * Matches argv[*i] against opts. Returns the index of the option, -1 for a positional argument,
 * -2 on error (message printed). *val gets the option's value.
 */
static int next_opt(const char *cmd, const struct opt *opts, int argc, char **argv, int *i,
		    const char **val)
{
	const char *a = argv[*i];
	*val = NULL;
	if (strncmp(a, "--", 2) != 0 || a[2] == '\0')
		return -1;
	const char *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	for (int k = 0; opts[k].name != NULL; k++) {
		if (strlen(opts[k].name) != len || strncmp(opts[k].name, a, len) != 0)
			continue;
		if (!opts[k].has_arg) {
			if (eq) {
				usage_error(cmd, "option %s takes no value", opts[k].name);
				return -2;
			}
			return k;
		}
		if (eq) {
			*val = eq + 1;
		} else if (*i + 1 < argc) {
			*val = argv[++*i];
		} else {
			usage_error(cmd, "option %s needs a value", opts[k].name);
			return -2;
		}
		return k;
	}
	char valid[1024] = "";
	for (int k = 0; opts[k].name != NULL; k++) {
		if (k > 0)
			strncat(valid, ", ", sizeof valid - strlen(valid) - 1);
		strncat(valid, opts[k].name, sizeof valid - strlen(valid) - 1);
	}
	fprintf(stderr, "%s %s: unknown option '%.*s'; valid: %s\n", progname, cmd, (int)len, a, valid);
	fprintf(stderr, "Try '%s %s --help'.\n", progname, cmd);
	return -2;
}

static int parse_count(const char *cmd, const char *opt, const char *s, long min, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min) {
		fprintf(stderr, "%s %s: %s \"%s\": expected an integer >= %ld\n", progname, cmd, opt, s, min);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_u64(const char *cmd, const char *opt, const char *s, unsigned long long *out)
{
	char *end;
	errno = 0;
	if (s[0] == '-') {
		fprintf(stderr, "%s %s: %s \"%s\": expected an integer >= 0\n", progname, cmd, opt, s);
		return -1;
	}
	unsigned long long v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0') {
		fprintf(stderr, "%s %s: %s \"%s\": expected an integer >= 0\n", progname, cmd, opt, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int copy_name(const char *cmd, const char *opt, char *dst, size_t n, const char *s)
{
	if (strlen(s) >= n) {
		fprintf(stderr, "%s %s: %s: value longer than %zu characters\n", progname, cmd, opt, n - 1);
		return -1;
	}
	strcpy(dst, s);
	return 0;
}

/* --- greenmig run --- */

struct timeline_out {
	const struct timeline_row *rows;
	int n;
};

static int write_timeline(FILE *f, const void *ctx)
{
	const struct timeline_out *t = ctx;
	return report_timeline(f, t->rows, t->n);
}

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
	"  --cloudsim-out DIR   also write CloudSim's own output files (stats, host shutdown\n"
	"                       and migration times) under DIR, as its examples' Helper does\n"
	"  --compare-security   run with [security] off and on and print the difference\n"
	"                       (energy, SLAV, migration time, downtime, bytes); --stats\n"
	"                       writes both rows\n"
	"  --quiet              no summary\n"
	"  --help, --version\n"
	"\n"
	"Options override the experiment file. Exit status: 0 ok, 2 bad input, 1 other error.\n";

enum {
	RUN_TRACES, RUN_DAY, RUN_VMS, RUN_POLICY, RUN_SELECTION, RUN_PARAM, RUN_SEED, RUN_SET,
	RUN_STATS, RUN_QUIET, RUN_HELP, RUN_VERSION, RUN_TIMELINE, RUN_CLOUDSIM_OUT, RUN_SEEDS,
	RUN_COMPARE_SECURITY
};

static const struct opt run_opts[] = {
	[RUN_TRACES] = { "--traces", 1 }, [RUN_DAY] = { "--day", 1 },
	[RUN_VMS] = { "--vms", 1 },       [RUN_POLICY] = { "--policy", 1 },
	[RUN_SELECTION] = { "--selection", 1 }, [RUN_PARAM] = { "--param", 1 },
	[RUN_SEED] = { "--seed", 1 },     [RUN_SET] = { "--set", 1 },
	[RUN_STATS] = { "--stats", 1 },   [RUN_QUIET] = { "--quiet", 0 },
	[RUN_HELP] = { "--help", 0 },     [RUN_VERSION] = { "--version", 0 },
	[RUN_TIMELINE] = { "--timeline", 1 }, [RUN_CLOUDSIM_OUT] = { "--cloudsim-out", 1 },
	[RUN_SEEDS] = { "--seeds", 1 },
	[RUN_COMPARE_SECURITY] = { "--compare-security", 0 },
	{ NULL, 0 },
};

/* greenmig run on the 2010 model: n runs, seeds e->seed .. e->seed + n - 1. */
static int run_2010(struct experiment *e, const struct gm_policy *p, const char *stats, int quiet, long n,
		    bool many)
{
	struct sim_result *rs = calloc((size_t)n, sizeof *rs);
	uint64_t *seeds = calloc((size_t)n, sizeof *seeds);
	if (rs == NULL || seeds == NULL) {
		free(rs);
		free(seeds);
		fprintf(stderr, "%s: out of memory\n", progname);
		return 1;
	}
	uint64_t first = e->seed;
	int rc = 0;
	for (long i = 0; i < n && rc == 0; i++) {
		struct diag d;
		diag_init(&d);
		e->seed = first + (uint64_t)i;
		seeds[i] = e->seed;
		int run = run_once(e, p, NULL, &rs[i], &d);
		if (run != 0) {
			print_diag(&d);
			rc = run == 1 ? EXIT_INPUT : 1;
		}
	}
	e->seed = first;
	if (rc == 0) {
		if (rs[0].unplaced_vms > 0)
			fprintf(stderr, "%s: warning: %ld VMs fit on no host at t = 0 and are not simulated "
				"(stats: unplaced_vms)\n", progname, rs[0].unplaced_vms);
		struct diag d;
		diag_init(&d);
		const char *day = "stochastic";
		if (stats != NULL && report_stats_rows_file(stats, e, day, rs, seeds, (int)n, &d) != 0) {
			print_diag(&d);
			rc = 1;
		}
		if (!quiet) {
			FILE *out = (stats != NULL && strcmp(stats, "-") == 0) ? stderr : stdout;
			int w = many ? report_seeds_summary(out, e, rs, seeds, (int)n)
				     : report_summary(out, e, day, &rs[0]);
			if (w != 0 || fflush(out) != 0) {
				fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
				rc = 1;
			}
		}
	}
	free(rs);
	free(seeds);
	return rc;
}

/* greenmig run --compare-security: the run with [security] off, then on, and the difference. */
static int compare_secure(struct experiment *e, const struct gm_policy *p, const struct trace_set *t,
			  const char *stats, int quiet)
{
	struct sim_result r[2];
	uint64_t seeds[2] = { e->seed, e->seed };
	bool was = e->security.enabled;
	int rc = 0;
	for (int k = 0; k < 2 && rc == 0; k++) {
		struct diag d;
		diag_init(&d);
		e->security.enabled = k == 1;
		int run = run_once(e, p, t, &r[k], &d);
		if (run != 0) {
			print_diag(&d);
			rc = run == 1 ? EXIT_INPUT : 1;
		}
	}
	e->security.enabled = was;
	if (rc != 0)
		return rc;
	struct diag d;
	diag_init(&d);
	if (stats != NULL && report_stats_rows_file(stats, e, t->day, r, seeds, 2, &d) != 0) {
		print_diag(&d);
		return 1;
	}
	if (quiet)
		return 0;
	FILE *out = (stats != NULL && strcmp(stats, "-") == 0) ? stderr : stdout;
	const char *label[2] = { "without security", "with security" };
	fprintf(out, "Experiment: %s, day %s, policy %s%s%s%s%s: secure migration compared\n", e->setup, t->day,
		e->policy, e->selection[0] ? " / " : "", e->selection, e->param[0] ? " / " : "", e->param);
	for (int k = 0; k < 2; k++)
		fprintf(out, "%-17s energy %.5f kWh, SLAV %.10f, %ld migrations, migration time %.2f sec\n",
			label[k], r[k].energy_kwh, r[k].m.slav, r[k].migrations, r[k].migration_time_s);
	double de = r[1].energy_kwh - r[0].energy_kwh, ds = r[1].m.slav - r[0].m.slav;
	fprintf(out, "difference        energy %+.5f kWh (%+.3f %%), SLAV %+.10f (%+.2f %%), migration time "
		"%+.2f sec\n", de, r[0].energy_kwh > 0 ? de / r[0].energy_kwh * 100 : 0, ds,
		r[0].m.slav > 0 ? ds / r[0].m.slav * 100 : 0, r[1].migration_time_s - r[0].migration_time_s);
	fprintf(out, "security's share  +%.2f sec migration time, +%.5f kWh crypto energy, +%.3f sec downtime, "
		"+%.1f MB on the wire\n", r[1].security_time_s, r[1].security_energy_kwh, r[1].security_downtime_s,
		r[1].security_bytes / 1e6);
	return fflush(out) == 0 ? 0 : 1;
}

static int cmd_run(int argc, char **argv)
{
	const char *cmd = "run";
	const char *ini = NULL, *stats = NULL, *timeline = NULL, *cloudsim_out = NULL;
	int quiet = 0;
	long seeds = 0;
	int compare_security = 0;
	bool traces_given = false;
	/* First pass: --help/--version anywhere, the experiment file, syntax of the options. */
	for (int i = 1; i < argc; i++) {
		const char *val;
		int k = next_opt(cmd, run_opts, argc, argv, &i, &val);
		if (k == -2)
			return EXIT_INPUT;
		if (k == RUN_HELP) {
			printf(run_help, policy_names());
			return 0;
		}
		if (k == RUN_VERSION) {
			print_version();
			return 0;
		}
		if (k == -1) {
			if (ini != NULL)
				return usage_error(cmd, "unexpected argument '%s' (one experiment file only)", argv[i]);
			ini = argv[i];
		}
	}
	if (ini == NULL)
		return usage_error(cmd, "%s", "missing EXPERIMENT.ini");

	static struct experiment e;
	struct diag d;
	diag_init(&d);
	config_defaults(&e, GREENMIG_DATADIR "/traces/planetlab");
	if (config_load(&e, ini, &d) != 0) {
		print_diag(&d);
		return EXIT_INPUT;
	}
	/* Second pass: the options, in order, on top of the file. */
	for (int i = 1; i < argc; i++) {
		const char *val;
		int k = next_opt(cmd, run_opts, argc, argv, &i, &val);
		long n;
		unsigned long long u;
		int bad = 0;
		switch (k) {
		case RUN_TRACES:
			bad = copy_name(cmd, "--traces", e.traces, sizeof e.traces, val);
			traces_given = true;
			break;
		case RUN_DAY:
			bad = copy_name(cmd, "--day", e.day, sizeof e.day, val);
			traces_given = true;
			break;
		case RUN_VMS:
			bad = parse_count(cmd, "--vms", val, 1, &n);
			if (!bad)
				e.vms = n;
			break;
		case RUN_POLICY:
			bad = copy_name(cmd, "--policy", e.policy, sizeof e.policy, val);
			break;
		case RUN_SELECTION:
			bad = copy_name(cmd, "--selection", e.selection, sizeof e.selection, val);
			break;
		case RUN_PARAM:
			bad = copy_name(cmd, "--param", e.param, sizeof e.param, val);
			break;
		case RUN_SEED:
			bad = parse_u64(cmd, "--seed", val, &u);
			if (!bad)
				e.seed = u;
			break;
		case RUN_SET:
			if (config_set(&e, val, &d) != 0) {
				print_diag(&d);
				return EXIT_INPUT;
			}
			break;
		case RUN_STATS:
			stats = val;
			break;
		case RUN_QUIET:
			quiet = 1;
			break;
		case RUN_TIMELINE:
			timeline = val;
			break;
		case RUN_CLOUDSIM_OUT:
			cloudsim_out = val;
			break;
		case RUN_COMPARE_SECURITY:
			compare_security = 1;
			break;
		case RUN_SEEDS:
			bad = parse_count(cmd, "--seeds", val, 1, &n);
			if (!bad && n > 100000)
				bad = usage_error(cmd, "--seeds %ld: at most 100000", n) != 0;
			if (!bad)
				seeds = n;
			break;
		default:
			break;
		}
		if (bad)
			return EXIT_INPUT;
	}
	if (config_validate(&e, &d) != 0) {
		print_diag(&d);
		return EXIT_INPUT;
	}
	if (e.model == MODEL_2010) {
		const char *bad_opt = traces_given ? "--traces/--day (it reads no traces)"
				      : timeline != NULL ? "--timeline"
				      : cloudsim_out != NULL ? "--cloudsim-out"
				      : NULL;
		if (bad_opt != NULL) {
			fprintf(stderr, "%s: the 2010 model takes no %s\n", progname, bad_opt);
			return EXIT_INPUT;
		}
	} else if (seeds > 0) {
		fprintf(stderr, "%s: --seeds applies to simulation.model = 2010 (a trace day has no random "
			"workload; use --seed for rs)\n", progname);
		return EXIT_INPUT;
	}
	const struct gm_policy *p;
	if (run_prepare(&e, &p, &d) != 0) {
		print_diag(&d);
		return EXIT_INPUT;
	}
	if (e.model == MODEL_2010)
		return run_2010(&e, p, stats, quiet, seeds > 0 ? seeds : 1, seeds > 0);

	char *day_path = trace_resolve_day(e.traces, e.day[0] ? e.day : NULL, &d);
	if (day_path == NULL) {
		print_diag(&d);
		return EXIT_INPUT;
	}
	struct trace_set *t = trace_read(day_path, (size_t)e.vms, &d);
	free(day_path);
	if (t == NULL) {
		print_diag(&d);
		return EXIT_INPUT;
	}
	if (compare_security) {
		int rc = compare_secure(&e, p, t, stats, quiet);
		trace_destroy(t);
		return rc;
	}
	struct sim *s = sim_create(&e, t, &d);
	if (s == NULL) {
		print_diag(&d);
		trace_destroy(t);
		return EXIT_INPUT;
	}
	struct sim_result r;
	if (sim_run(s, &d) != 0 || sim_result(s, &r, &d) != 0) {
		print_diag(&d);
		sim_destroy(s);
		trace_destroy(t);
		return 1;
	}
	for (long i = 0; i < r.unplaced_vms && i < 10; i++)
		fprintf(stderr, "%s: warning: VM %d (%s) fits on no host at t = 0; it is not simulated\n",
			progname, r.unplaced[i], t->names[r.unplaced[i]]);
	if (r.unplaced_vms > 10)
		fprintf(stderr, "%s: warning: ... %ld VMs in all fit nowhere (stats: unplaced_vms)\n",
			progname, r.unplaced_vms);
	int rc = 0;
	if (stats != NULL && report_stats_file(stats, &e, t->day, &r, &d) != 0) {
		print_diag(&d);
		rc = 1;
	}
	if (timeline != NULL) {
		struct timeline_out to;
		to.rows = sim_timeline(s, &to.n);
		if (report_write_file(timeline, write_timeline, &to, &d) != 0) {
			print_diag(&d);
			rc = 1;
		}
	}
	if (cloudsim_out != NULL && report_cloudsim(cloudsim_out, &e, t->day, &r, p->migrations, &d) != 0) {
		print_diag(&d);
		rc = 1;
	}
	if (!quiet) {
		/* With the stats on stdout, the summary goes to stderr so stdout stays pure CSV. */
		FILE *out = (stats != NULL && strcmp(stats, "-") == 0) ? stderr : stdout;
		if (report_summary(out, &e, t->day, &r) != 0 || fflush(out) != 0) {
			fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
			rc = 1;
		}
	}
	sim_destroy(s);
	trace_destroy(t);
	return rc;
}

/* --- greenmig pack --- */

static const char pack_help[] =
	"Usage: greenmig pack DIR -o DAY.csv.gz\n"
	"Pack a CloudSim/PlanetLab day folder (one file per VM, plain or .gz) into greenmig's\n"
	"packed day format: one gzip CSV file, header 'vm,0,300,...', one row per VM in\n"
	"byte-wise name order. A run on the packed file gives the same output as on DIR.\n"
	"\n"
	"  -o, --output FILE    the packed file to write (written atomically)\n"
	"  --help, --version\n";

static int cmd_pack(int argc, char **argv)
{
	const char *cmd = "pack";
	static const struct opt opts[] = { { "--output", 1 }, { "--help", 0 }, { "--version", 0 }, { NULL, 0 } };
	const char *dir = NULL, *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0) {
			if (i + 1 >= argc)
				return usage_error(cmd, "option %s needs a value", "-o");
			out = argv[++i];
			continue;
		}
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		if (k == -2)
			return EXIT_INPUT;
		if (k == 0)
			out = val;
		else if (k == 1) {
			fputs(pack_help, stdout);
			return 0;
		} else if (k == 2) {
			print_version();
			return 0;
		} else if (dir != NULL) {
			return usage_error(cmd, "unexpected argument '%s'", argv[i]);
		} else {
			dir = argv[i];
		}
	}
	if (dir == NULL)
		return usage_error(cmd, "%s", "missing DIR");
	if (out == NULL)
		return usage_error(cmd, "%s", "missing -o DAY.csv.gz");
	struct diag d;
	diag_init(&d);
	struct trace_set *t = trace_read(dir, 0, &d);
	if (t == NULL) {
		print_diag(&d);
		return EXIT_INPUT;
	}
	int rc = trace_write_packed(t, out, &d);
	trace_destroy(t);
	if (rc != 0) {
		print_diag(&d);
		return 1;
	}
	return 0;
}

/* --- greenmig synth --- */

static const char synth_help[] =
	"Usage: greenmig synth --vms N --samples K --seed S -o FILE\n"
	"Write N deterministic synthetic VM traces of K samples (300 s apart) in the packed day\n"
	"format, from a model fitted on the shipped PlanetLab days (see traces/README.md).\n"
	"\n"
	"  --vms N        number of VMs (>= 1)\n"
	"  --samples K    samples per VM (>= 1; 288 = 24 h)\n"
	"  --seed S       seed (same seed, same file)\n"
	"  -o, --output FILE\n"
	"  --help, --version\n";

static int cmd_synth(int argc, char **argv)
{
	const char *cmd = "synth";
	static const struct opt opts[] = { { "--vms", 1 }, { "--samples", 1 }, { "--seed", 1 },
					   { "--output", 1 }, { "--help", 0 }, { "--version", 0 },
					   { NULL, 0 } };
	long vms = 0, samples = 288;
	unsigned long long seed = 1;
	const char *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0) {
			if (i + 1 >= argc)
				return usage_error(cmd, "option %s needs a value", "-o");
			out = argv[++i];
			continue;
		}
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		int bad = 0;
		switch (k) {
		case -2:
			return EXIT_INPUT;
		case -1:
			return usage_error(cmd, "unexpected argument '%s'", argv[i]);
		case 0:
			bad = parse_count(cmd, "--vms", val, 1, &vms);
			break;
		case 1:
			bad = parse_count(cmd, "--samples", val, 1, &samples);
			break;
		case 2:
			bad = parse_u64(cmd, "--seed", val, &seed);
			break;
		case 3:
			out = val;
			break;
		case 4:
			fputs(synth_help, stdout);
			return 0;
		case 5:
			print_version();
			return 0;
		}
		if (bad)
			return EXIT_INPUT;
	}
	if (vms == 0)
		return usage_error(cmd, "%s", "missing --vms N");
	if (out == NULL)
		return usage_error(cmd, "%s", "missing -o FILE");
	struct diag d;
	diag_init(&d);
	struct trace_set *t = synth_generate((size_t)vms, (size_t)samples, seed, &d);
	if (t == NULL) {
		print_diag(&d);
		return 1;
	}
	int rc = trace_write_packed(t, out, &d);
	trace_destroy(t);
	if (rc != 0) {
		print_diag(&d);
		return 1;
	}
	return 0;
}

static const char main_help[] =
	"Usage: greenmig COMMAND [ARG]...\n"
	"Replay real datacenter workload traces through a simulated power-aware datacenter\n"
	"with CloudSim 3.0.3's semantics.\n"
	"\n"
	"Commands:\n"
	"  run EXPERIMENT.ini [OPTION]...   simulate one experiment, print the summary\n"
	"  sweep EXPERIMENT.ini --vary NAME=VALUES... -o FILE.csv   many runs, one CSV row each\n"
	"  merge DIR -o FILE.csv            join the runs of 'sweep --emit-jobs DIR'\n"
	"  reproduce [-o DIR]               the seed paper's Table 1 and the data of its plots\n"
	"  migrate [--attack A] [--security on|off]   one secure migration, page by page\n"
	"  calibrate                        crypto throughput here: the [security] lines\n"
	"  pack DIR -o DAY.csv.gz           pack a trace day folder into one file\n"
	"  synth --vms N --samples K --seed S -o FILE   synthetic traces for benchmarks\n"
	"\n"
	"'greenmig COMMAND --help' describes each command; man greenmig has the details.\n"
	"Shipped experiments and traces: " GREENMIG_DATADIR "\n";

/* --- greenmig sweep / merge --- */

static const char sweep_help[] =
	"Usage: greenmig sweep [EXPERIMENT.ini] --vary NAME=VALUES... [OPTION]... -o FILE.csv\n"
	"Run EXPERIMENT.ini over the cartesian product of the axes and write one CSV row per run\n"
	"(the axis values, then the stats columns of 'greenmig run --stats'), in axis order (the\n"
	"first axis varies slowest) whatever the number of threads.\n"
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
	"  --help, --version\n"
	"\n"
	"Each trace day is read once and shared by its runs. A run that fails is reported with its\n"
	"axis values and its error; the others are written. Exit status: 0 all runs ok, 1 some runs\n"
	"failed (or a write error), 2 bad input or usage.\n";

static const char merge_help[] =
	"Usage: greenmig merge DIR -o FILE.csv\n"
	"Join the stats files of the runs that 'greenmig sweep --emit-jobs DIR' listed into the\n"
	"CSV the sweep itself would have written (byte for byte). A missing or bad stats file is\n"
	"reported with its run's axis values; the other rows are written; exit status 1.\n"
	"\n"
	"  -o, --output FILE    the sweep CSV, written atomically ('-' = stdout)\n"
	"  --help, --version\n";

static const char *self_path = "greenmig"; /* argv[0]: what --emit-jobs commands run */

struct progress_state {
	struct timespec start;
	bool on;
};

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void show_progress(void *ctx, long done, long total)
{
	struct progress_state *ps = ctx;
	if (!ps->on)
		return;
	double el = seconds_since(&ps->start);
	double left = done > 0 ? el / (double)done * (double)(total - done) : 0;
	fprintf(stderr, "\r%s sweep: %ld/%ld runs, %.1f s elapsed, about %.1f s left   ", progname, done,
		total, el, left);
	if (done == total)
		fputc('\n', stderr);
}

struct sweep_out {
	const struct sweep_axis *axes;
	int n_axes;
	const struct sweep_result *res;
	long n;
};

static int write_sweep(FILE *out, const void *ctx)
{
	const struct sweep_out *s = ctx;
	if (sweep_write_header(out, s->axes, s->n_axes) != 0)
		return -1;
	for (long i = 0; i < s->n; i++)
		if (s->res[i].row != NULL && fputs(s->res[i].row, out) == EOF)
			return -1;
	return 0;
}

/* Single-quoted for the shell. */
static void put_shell_word(FILE *out, const char *s)
{
	fputc('\'', out);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", out);
		else
			fputc(*s, out);
	}
	fputc('\'', out);
}

static int emit_jobs(const char *dir, const char *ini, const struct sweep_spec *s, long total)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "%s: %s: cannot create: %s\n", progname, dir, strerror(errno));
		return 1;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/manifest", dir);
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (f == NULL) {
		fprintf(stderr, "%s: %s: cannot write: %s\n", progname, tmp, strerror(errno));
		return 1;
	}
	/* manifest: the sweep's header, then per run "FILE<TAB>axis fields" */
	int rc = sweep_write_header(f, s->axes, s->n_axes);
	for (long i = 0; i < total && rc == 0; i++) {
		rc |= fprintf(f, "run-%06ld.csv\t", i + 1) < 0;
		rc |= sweep_write_axis_fields(f, s->axes, s->n_axes, i);
		rc |= fputc('\n', f) == EOF;
	}
	if (fclose(f) != 0 || rc != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "%s: %s: write error: %s\n", progname, path, strerror(errno));
		remove(tmp);
		return 1;
	}
	for (long i = 0; i < total; i++) {
		int pick[SWEEP_MAX_AXES];
		sweep_combination(s->axes, s->n_axes, i, pick);
		char exp[CONFIG_PATH_LEN];
		const char *this_ini = sweep_experiment_path(s, i, exp, sizeof exp);
		put_shell_word(stdout, self_path);
		fputs(" run ", stdout);
		put_shell_word(stdout, this_ini != NULL ? this_ini : ini);
		for (int k = 0; k < s->n_sets; k++) {
			fputs(" --set ", stdout);
			put_shell_word(stdout, s->sets[k]);
		}
		for (int k = 0; k < s->n_axes; k++) {
			const struct sweep_axis *a = &s->axes[k];
			for (int p = 0; p < a->parts; p++) {
				if (strcmp(a->part_key[p], "experiment") == 0)
					continue;
				char v[CONFIG_PATH_LEN], set[CONFIG_PATH_LEN + 200];
				sweep_value_part(a->values[pick[k]], p, v, sizeof v);
				snprintf(set, sizeof set, "%s=%s", a->part_key[p], v);
				fputs(" --set ", stdout);
				put_shell_word(stdout, set);
			}
		}
		char stats[4200];
		snprintf(stats, sizeof stats, "%s/run-%06ld.csv", dir, i + 1);
		fputs(" --stats ", stdout);
		put_shell_word(stdout, stats);
		fputs(" --quiet\n", stdout);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

/*
 * The short forms of sweep's and reproduce's -o and -j: -o FILE, -oFILE, -j N, -jN. Returns 1 if
 * argv[*i] was one (consumed, *i advanced past its value), 0 if not, -1 after a usage error.
 */
static int short_o_j(const char *cmd, int argc, char **argv, int *i, const char **out, long *jobs)
{
	const char *a = argv[*i];
	if (strncmp(a, "-o", 2) != 0 && strncmp(a, "-j", 2) != 0)
		return 0;
	char opt = a[1];
	const char *v = a[2] != '\0' ? a + 2 : NULL;
	if (v == NULL && *i + 1 >= argc) {
		usage_error(cmd, "option -%c needs a value", opt);
		return -1;
	}
	if (v == NULL)
		v = argv[++*i];
	if (opt == 'o')
		*out = v;
	else if (parse_count(cmd, "-j", v, 1, jobs) != 0)
		return -1;
	return 1;
}

static int cmd_sweep(int argc, char **argv)
{
	const char *cmd = "sweep";
	enum { S_VARY, S_JOBS, S_OUTPUT, S_SET, S_EMIT, S_QUIET, S_HELP, S_VERSION };
	static const struct opt opts[] = {
		[S_VARY] = { "--vary", 1 }, [S_JOBS] = { "--jobs", 1 },     [S_OUTPUT] = { "--output", 1 },
		[S_SET] = { "--set", 1 },   [S_EMIT] = { "--emit-jobs", 1 }, [S_QUIET] = { "--quiet", 0 },
		[S_HELP] = { "--help", 0 }, [S_VERSION] = { "--version", 0 }, { NULL, 0 },
	};
	const char *ini = NULL, *out = NULL, *emit = NULL;
	char *vary[SWEEP_MAX_AXES + 1];
	char *sets[256];
	int n_vary = 0, n_sets = 0, quiet = 0;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs < 1)
		jobs = 1;
	for (int i = 1; i < argc; i++) {
		int so = short_o_j(cmd, argc, argv, &i, &out, &jobs);
		if (so < 0)
			return EXIT_INPUT;
		if (so > 0)
			continue;
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		switch (k) {
		case -2:
			return EXIT_INPUT;
		case -1:
			if (ini != NULL)
				return usage_error(cmd, "unexpected argument '%s' (one experiment file only)", argv[i]);
			ini = argv[i];
			break;
		case S_VARY:
			if (n_vary > SWEEP_MAX_AXES)
				return usage_error(cmd, "more than %d axes", SWEEP_MAX_AXES);
			vary[n_vary++] = (char *)val;
			break;
		case S_JOBS:
			if (parse_count(cmd, "--jobs", val, 1, &jobs) != 0)
				return EXIT_INPUT;
			break;
		case S_OUTPUT:
			out = val;
			break;
		case S_SET:
			if (n_sets == (int)(sizeof sets / sizeof sets[0]))
				return usage_error(cmd, "too many --set options");
			sets[n_sets++] = (char *)val;
			break;
		case S_EMIT:
			emit = val;
			break;
		case S_QUIET:
			quiet = 1;
			break;
		case S_HELP:
			fputs(sweep_help, stdout);
			return 0;
		case S_VERSION:
			print_version();
			return 0;
		default:
			break;
		}
	}
	if (n_vary == 0)
		return usage_error(cmd, "%s", "no --vary axis (e.g. --vary policy=thr,iqr)");
	if (out == NULL && emit == NULL)
		return usage_error(cmd, "%s", "missing -o FILE.csv");
	static struct experiment e;
	struct diag d;
	diag_init(&d);
	const char *traces = GREENMIG_DATADIR "/traces/planetlab";
	if (ini != NULL) {
		config_defaults(&e, traces);
		if (config_load(&e, ini, &d) != 0) {
			print_diag(&d);
			return EXIT_INPUT;
		}
		for (int k = 0; k < n_sets; k++) {
			if (config_set(&e, sets[k], &d) != 0) {
				print_diag(&d);
				return EXIT_INPUT;
			}
		}
	}
	struct sweep_axis axes[SWEEP_MAX_AXES];
	struct sweep_spec spec = { ini != NULL ? &e : NULL, traces, sets, n_sets, axes, 0 };
	int rc = 0;
	for (int k = 0; k < n_vary && rc == 0; k++) {
		if (sweep_axis_parse(vary[k], &axes[spec.n_axes], &d) != 0)
			rc = EXIT_INPUT;
		else
			spec.n_axes++;
	}
	if (rc == 0 && sweep_prepare(&spec, &d) != 0)
		rc = EXIT_INPUT;
	long total = rc == 0 ? sweep_count(axes, spec.n_axes) : 0;
	if (rc != 0) {
		print_diag(&d);
	} else if (emit != NULL) {
		rc = emit_jobs(emit, ini, &spec, total);
	} else {
		struct progress_state ps = { .on = !quiet && isatty(fileno(stderr)) };
		clock_gettime(CLOCK_MONOTONIC, &ps.start);
		struct sweep_result *res = NULL;
		if (sweep_run(&spec, (int)jobs, show_progress, &ps, &res, &d) != 0) {
			print_diag(&d);
			rc = 1;
		} else {
			long failed = 0;
			for (long i = 0; i < total; i++) {
				if (res[i].error == NULL)
					continue;
				failed++;
				int pick[SWEEP_MAX_AXES];
				sweep_combination(axes, spec.n_axes, i, pick);
				fprintf(stderr, "%s sweep: run %ld (", progname, i + 1);
				for (int k = 0; k < spec.n_axes; k++)
					fprintf(stderr, "%s%s=%s", k > 0 ? ", " : "", axes[k].name, axes[k].values[pick[k]]);
				fprintf(stderr, ") failed: %s\n", res[i].error);
			}
			struct sweep_out so = { axes, spec.n_axes, res, total };
			if (report_write_file(out, write_sweep, &so, &d) != 0) {
				print_diag(&d);
				rc = 1;
			} else if (failed > 0) {
				fprintf(stderr, "%s sweep: %ld of %ld runs failed; the others are in %s\n", progname,
					failed, total, out);
				rc = 1;
			}
			sweep_results_free(res, total);
		}
	}
	for (int k = 0; k < spec.n_axes; k++)
		sweep_axis_free(&axes[k]);
	return rc;
}

/* Reads a whole small text file; NULL if it cannot. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap > 0 ? 2 * cap : 8192;
			char *nb = realloc(buf, cap);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t n = fread(buf + len, 1, 4096, f);
		len += n;
		if (n < 4096)
			break;
	}
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

struct merge_out {
	char **lines;
	long n;
	const char *header;
};

static int write_merge(FILE *out, const void *ctx)
{
	const struct merge_out *m = ctx;
	if (fputs(m->header, out) == EOF)
		return -1;
	for (long i = 0; i < m->n; i++)
		if (m->lines[i] != NULL && fputs(m->lines[i], out) == EOF)
			return -1;
	return 0;
}

static int cmd_merge(int argc, char **argv)
{
	const char *cmd = "merge";
	static const struct opt opts[] = { { "--output", 1 }, { "--help", 0 }, { "--version", 0 }, { NULL, 0 } };
	const char *dir = NULL, *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0) {
			if (i + 1 >= argc)
				return usage_error(cmd, "option %s needs a value", "-o");
			out = argv[++i];
			continue;
		}
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		if (k == -2)
			return EXIT_INPUT;
		if (k == 0) {
			out = val;
		} else if (k == 1) {
			fputs(merge_help, stdout);
			return 0;
		} else if (k == 2) {
			print_version();
			return 0;
		} else if (dir != NULL) {
			return usage_error(cmd, "unexpected argument '%s'", argv[i]);
		} else {
			dir = argv[i];
		}
	}
	if (dir == NULL)
		return usage_error(cmd, "%s", "missing DIR (written by greenmig sweep --emit-jobs DIR)");
	if (out == NULL)
		return usage_error(cmd, "%s", "missing -o FILE.csv");
	char path[4096];
	snprintf(path, sizeof path, "%s/manifest", dir);
	char *man = slurp(path);
	if (man == NULL) {
		fprintf(stderr, "%s: %s: cannot read: %s\n", progname, path, strerror(errno));
		return EXIT_INPUT;
	}
	char *nl = strchr(man, '\n');
	if (nl == NULL) {
		fprintf(stderr, "%s: %s:1: expected the sweep's CSV header\n", progname, path);
		free(man);
		return EXIT_INPUT;
	}
	*nl = '\0';
	size_t hlen = strlen(man);
	char *header = malloc(hlen + 2);
	long n_lines = 0;
	for (char *p = nl + 1; *p; p++)
		n_lines += *p == '\n';
	char **lines = calloc((size_t)(n_lines > 0 ? n_lines : 1), sizeof *lines);
	int rc = header == NULL || lines == NULL ? 1 : 0;
	if (rc == 0) {
		memcpy(header, man, hlen);
		header[hlen] = '\n';
		header[hlen + 1] = '\0';
	}
	long n = 0, line_no = 1;
	for (char *p = nl + 1; rc == 0 && *p; n++) {
		line_no++;
		char *end = strchr(p, '\n');
		if (end == NULL) {
			fprintf(stderr, "%s: %s:%ld: unterminated line\n", progname, path, line_no);
			rc = EXIT_INPUT;
			break;
		}
		*end = '\0';
		char *tab = strchr(p, '\t');
		if (tab == NULL || tab == p || strchr(p, '/') != NULL) {
			fprintf(stderr, "%s: %s:%ld: expected FILE<TAB>axis values\n", progname, path, line_no);
			rc = EXIT_INPUT;
			break;
		}
		*tab = '\0';
		const char *axes = tab + 1;
		char stats_path[4200];
		snprintf(stats_path, sizeof stats_path, "%s/%s", dir, p);
		char *stats = slurp(stats_path);
		char *row = NULL;
		if (stats != NULL) {
			char *l1 = strchr(stats, '\n');
			char *l2 = l1 != NULL ? strchr(l1 + 1, '\n') : NULL;
			if (l1 != NULL && l2 != NULL && l2[1] == '\0' && strncmp(stats, report_stats_header(), (size_t)(l1 - stats)) == 0 &&
			    (size_t)(l1 - stats) == strlen(report_stats_header()))
				row = l1 + 1;
		}
		if (row == NULL) {
			fprintf(stderr, "%s merge: run %ld (%s): %s is %s\n", progname, n + 1, axes, stats_path,
				stats == NULL ? "missing" : "not a stats file (a header and one row)");
			rc = 1;
		} else {
			size_t al = strlen(axes), rl = strlen(row);
			lines[n] = malloc(al + rl + 1);
			if (lines[n] == NULL) {
				rc = 1;
			} else {
				memcpy(lines[n], axes, al);
				memcpy(lines[n] + al, row, rl + 1);
			}
		}
		free(stats);
		p = end + 1;
	}
	int wrc = 0;
	if (header != NULL && lines != NULL && rc != EXIT_INPUT) {
		struct merge_out mo = { lines, n, header };
		struct diag d;
		diag_init(&d);
		if (report_write_file(out, write_merge, &mo, &d) != 0) {
			print_diag(&d);
			wrc = 1;
		}
	}
	for (long i = 0; lines != NULL && i < n; i++)
		free(lines[i]);
	free(lines);
	free(header);
	free(man);
	return rc != 0 ? rc : wrc;
}

/* --- greenmig reproduce --- */

static const char reproduce_help[] =
	"Usage: greenmig reproduce [-o DIR] [OPTION]...\n"
	"Run the seed paper's Table 1 grid: NPA, DVFS, ST (40-90 %), MM (20-60 ... 50-90 %) and DRR\n"
	"(retirement thresholds 0-600 s) on the 2010 model over --seeds seeds, and NPA, DVFS, ST, MM\n"
	"and DRR on the PlanetLab paper setup over every shipped day; write DIR/table1.csv,\n"
	"DIR/table1.md (ours beside the 2010 paper's and the seed paper's numbers, the seed's claims\n"
	"recomputed), the runs, and the data of the plots (plots/*.gp, make plots).\n"
	"\n"
	"  -o, --output DIR     where to write (default: results)\n"
	"  --examples DIR       where paper2010.ini and paper.ini are (default: the installed ones;\n"
	"                       where greenmig is not installed, ./examples: the source tree's)\n"
	"  --seeds N            seeds of the 2010 model (default 10)\n"
	"  -j, --jobs N         threads (default: the machine's cores)\n"
	"  --quiet              no progress\n"
	"  --help, --version\n";

static int cmd_reproduce(int argc, char **argv)
{
	const char *cmd = "reproduce";
	enum { R_OUTPUT, R_EXAMPLES, R_SEEDS, R_JOBS, R_QUIET, R_HELP, R_VERSION };
	static const struct opt opts[] = {
		[R_OUTPUT] = { "--output", 1 }, [R_EXAMPLES] = { "--examples", 1 }, [R_SEEDS] = { "--seeds", 1 },
		[R_JOBS] = { "--jobs", 1 },     [R_QUIET] = { "--quiet", 0 },       [R_HELP] = { "--help", 0 },
		[R_VERSION] = { "--version", 0 }, { NULL, 0 },
	};
	const char *out = "results", *examples = GREENMIG_DATADIR "/examples";
	long seeds = 10, jobs = sysconf(_SC_NPROCESSORS_ONLN);
	int quiet = 0, examples_given = 0;
	if (jobs < 1)
		jobs = 1;
	for (int i = 1; i < argc; i++) {
		int so = short_o_j(cmd, argc, argv, &i, &out, &jobs);
		if (so < 0)
			return EXIT_INPUT;
		if (so > 0)
			continue;
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		switch (k) {
		case -2:
			return EXIT_INPUT;
		case -1:
			return usage_error(cmd, "unexpected argument '%s'", argv[i]);
		case R_OUTPUT:
			out = val;
			break;
		case R_EXAMPLES:
			examples = val;
			examples_given = 1;
			break;
		case R_SEEDS:
			if (parse_count(cmd, "--seeds", val, 1, &seeds) != 0)
				return EXIT_INPUT;
			if (seeds > 1000)
				return usage_error(cmd, "--seeds %ld: at most 1000", seeds);
			break;
		case R_JOBS:
			if (parse_count(cmd, "--jobs", val, 1, &jobs) != 0)
				return EXIT_INPUT;
			break;
		case R_QUIET:
			quiet = 1;
			break;
		case R_HELP:
			fputs(reproduce_help, stdout);
			return 0;
		case R_VERSION:
			print_version();
			return 0;
		default:
			break;
		}
	}
	/* Run from a source tree without installing: its examples (they name their traces relative
	 * to themselves). Only when the installed ones are absent, so an installed greenmig never
	 * depends on the directory it is run from. */
	if (!examples_given && access(GREENMIG_DATADIR "/examples/paper2010.ini", R_OK) != 0 &&
	    access("examples/paper2010.ini", R_OK) == 0)
		examples = "examples";
	struct progress_state ps = { .on = !quiet && isatty(fileno(stderr)) };
	clock_gettime(CLOCK_MONOTONIC, &ps.start);
	struct reproduce_options o = { examples, GREENMIG_DATADIR "/traces/planetlab", out, (int)jobs,
				       (int)seeds, show_progress, &ps };
	struct diag d;
	diag_init(&d);
	int rc = reproduce_run(&o, &d);
	print_diag(&d);
	if (rc < 0)
		return d.count > 0 && strstr(d.msg[0], "cannot write") == NULL ? EXIT_INPUT : 1;
	if (!quiet)
		printf("%s: wrote %s/table1.md, table1.csv, the runs and the plot data\n", progname, out);
	return rc;
}

/* --- greenmig migrate --- */

static const char migrate_help[] =
	"Usage: greenmig migrate [OPTION]...\n"
	"Simulate one secure live migration page by page: a VM of N real pages, a seeded writer, a\n"
	"protected process, a migration manager that checks, maps and sends pages in pre-copy rounds,\n"
	"and the VMM security module with real encryption (AES-256-GCM with AES-NI, else\n"
	"ChaCha20-Poly1305) and hashing (BLAKE2b), libsodium. The manager may mount an attack;\n"
	"the three defences may be off. Prints the rounds, pages, bytes, times, the defence counters\n"
	"and a last line result=clean|attack-prevented|attack-detected|attack-succeeded.\n"
	"\n"
	"  --attack A           none, tocttou (a page protected after the manager mapped it),\n"
	"                       resume-order (page tables pinned before the security metadata),\n"
	"                       replay (a stale ciphertext of a protected page at stop-and-copy)\n"
	"  --security on|off    the three defences: zero-page remap, metadata before pin, hash check\n"
	"                       before resume (default on; encryption of protected pages stays on)\n"
	"  --pages N            VM pages of 4 KiB (default 1024)\n"
	"  --batch N            pages mapped per hypercall (default 64)\n"
	"  --dirty-rate D       distinct pages written per second (default 2000)\n"
	"  --bandwidth B        bytes/s (default 125000000)\n"
	"  --protected P        share of pages owned by the protected process (default 0.1)\n"
	"  --protect-rate A     natural protect events per second (default 0)\n"
	"  --seed N             seed of the writer, the events and the migration key (default 1)\n"
	"  --json               the same as one JSON object\n"
	"  --help, --version\n"
	"\n"
	"Exit status: 0 clean, 3 an attack a defence stopped (prevented or detected), 4 an attack\n"
	"that succeeded, 2 bad input, 1 other errors.\n";

static int parse_double_opt(const char *cmd, const char *opt, const char *s, double min, double *out)
{
	char *end;
	errno = 0;
	double x = strtod(s, &end);
	if (end == s || *end != '\0' || errno == ERANGE || !isfinite(x) || x < min)
		return usage_error(cmd, "%s \"%s\": expected a number >= %g", opt, s, min);
	*out = x;
	return 0;
}

static int cmd_migrate(int argc, char **argv)
{
	const char *cmd = "migrate";
	enum { M_ATTACK, M_SECURITY, M_PAGES, M_BATCH, M_DIRTY, M_BW, M_PROT, M_PRATE, M_SEED, M_JSON,
	       M_HELP, M_VERSION };
	static const struct opt opts[] = {
		[M_ATTACK] = { "--attack", 1 },     [M_SECURITY] = { "--security", 1 },
		[M_PAGES] = { "--pages", 1 },       [M_BATCH] = { "--batch", 1 },
		[M_DIRTY] = { "--dirty-rate", 1 },  [M_BW] = { "--bandwidth", 1 },
		[M_PROT] = { "--protected", 1 },    [M_PRATE] = { "--protect-rate", 1 },
		[M_SEED] = { "--seed", 1 },         [M_JSON] = { "--json", 0 },
		[M_HELP] = { "--help", 0 },         [M_VERSION] = { "--version", 0 },
		{ NULL, 0 },
	};
	struct pagemig_params p;
	pagemig_defaults(&p);
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		long n;
		unsigned long long u;
		int bad = 0;
		switch (k) {
		case -2:
			return EXIT_INPUT;
		case -1:
			return usage_error(cmd, "unexpected argument '%s'", argv[i]);
		case M_ATTACK:
			if (strcmp(val, "none") == 0)
				p.attack = PAGEMIG_ATTACK_NONE;
			else if (strcmp(val, "tocttou") == 0)
				p.attack = PAGEMIG_ATTACK_TOCTTOU;
			else if (strcmp(val, "resume-order") == 0)
				p.attack = PAGEMIG_ATTACK_RESUME_ORDER;
			else if (strcmp(val, "replay") == 0)
				p.attack = PAGEMIG_ATTACK_REPLAY;
			else
				return usage_error(cmd, "--attack \"%s\": expected none, tocttou, resume-order or replay", val);
			break;
		case M_SECURITY:
			if (strcmp(val, "on") == 0)
				p.security = true;
			else if (strcmp(val, "off") == 0)
				p.security = false;
			else
				return usage_error(cmd, "--security \"%s\": expected on or off", val);
			break;
		case M_PAGES:
			bad = parse_count(cmd, "--pages", val, 16, &n);
			if (!bad && n > 1048576)
				return usage_error(cmd, "--pages %ld: at most 1048576", n);
			p.pages = (int)n;
			break;
		case M_BATCH:
			bad = parse_count(cmd, "--batch", val, 1, &n);
			if (!bad && n > 1024)
				return usage_error(cmd, "--batch %ld: at most 1024 (Xen's largest batch)", n);
			p.batch = (int)n;
			break;
		case M_DIRTY:
			bad = parse_double_opt(cmd, "--dirty-rate", val, 0, &p.dirty_rate);
			break;
		case M_BW:
			bad = parse_double_opt(cmd, "--bandwidth", val, 1, &p.bandwidth);
			break;
		case M_PROT:
			bad = parse_double_opt(cmd, "--protected", val, 0, &p.protected_share);
			if (!bad && p.protected_share > 1)
				return usage_error(cmd, "--protected %s: expected a share from 0 to 1", val);
			break;
		case M_PRATE:
			bad = parse_double_opt(cmd, "--protect-rate", val, 0, &p.protect_rate);
			break;
		case M_SEED:
			bad = parse_u64(cmd, "--seed", val, &u);
			p.seed = u;
			break;
		case M_JSON:
			json = 1;
			break;
		case M_HELP:
			fputs(migrate_help, stdout);
			return 0;
		case M_VERSION:
			print_version();
			return 0;
		default:
			break;
		}
		if (bad)
			return EXIT_INPUT;
	}
	struct pagemig_result r;
	struct diag d;
	diag_init(&d);
	if (pagemig_run(&p, &r, &d) != 0) {
		print_diag(&d);
		return 1;
	}
	static const char *const attacks[] = { "none", "tocttou", "resume-order", "replay" };
	const char *result = pagemig_outcome_name(r.outcome);
	if (json) {
		printf("{\"pages\": %d, \"protected\": %.17g, \"dirty_rate\": %.17g, \"bandwidth\": %.17g, "
		       "\"attack\": \"%s\", \"security\": \"%s\", \"seed\": %llu, \"cipher\": \"%s\", "
		       "\"rounds\": %d, \"pages_plain\": %ld, \"pages_encrypted\": %ld, \"stop_pages\": %ld, "
		       "\"bytes\": %.17g, \"total_s\": %.17g, \"downtime_s\": %.17g, \"defence_tocttou\": %ld, "
		       "\"defence_pin_refused\": %ld, \"defence_hash_mismatch\": %ld, \"leaks\": %ld, "
		       "\"integrity_unprotected\": %ld, \"resumed\": %s, \"pfn\": %d, \"result\": \"%s\"}\n",
		       p.pages, p.protected_share, p.dirty_rate, p.bandwidth, attacks[p.attack],
		       p.security ? "on" : "off", (unsigned long long)p.seed, r.cipher, r.rounds, r.pages_plain,
		       r.pages_encrypted, r.stop_pages, r.bytes, r.total_s, r.downtime_s, r.defence_tocttou,
		       r.defence_pin_refused, r.defence_hash_mismatch, r.leaks, r.integrity_unprotected,
		       r.resumed ? "true" : "false", r.outcome_pfn, result);
	} else {
		printf("pages=%d protected=%g dirty_rate=%g bandwidth=%g attack=%s security=%s seed=%llu cipher=%s\n"
		       "rounds=%d pages_plain=%ld pages_encrypted=%ld stop_pages=%ld bytes=%.0f\n"
		       "total_s=%.6f downtime_s=%.6f\n"
		       "defence_tocttou=%ld defence_pin_refused=%ld defence_hash_mismatch=%ld\n"
		       "leaks=%ld integrity_unprotected=%ld resumed=%s pfn=%d\n"
		       "result=%s\n",
		       p.pages, p.protected_share, p.dirty_rate, p.bandwidth, attacks[p.attack],
		       p.security ? "on" : "off", (unsigned long long)p.seed, r.cipher, r.rounds, r.pages_plain,
		       r.pages_encrypted, r.stop_pages, r.bytes, r.total_s, r.downtime_s, r.defence_tocttou,
		       r.defence_pin_refused, r.defence_hash_mismatch, r.leaks, r.integrity_unprotected,
		       r.resumed ? "yes" : "no", r.outcome_pfn, result);
	}
	if (fflush(stdout) != 0)
		return 1;
	return r.outcome == PAGEMIG_CLEAN ? 0 : r.outcome == PAGEMIG_SUCCEEDED ? 4 : 3;
}

/* --- greenmig calibrate --- */

static const char calibrate_help[] =
	"Usage: greenmig calibrate [--seconds S]\n"
	"Measure on this machine, with libsodium on one core and 4 KiB messages, the throughput of\n"
	"SHA-256, BLAKE2b and the authenticated encryption of secure migration (AES-256-GCM where\n"
	"the CPU has AES-NI, otherwise ChaCha20-Poly1305), and print the [security] lines to paste\n"
	"into an experiment file (hash_bps is BLAKE2b's, the model's hash). Timings vary from run to\n"
	"run on a shared machine: take the figures of a quiet moment.\n"
	"\n"
	"  --seconds S          time per primitive (default 0.5)\n"
	"  --help, --version\n";

static int cmd_calibrate(int argc, char **argv)
{
	const char *cmd = "calibrate";
	static const struct opt opts[] = { { "--seconds", 1 }, { "--help", 0 }, { "--version", 0 }, { NULL, 0 } };
	double seconds = 0.5;
	for (int i = 1; i < argc; i++) {
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		if (k == -2)
			return EXIT_INPUT;
		if (k == -1)
			return usage_error(cmd, "unexpected argument '%s'", argv[i]);
		if (k == 0) {
			if (parse_double_opt(cmd, "--seconds", val, 0.01, &seconds) != 0)
				return EXIT_INPUT;
			if (seconds > 60)
				return usage_error(cmd, "--seconds %s: at most 60", val);
		} else if (k == 1) {
			fputs(calibrate_help, stdout);
			return 0;
		} else {
			print_version();
			return 0;
		}
	}
	struct calibration c;
	if (calibrate_run(seconds, &c) != 0) {
		fprintf(stderr, "%s: libsodium could not be initialized\n", progname);
		return 1;
	}
	char cpu[256] = "unknown CPU";
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (f != NULL) {
		char line[512];
		while (fgets(line, sizeof line, f) != NULL) {
			if (strncmp(line, "model name", 10) == 0) {
				const char *colon = strchr(line, ':');
				if (colon != NULL) {
					snprintf(cpu, sizeof cpu, "%s", colon + 2);
					cpu[strcspn(cpu, "\n")] = '\0';
				}
				break;
			}
		}
		fclose(f);
	}
	printf("# greenmig calibrate: %s, libsodium %s, one core, 4 KiB messages\n"
	       "# SHA-256 %.3g B/s, BLAKE2b %.3g B/s, %s %.3g B/s\n"
	       "[security]\n"
	       "cipher_bps = %.3g\n"
	       "hash_bps = %.3g\n",
	       cpu, c.library_version, c.sha256_bps, c.blake2b_bps,
	       c.aes ? "AES-256-GCM (AES-NI)" : "ChaCha20-Poly1305 (no AES-NI)", c.aead_bps, c.aead_bps,
	       c.blake2b_bps);
	return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc > 0 && argv[0] != NULL)
		self_path = argv[0];
	if (argc < 2) {
		fputs(main_help, stderr);
		return EXIT_INPUT;
	}
	const char *c = argv[1];
	if (strcmp(c, "--help") == 0 || strcmp(c, "-h") == 0) {
		fputs(main_help, stdout);
		return 0;
	}
	if (strcmp(c, "--version") == 0) {
		print_version();
		return 0;
	}
	if (strcmp(c, "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (strcmp(c, "pack") == 0)
		return cmd_pack(argc - 1, argv + 1);
	if (strcmp(c, "synth") == 0)
		return cmd_synth(argc - 1, argv + 1);
	if (strcmp(c, "sweep") == 0)
		return cmd_sweep(argc - 1, argv + 1);
	if (strcmp(c, "merge") == 0)
		return cmd_merge(argc - 1, argv + 1);
	if (strcmp(c, "reproduce") == 0)
		return cmd_reproduce(argc - 1, argv + 1);
	if (strcmp(c, "migrate") == 0)
		return cmd_migrate(argc - 1, argv + 1);
	if (strcmp(c, "calibrate") == 0)
		return cmd_calibrate(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command '%s'; valid: run, sweep, merge, reproduce, migrate, "
		"calibrate, pack, synth\n", progname, c);
	fprintf(stderr, "Try '%s --help'.\n", progname);
	return EXIT_INPUT;
}
