/*
 * plugin: loading policy plugins (dlopen) and the registry of policies that are not built in.
 * The list is append-only and guarded by one mutex: sweeps load and look up from every worker.
 * A file is identified by its device and inode, so "./p.so" and "/abs/p.so" are one plugin.
 */
#include "plugin.h"

#include "config.h"
#include "policy.h"

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PLUGIN_MAX 64

struct entry {
	const struct gm_policy *policy;
	char origin[1024];
	dev_t dev;
	ino_t ino;
	bool file;
};

static struct entry entries[PLUGIN_MAX];
static int n_entries;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

bool plugin_is_path(const char *s)
{
	return config_policy_is_plugin(s);
}

static bool name_ok(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) >= 64)
		return false;
	for (const char *c = s; *c != '\0'; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-' && *c != '+')
			return false;
	return true;
}

int plugin_check(const struct gm_policy *p, char *msg, size_t n)
{
	if (p->api_version != GREENMIG_API_VERSION) {
		snprintf(msg, n, "built for greenmig API version %d; this greenmig has version %d "
			 "(rebuild the plugin against this greenmig's headers)", p->api_version,
			 GREENMIG_API_VERSION);
		return -1;
	}
	if (!name_ok(p->name)) {
		snprintf(msg, n, "the policy's name \"%s\" is not a name (1-63 letters, digits, '_', '-', '+')",
			 p->name != NULL ? p->name : "(null)");
		return -1;
	}
	if (p->summary == NULL || *p->summary == '\0') {
		snprintf(msg, n, "policy %s has no summary", p->name);
		return -1;
	}
	if ((p->engines & GM_ENGINE_CLOUDSIM3) == 0 && (p->engines & GM_ENGINE_2010) == 0) {
		snprintf(msg, n, "policy %s runs on no engine (engines is 0)", p->name);
		return -1;
	}
	if ((p->engines & GM_ENGINE_2010) != 0 && p->optimize2010 == NULL && p->migrations) {
		snprintf(msg, n, "policy %s claims the 2010 model but has no optimize2010 hook", p->name);
		return -1;
	}
	if ((p->engines & ~(GM_ENGINE_CLOUDSIM3 | GM_ENGINE_2010)) != 0) {
		snprintf(msg, n, "policy %s: engines has bits of no engine", p->name);
		return -1;
	}
	if (p->energy != GM_ENERGY_UTILIZATION && p->energy != GM_ENERGY_MAX_POWER) {
		snprintf(msg, n, "policy %s: energy is not GM_ENERGY_UTILIZATION or GM_ENERGY_MAX_POWER", p->name);
		return -1;
	}
	if (p->n_params < 0 || p->n_params > GM_MAX_PARAMS) {
		snprintf(msg, n, "policy %s: n_params %d is not 0-%d", p->name, p->n_params, GM_MAX_PARAMS);
		return -1;
	}
	if (p->n_params > 0 && !(p->param_min <= p->param_max)) {
		snprintf(msg, n, "policy %s: its parameter range [%g, %g] is empty", p->name, p->param_min,
			 p->param_max);
		return -1;
	}
	if (p->n_params > 0 && p->param_help == NULL) {
		snprintf(msg, n, "policy %s takes parameters but has no param_help", p->name);
		return -1;
	}
	if (p->migrations && (p->engines & GM_ENGINE_CLOUDSIM3) != 0 && p->optimize == NULL &&
	    p->overloaded == NULL) {
		snprintf(msg, n, "policy %s migrates but has neither an optimize nor an overloaded hook", p->name);
		return -1;
	}
	if (!p->migrations && (p->optimize != NULL || p->overloaded != NULL || p->select != NULL ||
			       p->target != NULL)) {
		snprintf(msg, n, "policy %s has consolidation hooks but migrations = false", p->name);
		return -1;
	}
	if (p->destroy != NULL && p->create == NULL) {
		snprintf(msg, n, "policy %s has destroy but no create", p->name);
		return -1;
	}
	if (p->default_param != NULL || p->n_params > 0) {
		double v[GM_MAX_PARAMS];
		char why[512];
		if (policy_params(p, p->default_param, v, why, sizeof why) < 0) {
			snprintf(msg, n, "its default parameter is not valid: %s", why);
			return -1;
		}
	}
	return 0;
}

/* Registers p (checked) unless its name is taken; the lock is held. */
static int add_locked(const struct gm_policy *p, const char *origin, const struct stat *st, char *msg,
		      size_t n)
{
	if (p->engines != GM_ENGINE_CLOUDSIM3) {
		snprintf(msg, n, "policy %s: engines must be GM_ENGINE_CLOUDSIM3: the 2010 model is not "
			 "open to plugins in API version %d", p->name, GREENMIG_API_VERSION);
		return -1;
	}
	if (policy_builtin(p->name) != NULL) {
		snprintf(msg, n, "policy name \"%s\" is taken by a built-in policy (greenmig policies "
			 "lists them): rename the plugin's policy", p->name);
		return -1;
	}
	for (int i = 0; i < n_entries; i++)
		if (strcmp(entries[i].policy->name, p->name) == 0) {
			snprintf(msg, n, "policy name \"%s\" is taken by %s", p->name, entries[i].origin);
			return -1;
		}
	if (n_entries == PLUGIN_MAX) {
		snprintf(msg, n, "more than %d policies registered", PLUGIN_MAX);
		return -1;
	}
	struct entry *e = &entries[n_entries];
	e->policy = p;
	snprintf(e->origin, sizeof e->origin, "%s", origin);
	e->file = st != NULL;
	if (st != NULL) {
		e->dev = st->st_dev;
		e->ino = st->st_ino;
	}
	n_entries++;
	return 0;
}

int plugin_register(const struct gm_policy *p, const char *origin, char *msg, size_t n)
{
	if (p == NULL) {
		snprintf(msg, n, "%s: no policy", origin);
		return -1;
	}
	char why[768];
	if (plugin_check(p, why, sizeof why) != 0) {
		snprintf(msg, n, "%s: %s", origin, why);
		return -1;
	}
	pthread_mutex_lock(&lock);
	int rc = add_locked(p, origin, NULL, why, sizeof why);
	pthread_mutex_unlock(&lock);
	if (rc != 0)
		snprintf(msg, n, "%s: %s", origin, why);
	return rc;
}

/* dlerror's text without the path it repeats ("PATH: invalid ELF header" -> "invalid ELF
 * header"). */
static const char *dl_reason(const char *path, const char *err)
{
	if (err == NULL)
		return "unknown error";
	size_t k = strlen(path);
	if (strncmp(err, path, k) == 0 && strncmp(err + k, ": ", 2) == 0)
		return err + k + 2;
	return err;
}

int plugin_load(const char *path, const struct gm_policy **out, char *msg, size_t n)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(msg, n, "%s: %s (a policy plugin is a shared object built against <greenmig/policy.h>)",
			 path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(msg, n, "%s: not a regular file (a policy plugin is a shared object)", path);
		return -1;
	}
	pthread_mutex_lock(&lock);
	for (int i = 0; i < n_entries; i++)
		if (entries[i].file && entries[i].dev == st.st_dev && entries[i].ino == st.st_ino) {
			*out = entries[i].policy;
			pthread_mutex_unlock(&lock);
			return 0;
		}
	/* a relative path without a slash would be searched in the library path: never */
	char full[4096];
	if (strchr(path, '/') == NULL)
		snprintf(full, sizeof full, "./%s", path);
	else
		snprintf(full, sizeof full, "%s", path);
	int rc = -1;
	void *h = dlopen(full, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		snprintf(msg, n, "%s: not a loadable shared object: %s", path, dl_reason(full, dlerror()));
		goto out;
	}
	dlerror();
	gm_policy_entry_fn entry;
	*(void **)&entry = dlsym(h, GM_POLICY_ENTRY);
	if (entry == NULL) {
		snprintf(msg, n, "%s: no function %s: not a greenmig policy plugin (see doc/policy-api.md)",
			 path, GM_POLICY_ENTRY);
		dlclose(h);
		goto out;
	}
	const struct gm_policy *p = entry();
	char why[768];
	if (p == NULL) {
		snprintf(msg, n, "%s: %s returned no policy", path, GM_POLICY_ENTRY);
		dlclose(h);
		goto out;
	}
	if (plugin_check(p, why, sizeof why) != 0 || add_locked(p, path, &st, why, sizeof why) != 0) {
		snprintf(msg, n, "%s: %s", path, why);
		dlclose(h);
		goto out;
	}
	*out = p; /* the handle stays open for the life of the process */
	rc = 0;
out:
	pthread_mutex_unlock(&lock);
	return rc;
}

const struct gm_policy *plugin_find(const char *name)
{
	const struct gm_policy *p = policy_builtin(name);
	if (p != NULL)
		return p;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < n_entries && p == NULL; i++)
		if (strcmp(entries[i].policy->name, name) == 0)
			p = entries[i].policy;
	pthread_mutex_unlock(&lock);
	return p;
}

int plugin_count(void)
{
	pthread_mutex_lock(&lock);
	int k = n_entries;
	pthread_mutex_unlock(&lock);
	return k;
}

const struct gm_policy *plugin_at(int i, const char **origin)
{
	const struct gm_policy *p = NULL;
	pthread_mutex_lock(&lock);
	if (i >= 0 && i < n_entries) {
		p = entries[i].policy;
		if (origin != NULL)
			*origin = entries[i].origin;
	}
	pthread_mutex_unlock(&lock);
	return p;
}

/*
 * The public policy API (view.c, step.c): nothing in the program calls most of it, so a static
 * greenmig would leave it out; this table keeps it in, where plugins find it (the program is
 * linked with -export-dynamic). tests/plugins.sh checks that the program exports every function
 * <greenmig/policy.h> declares.
 */
typedef void (*api_fn)(void);
const api_fn plugin_api[] = {
	(api_fn)gm_api_version,
	(api_fn)gm_best_fit,
	(api_fn)gm_ctx_datacenter,
	(api_fn)gm_ctx_error,
	(api_fn)gm_ctx_fail,
	(api_fn)gm_ctx_interval,
	(api_fn)gm_ctx_now,
	(api_fn)gm_ctx_param,
	(api_fn)gm_ctx_param_count,
	(api_fn)gm_ctx_random,
	(api_fn)gm_ctx_setting,
	(api_fn)gm_ctx_setting_number,
	(api_fn)gm_ctx_state,
	(api_fn)gm_dc_host,
	(api_fn)gm_dc_host_count,
	(api_fn)gm_dc_vm,
	(api_fn)gm_dc_vm_count,
	(api_fn)gm_first_fit,
	(api_fn)gm_host_available_mips,
	(api_fn)gm_host_bw,
	(api_fn)gm_host_history,
	(api_fn)gm_host_id,
	(api_fn)gm_host_is_held_off,
	(api_fn)gm_host_is_suitable,
	(api_fn)gm_host_migrating_in,
	(api_fn)gm_host_pe_mips,
	(api_fn)gm_host_pes,
	(api_fn)gm_host_power,
	(api_fn)gm_host_ram_free_mb,
	(api_fn)gm_host_ram_mb,
	(api_fn)gm_host_requested_mips,
	(api_fn)gm_host_total_mips,
	(api_fn)gm_host_utilization,
	(api_fn)gm_host_utilization_mips,
	(api_fn)gm_host_vm,
	(api_fn)gm_host_vm_count,
	(api_fn)gm_migrate,
	(api_fn)gm_move_tentatively,
	(api_fn)gm_switch_off,
	(api_fn)gm_switch_on,
	(api_fn)gm_vm_allocated_mips,
	(api_fn)gm_vm_bw,
	(api_fn)gm_vm_history,
	(api_fn)gm_vm_host,
	(api_fn)gm_vm_id,
	(api_fn)gm_vm_migrating,
	(api_fn)gm_vm_mips,
	(api_fn)gm_vm_pes,
	(api_fn)gm_vm_placed,
	(api_fn)gm_vm_utilization_at,
	(api_fn)gm_vm_trace_length,
	(api_fn)gm_vm_trace_interval,
	(api_fn)gm_vm_trace_sample,
	(api_fn)gm_vm_ram_mb,
	(api_fn)gm_vm_requested_mips,
};
