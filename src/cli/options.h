/*
 * options: the command line's shared pieces: its messages (program name, usage errors, the
 * library's diagnostics and the exit status they mean) and the option parser every command uses
 * ("--name VALUE", "--name=VALUE", "-o VALUE" or "-oVALUE", declared once per command in a table).
 */
#ifndef GREENMIG_OPTIONS_H
#define GREENMIG_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define EXIT_INPUT 2 /* bad input or usage */

extern const char *const progname;

enum opt_type {
	OPT_FLAG,   /* no value; bool */
	OPT_STRING, /* const char * */
	OPT_COUNT,  /* long >= min */
	OPT_U64,    /* unsigned long long */
	OPT_NUMBER, /* double >= min */
	OPT_LIST,   /* repeatable; struct opt_list */
};

#define OPT_LIST_MAX 32
struct opt_list {
	const char *v[OPT_LIST_MAX];
	int n;
};

struct opt {
	const char *name;
	enum opt_type type;
	char short_name; /* 'o' for -o, or '\0' */
	double min;
	void *to;
};

#define OPT_HELP_VERSION { "--help", OPT_FLAG, 0, 0, NULL }, { "--version", OPT_FLAG, 0, 0, NULL }
#define OPT_END { NULL, OPT_FLAG, 0, 0, NULL }

/* next_opt's results besides an option's index. */
enum { OPT_ARG = -1, OPT_BAD = -2, OPT_DONE = -3 };

void print_diag(const struct diag *d);
int input_status(const struct diag *d);
int fail(const struct diag *d, int rc);
int is_directory(const char *cmd, const char *path, const char *what);
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void print_version(void);
int parse_count(const char *cmd, const char *opt, const char *s, long min, long *out);
int parse_u64(const char *cmd, const char *opt, const char *s, unsigned long long *out);
int parse_number(const char *cmd, const char *opt, const char *s, double min, double *out);
int copy_name(const char *cmd, const char *opt, char *dst, size_t n, const char *s);
int store(const char *cmd, const struct opt *o, const char *as, const char *val);
int unknown_option(const char *cmd, const struct opt *opts, const char *a, size_t len);
int next_opt(const char *cmd, const struct opt *opts, int argc, char **argv, int *i,
		    const char **val);
int parse_all(const char *cmd, const struct opt *opts, int argc, char **argv, const char **arg,
		     const char *extra);

#endif
