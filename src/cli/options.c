/*
 * options: messages and the option parser of the command line (options.h).
 */
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "help.h"

#ifndef PACKAGE_STRING
#define PACKAGE_STRING "greenmig"
#endif


const char *const progname = "greenmig";

void print_diag(const struct diag *d)
{
	for (int i = 0; i < d->count; i++)
		fprintf(stderr, "%s: %s\n", progname, d->msg[i]);
	if (d->dropped > 0)
		fprintf(stderr, "%s: ... and %d more error%s\n", progname, d->dropped,
			d->dropped == 1 ? "" : "s");
}

/* EXIT_INPUT, or 1 when the library ran out of memory (not the input's fault): every library
 * call reports that as a message "out of memory", whatever the file and line before it. */
int input_status(const struct diag *d)
{
	for (int i = 0; i < d->count; i++) {
		size_t n = strlen(d->msg[i]), k = strlen("out of memory");
		if (n >= k && strcmp(d->msg[i] + n - k, "out of memory") == 0)
			return 1;
	}
	return EXIT_INPUT;
}

/* Prints d's messages and returns rc: "return fail(&d, EXIT_INPUT);" (1 if out of memory). */
int fail(const struct diag *d, int rc)
{
	print_diag(d);
	return rc == EXIT_INPUT ? input_status(d) : rc;
}

/* A directory where a file is expected: said so (reading one fails with a bare "read error"). */
int is_directory(const char *cmd, const char *path, const char *what)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	fprintf(stderr, "%s %s: %s: is a directory (expected %s)\n", progname, cmd, path, what);
	return 1;
}

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s%s%s: ", progname, cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s%s%s --help'.\n", progname, cmd ? " " : "", cmd ? cmd : "");
	return EXIT_INPUT;
}

void print_version(void)
{
	printf("%s\n", PACKAGE_STRING);
}

/* --- option parsing: "--name VALUE", "--name=VALUE", and "-o VALUE" or "-oVALUE" --- */

int parse_count(const char *cmd, const char *opt, const char *s, long min, long *out)
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

int parse_u64(const char *cmd, const char *opt, const char *s, unsigned long long *out)
{
	char *end;
	errno = 0;
	unsigned long long v = s[0] == '-' ? 0 : strtoull(s, &end, 10);
	if (s[0] == '-' || errno != 0 || end == s || *end != '\0') {
		fprintf(stderr, "%s %s: %s \"%s\": expected an integer >= 0\n", progname, cmd, opt, s);
		return -1;
	}
	*out = v;
	return 0;
}

int parse_number(const char *cmd, const char *opt, const char *s, double min, double *out)
{
	char *end;
	errno = 0;
	double x = strtod(s, &end);
	if (end == s || *end != '\0' || errno == ERANGE || !isfinite(x) || x < min) {
		usage_error(cmd, "%s \"%s\": expected a number >= %g", opt, s, min);
		return -1;
	}
	*out = x;
	return 0;
}

int copy_name(const char *cmd, const char *opt, char *dst, size_t n, const char *s)
{
	if (strlen(s) >= n) {
		fprintf(stderr, "%s %s: %s: value longer than %zu characters\n", progname, cmd, opt, n - 1);
		return -1;
	}
	strcpy(dst, s);
	return 0;
}

/* What an option takes, and where next_opt stores it (to: NULL: the caller does). */
/* Stores val for opts[k], typed as `as` (for messages). 0 or -1 (message printed). */
int store(const char *cmd, const struct opt *o, const char *as, const char *val)
{
	switch (o->type) {
	case OPT_FLAG:
		*(bool *)o->to = true;
		return 0;
	case OPT_STRING:
		*(const char **)o->to = val;
		return 0;
	case OPT_COUNT:
		return parse_count(cmd, as, val, (long)o->min, o->to);
	case OPT_U64:
		return parse_u64(cmd, as, val, o->to);
	case OPT_NUMBER:
		return parse_number(cmd, as, val, o->min, o->to);
	case OPT_LIST: {
		struct opt_list *l = o->to;
		if (l->n == OPT_LIST_MAX) {
			usage_error(cmd, "more than %d %s options", OPT_LIST_MAX, as);
			return -1;
		}
		l->v[l->n++] = val;
		return 0;
	}
	}
	return -1;
}

int unknown_option(const char *cmd, const struct opt *opts, const char *a, size_t len)
{
	char valid[1024] = "";
	for (int k = 0; opts[k].name != NULL; k++) {
		if (k > 0)
			strncat(valid, ", ", sizeof valid - strlen(valid) - 1);
		strncat(valid, opts[k].name, sizeof valid - strlen(valid) - 1);
	}
	fprintf(stderr, "%s %s: unknown option '%.*s'; valid: %s\n", progname, cmd, (int)len, a, valid);
	fprintf(stderr, "Try '%s %s --help'.\n", progname, cmd);
	return OPT_BAD;
}

/*
 * Matches argv[*i] against opts and stores its value where the option says. Returns the index
 * of the option (*val gets its value), OPT_ARG for a positional argument, OPT_BAD after a usage
 * error (printed), OPT_DONE after --help or --version (printed: the command exits 0).
 */
int next_opt(const char *cmd, const struct opt *opts, int argc, char **argv, int *i,
		    const char **val)
{
	const char *a = argv[*i];
	*val = NULL;
	for (int k = 0; a[0] == '-' && a[1] != '-' && a[1] != '\0' && opts[k].name != NULL; k++) {
		if (opts[k].short_name != a[1])
			continue;
		if (a[2] == '\0' && *i + 1 >= argc) {
			usage_error(cmd, "option -%c needs a value", a[1]);
			return OPT_BAD;
		}
		*val = a[2] != '\0' ? a + 2 : argv[++*i];
		char as[3] = { '-', a[1], '\0' };
		return opts[k].to != NULL && store(cmd, &opts[k], as, *val) != 0 ? OPT_BAD : k;
	}
	if (strncmp(a, "--", 2) != 0 || a[2] == '\0')
		return OPT_ARG;
	const char *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	int k = 0;
	while (opts[k].name != NULL && (strlen(opts[k].name) != len || strncmp(opts[k].name, a, len) != 0))
		k++;
	if (opts[k].name == NULL)
		return unknown_option(cmd, opts, a, len);
	if (opts[k].type == OPT_FLAG) {
		if (eq) {
			usage_error(cmd, "option %s takes no value", opts[k].name);
			return OPT_BAD;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "--version") == 0) {
			if (a[2] == 'h')
				help_write(stdout, cmd);
			else
				print_version();
			return OPT_DONE;
		}
	} else if (eq) {
		*val = eq + 1;
	} else if (*i + 1 < argc) {
		*val = argv[++*i];
	} else {
		usage_error(cmd, "option %s needs a value", opts[k].name);
		return OPT_BAD;
	}
	return opts[k].to != NULL && store(cmd, &opts[k], opts[k].name, *val) != 0 ? OPT_BAD : k;
}

/*
 * Parses the options of a command that takes at most one positional argument (*arg; NULL: it
 * takes none). 0 to go on, else the command's exit status (after --help, or a usage error).
 */
int parse_all(const char *cmd, const struct opt *opts, int argc, char **argv, const char **arg,
		     const char *extra)
{
	for (int i = 1; i < argc; i++) {
		const char *val;
		int k = next_opt(cmd, opts, argc, argv, &i, &val);
		if (k == OPT_BAD || k == OPT_DONE)
			return k == OPT_BAD ? EXIT_INPUT : -1;
		if (k == OPT_ARG && (arg == NULL || *arg != NULL))
			return usage_error(cmd, "unexpected argument '%s'%s", argv[i], arg != NULL ? extra : "");
		if (k == OPT_ARG)
			*arg = argv[i];
	}
	return 0;
}

