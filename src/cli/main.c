/*
 * main: the greenmig command line. It parses the options, calls the library and prints: the
 * only place that prints diagnostics and picks exit codes: 0 success, 2 bad input or usage
 * (every message names the file, line and what was expected), 1 anything else (out of memory,
 * a write error). The commands' help texts are in help.c, what they compute and write in
 * src/app (run, sweep, jobs, compare, report, reproduce).
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calibrate.h"
#include "config.h"
#include "diag.h"
#include "help.h"
#include "jobs.h"
#include "journal.h"
#include "options.h"
#include "outfile.h"
#include "packfmt.h"
#include "pagemig.h"
#include "plot.h"
#include "policy.h"
#include "report.h"
#include "plugin.h"
#include "reproduce.h"
#include "run.h"
#include "sweep.h"
#include "synth.h"
#include "trace.h"

#ifndef GREENMIG_DATADIR
#define GREENMIG_DATADIR "/usr/local/share/greenmig"
#endif

static const char *self_path = "greenmig"; /* argv[0]: what --emit-jobs commands run */

/* --- greenmig run --- */

static void print_warning(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s: %s\n", progname, msg);
}

enum {
	RUN_TRACES, RUN_DAY, RUN_VMS, RUN_POLICY, RUN_SELECTION, RUN_PARAM, RUN_SEED, RUN_SET,
	RUN_STATS, RUN_QUIET, RUN_HELP, RUN_VERSION, RUN_TIMELINE, RUN_CLOUDSIM_OUT, RUN_SEEDS,
	RUN_COMPARE_SECURITY, RUN_VM_ENERGY, RUN_TIMINGS
};

static int cmd_run(int argc, char **argv)
{
	const char *cmd = "run";
	const char *ini = NULL;
	struct run_outputs out = { NULL, NULL, NULL, NULL, NULL };
	bool quiet = false, compare_security = false, traces_given = false;
	long seeds = 0;
	/* The options that set the experiment are applied in the second pass, on top of its file. */
	const struct opt opts[] = {
		[RUN_TRACES] = { "--traces", OPT_STRING, 0, 0, NULL }, [RUN_DAY] = { "--day", OPT_STRING, 0, 0, NULL },
		[RUN_VMS] = { "--vms", OPT_STRING, 0, 0, NULL },       [RUN_POLICY] = { "--policy", OPT_STRING, 0, 0, NULL },
		[RUN_SELECTION] = { "--selection", OPT_STRING, 0, 0, NULL },
		[RUN_PARAM] = { "--param", OPT_STRING, 0, 0, NULL },   [RUN_SEED] = { "--seed", OPT_STRING, 0, 0, NULL },
		[RUN_SET] = { "--set", OPT_STRING, 0, 0, NULL },       [RUN_STATS] = { "--stats", OPT_STRING, 0, 0, &out.stats },
		[RUN_QUIET] = { "--quiet", OPT_FLAG, 0, 0, &quiet },   [RUN_HELP] = { "--help", OPT_FLAG, 0, 0, NULL },
		[RUN_VERSION] = { "--version", OPT_FLAG, 0, 0, NULL },
		[RUN_TIMELINE] = { "--timeline", OPT_STRING, 0, 0, &out.timeline },
		[RUN_CLOUDSIM_OUT] = { "--cloudsim-out", OPT_STRING, 0, 0, &out.cloudsim_out },
		[RUN_SEEDS] = { "--seeds", OPT_STRING, 0, 0, NULL },
		[RUN_COMPARE_SECURITY] = { "--compare-security", OPT_FLAG, 0, 0, &compare_security },
		[RUN_VM_ENERGY] = { "--vm-energy", OPT_STRING, 0, 0, &out.vm_energy },
		[RUN_TIMINGS] = { "--timings", OPT_STRING, 0, 0, &out.timings },
		OPT_END,
	};
	int rc = parse_all(cmd, opts, argc, argv, &ini, " (one experiment file only)");
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (ini == NULL)
		return usage_error(cmd, "%s", "missing EXPERIMENT.ini");

	if (is_directory(cmd, ini, "an experiment file"))
		return EXIT_INPUT;
	static struct experiment e;
	struct diag d;
	diag_init(&d);
	config_defaults(&e, GREENMIG_DATADIR "/traces/planetlab");
	if (config_load(&e, ini, &d) != 0)
		return fail(&d, EXIT_INPUT);
	for (int i = 1; i < argc; i++) {
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		long n;
		unsigned long long u;
		int bad = 0;
		switch (k) {
		case RUN_TRACES:
		case RUN_DAY:
			bad = k == RUN_TRACES ? copy_name(cmd, "--traces", e.traces, sizeof e.traces, val)
					      : copy_name(cmd, "--day", e.day, sizeof e.day, val);
			traces_given = true;
			break;
		case RUN_VMS:
			bad = parse_count(cmd, "--vms", val, 1, &n);
			e.vms = bad ? e.vms : n;
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
			e.seed = bad ? e.seed : u;
			break;
		case RUN_SET:
			if (config_set(&e, val, &d) != 0)
				return fail(&d, EXIT_INPUT);
			break;
		case RUN_SEEDS:
			bad = parse_count(cmd, "--seeds", val, 1, &n);
			if (!bad && n > 100000)
				bad = usage_error(cmd, "--seeds %ld: at most 100000", n) != 0;
			seeds = bad ? seeds : n;
			break;
		default:
			break;
		}
		if (bad)
			return EXIT_INPUT;
	}
	if (out.vm_energy != NULL)
		e.pstates.vm_energy = true; /* the shares are computed only when asked */
	if (config_validate(&e, &d) != 0)
		return fail(&d, EXIT_INPUT);
	if (e.model == MODEL_2010) {
		const char *bad_opt = traces_given ? "--traces/--day (it reads no traces)"
				      : out.timeline != NULL ? "--timeline"
				      : out.vm_energy != NULL ? "--vm-energy"
				      : out.cloudsim_out != NULL ? "--cloudsim-out"
				      : out.timings != NULL ? "--timings"
				      : NULL;
		if (bad_opt != NULL) {
			fprintf(stderr, "%s: the 2010 model takes no %s\n", progname, bad_opt);
			return EXIT_INPUT;
		}
	} else if (compare_security && out.timings != NULL) {
		fprintf(stderr, "%s: --timings times one run; --compare-security makes two\n", progname);
		return EXIT_INPUT;
	} else if (seeds > 0) {
		fprintf(stderr, "%s: --seeds applies to simulation.model = 2010 (a trace day has no random "
			"workload; use --seed for rs)\n", progname);
		return EXIT_INPUT;
	}
	const struct gm_policy *p;
	if (run_prepare(&e, &p, &d) != 0)
		return fail(&d, EXIT_INPUT);
	/* The summary goes to stderr when a CSV goes to stdout, so that stdout stays pure CSV. */
	bool csv_out = (out.stats != NULL && strcmp(out.stats, "-") == 0) ||
		       (out.timeline != NULL && strcmp(out.timeline, "-") == 0) ||
		       (out.vm_energy != NULL && strcmp(out.vm_energy, "-") == 0) ||
		       (out.timings != NULL && strcmp(out.timings, "-") == 0);
	FILE *summary = csv_out ? stderr : stdout;
	struct run_request q = { out, quiet ? NULL : summary, seeds, compare_security, print_warning, NULL };
	rc = run_command(&e, p, &q, &d);
	print_diag(&d);
	return rc > 0 ? input_status(&d) : rc < 0 ? 1 : 0;
}

/* --- greenmig pack, synth --- */

static int cmd_pack(int argc, char **argv)
{
	if (packfmt_wanted(argc, argv))
		return packfmt_pack(argc, argv);
	const char *cmd = "pack";
	const char *dir = NULL, *out = NULL;
	const struct opt opts[] = { { "--output", OPT_STRING, 'o', 0, &out }, OPT_HELP_VERSION, OPT_END };
	int rc = parse_all(cmd, opts, argc, argv, &dir, "");
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (dir == NULL)
		return usage_error(cmd, "%s", "missing DIR");
	if (out == NULL)
		return usage_error(cmd, "%s", "missing -o DAY.csv.gz");
	struct diag d;
	diag_init(&d);
	struct trace_set *t = trace_read(dir, 0, &d);
	if (t == NULL)
		return fail(&d, EXIT_INPUT);
	rc = trace_write_packed(t, out, &d);
	trace_destroy(t);
	return rc != 0 ? fail(&d, 1) : 0;
}

static int cmd_synth(int argc, char **argv)
{
	if (packfmt_wanted(argc, argv))
		return packfmt_synth(argc, argv);
	const char *cmd = "synth";
	long vms = 0, samples = 288;
	unsigned long long seed = 1;
	const char *out = NULL;
	long day_samples = 0;
	const struct opt opts[] = {
		{ "--vms", OPT_COUNT, 0, 1, &vms }, { "--samples", OPT_COUNT, 0, 1, &samples },
		{ "--seed", OPT_U64, 0, 0, &seed }, { "--output", OPT_STRING, 'o', 0, &out },
		{ "--split-days", OPT_COUNT, 0, 1, &day_samples },
		OPT_HELP_VERSION, OPT_END,
	};
	int rc = parse_all(cmd, opts, argc, argv, NULL, "");
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (vms == 0)
		return usage_error(cmd, "%s", "missing --vms N");
	if (out == NULL)
		return usage_error(cmd, "%s", "missing -o FILE");
	struct diag d;
	diag_init(&d);
	if (day_samples > 0) {
		if (samples % day_samples != 0)
			return usage_error(cmd, "--samples %ld is not a whole number of days of --split-days %ld",
					   samples, day_samples);
		rc = synth_write_days((size_t)vms, (size_t)samples, (size_t)day_samples, seed, out, &d);
		return rc != 0 ? fail(&d, 1) : 0;
	}
	struct trace_set *t = synth_generate((size_t)vms, (size_t)samples, seed, &d);
	if (t == NULL)
		return fail(&d, 1);
	rc = trace_write_packed(t, out, &d);
	trace_destroy(t);
	return rc != 0 ? fail(&d, 1) : 0;
}

/* --- greenmig sweep, merge --- */

struct progress_state {
	struct timespec start;
	bool on;
};

static void progress_start(struct progress_state *ps, bool quiet)
{
	ps->on = !quiet && isatty(fileno(stderr));
	clock_gettime(CLOCK_MONOTONIC, &ps->start);
}

static void show_progress(void *ctx, long done, long total)
{
	struct progress_state *ps = ctx;
	if (!ps->on)
		return;
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	double el = (double)(t.tv_sec - ps->start.tv_sec) + (double)(t.tv_nsec - ps->start.tv_nsec) / 1e9;
	double left = done > 0 ? el / (double)done * (double)(total - done) : 0;
	fprintf(stderr, "\r%s sweep: %ld/%ld runs, %.1f s elapsed, about %.1f s left   ", progname, done,
		total, el, left);
	if (done == total)
		fputc('\n', stderr);
}

static long default_jobs(void)
{
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	return jobs < 1 ? 1 : jobs;
}

static void journal_finished(void *ctx, long i, const struct sweep_result *r)
{
	if (r->row != NULL)
		journal_add(ctx, i, r->row);
}

/*
 * The journal of a sweep writing out (journal.h): OUT.journal, created, or read with resume (its
 * rows into rows). 0 (j->fd < 0: none, as out is not a regular file), or an exit status.
 */
static int sweep_journal(const struct sweep_spec *spec, const char *ini, const char *out, bool resume,
			 struct journal *j, char **rows, long total)
{
	j->fd = -1;
	struct stat st;
	if (strcmp(out, "-") == 0 || (stat(out, &st) == 0 && !S_ISREG(st.st_mode))) {
		if (resume)
			return usage_error("sweep", "--resume needs -o FILE, a regular file");
		return 0;
	}
	char path[4200];
	snprintf(path, sizeof path, "%s.journal", out);
	uint64_t hash = journal_sweep_hash(spec, ini);
	struct diag d;
	diag_init(&d);
	long found = 0;
	int rc;
	if (resume)
		rc = journal_resume(j, path, hash, total, rows, &found, &d);
	else if (access(path, F_OK) == 0)
		rc = -diag_add(&d, path, 0, 0, "exists: an interrupted sweep's journal; add --resume to "
			       "run only its missing runs, or remove it"); /* 1: bad input */
	else
		rc = journal_create(j, path, hash, total, &d);
	if (rc != 0)
		return fail(&d, rc > 0 ? EXIT_INPUT : 1);
	if (resume && isatty(fileno(stderr)))
		fprintf(stderr, "%s sweep: resuming: %ld of %ld runs done\n", progname, found, total);
	return 0;
}

/* The in-process sweep: its runs, the failed ones reported with their axis values; with a
 * journal beside out (removed once out is written), resumable. */
static int sweep_here(const struct sweep_spec *spec, const char *ini, const char *out, long jobs,
		      bool quiet, bool resume)
{
	struct progress_state ps;
	progress_start(&ps, quiet);
	struct sweep_result *res = NULL;
	struct diag d;
	diag_init(&d);
	long total = sweep_count(spec->axes, spec->n_axes), failed = 0;
	struct journal j;
	char **rows = calloc((size_t)(total > 0 ? total : 1), sizeof *rows);
	if (rows == NULL)
		return fprintf(stderr, "%s: out of memory\n", progname), 1;
	int rc = sweep_journal(spec, ini, out, resume, &j, rows, total);
	if (rc != 0) {
		for (long i = 0; i < total; i++)
			free(rows[i]);
		free(rows);
		return rc;
	}
	struct sweep_resume rs = { rows, journal_finished, &j };
	rc = sweep_run_resumed(spec, (int)jobs, show_progress, &ps, j.fd >= 0 ? &rs : NULL, &res, &d);
	free(rows); /* its rows are the results' now */
	if (rc != 0) {
		journal_close(&j, false);
		return fail(&d, 1);
	}
	for (long i = 0; i < total; i++) {
		if (res[i].error == NULL)
			continue;
		failed++;
		char axes[8192];
		sweep_describe_run(spec->axes, spec->n_axes, i, axes, sizeof axes);
		fprintf(stderr, "%s sweep: run %ld (%s) failed: %s\n", progname, i + 1, axes, res[i].error);
	}
	if (j.fd >= 0 && j.error != 0)
		fprintf(stderr, "%s sweep: %s: %s: the runs after it were not recorded\n", progname, j.path,
			strerror(j.error));
	if (sweep_write_file(out, spec, res, total, &d) != 0) {
		rc = fail(&d, 1);
		journal_close(&j, false); /* --resume writes it without running again */
	} else {
		journal_close(&j, true);
		if (failed > 0) {
			fprintf(stderr, "%s sweep: %ld of %ld runs failed; the others are in %s\n", progname,
				failed, total, out);
			rc = 1;
		}
	}
	sweep_results_free(res, total);
	return rc;
}

static int cmd_sweep(int argc, char **argv)
{
	const char *cmd = "sweep";
	const char *ini = NULL, *out = NULL, *emit = NULL;
	char *vary[SWEEP_MAX_AXES + 1];
	char *sets[256];
	int n_vary = 0, n_sets = 0;
	bool quiet = false, resume = false;
	long jobs = default_jobs();
	enum { S_VARY, S_JOBS, S_OUTPUT, S_SET };
	const struct opt opts[] = {
		[S_VARY] = { "--vary", OPT_STRING, 0, 0, NULL }, [S_JOBS] = { "--jobs", OPT_COUNT, 'j', 1, &jobs },
		[S_OUTPUT] = { "--output", OPT_STRING, 'o', 0, &out }, [S_SET] = { "--set", OPT_STRING, 0, 0, NULL },
		{ "--emit-jobs", OPT_STRING, 0, 0, &emit }, { "--quiet", OPT_FLAG, 0, 0, &quiet },
		{ "--resume", OPT_FLAG, 0, 0, &resume }, OPT_HELP_VERSION, OPT_END,
	};
	for (int i = 1; i < argc; i++) {
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		if (k == OPT_BAD || k == OPT_DONE)
			return k == OPT_BAD ? EXIT_INPUT : 0;
		if (k == OPT_ARG && ini != NULL)
			return usage_error(cmd, "unexpected argument '%s' (one experiment file only)", argv[i]);
		if (k == OPT_ARG)
			ini = argv[i];
		if (k == S_VARY && n_vary > SWEEP_MAX_AXES)
			return usage_error(cmd, "more than %d axes", SWEEP_MAX_AXES);
		if (k == S_VARY)
			vary[n_vary++] = (char *)val;
		if (k == S_SET && n_sets == (int)(sizeof sets / sizeof sets[0]))
			return usage_error(cmd, "too many --set options");
		if (k == S_SET)
			sets[n_sets++] = (char *)val;
	}
	if (n_vary == 0)
		return usage_error(cmd, "%s", "no --vary axis (e.g. --vary policy=thr,iqr)");
	if (out == NULL && emit == NULL)
		return usage_error(cmd, "%s", "missing -o FILE.csv");
	if (resume && emit != NULL)
		return usage_error(cmd, "%s", "--resume resumes an in-process sweep, not --emit-jobs "
				   "(merge reports the jobs that have not run)");
	static struct experiment e;
	struct diag d;
	diag_init(&d);
	struct sweep_axis axes[SWEEP_MAX_AXES];
	struct sweep_spec spec;
	int rc = 0;
	if (sweep_load(&spec, &e, ini, GREENMIG_DATADIR "/traces/planetlab", sets, n_sets, vary, n_vary,
		       axes, &d) != 0)
		rc = fail(&d, EXIT_INPUT);
	else if (emit != NULL)
		rc = jobs_emit(stdout, self_path, emit, ini, &spec, &d) != 0 ? fail(&d, 1) : 0;
	else
		rc = sweep_here(&spec, ini, out, jobs, quiet, resume);
	for (int k = 0; k < spec.n_axes; k++)
		sweep_axis_free(&axes[k]);
	return rc;
}

static int cmd_merge(int argc, char **argv)
{
	const char *cmd = "merge";
	const char *dir = NULL, *out = NULL;
	const struct opt opts[] = { { "--output", OPT_STRING, 'o', 0, &out }, OPT_HELP_VERSION, OPT_END };
	int rc = parse_all(cmd, opts, argc, argv, &dir, "");
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (dir == NULL)
		return usage_error(cmd, "%s", "missing DIR (written by greenmig sweep --emit-jobs DIR)");
	if (out == NULL)
		return usage_error(cmd, "%s", "missing -o FILE.csv");
	struct jobs_merge m;
	struct diag d;
	diag_init(&d);
	rc = jobs_merge_read(dir, &m, &d);
	for (long i = 0; i < m.n; i++)
		if (m.error[i] != NULL)
			fprintf(stderr, "%s merge: run %ld (%s): %s\n", progname, i + 1, m.axes[i], m.error[i]);
	if (rc == 0 && jobs_merge_write(out, &m, &d) != 0)
		rc = -1;
	print_diag(&d);
	bool failed = m.failed > 0;
	jobs_merge_free(&m);
	return rc > 0 ? input_status(&d) : rc < 0 || failed ? 1 : 0;
}

/* --- greenmig plot --- */

static int write_script(FILE *f, const void *ctx)
{
	const void *const *a = ctx;
	return plot_write_script(f, a[0], a[1]);
}

static int cmd_plot(int argc, char **argv)
{
	const char *cmd = "plot";
	const char *csv = NULL, *out = NULL, *script = NULL;
	struct plot_options o = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	const struct opt opts[] = {
		{ "--x", OPT_STRING, 0, 0, &o.x },	   { "--y", OPT_STRING, 0, 0, &o.y },
		{ "--group", OPT_STRING, 0, 0, &o.group }, { "--facet", OPT_STRING, 0, 0, &o.facet },
		{ "--output", OPT_STRING, 'o', 0, &out },  { "--script", OPT_STRING, 0, 0, &script },
		{ "--xlabel", OPT_STRING, 0, 0, &o.xlabel }, { "--ylabel", OPT_STRING, 0, 0, &o.ylabel },
		OPT_HELP_VERSION,			   OPT_END,
	};
	int rc = parse_all(cmd, opts, argc, argv, &csv, " (one sweep CSV only)");
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (csv == NULL)
		return usage_error(cmd, "%s", "missing SWEEP.csv");
	if (o.x == NULL || o.y == NULL)
		return usage_error(cmd, "%s", o.x == NULL ? "missing --x COLUMN" : "missing --y COLUMN");
	if (out == NULL && script == NULL)
		return usage_error(cmd, "%s", "missing -o FILE.png|svg|pdf (or --script FILE.gp)");
	if (out != NULL && plot_terminal(out) == NULL)
		return usage_error(cmd, "-o %s: expected a name ending in .png, .svg or .pdf (the format)", out);
	if (out != NULL && strcmp(out, "-") == 0)
		return usage_error(cmd, "%s", "-o -: give a file name ending in .png, .svg or .pdf");
	/* with --script alone, the script draws FILE.png beside itself */
	char default_out[4096];
	if (out == NULL) {
		const char *dot = strrchr(script, '.'), *slash = strrchr(script, '/');
		int stem = dot != NULL && (slash == NULL || dot > slash) ? (int)(dot - script) : (int)strlen(script);
		snprintf(default_out, sizeof default_out, "%.*s.png", stem, script);
	}
	o.out = out != NULL ? out : default_out;
	o.source = csv;
	struct diag d;
	diag_init(&d);
	struct plot_data *p = NULL;
	if (is_directory(cmd, csv, "a sweep CSV"))
		return EXIT_INPUT;
	if (plot_read(csv, &o, &p, &d) != 0)
		return fail(&d, input_status(&d));
	long nan_x, nan_y;
	plot_skipped(p, &nan_x, &nan_y);
	if (nan_y > 0)
		fprintf(stderr, "%s plot: note: %ld rows with a NaN %s skipped\n", progname, nan_y, o.y);
	if (nan_x > 0)
		fprintf(stderr, "%s plot: note: %ld rows with a NaN %s skipped\n", progname, nan_x, o.x);
	const void *ctx[2] = { p, &o };
	char tmp[] = "/tmp/greenmig-plot.XXXXXX";
	const char *path = script;
	int slot = -1;
	if (script != NULL) {
		rc = outfile_write(script, write_script, ctx, &d) != 0;
	} else {
		/* a script only for gnuplot's run: a private temporary file, removed after */
		int fd = mkstemp(tmp);
		FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (f == NULL) {
			if (fd >= 0)
				close(fd);
			diag_add(&d, NULL, 0, 0, "cannot create a temporary file: %s", strerror(errno));
			rc = 1;
		} else {
			slot = outfile_track(tmp, false);
			rc = write_script(f, ctx) != 0;
			rc |= fclose(f) != 0;
			if (rc)
				diag_add(&d, tmp, 0, 0, "write error: %s", strerror(errno));
			path = tmp;
		}
	}
	plot_free(p);
	if (rc == 0 && out != NULL)
		rc = plot_render(getenv("GNUPLOT"), path, out, &d) != 0;
	if (script == NULL && path != NULL) {
		unlink(tmp);
		if (slot >= 0)
			outfile_untrack(slot);
	}
	return rc != 0 ? fail(&d, 1) : 0;
}

/* --- greenmig reproduce --- */

static int cmd_reproduce(int argc, char **argv)
{
	const char *cmd = "reproduce";
	const char *out = "results", *examples = NULL;
	long seeds = 10, jobs = default_jobs();
	bool quiet = false, power_states = false, network = false;
	const char *variant = NULL;
	struct opt_list pols = { .n = 0 }, sets = { .n = 0 }, sets2010 = { .n = 0 }, setspl = { .n = 0 };
	const struct opt opts[] = {
		{ "--output", OPT_STRING, 'o', 0, &out }, { "--examples", OPT_STRING, 0, 0, &examples },
		{ "--policy", OPT_LIST, 0, 0, &pols }, { "--set", OPT_LIST, 0, 0, &sets },
		{ "--set-2010", OPT_LIST, 0, 0, &sets2010 }, { "--set-planetlab", OPT_LIST, 0, 0, &setspl },
		{ "--variant", OPT_STRING, 0, 0, &variant }, { "--power-states", OPT_FLAG, 0, 0, &power_states },
		{ "--network", OPT_FLAG, 0, 0, &network },
		{ "--seeds", OPT_COUNT, 0, 1, &seeds }, { "--jobs", OPT_COUNT, 'j', 1, &jobs },
		{ "--quiet", OPT_FLAG, 0, 0, &quiet }, OPT_HELP_VERSION, OPT_END,
	};
	int rc = parse_all(cmd, opts, argc, argv, NULL, "");
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (seeds > 1000)
		return usage_error(cmd, "--seeds %ld: at most 1000", seeds);
	/* Run from a source tree without installing: its examples (they name their traces relative
	 * to themselves). Only when the installed ones are absent, so an installed greenmig never
	 * depends on the directory it is run from. */
	if (examples == NULL)
		examples = access(GREENMIG_DATADIR "/examples/paper2010.ini", R_OK) != 0 &&
				   access("examples/paper2010.ini", R_OK) == 0
			   ? "examples"
			   : GREENMIG_DATADIR "/examples";
	struct progress_state ps;
	progress_start(&ps, quiet);
	struct reproduce_options o = {
		.examples_dir = examples, .default_traces = GREENMIG_DATADIR "/traces/planetlab", .out_dir = out,
		.threads = (int)jobs, .seeds = (int)seeds, .policies = pols.v, .n_policies = pols.n,
		.progress = show_progress, .ctx = &ps, .sets = sets.v, .n_sets = sets.n, .sets2010 = sets2010.v,
		.n_sets2010 = sets2010.n, .setspl = setspl.v, .n_setspl = setspl.n, .variant = variant,
		.power_states = power_states, .network = network,
	};
	struct diag d;
	diag_init(&d);
	rc = reproduce_run(&o, &d);
	print_diag(&d);
	if (rc < 0)
		return d.count > 0 && strstr(d.msg[0], "cannot write") == NULL ? input_status(&d) : 1;
	if (!quiet)
		printf("%s: wrote %s/table1.md, table1.csv, the runs and the plot data\n", progname, out);
	return rc;
}

/* --- greenmig migrate, calibrate, policies --- */

static int cmd_migrate(int argc, char **argv)
{
	const char *cmd = "migrate";
	struct pagemig_params p;
	pagemig_defaults(&p);
	const char *attack = "none", *security = "on", *calibration = NULL;
	long pages = p.pages, batch = p.batch;
	unsigned long long seed = p.seed;
	double cipher_bps = 0, hash_bps = 0; /* 0: not given */
	bool json = false;
	const struct opt opts[] = {
		{ "--attack", OPT_STRING, 0, 0, &attack },         { "--security", OPT_STRING, 0, 0, &security },
		{ "--pages", OPT_COUNT, 0, 16, &pages },           { "--batch", OPT_COUNT, 0, 1, &batch },
		{ "--dirty-rate", OPT_NUMBER, 0, 0, &p.dirty_rate }, { "--bandwidth", OPT_NUMBER, 0, 1, &p.bandwidth },
		{ "--protected", OPT_NUMBER, 0, 0, &p.protected_share },
		{ "--protect-rate", OPT_NUMBER, 0, 0, &p.protect_rate },
		{ "--seed", OPT_U64, 0, 0, &seed },                { "--json", OPT_FLAG, 0, 0, &json },
		{ "--calibration", OPT_STRING, 0, 0, &calibration },
		{ "--cipher-bps", OPT_NUMBER, 0, 1, &cipher_bps }, { "--hash-bps", OPT_NUMBER, 0, 1, &hash_bps },
		OPT_HELP_VERSION, OPT_END,
	};
	/* Checked as each option comes, as the messages name the first bad one. */
	for (int i = 1; i < argc; i++) {
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		if (k == OPT_BAD || k == OPT_DONE)
			return k == OPT_BAD ? EXIT_INPUT : 0;
		if (k == OPT_ARG)
			return usage_error(cmd, "unexpected argument '%s'", argv[i]);
		if (k == 0 && report_attack_find(attack) < 0)
			return usage_error(cmd, "--attack \"%s\": expected none, tocttou, resume-order or replay", val);
		if (k == 1 && strcmp(security, "on") != 0 && strcmp(security, "off") != 0)
			return usage_error(cmd, "--security \"%s\": expected on or off", val);
		if (k == 2 && pages > 1048576)
			return usage_error(cmd, "--pages %ld: at most 1048576", pages);
		if (k == 3 && batch > 1024)
			return usage_error(cmd, "--batch %ld: at most 1024 (Xen's largest batch)", batch);
		if (k == 6 && p.protected_share > 1)
			return usage_error(cmd, "--protected %s: expected a share from 0 to 1", val);
	}
	p.attack = (enum pagemig_attack)report_attack_find(attack);
	p.security = strcmp(security, "on") == 0;
	p.pages = (int)pages;
	p.batch = (int)batch;
	p.seed = seed;
	struct diag d;
	diag_init(&d);
	/* calibrate's figures from a file, then the options, which win whatever their order */
	if (calibration != NULL) {
		struct calibrate_figures f;
		if (calibrate_read(calibration, &f, &d) != 0)
			return fail(&d, EXIT_INPUT);
		p.cipher_bps = f.cipher_bps;
		p.hash_bps = f.hash_bps;
	}
	if (cipher_bps > 0)
		p.cipher_bps = cipher_bps;
	if (hash_bps > 0)
		p.hash_bps = hash_bps;
	struct pagemig_result r;
	if (pagemig_run(&p, &r, &d) != 0)
		return fail(&d, 1);
	if (report_migration(stdout, &p, &r, json) != 0 || fflush(stdout) != 0)
		return 1;
	return r.outcome == PAGEMIG_CLEAN ? 0 : r.outcome == PAGEMIG_SUCCEEDED ? 4 : 3;
}

static int cmd_calibrate(int argc, char **argv)
{
	const char *cmd = "calibrate";
	struct calibrate_params p;
	calibrate_defaults(&p);
	long repeat = p.repeat;
	const char *given = NULL;
	const struct opt opts[] = { { "--seconds", OPT_NUMBER, 0, CALIBRATE_MIN_SECONDS, &p.seconds },
				    { "--repeat", OPT_COUNT, 0, 1, &repeat }, OPT_HELP_VERSION, OPT_END };
	for (int i = 1; i < argc; i++) {
		int k = next_opt(cmd, opts, argc, argv, &i, &given);
		if (k == OPT_BAD || k == OPT_DONE)
			return k == OPT_BAD ? EXIT_INPUT : 0;
		if (k == OPT_ARG)
			return usage_error(cmd, "unexpected argument '%s'", argv[i]);
		if (k == 0 && p.seconds > CALIBRATE_MAX_SECONDS)
			return usage_error(cmd, "--seconds %s: at most %g", given, CALIBRATE_MAX_SECONDS);
		if (k == 1 && repeat > CALIBRATE_MAX_REPEAT)
			return usage_error(cmd, "--repeat %s: at most %d", given, CALIBRATE_MAX_REPEAT);
	}
	p.repeat = (int)repeat;
	struct calibration c;
	struct diag d;
	diag_init(&d);
	if (calibrate_run(&p, &c, &d) != 0)
		return fail(&d, 1);
	return report_calibration(stdout, &c) == 0 && fflush(stdout) == 0 ? 0 : 1;
}

static int cmd_policies(int argc, char **argv)
{
	bool csv = false;
	struct opt_list pols = { .n = 0 };
	const struct opt opts[] = { { "--csv", OPT_FLAG, 0, 0, &csv }, { "--policy", OPT_LIST, 0, 0, &pols },
				    OPT_HELP_VERSION, OPT_END };
	int rc = parse_all("policies", opts, argc, argv, NULL, "");
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	for (int i = 0; i < pols.n; i++) { /* plugins to list beside the built-in policies */
		const struct gm_policy *p;
		char msg[DIAG_MSG_LEN];
		if (plugin_load(pols.v[i], &p, msg, sizeof msg) != 0) {
			fprintf(stderr, "%s: %s\n", progname, msg);
			return EXIT_INPUT;
		}
	}
	return report_policies(stdout, csv) == 0 && fflush(stdout) == 0 ? 0 : 1;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "run", cmd_run },	      { "sweep", cmd_sweep },	  { "merge", cmd_merge },
	{ "reproduce", cmd_reproduce }, { "migrate", cmd_migrate }, { "calibrate", cmd_calibrate },
	{ "pack", cmd_pack },	      { "synth", cmd_synth },	  { "policies", cmd_policies },
	{ "plot", cmd_plot },
};

/* SIGINT/SIGTERM: remove the output files in flight, then die of the signal (SA_RESETHAND). */
static void on_stop_signal(int sig)
{
	outfile_remove_in_flight();
	raise(sig);
}

static void install_stop_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction sa, old;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_stop_signal;
		sa.sa_flags = SA_RESETHAND;
		sigemptyset(&sa.sa_mask);
		/* a signal ignored by our parent (nohup, a background job) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

int main(int argc, char **argv)
{
	install_stop_handlers();
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
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(c, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command '%s'; valid: run, sweep, merge, plot, reproduce, migrate, "
		"calibrate, pack, synth, policies\n", progname, c);
	fprintf(stderr, "Try '%s --help'.\n", progname);
	return EXIT_INPUT;
}
