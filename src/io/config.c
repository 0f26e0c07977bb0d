/*
 * config: experiment files (INI, read with inih) and --set overrides; see config.h for the keys.
 *
 * inih as packaged by Debian passes no line number to the handler (INI_HANDLER_LINENO is 0), so
 * the file is fed through ini_parse_stream with a reader that counts lines: when the handler runs,
 * the line it handles is the last one read. Every bad line is reported, then loading fails.
 * Lines are limited to INI_MAX_LINE (200) characters by that build.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "power.h"
#include "workers.h"

#define STATIC_SHARE_DEFAULT 0.7 /* CloudSim examples' static power share of the linear model */

enum section_kind { SEC_NONE, SEC_EXPERIMENT, SEC_WORKLOAD, SEC_SIMULATION, SEC_HOSTS, SEC_HOST,
		    SEC_VMS, SEC_VM, SEC_POLICY, SEC_MIGRATION, SEC_SECURITY, SEC_PLACEMENT, SEC_FUZZY };

static const char *const section_keys[] = {
	[SEC_NONE] = "",
	[SEC_EXPERIMENT] = "setup",
	[SEC_WORKLOAD] = "traces, day, vms, arrivals, initial_vms, arrival_rate_per_h, wave_size, "
			 "wave_interval_s, workload_file",
	[SEC_SIMULATION] = "model, scheduling_interval_s, limit_s, cloudlet_length_mi, destroy_idle_vms, "
			   "cpu_share, migration_time, best_fit_index, threads",
	[SEC_HOSTS] = "count, types, assign",
	[SEC_HOST] = "pes, mips, ram_mb, bw, storage_mb, power, power_max_w, power_static_share",
	[SEC_VMS] = "count, types, assign",
	[SEC_VM] = "mips, pes, ram_mb, bw, size_mb, dirty_pages_per_s",
	[SEC_POLICY] = "name, selection, param, seed, stay_quirk, drr_power_on",
	[SEC_MIGRATION] = "model, dirty_pages_per_s, max_rounds, stop_pages, max_factor",
	[SEC_PLACEMENT] = "interval_s, window_s, mode, max_migrations, population, generations, stagnation, "
			  "p_mutation, max_util",
	[SEC_FUZZY] = "overload, memory_overload, underload, memory_underload, max_moves",
	[SEC_SECURITY] = "enabled, protected_share, cipher_bps, hash_bps, cores, expansion_bytes, "
			 "hash_bytes, meta_bytes, hash_mode",
};

#define VALID_SECTIONS "experiment, workload, simulation, hosts, host.NAME, vms, vm.NAME, policy, " \
	"migration, security, placement, fuzzy"

/* Where the value being set comes from, for messages. */
struct origin {
	const char *file; /* NULL-free: "--set" for overrides */
	long line;        /* 0 for --set */
	const char *dir;  /* folder of the experiment file, for relative paths; NULL for --set */
};

struct parse_state {
	struct experiment *e;
	struct diag *d;
	struct origin o;
	FILE *f;
	long line;
	int errors;
};

void config_defaults(struct experiment *e, const char *default_traces)
{
	memset(e, 0, sizeof *e);
	snprintf(e->setup, sizeof e->setup, "custom");
	snprintf(e->traces, sizeof e->traces, "%s", default_traces ? default_traces : "");
	snprintf(e->day, sizeof e->day, "20110303");
	e->vms = 0;
	e->scheduling_interval_s = 300;
	e->limit_s = 86400;
	e->cloudlet_length_mi = 216000000LL;
	e->destroy_idle_vms = true;
	e->best_fit_index = true;
	e->hosts = 800;
	e->host_assign = ASSIGN_ROUND_ROBIN;
	e->vm_assign = ASSIGN_BLOCK;
	snprintf(e->policy, sizeof e->policy, "dvfs");
	e->seed = 1;
	e->model = MODEL_CLOUDSIM3;
	e->cpu_share = CPU_SHARE_FIRST_COME;
	e->migration_time = MIGRATION_INSTANT;
	e->model2010_line = -1;
	e->arrivals = ARRIVALS_NONE;
	e->arrival_rate_per_h = 60;
	e->wave_size = 50;
	e->wave_interval_s = 3600;
	e->stay_quirk = false;
	e->drr_power_on = true;
	e->migration.max_rounds = 29;
	e->migration.stop_pages = 50;
	e->migration.max_factor = 3;
	e->security.protected_share = 0.10;
	e->security.cipher_bps = 1.5e9;
	e->security.hash_bps = 1.0e9;
	e->security.cores = 1;
	e->security.expansion_bytes = 28;
	e->security.hash_bytes = 32;
	e->security.meta_bytes = 16;
	e->placement.interval_s = 14400;
	e->placement.window_s = 14400;
	e->placement.max_migrations = 50;
	e->placement.population = 50;
	e->placement.generations = 200;
	e->placement.stagnation = 30;
	e->placement.p_mutation = 0.3;
	e->placement.max_util = 1.0;
	e->fuzzy.overload = 0.85;
	e->fuzzy.memory_overload = 0.95;
	e->fuzzy.underload = 0.50;
	e->fuzzy.memory_underload = 0.80;
	e->fuzzy.max_moves = 3;
}



static int err(struct parse_state *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int err(struct parse_state *ps, const char *fmt, ...)
{
	char buf[DIAG_MSG_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ps->errors++;
	return diag_add(ps->d, ps->o.file, ps->o.line, 0, "%s", buf);
}

/* yes/true or no/false into *out. */
static int get_bool(struct parse_state *ps, const char *sec, const char *key, const char *v, bool *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
		*out = true;
	else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0)
		*out = false;
	else
		return err(ps, "\"%s\" is not yes or no (%s.%s)", v, sec, key);
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

/* Integer in [min, max]. */
static int get_long(struct parse_state *ps, const char *sec, const char *key, const char *v,
		    long long min, long long max, const char *what, long long *out)
{
	char *end;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	char where[160];
	snprintf(where, sizeof where, "%s.%s expects %s", sec, key, what);
	if (end == v || *end != '\0')
		return err(ps, "\"%s\" is not an integer (%s)", v, where);
	if (errno == ERANGE || x < min || x > max)
		return err(ps, "\"%s\" is out of range (%s)", v, where);
	*out = x;
	return 0;
}

static int get_double(struct parse_state *ps, const char *sec, const char *key, const char *v,
		      double min, double max, bool min_open, const char *what, double *out)
{
	char *end;
	errno = 0;
	double x = strtod(v, &end);
	char where[160];
	snprintf(where, sizeof where, "%s.%s expects %s", sec, key, what);
	if (end == v || *end != '\0' || !isfinite(x))
		return err(ps, "\"%s\" is not a number (%s)", v, where);
	if (errno == ERANGE || x < min || x > max || (min_open && x == min))
		return err(ps, "\"%s\" is out of range (%s)", v, where);
	*out = x;
	return 0;
}

static int get_name(struct parse_state *ps, const char *sec, const char *key, const char *v,
		    char *dst, size_t n)
{
	if (strlen(v) >= n) {
		char lim[32];
		snprintf(lim, sizeof lim, "%zu", n - 1);
		return err(ps, "%s.%s: value longer than %s characters", sec, key, lim);
	}
	strcpy(dst, v);
	return 0;
}

static int get_assign(struct parse_state *ps, const char *sec, const char *v, enum config_assign *out)
{
	if (strcmp(v, "round_robin") == 0)
		*out = ASSIGN_ROUND_ROBIN;
	else if (strcmp(v, "block") == 0)
		*out = ASSIGN_BLOCK;
	else
		return err(ps, "\"%s\" is not an assignment (%s.assign expects round_robin or block)", v,
			   sec);
	return 0;
}

/* "a, b ,c" into names[]; every name must be a valid type name. */
static int get_list(struct parse_state *ps, const char *sec, const char *v,
		    char names[][CONFIG_NAME_LEN], int *n)
{
	char buf[1024];
	if (strlen(v) >= sizeof buf)
		return err(ps, "%s.types: list too long", sec);
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
			return err(ps, "\"%s\" is not a type name (%s.types expects names of letters, "
				   "digits, _ and -, separated by commas)", tok, sec);
		if (count == CONFIG_MAX_TYPES) {
			char lim[16];
			snprintf(lim, sizeof lim, "%d", CONFIG_MAX_TYPES);
			return err(ps, "%s.types: more than %s types", sec, lim);
		}
		strcpy(names[count++], tok);
	}
	if (count == 0)
		return err(ps, "%s.types is empty (expected one or more type names)", sec);
	*n = count;
	return 0;
}

static struct host_type *host_type_get(struct parse_state *ps, const char *name)
{
	struct experiment *e = ps->e;
	for (int i = 0; i < e->n_host_types; i++)
		if (strcmp(e->host_types[i].name, name) == 0)
			return &e->host_types[i];
	if (e->n_host_types == CONFIG_MAX_TYPES) {
		char lim[16];
		snprintf(lim, sizeof lim, "%d", CONFIG_MAX_TYPES);
		err(ps, "more than %s host types ([host.%s])", lim, name);
		return NULL;
	}
	struct host_type *h = &e->host_types[e->n_host_types++];
	memset(h, 0, sizeof *h);
	snprintf(h->name, sizeof h->name, "%s", name);
	h->line = (int)ps->o.line;
	h->pes = 1;
	h->ram_mb = 4096;
	h->bw = 1000000;
	h->storage_mb = 1000000;
	h->power_static_share = STATIC_SHARE_DEFAULT;
	return h;
}

static struct vm_type *vm_type_get(struct parse_state *ps, const char *name)
{
	struct experiment *e = ps->e;
	for (int i = 0; i < e->n_vm_types; i++)
		if (strcmp(e->vm_types[i].name, name) == 0)
			return &e->vm_types[i];
	if (e->n_vm_types == CONFIG_MAX_TYPES) {
		char lim[16];
		snprintf(lim, sizeof lim, "%d", CONFIG_MAX_TYPES);
		err(ps, "more than %s VM types ([vm.%s])", lim, name);
		return NULL;
	}
	struct vm_type *v = &e->vm_types[e->n_vm_types++];
	memset(v, 0, sizeof *v);
	snprintf(v->name, sizeof v->name, "%s", name);
	v->line = (int)ps->o.line;
	v->pes = 1;
	v->ram_mb = -1; /* required */
	v->bw = 100000;
	v->size_mb = 2500;
	v->dirty_pages_per_s = -1;
	return v;
}

/* Kind of a section name; *type gets the NAME part of host.NAME / vm.NAME. */
static enum section_kind section_kind(const char *s, const char **type)
{
	*type = NULL;
	if (strcmp(s, "experiment") == 0)
		return SEC_EXPERIMENT;
	if (strcmp(s, "workload") == 0)
		return SEC_WORKLOAD;
	if (strcmp(s, "simulation") == 0)
		return SEC_SIMULATION;
	if (strcmp(s, "hosts") == 0)
		return SEC_HOSTS;
	if (strcmp(s, "vms") == 0)
		return SEC_VMS;
	if (strcmp(s, "policy") == 0)
		return SEC_POLICY;
	if (strcmp(s, "migration") == 0)
		return SEC_MIGRATION;
	if (strcmp(s, "security") == 0)
		return SEC_SECURITY;
	if (strcmp(s, "placement") == 0)
		return SEC_PLACEMENT;
	if (strcmp(s, "fuzzy") == 0)
		return SEC_FUZZY;
	if (strncmp(s, "host.", 5) == 0 && valid_name(s + 5)) {
		*type = s + 5;
		return SEC_HOST;
	}
	if (strncmp(s, "vm.", 3) == 0 && valid_name(s + 3)) {
		*type = s + 3;
		return SEC_VM;
	}
	return SEC_NONE;
}

static int unknown_key(struct parse_state *ps, enum section_kind k, const char *sec, const char *key)
{
	return err(ps, "unknown key '%s' in [%s]; valid: %s", key, sec, section_keys[k]);
}

/* Sets one key; 0 or -1 (reported). */
static int set_value(struct parse_state *ps, const char *sec, const char *key, const char *v)
{
	struct experiment *e = ps->e;
	const char *type;
	enum section_kind k = section_kind(sec, &type);
	long long n;
	switch (k) {
	case SEC_NONE:
		return err(ps, "unknown section [%s]; valid: %s", sec, VALID_SECTIONS);
	case SEC_EXPERIMENT:
		if (strcmp(key, "setup") == 0)
			return get_name(ps, sec, key, v, e->setup, sizeof e->setup);
		break;
	case SEC_WORKLOAD:
		if (strcmp(key, "traces") == 0) {
			char path[CONFIG_PATH_LEN];
			if (v[0] != '/' && ps->o.dir != NULL && v[0] != '\0')
				snprintf(path, sizeof path, "%s/%s", ps->o.dir, v);
			else
				snprintf(path, sizeof path, "%s", v);
			if (v[0] == '\0')
				return err(ps, "workload.traces is empty (expected a path)");
			return get_name(ps, sec, key, path, e->traces, sizeof e->traces);
		}
		if (strcmp(key, "day") == 0)
			return get_name(ps, sec, key, v, e->day, sizeof e->day);
		if (strcmp(key, "arrivals") == 0) {
			static const char *const names[] = { "none", "poisson", "waves", "file" };
			for (int i = 0; i < 4; i++) {
				if (strcmp(v, names[i]) == 0) {
					e->arrivals = (enum config_arrivals)i;
					e->arrivals_line = (int)ps->o.line;
					return 0;
				}
			}
			return err(ps, "\"%s\" is not an arrival process (workload.arrivals expects none, "
				   "poisson, waves or file)", v);
		}
		if (strcmp(key, "initial_vms") == 0) {
			if (get_long(ps, sec, key, v, 0, 100000000, "an integer >= 0 (0: all)", &n) != 0)
				return -1;
			e->initial_vms = (long)n;
			return 0;
		}
		if (strcmp(key, "arrival_rate_per_h") == 0)
			return get_double(ps, sec, key, v, 0, 1e9, true, "a positive number of VMs per hour",
					  &e->arrival_rate_per_h);
		if (strcmp(key, "wave_size") == 0) {
			if (get_long(ps, sec, key, v, 1, 100000000, "a positive integer", &n) != 0)
				return -1;
			e->wave_size = (long)n;
			return 0;
		}
		if (strcmp(key, "wave_interval_s") == 0)
			return get_double(ps, sec, key, v, 0, 1e9, true, "a positive number of seconds",
					  &e->wave_interval_s);
		if (strcmp(key, "workload_file") == 0) {
			char path[CONFIG_PATH_LEN];
			if (v[0] == '\0')
				return err(ps, "workload.workload_file is empty (expected a path)");
			if (v[0] != '/' && ps->o.dir != NULL)
				snprintf(path, sizeof path, "%s/%s", ps->o.dir, v);
			else
				snprintf(path, sizeof path, "%s", v);
			return get_name(ps, sec, key, path, e->workload_file, sizeof e->workload_file);
		}
		if (strcmp(key, "vms") == 0) {
			if (strcmp(v, "all") == 0) {
				e->vms = 0;
				return 0;
			}
			if (get_long(ps, sec, key, v, 1, 100000000, "a positive integer or \"all\"", &n) != 0)
				return -1;
			e->vms = (long)n;
			return 0;
		}
		break;
	case SEC_SIMULATION:
		if (strcmp(key, "scheduling_interval_s") == 0)
			return get_double(ps, sec, key, v, 0, 1e9, true, "a positive number of seconds",
					  &e->scheduling_interval_s);
		if (strcmp(key, "limit_s") == 0)
			return get_double(ps, sec, key, v, 0, 1e9, true, "a positive number of seconds",
					  &e->limit_s);
		if (strcmp(key, "destroy_idle_vms") == 0)
			return get_bool(ps, sec, key, v, &e->destroy_idle_vms);
		if (strcmp(key, "best_fit_index") == 0)
			return get_bool(ps, sec, key, v, &e->best_fit_index);
		if (strcmp(key, "threads") == 0) {
			if (get_long(ps, sec, key, v, 0, WORKERS_MAX, "an integer from 0 (automatic) to 16",
				     &n) != 0)
				return -1;
			e->threads = (int)n;
			return 0;
		}
		if (strcmp(key, "model") == 0) {
			if (strcmp(v, "cloudsim3") == 0)
				e->model = MODEL_CLOUDSIM3;
			else if (strcmp(v, "2010") == 0)
				e->model = MODEL_2010;
			else
				return err(ps, "\"%s\" is not a model (simulation.model expects cloudsim3 or 2010)", v);
			e->model_line = (int)ps->o.line;
			return 0;
		}
		if (strcmp(key, "cpu_share") == 0) {
			if (strcmp(v, "first_come") == 0)
				e->cpu_share = CPU_SHARE_FIRST_COME;
			else if (strcmp(v, "equal") == 0)
				e->cpu_share = CPU_SHARE_EQUAL;
			else
				return err(ps, "\"%s\" is not a CPU sharing rule (simulation.cpu_share expects "
					   "first_come or equal)", v);
			e->model2010_line = (int)ps->o.line;
			return 0;
		}
		if (strcmp(key, "migration_time") == 0) {
			if (strcmp(v, "instant") == 0)
				e->migration_time = MIGRATION_INSTANT;
			else if (strcmp(v, "cloudsim21") == 0)
				e->migration_time = MIGRATION_CLOUDSIM21;
			else
				return err(ps, "\"%s\" is not a migration time model (simulation.migration_time "
					   "expects instant or cloudsim21)", v);
			e->model2010_line = (int)ps->o.line;
			return 0;
		}
		if (strcmp(key, "cloudlet_length_mi") == 0) {
			if (get_long(ps, sec, key, v, 1, 9000000000000LL, "a positive integer (MI)", &n) != 0)
				return -1;
			e->cloudlet_length_mi = n;
			return 0;
		}
		break;
	case SEC_HOSTS:
	case SEC_VMS:
		if (strcmp(key, "count") == 0 && k == SEC_HOSTS) {
			if (get_long(ps, sec, key, v, 1, 10000000, "a positive integer", &n) != 0)
				return -1;
			e->hosts = (long)n;
			return 0;
		}
		if (strcmp(key, "count") == 0 && k == SEC_VMS) {
			/* [vms] count is an alias of [workload] vms. */
			if (strcmp(v, "all") == 0) {
				e->vms = 0;
				return 0;
			}
			if (get_long(ps, sec, key, v, 1, 100000000, "a positive integer or \"all\"", &n) != 0)
				return -1;
			e->vms = (long)n;
			return 0;
		}
		if (strcmp(key, "types") == 0) {
			int rc = k == SEC_HOSTS ? get_list(ps, sec, v, e->host_order, &e->n_host_order)
						: get_list(ps, sec, v, e->vm_order, &e->n_vm_order);
			if (rc == 0) {
				if (k == SEC_HOSTS)
					e->host_types_line = (int)ps->o.line;
				else
					e->vm_types_line = (int)ps->o.line;
			}
			return rc;
		}
		if (strcmp(key, "assign") == 0)
			return get_assign(ps, sec, v, k == SEC_HOSTS ? &e->host_assign : &e->vm_assign);
		break;
	case SEC_HOST: {
		struct host_type *h = host_type_get(ps, type);
		if (h == NULL)
			return -1;
		if (strcmp(key, "pes") == 0) {
			if (get_long(ps, sec, key, v, 1, 4096, "a positive integer", &n) != 0)
				return -1;
			h->pes = (int)n;
			return 0;
		}
		if (strcmp(key, "mips") == 0)
			return get_double(ps, sec, key, v, 0, 1e12, true, "a positive number (MIPS per PE)",
					  &h->mips);
		if (strcmp(key, "ram_mb") == 0 || strcmp(key, "bw") == 0 || strcmp(key, "storage_mb") == 0) {
			if (get_long(ps, sec, key, v, 0, 1000000000000LL, "an integer >= 0", &n) != 0)
				return -1;
			if (key[0] == 'r')
				h->ram_mb = (long)n;
			else if (key[0] == 'b')
				h->bw = (long)n;
			else
				h->storage_mb = (long)n;
			return 0;
		}
		if (strcmp(key, "power") == 0) {
			if (power_find(v) == NULL)
				return err(ps, "unknown power model '%s' in [%s]; valid: %s", v, sec, power_names());
			return get_name(ps, sec, key, v, h->power, sizeof h->power);
		}
		if (strcmp(key, "power_max_w") == 0)
			return get_double(ps, sec, key, v, 0, 1e9, true, "a positive number of watts",
					  &h->power_max_w);
		if (strcmp(key, "power_static_share") == 0)
			return get_double(ps, sec, key, v, 0, 1, false, "a fraction between 0 and 1",
					  &h->power_static_share);
		break;
	}
	case SEC_VM: {
		struct vm_type *t = vm_type_get(ps, type);
		if (t == NULL)
			return -1;
		if (strcmp(key, "mips") == 0)
			return get_double(ps, sec, key, v, 0, 1e12, true, "a positive number (MIPS per PE)",
					  &t->mips);
		if (strcmp(key, "pes") == 0) {
			if (get_long(ps, sec, key, v, 1, 4096, "a positive integer", &n) != 0)
				return -1;
			t->pes = (int)n;
			return 0;
		}
		if (strcmp(key, "dirty_pages_per_s") == 0)
			return get_double(ps, sec, key, v, 0, 1e12, false, "a number of pages per second >= 0",
					  &t->dirty_pages_per_s);
		if (strcmp(key, "ram_mb") == 0 || strcmp(key, "bw") == 0 || strcmp(key, "size_mb") == 0) {
			if (get_long(ps, sec, key, v, 0, 1000000000000LL, "an integer >= 0", &n) != 0)
				return -1;
			if (key[0] == 'r')
				t->ram_mb = (long)n;
			else if (key[0] == 'b')
				t->bw = (long)n;
			else
				t->size_mb = (long)n;
			return 0;
		}
		break;
	}
	case SEC_POLICY:
		if (strcmp(key, "name") == 0)
			return get_name(ps, sec, key, v, e->policy, sizeof e->policy);
		if (strcmp(key, "selection") == 0)
			return get_name(ps, sec, key, v, e->selection, sizeof e->selection);
		if (strcmp(key, "param") == 0)
			return get_name(ps, sec, key, v, e->param, sizeof e->param);
		if (strcmp(key, "seed") == 0) {
			char *end;
			errno = 0;
			if (v[0] == '-' || v[0] == '\0')
				return err(ps, "\"%s\" is not a seed (policy.seed expects an integer >= 0)", v);
			unsigned long long s = strtoull(v, &end, 10);
			if (*end != '\0' || errno == ERANGE)
				return err(ps, "\"%s\" is not a seed (policy.seed expects an integer >= 0)", v);
			e->seed = s;
			return 0;
		}
		if (strcmp(key, "stay_quirk") == 0)
			return get_bool(ps, sec, key, v, &e->stay_quirk);
		if (strcmp(key, "drr_power_on") == 0)
			return get_bool(ps, sec, key, v, &e->drr_power_on);
		break;
	case SEC_MIGRATION:
		if (strcmp(key, "model") == 0) {
			if (strcmp(v, "cloudsim") == 0)
				e->migration.precopy = false;
			else if (strcmp(v, "precopy") == 0)
				e->migration.precopy = true;
			else
				return err(ps, "\"%s\" is not a migration model (migration.model expects cloudsim "
					   "or precopy)", v);
			return 0;
		}
		if (strcmp(key, "dirty_pages_per_s") == 0)
			return get_double(ps, sec, key, v, 0, 1e12, false, "a number of pages per second >= 0",
					  &e->migration.dirty_pages_per_s);
		if (strcmp(key, "max_rounds") == 0 || strcmp(key, "stop_pages") == 0) {
			if (get_long(ps, sec, key, v, 1, key[0] == 'm' ? 64 : 100000000, "a positive integer "
				     "(max_rounds at most 64)", &n) != 0)
				return -1;
			if (key[0] == 'm')
				e->migration.max_rounds = (int)n;
			else
				e->migration.stop_pages = (int)n;
			return 0;
		}
		if (strcmp(key, "max_factor") == 0)
			return get_double(ps, sec, key, v, 1, 1e6, false, "a factor >= 1", &e->migration.max_factor);
		break;
	case SEC_PLACEMENT:
		if (strcmp(key, "interval_s") == 0 || strcmp(key, "window_s") == 0)
			return get_double(ps, sec, key, v, 0, 1e9, true, "a positive number of seconds",
					  key[0] == 'i' ? &e->placement.interval_s : &e->placement.window_s);
		if (strcmp(key, "mode") == 0) {
			if (strcmp(v, "past") == 0 || strcmp(v, "oracle") == 0)
				e->placement.oracle = v[0] == 'o';
			else
				return err(ps, "\"%s\" is not a window mode (placement.mode expects past or oracle)", v);
			return 0;
		}
		if (strcmp(key, "max_migrations") == 0 || strcmp(key, "population") == 0 ||
		    strcmp(key, "generations") == 0 || strcmp(key, "stagnation") == 0) {
			long long lo = strcmp(key, "population") == 0 ? 2 : strcmp(key, "max_migrations") == 0 ? 0 : 1;
			if (get_long(ps, sec, key, v, lo, 1000000, lo == 0 ? "an integer >= 0" : "a positive integer",
				     &n) != 0)
				return -1;
			int *dst = key[0] == 'm' ? &e->placement.max_migrations : key[0] == 'p' ? &e->placement.population
				   : key[0] == 'g' ? &e->placement.generations : &e->placement.stagnation;
			*dst = (int)n;
			return 0;
		}
		if (strcmp(key, "p_mutation") == 0)
			return get_double(ps, sec, key, v, 0, 1, false, "a probability from 0 to 1",
					  &e->placement.p_mutation);
		if (strcmp(key, "max_util") == 0)
			return get_double(ps, sec, key, v, 0, 1, true, "a utilization in (0, 1]", &e->placement.max_util);
		break;
	case SEC_FUZZY:
		if (strcmp(key, "max_moves") == 0) {
			if (get_long(ps, sec, key, v, 1, 1000, "a positive integer", &n) != 0)
				return -1;
			e->fuzzy.max_moves = (int)n;
			return 0;
		}
		{
			double *dst = strcmp(key, "overload") == 0 ? &e->fuzzy.overload
				      : strcmp(key, "memory_overload") == 0 ? &e->fuzzy.memory_overload
				      : strcmp(key, "underload") == 0 ? &e->fuzzy.underload
				      : strcmp(key, "memory_underload") == 0 ? &e->fuzzy.memory_underload : NULL;
			if (dst != NULL)
				return get_double(ps, sec, key, v, 0, 1, true, "a utilization in (0, 1]", dst);
		}
		break;
	case SEC_SECURITY:
		if (strcmp(key, "enabled") == 0)
			return get_bool(ps, sec, key, v, &e->security.enabled);
		if (strcmp(key, "protected_share") == 0)
			return get_double(ps, sec, key, v, 0, 1, false, "a share from 0 to 1",
					  &e->security.protected_share);
		if (strcmp(key, "cipher_bps") == 0 || strcmp(key, "hash_bps") == 0)
			return get_double(ps, sec, key, v, 0, 1e15, true, "a positive number of bytes per second",
					  key[0] == 'c' ? &e->security.cipher_bps : &e->security.hash_bps);
		if (strcmp(key, "cores") == 0) {
			if (get_long(ps, sec, key, v, 1, 1024, "a positive integer", &n) != 0)
				return -1;
			e->security.cores = (int)n;
			return 0;
		}
		if (strcmp(key, "expansion_bytes") == 0)
			return get_double(ps, sec, key, v, 0, 1e6, false, "a number of bytes >= 0",
					  &e->security.expansion_bytes);
		if (strcmp(key, "hash_bytes") == 0)
			return get_double(ps, sec, key, v, 0, 1e6, false, "a number of bytes >= 0",
					  &e->security.hash_bytes);
		if (strcmp(key, "meta_bytes") == 0)
			return get_double(ps, sec, key, v, 0, 1e6, false, "a number of bytes >= 0",
					  &e->security.meta_bytes);
		if (strcmp(key, "hash_mode") == 0) {
			if (strcmp(v, "full") == 0)
				e->security.hash_incremental = false;
			else if (strcmp(v, "incremental") == 0)
				e->security.hash_incremental = true;
			else
				return err(ps, "\"%s\" is not a hash mode (security.hash_mode expects full or "
					   "incremental)", v);
			return 0;
		}
		break;
	}
	return unknown_key(ps, k, sec, key);
}

static int on_pair(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *ps = user;
	ps->o.line = ps->line;
	if (section[0] == '\0') {
		err(ps, "key '%s' outside any section (expected a [section] first; valid: %s)", name,
		    VALID_SECTIONS);
		return 1;
	}
	set_value(ps, section, name, value);
	return 1; /* keep going: every bad line is reported */
}

/* ini_reader: one line at a time, counting them. */
static char *read_line(char *str, int num, void *stream)
{
	struct parse_state *ps = stream;
	char *r = fgets(str, num, ps->f);
	if (r != NULL)
		ps->line++;
	return r;
}

int config_load(struct experiment *e, const char *path, struct diag *d)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return diag_add(d, path, 0, 0, "cannot open: %s", strerror(errno));
	struct parse_state ps = { .e = e, .d = d, .f = f };
	ps.o.file = path;
	char dir[CONFIG_PATH_LEN];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	ps.o.dir = dir;
	snprintf(e->file, sizeof e->file, "%s", path);
	int rc = ini_parse_stream(read_line, &ps, on_pair, &ps);
	bool read_error = ferror(f) != 0;
	fclose(f);
	if (read_error)
		return diag_add(d, path, 0, 0, "read error");
	if (rc > 0) {
		/* inih reports the first line it could not parse (not a section, not key = value). */
		ps.errors++;
		diag_add(d, path, rc, 0, "syntax error (expected [section], key = value or a ; comment; "
			 "lines are limited to 200 characters)");
	}
	return ps.errors > 0 ? -1 : 0;
}

int config_set(struct experiment *e, const char *assignment, struct diag *d)
{
	struct parse_state ps = { .e = e, .d = d };
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
	return set_value(&ps, lhs, dot + 1, eq + 1) == 0 && ps.errors == 0 ? 0 : -1;
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
