/*
 * packfmt: "greenmig pack --format" and "greenmig synth --format" (packfmt.h): their options,
 * the library's pack or synth, and the pack's report on stderr (VMs kept, gaps filled, values
 * clipped or skipped), which the library leaves to its caller.
 */
#include "packfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "options.h"
#include "trace.h"
#include "tracefmt.h"

bool packfmt_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--format") == 0 || strncmp(argv[i], "--format=", 9) == 0)
			return true;
	}
	return false;
}

static int format_of(const char *cmd, const char *name, enum tracefmt_format *f)
{
	if (name == NULL)
		return usage_error(cmd, "%s", "missing --format bitbrains|azure|alibaba2018|google2011");
	if (tracefmt_format_parse(name, f) != 0)
		return usage_error(cmd, "--format '%s': expected bitbrains, azure, alibaba2018 or google2011", name);
	return 0;
}

int packfmt_pack(int argc, char **argv)
{
	const char *cmd = "pack";
	const char *format = NULL, *select = "first", *out = NULL;
	long vms = 0, gap_fill = 2, split_days = 0;
	unsigned long long seed = 1;
	double start = -1, duration = 86400;
	const struct opt opts[] = {
		{ "--format", OPT_STRING, 0, 0, &format },   { "--vms", OPT_COUNT, 0, 1, &vms },
		{ "--select", OPT_STRING, 0, 0, &select },   { "--seed", OPT_U64, 0, 0, &seed },
		{ "--start", OPT_NUMBER, 0, 0, &start },     { "--duration", OPT_NUMBER, 0, 300, &duration },
		{ "--gap-fill", OPT_COUNT, 0, 0, &gap_fill }, { "--output", OPT_STRING, 'o', 0, &out },
		{ "--split-days", OPT_COUNT, 0, 1, &split_days }, OPT_HELP_VERSION, OPT_END,
	};
	const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
	if (inputs == NULL) {
		fprintf(stderr, "%s %s: out of memory\n", progname, cmd);
		return 1;
	}
	size_t n = 0;
	int rc = 0;
	for (int i = 1; i < argc && rc == 0; i++) {
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		if (k == OPT_BAD || k == OPT_DONE)
			rc = k == OPT_BAD ? EXIT_INPUT : -1;
		else if (k == OPT_ARG)
			inputs[n++] = argv[i];
	}
	enum tracefmt_format f = TRACEFMT_BITBRAINS;
	enum tracefmt_select s = TRACEFMT_FIRST;
	if (rc == 0)
		rc = format_of(cmd, format, &f);
	if (rc == 0 && tracefmt_select_parse(select, &s) != 0)
		rc = usage_error(cmd, "--select '%s': expected first, random or busiest", select);
	if (rc == 0 && n == 0)
		rc = usage_error(cmd, "%s", "missing INPUT (the trace's files or folders)");
	if (rc == 0 && out == NULL)
		rc = usage_error(cmd, "%s", "missing -o FILE");
	if (rc != 0) {
		free(inputs);
		return rc < 0 ? 0 : rc;
	}
	struct tracefmt_params p;
	tracefmt_params_init(&p, f);
	p.max_vms = (size_t)vms;
	p.select = s;
	p.seed = seed;
	if (start >= 0)
		p.start_s = start;
	p.duration_s = duration;
	if (split_days > 0 && fmod(duration, (double)split_days * 300) != 0) {
		free(inputs);
		return usage_error(cmd, "--duration %g s is not a whole number of days of --split-days %ld samples "
				   "(%ld s)", duration, split_days, split_days * 300);
	}
	p.gap_fill_max = (size_t)gap_fill;
	struct diag d;
	diag_init(&d);
	struct tracefmt_report r;
	struct trace_set *t = tracefmt_pack(&p, inputs, n, &r, &d);
	free(inputs);
	if (t == NULL)
		return fail(&d, EXIT_INPUT);
	fprintf(stderr, "%s pack: %s: %zu VMs kept of %zu alive over [%.0f s, %.0f s) (%zu read cover it, %zu with "
		"gaps longer than %zu slots); %zu empty slots filled with the previous value; %zu values above 100 "
		"clipped; %zu invalid or empty values skipped",
		progname, tracefmt_format_name(f), r.vms_kept, r.vms_candidates, p.start_s, p.start_s + p.duration_s,
		r.vms_covering, r.vms_gappy, p.gap_fill_max, r.gaps_filled, r.clipped, r.invalid);
	if (f == TRACEFMT_AZURE)
		fprintf(stderr, "; %zu second readings in a slot averaged", r.duplicates);
	if (f != TRACEFMT_AZURE)
		fprintf(stderr, "; memory: %zu empty slots filled, %zu values above 100 clipped, %zu invalid or "
			"empty values skipped", r.mem_gaps_filled, r.mem_clipped, r.mem_invalid);
	if (f == TRACEFMT_GOOGLE2011)
		fprintf(stderr, "; %zu running tasks without a CPU or memory request left out; %zu usage rows of "
			"tasks not in task_events skipped", r.no_request, r.orphans);
	fprintf(stderr, "; %llu bytes in %zu rows read in %zu pass%s\n", r.bytes, r.rows, r.passes ? r.passes : 1,
		r.passes > 1 ? "es" : "");
	rc = split_days > 0 ? trace_write_days(t, (size_t)split_days, out, &d) : trace_write_packed(t, out, &d);
	trace_destroy(t);
	return rc != 0 ? fail(&d, 1) : 0;
}

int packfmt_synth(int argc, char **argv)
{
	const char *cmd = "synth";
	const char *format = NULL, *out = NULL;
	long vms = 0, samples = 288;
	unsigned long long seed = 1;
	const struct opt opts[] = {
		{ "--format", OPT_STRING, 0, 0, &format }, { "--vms", OPT_COUNT, 0, 1, &vms },
		{ "--samples", OPT_COUNT, 0, 1, &samples }, { "--seed", OPT_U64, 0, 0, &seed },
		{ "--output", OPT_STRING, 'o', 0, &out },   OPT_HELP_VERSION, OPT_END,
	};
	int rc = parse_all(cmd, opts, argc, argv, NULL, "");
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	enum tracefmt_format f;
	if ((rc = format_of(cmd, format, &f)) != 0)
		return rc;
	if (vms == 0)
		return usage_error(cmd, "%s", "missing --vms N");
	if (out == NULL)
		return usage_error(cmd, "%s", "missing -o DIR");
	struct diag d;
	diag_init(&d);
	unsigned long long bytes = 0;
	if (tracefmt_synth(f, (size_t)vms, (size_t)samples, seed, out, &bytes, &d) != 0)
		return fail(&d, 1);
	fprintf(stderr, "%s synth: %s: %ld VMs x %ld samples, %llu bytes uncompressed, under %s\n", progname,
		tracefmt_format_name(f), vms, samples, bytes, out);
	return 0;
}
