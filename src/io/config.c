/*
 * config: experiment files (INI, read with inih), --set overrides and the checks of a whole
 * experiment; the keys themselves, their parsing and their defaults are config_keys.c's table.
 *
 * inih as packaged by Debian passes no line number to the handler (INI_HANDLER_LINENO is 0), so
 * the file is fed through ini_parse_stream with a reader that counts lines: when the handler runs,
 * the line it handles is the last one read. Every bad line is reported, then loading fails.
 * Lines are limited to INI_MAX_LINE - 1 (199) characters by that build: a longer one is an error
 * (read_line), as are a NUL byte, a key or a section given twice and an indented line (which
 * inih would read as the continuation of the previous value).
 */
#include "config.h"
#include "config_internal.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "power.h"

/*
 * What has been seen of the file so far: the keys ("section.key") and the sections, each with its
 * line, so that a second one is an error naming both lines. A valid experiment has a few hundred
 * keys at most (the table's keys and CONFIG_MAX_TYPES types of each kind); past SEEN_MAX the
 * file holds unknown keys or too many types, errors of their own, and nothing more is noted.
 */
#define SEEN_MAX 1024
#define SEEN_NAME_LEN 256 /* longer than a line inih reads (INI_MAX_LINE): names never truncated */

struct seen {
	char name[SEEN_NAME_LEN];
	long line;
};

struct seen_list {
	struct seen *v;
	size_t n, cap;
};

/* The line where name was first seen, or 0 (then it is noted at line, if there is room). */
static long seen_note(struct seen_list *l, const char *name, long line)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return l->v[i].line;
	if (l->n == l->cap && l->cap < SEEN_MAX) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct seen *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return 0;
		l->v = v;
		l->cap = cap;
	}
	if (l->n < l->cap) {
		snprintf(l->v[l->n].name, SEEN_NAME_LEN, "%s", name);
		l->v[l->n++].line = line;
	}
	return 0;
}

/* One experiment file being read: the parse, and what read_line and on_pair know of its lines. */
struct file_parse {
	struct config_parse ps;
	struct seen_list keys, sections;
	bool indented;  /* the line being handled starts with white space */
	bool after_key; /* a key was handled since the last section line: inih reads an indented
			 * line as the continuation of that key's value (INI_ALLOW_MULTILINE) */
};

static int on_pair(void *user, const char *section, const char *name, const char *value)
{
	struct file_parse *fp = user;
	struct config_parse *ps = &fp->ps;
	ps->o.line = ps->line;
	if (fp->indented && fp->after_key) {
		/* inih calls the handler again with the previous key: its value would silently become
		 * this line */
		config_err(ps, "indented line read as a continuation of %s.%s (expected key = value "
			   "at the start of the line; a value is one line)", section, name);
		return 1;
	}
	fp->after_key = true;
	if (section[0] == '\0') {
		char names[256];
		config_section_names(names, sizeof names);
		config_err(ps, "key '%s' outside any section (expected a [section] first; valid: %s)", name,
			   names);
		return 1;
	}
	char full[SEEN_NAME_LEN];
	snprintf(full, sizeof full, "%s.%s", section, name);
	/* [vms] count is another name of [workload] vms: one value, given once */
	bool alias = strcmp(full, "vms.count") == 0;
	long first = seen_note(&fp->keys, alias ? "workload.vms" : full, ps->line);
	if (first > 0) {
		if (alias)
			config_err(ps, "vms.count sets workload.vms, given at line %ld (expected each key "
				   "once per file)", first);
		else
			config_err(ps, "%s given again (first at line %ld; expected each key once per file)",
				   full, first);
		return 1;
	}
	config_set_value(ps, section, name, value);
	return 1; /* keep going: every bad line is reported */
}

/* A section line as inih reads it ("[name]", an inline comment being "; " after white space):
 * its name into buf, or false if the line is no section. */
static bool section_line(const char *line, char *buf, size_t n)
{
	while (isspace((unsigned char)*line))
		line++;
	if (*line != '[')
		return false;
	const char *p = line + 1;
	for (; *p != '\0' && *p != ']'; p++)
		if (*p == ';' && isspace((unsigned char)p[-1]))
			return false;
	if (*p != ']')
		return false;
	snprintf(buf, n, "%.*s", (int)(p - line - 1), line + 1);
	return true;
}

/*
 * ini_reader: one line of the file at a time, counting them, so that inih's line numbers are the
 * file's. A line longer than inih's buffer (num bytes; inih would read its rest as a new line) or
 * holding a NUL byte (the rest would be dropped) is reported here and handed to inih as an empty
 * line. White space past the buffer (the \r of CRLF) is dropped, as inih would strip it.
 */
static char *read_line(char *str, int num, void *stream)
{
	struct file_parse *fp = stream;
	struct config_parse *ps = &fp->ps;
	size_t n = 0, max = (size_t)num - 1;
	long len = 0, nul_col = 0;
	bool too_long = false;
	int c;
	while ((c = getc(ps->f)) != EOF && c != '\n') {
		len++;
		if (c == '\0' && nul_col == 0)
			nul_col = len;
		if (n < max)
			str[n++] = (char)c;
		else if (!isspace(c))
			too_long = true;
	}
	if (c == EOF && len == 0)
		return NULL;
	str[n] = '\0';
	ps->line++;
	ps->o.line = ps->line;
	fp->indented = n > 0 && isspace((unsigned char)str[0]);
	if (nul_col > 0 || too_long) {
		if (nul_col > 0)
			config_err(ps, "NUL byte in column %ld (expected text)", nul_col);
		else
			config_err(ps, "line of %ld characters (expected at most %zu per line)", len, max);
		str[0] = '\0';
		return str;
	}
	char name[SEEN_NAME_LEN];
	if (section_line(str, name, sizeof name)) {
		fp->after_key = false;
		long first = seen_note(&fp->sections, name, ps->line);
		if (first > 0)
			config_err(ps, "section [%s] given again (first at line %ld; expected each section "
				   "once per file)", name, first);
	}
	return str;
}

uint64_t config_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

int config_line(const struct config_from *from, const char *value)
{
	return from->line > 0 && config_hash(value) == from->hash ? from->line : 0;
}

bool config_policy_is_plugin(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') != NULL || (n >= 3 && strcmp(s + n - 3, ".so") == 0);
}

int config_load(struct experiment *e, const char *path, struct diag *d)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
	struct file_parse fp = { .ps = { .e = e, .d = d, .f = f } };
	struct config_parse *ps = &fp.ps;
	ps->o.file = path;
	char dir[CONFIG_PATH_LEN];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	ps->o.dir = dir;
	snprintf(e->file, sizeof e->file, "%s", path);
	int rc = ini_parse_stream(read_line, &fp, on_pair, &fp);
	bool read_error = ferror(f) != 0;
	fclose(f);
	free(fp.keys.v);
	free(fp.sections.v);
	if (read_error)
		return diag_add(d, path, 0, 0, "read error");
	if (rc > 0) {
		/* inih reports the first line it could not parse (not a section, not key = value). */
		ps->errors++;
		diag_add(d, path, rc, 0, "syntax error (expected [section], key = value or a ; comment)");
	}
	return ps->errors > 0 ? -1 : 0;
}

int config_set(struct experiment *e, const char *assignment, struct diag *d)
{
	struct config_parse ps = { .e = e, .d = d };
	ps.o.file = "--set";
	const char *eq = strchr(assignment, '=');
	char lhs[256];
	size_t len = eq ? (size_t)(eq - assignment) : 0;
	if (eq == NULL || len == 0 || len >= sizeof lhs)
		return diag_add(d, "--set", 0, 0, "\"%s\" is not SECTION.KEY=VALUE", assignment);
	memcpy(lhs, assignment, len);
	lhs[len] = '\0';
	char *dot = strrchr(lhs, '.');
	if (dot == NULL || dot == lhs || dot[1] == '\0')
		return diag_add(d, "--set", 0, 0, "\"%s\" is not SECTION.KEY=VALUE", assignment);
	*dot = '\0';
	return config_set_value(&ps, lhs, dot + 1, eq + 1) == 0 && ps.errors == 0 ? 0 : -1;
}

static const struct host_type *find_host_type(const struct experiment *e, const char *name)
{
	for (int i = 0; i < e->n_host_types; i++)
		if (strcmp(e->host_types[i].name, name) == 0)
			return &e->host_types[i];
	return NULL;
}

const struct vm_type *config_find_vm_type(const struct experiment *e, const char *name)
{
	for (int i = 0; i < e->n_vm_types; i++)
		if (strcmp(e->vm_types[i].name, name) == 0)
			return &e->vm_types[i];
	return NULL;
}

int config_validate(const struct experiment *e, struct diag *d)
{
	const char *file = e->file[0] ? e->file : NULL;
	int errors = 0;
	if (e->n_host_order == 0) {
		diag_add(d, file, 0, 0, "no host types: [hosts] types is required");
		errors++;
	}
	for (int i = 0; i < e->n_host_order; i++) {
		const struct host_type *h = find_host_type(e, e->host_order[i]);
		if (h == NULL) {
			diag_add(d, file, e->host_types_line, 0,
				 "host type '%s' listed in [hosts] types has no [host.%s] section",
				 e->host_order[i], e->host_order[i]);
			errors++;
			continue;
		}
		if (!(h->mips > 0)) {
			diag_add(d, file, h->line, 0, "[host.%s] needs mips (MIPS per PE)", h->name);
			errors++;
		}
		const struct power_type *pt = h->power[0] ? power_find(h->power) : NULL;
		if (pt == NULL) {
			diag_add(d, file, h->line, 0, "[host.%s] needs power, one of: %s", h->name,
				 power_names());
			errors++;
		} else if (pt->kind != POWER_TABLE && !(h->power_max_w > 0)) {
			diag_add(d, file, h->line, 0,
				 "[host.%s] power model %s needs power_max_w (W at 100 %%)", h->name, h->power);
			errors++;
		}
	}
	if (e->n_vm_order == 0) {
		diag_add(d, file, 0, 0, "no VM types: [vms] types is required");
		errors++;
	}
	for (int i = 0; i < e->n_vm_order; i++) {
		const struct vm_type *v = config_find_vm_type(e, e->vm_order[i]);
		if (v == NULL) {
			diag_add(d, file, e->vm_types_line, 0,
				 "VM type '%s' listed in [vms] types has no [vm.%s] section", e->vm_order[i],
				 e->vm_order[i]);
			errors++;
			continue;
		}
		if (!(v->mips > 0)) {
			diag_add(d, file, v->line, 0, "[vm.%s] needs mips (MIPS per PE)", v->name);
			errors++;
		}
		if (v->ram_mb < 0) {
			diag_add(d, file, v->line, 0, "[vm.%s] needs ram_mb", v->name);
			errors++;
		}
	}
	if (!(e->limit_s > e->scheduling_interval_s)) {
		diag_add(d, file, 0, 0, "simulation.limit_s (%g) must exceed scheduling_interval_s (%g)",
			 e->limit_s, e->scheduling_interval_s);
		errors++;
	}
	if (e->traces[0] == '\0' && e->model == MODEL_CLOUDSIM3) {
		diag_add(d, file, 0, 0, "no traces: set [workload] traces or use --traces");
		errors++;
	}
	if (e->model == MODEL_CLOUDSIM3 && e->model2010_line >= 0) {
		diag_add(d, file, e->model2010_line, 0,
			 "simulation.cpu_share and simulation.migration_time apply to simulation.model = 2010 "
			 "only (this experiment runs cloudsim3)");
		errors++;
	}
	if (e->arrivals == ARRIVALS_FILE && e->workload_file[0] == '\0') {
		diag_add(d, file, e->arrivals_line, 0,
			 "workload.arrivals = file needs workload.workload_file (a CSV: vm,submit_s,trace,"
			 "length_mi,type)");
		errors++;
	}
	if (e->model == MODEL_2010 && (e->security.enabled || e->migration.precopy)) {
		diag_add(d, file, 0, 0, "[security] and [migration] apply to simulation.model = cloudsim3 (the "
			 "2010 model's migrations are instant)");
		errors++;
	}
	if (e->model == MODEL_2010 && e->facility.enabled) {
		diag_add(d, file, e->facility.line, 0,
			 "facility.enabled applies to simulation.model = cloudsim3 for now");
		errors++;
	}
	if (e->model == MODEL_2010 && e->pstates.parts) {
		diag_add(d, file, e->pstates.parts_line, 0,
			 "power.parts applies to simulation.model = cloudsim3 (the 2010 model has no host "
			 "sub-systems)");
		errors++;
	}
	if (e->model == MODEL_2010 && e->pstates.states) {
		diag_add(d, file, e->pstates.line, 0,
			 "power.states applies to simulation.model = cloudsim3 (the 2010 model has no power "
			 "states)");
		errors++;
	}
	if (e->network.params.topology != NET_NONE) {
		if (e->model == MODEL_2010) {
			diag_add(d, file, e->network.line, 0,
				 "network.topology applies to simulation.model = cloudsim3 (the 2010 model's "
				 "migrations are instant)");
			errors++;
		}
		if (e->network.params.topology == NET_FATTREE && e->network.params.fattree_k % 2 != 0) {
			diag_add(d, file, e->network.line, 0, "network.fattree_k = %d: a fat-tree needs an even k",
				 e->network.params.fattree_k);
			errors++;
		}
		if (e->network.params.topology == NET_FATTREE &&
		    (long long)e->network.params.fattree_k * e->network.params.fattree_k *
		    e->network.params.fattree_k / 4 < e->hosts) {
			diag_add(d, file, e->network.line, 0,
				 "network.fattree_k = %d holds %lld hosts, fewer than hosts.count = %ld",
				 e->network.params.fattree_k, (long long)e->network.params.fattree_k *
				 e->network.params.fattree_k * e->network.params.fattree_k / 4, e->hosts);
			errors++;
		}
	}
	if (e->network.params.topology == NET_NONE && e->network.target != NET_TARGET_ANY) {
		diag_add(d, file, e->network.target_line, 0,
			 "network.target prefers targets by rack or path: it needs a network.topology");
		errors++;
	}
	if (e->model == MODEL_2010 && e->arrivals != ARRIVALS_NONE) {
		diag_add(d, file, e->arrivals_line, 0,
			 "workload.arrivals applies to simulation.model = cloudsim3 (the 2010 model starts "
			 "every VM at t = 0)");
		errors++;
	}
	if (e->model == MODEL_2010 && e->vms == 0) {
		diag_add(d, file, e->model_line, 0,
			 "simulation.model = 2010 needs a VM count ([vms] count), it reads no traces");
		errors++;
	}
	return errors > 0 ? -1 : 0;
}

/* Type index of entity i of n over k types (CloudSim: i / (int)ceil((double)n / k) for block). */
static int type_index(enum config_assign a, long i, long n, int k)
{
	if (a == ASSIGN_ROUND_ROBIN)
		return (int)(i % k);
	long per = (n + k - 1) / k;
	long t = per > 0 ? i / per : 0;
	return (int)(t < k ? t : k - 1);
}

const struct host_type *config_host_type(const struct experiment *e, long i)
{
	int t = type_index(e->host_assign, i, e->hosts, e->n_host_order);
	return find_host_type(e, e->host_order[t]);
}

const struct vm_type *config_vm_type(const struct experiment *e, long i, long n_vms)
{
	int t = type_index(e->vm_assign, i, n_vms, e->n_vm_order);
	return config_find_vm_type(e, e->vm_order[t]);
}

struct get_ctx {
	const struct experiment *e;
	const char *sec, *key;
	size_t sec_len;
	char *buf;
	size_t n;
};

/* The word with index i of "a|b|c" into buf. */
static void word_at(const char *words, long long i, char *buf, size_t n)
{
	for (const char *p = words; i >= 0; i--) {
		size_t w = strcspn(p, "|");
		if (i == 0 || p[w] == '\0') {
			snprintf(buf, n, "%.*s", (int)w, p);
			return;
		}
		p += w + 1;
	}
}

static int get_one(const struct config_key_info *k, void *user)
{
	struct get_ctx *g = user;
	if (!k->has_field || strlen(k->section) != g->sec_len || strncmp(k->section, g->sec, g->sec_len) != 0 ||
	    strcmp(k->key, g->key) != 0)
		return 0;
	const char *p = (const char *)g->e + k->off;
	long long x = 0;
	if (k->kind == 'i' || k->kind == 'e') {
		if (k->size == sizeof(int)) {
			int v;
			memcpy(&v, p, sizeof v);
			x = v;
		} else if (k->size == sizeof(long)) {
			long v;
			memcpy(&v, p, sizeof v);
			x = v;
		} else if (k->size == sizeof(bool)) {
			bool v;
			memcpy(&v, p, sizeof v);
			x = v;
		} else {
			memcpy(&x, p, sizeof x);
		}
	}
	switch (k->kind) {
	case 'b': {
		bool v;
		memcpy(&v, p, sizeof v);
		snprintf(g->buf, g->n, "%s", v ? "yes" : "no");
		break;
	}
	case 'i':
		snprintf(g->buf, g->n, "%lld", x);
		break;
	case 'd': {
		double v;
		memcpy(&v, p, sizeof v);
		snprintf(g->buf, g->n, "%.17g", v);
		break;
	}
	case 'e':
		word_at(k->words, x, g->buf, g->n);
		break;
	case 'u': {
		uint64_t v;
		memcpy(&v, p, sizeof v);
		snprintf(g->buf, g->n, "%llu", (unsigned long long)v);
		break;
	}
	default:
		snprintf(g->buf, g->n, "%s", p);
		break;
	}
	return 1;
}

int config_get(const struct experiment *e, const char *section_key, char *buf, size_t n)
{
	const char *dot = strchr(section_key, '.');
	if (dot == NULL || n == 0)
		return -1;
	struct get_ctx g = { e, section_key, dot + 1, (size_t)(dot - section_key), buf, n };
	return config_keys_each(get_one, &g) == 1 ? 0 : -1;
}
