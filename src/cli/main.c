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
#include "compare.h"
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
#include "help.h"
#include "jobs.h"
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

static int print_version(void)
{
	return printf("%s\n", PACKAGE_STRING) < 0 ? 1 : 0;
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

/* The summary goes to stderr when the stats go to stdout, so that stdout stays pure CSV. */
static FILE *summary_stream(const char *stats)
{
	return stats != NULL && strcmp(stats, "-") == 0 ? stderr : stdout;
}

/* greenmig run on the 2010 model: n runs, seeds e->seed .. e->seed + n - 1. */
static int run_2010(struct experiment *e, const struct policy *p, const char *stats, int quiet, long n,
		    bool many)
{
	struct sim_result *rs = calloc((size_t)n, sizeof *rs);
	uint64_t *seeds = calloc((size_t)n, sizeof *seeds);
	struct diag d;
	diag_init(&d);
	int rc = rs == NULL || seeds == NULL ? -1 : run_seeds(e, p, n, rs, seeds, &d);
	if (rs == NULL || seeds == NULL)
		fprintf(stderr, "%s: out of memory\n", progname);
	print_diag(&d);
	rc = rc > 0 ? EXIT_INPUT : rc < 0 ? 1 : 0;
	if (rc == 0 && rs[0].unplaced_vms > 0)
		fprintf(stderr, "%s: warning: %ld VMs fit on no host at t = 0 and are not simulated "
			"(stats: unplaced_vms)\n", progname, rs[0].unplaced_vms);
	if (rc == 0 && stats != NULL &&
	    report_stats_rows_file(stats, e, "stochastic", rs, seeds, (int)n, &d) != 0) {
		print_diag(&d);
		rc = 1;
	}
	if (rc == 0 && !quiet) {
		FILE *out = summary_stream(stats);
		int w = many ? report_seeds_summary(out, e, rs, seeds, (int)n)
			     : report_summary(out, e, "stochastic", &rs[0]);
		if (w != 0 || fflush(out) != 0) {
			fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
			rc = 1;
		}
	}
	free(rs);
	free(seeds);
	return rc;
}

/* greenmig run --compare-security: the run with [security] off, then on, and the difference. */
static int compare_secure(struct experiment *e, const struct policy *p, const struct trace_set *t,
			  const char *stats, int quiet)
{
	struct sim_result r[2];
	uint64_t seeds[2] = { e->seed, e->seed };
	struct diag d;
	diag_init(&d);
	int rc = compare_security_run(e, p, t, r, &d);
	if (rc != 0) {
		print_diag(&d);
		return rc > 0 ? EXIT_INPUT : 1;
	}
	if (stats != NULL && report_stats_rows_file(stats, e, t->day, r, seeds, 2, &d) != 0) {
		print_diag(&d);
		return 1;
	}
	if (quiet)
		return 0;
	struct security_diff diff;
	compare_security_diff(r, &diff);
	FILE *out = summary_stream(stats);
	return report_security_compare(out, e, t->day, r, &diff) == 0 && fflush(out) == 0 ? 0 : 1;
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
			help_write(stdout, cmd);
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
	const struct policy *p;
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
		FILE *out = summary_stream(stats);
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
			help_write(stdout, cmd);
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
			help_write(stdout, cmd);
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

/* --- greenmig sweep / merge --- */

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
			help_write(stdout, cmd);
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
		if (jobs_emit(stdout, self_path, emit, ini, &spec, &d) != 0) {
			print_diag(&d);
			rc = 1;
		}
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
			help_write(stdout, cmd);
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
	struct jobs_merge m;
	struct diag d;
	diag_init(&d);
	int rc = jobs_merge_read(dir, &m, &d);
	for (long i = 0; i < m.n; i++)
		if (m.error[i] != NULL)
			fprintf(stderr, "%s merge: run %ld (%s): %s\n", progname, i + 1, m.axes[i], m.error[i]);
	if (rc == 0 && jobs_merge_write(out, &m, &d) != 0)
		rc = -1;
	print_diag(&d);
	bool failed = m.failed > 0;
	jobs_merge_free(&m);
	return rc > 0 ? EXIT_INPUT : rc < 0 || failed ? 1 : 0;
}

/* --- greenmig reproduce --- */

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
			help_write(stdout, cmd);
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
			k = report_attack_find(val);
			if (k >= 0)
				p.attack = (enum pagemig_attack)k;
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
			help_write(stdout, cmd);
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
	if (report_migration(stdout, &p, &r, json) != 0)
		return 1;
	if (fflush(stdout) != 0)
		return 1;
	return r.outcome == PAGEMIG_CLEAN ? 0 : r.outcome == PAGEMIG_SUCCEEDED ? 4 : 3;
}

/* --- greenmig calibrate --- */

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
			help_write(stdout, cmd);
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
	return report_calibration(stdout, &c) == 0 && fflush(stdout) == 0 ? 0 : 1;
}

/* --- greenmig policies --- */

static int cmd_policies(int argc, char **argv)
{
	const char *cmd = "policies";
	static const struct opt opts[] = { { "--csv", 0 }, { "--help", 0 }, { "--version", 0 }, { NULL, 0 } };
	bool csv = false;
	for (int i = 1; i < argc; i++) {
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		if (k == -2)
			return EXIT_INPUT;
		if (k == -1)
			return usage_error(cmd, "unexpected argument '%s'", argv[i]);
		if (k == 0)
			csv = true;
		else if (k == 1)
			return help_write(stdout, cmd) == 0 ? 0 : 1;
		else
			return print_version();
	}
	return report_policies(stdout, csv) == 0 && fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc > 0 && argv[0] != NULL)
		self_path = argv[0];
	if (argc < 2) {
		help_write(stderr, "greenmig");
		return EXIT_INPUT;
	}
	const char *c = argv[1];
	if (strcmp(c, "--help") == 0 || strcmp(c, "-h") == 0) {
		help_write(stdout, "greenmig");
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
	if (strcmp(c, "policies") == 0)
		return cmd_policies(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command '%s'; valid: run, sweep, merge, reproduce, migrate, "
		"calibrate, pack, synth, policies\n", progname, c);
	fprintf(stderr, "Try '%s --help'.\n", progname);
	return EXIT_INPUT;
}
