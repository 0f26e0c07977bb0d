/*
 * ctx: the inside of the public policy interface's gm_ctx (<greenmig/policy.h>): one run of one
 * policy on CloudSim 3.0.3's engine, as its hooks see it. The built-in policies read these fields
 * directly; plugins go through the gm_ctx_* functions (view.c). The engine owns it (sim.c creates
 * it, the consolidation runs the step's hooks on it, step.c has the actions).
 *
 * The public handles gm_datacenter, gm_host and gm_vm are the engine's struct datacenter, host
 * and vm under other names: the converters below are the only casts between them (the 2010
 * model's are in model2010.h).
 */
#ifndef GREENMIG_CTX_H
#define GREENMIG_CTX_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <greenmig/policy.h>

#include "config.h"
#include "datacenter.h"
#include "rng.h"

struct consolidation;
struct selection;

#define CTX_MSG_LEN 512

struct gm_ctx {
	const struct gm_policy *policy;
	struct datacenter *dc;
	const struct experiment *e;
	double param[GM_MAX_PARAMS];  /* the policy's parameters (e->params) */
	int n_params;
	double interval_s;            /* the scheduling interval */
	double now;
	struct rng *rng;
	void *state;                  /* what policy->create returned */
	const struct selection *selection; /* --selection (for policies without select) */
	struct consolidation *cons;   /* the step's machinery (NULL for policies without migrations) */
	bool in_optimize;             /* optimize is running: gm_migrate and friends are allowed */
	bool in_target;               /* target is running (in the step: tentative moves allowed) */
	bool in_place;                /* place is running (gm_best_fit, gm_first_fit) */
	unsigned char *held_off;      /* per host: gm_switch_off (NULL until the first) */
	int n_held_off;
	/* [power] states: per host, 1 if it is off or shutting down; a placement takes such a host
	 * only when no other can take the VM (NULL or n_avoid 0: none, as without power states) */
	unsigned char *avoid;
	int n_avoid;
	/* The stepping API (api_sim.c, sim_set_agent): agent, sim_step stops at each scheduling
	 * step before the policy decides (its optimize hook or CloudSim's loop) and returns
	 * SIM_STOPPED, with gm_migrate and friends allowed until sim_resume; agent_alone, the policy
	 * decides nothing at a step (the wrapper of a policy without migrations). Both false in
	 * every run but a gm_simulation's. */
	bool agent, agent_alone;
	bool failed;                  /* gm_ctx_fail was called: the run ends with fail_msg */
	char fail_msg[CTX_MSG_LEN];
	char error[CTX_MSG_LEN];      /* gm_ctx_error: the last refused action */
};

static inline const struct host *ctx_host(const gm_host *h)
{
	return (const struct host *)(const void *)h;
}
static inline const gm_host *gm_host_of(const struct host *h)
{
	return (const gm_host *)(const void *)h;
}
static inline const struct vm *ctx_vm(const gm_vm *v)
{
	return (const struct vm *)(const void *)v;
}
static inline const gm_vm *gm_vm_of(const struct vm *v)
{
	return (const gm_vm *)(const void *)v;
}
static inline const struct datacenter *ctx_dc(const gm_datacenter *d)
{
	return (const struct datacenter *)(const void *)d;
}
static inline const gm_datacenter *gm_dc_of(const struct datacenter *d)
{
	return (const gm_datacenter *)(const void *)d;
}

/* The hosts' and VMs' counts as allocation sizes (at least 1: calloc of 0 may give NULL). */
static inline size_t ctx_hosts_size(const struct gm_ctx *c)
{
	return (size_t)(c->dc->n_hosts > 0 ? c->dc->n_hosts : 1);
}
static inline size_t ctx_vms_size(const struct gm_ctx *c)
{
	return (size_t)(c->dc->n_vms > 0 ? c->dc->n_vms : 1);
}

/* Records an error that ends the run (gm_ctx_fail's work; also for the engine). */
void ctx_vfail(struct gm_ctx *c, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void ctx_fail(struct gm_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets gm_ctx_error's message and returns -1 (refused actions). */
int ctx_refuse(struct gm_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
