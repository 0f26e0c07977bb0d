/*
 * view: the read-only side of the public policy interface (<greenmig/policy.h>): what a policy
 * may know of its run and of the datacenter. Each function reads the engine's own state (no
 * copies), so a plugin sees exactly what a built-in policy sees, tentative changes of the step
 * included. The actions (gm_migrate, ...) are the engine's (consolidation).
 */
#include <greenmig/policy.h>

#include "config.h"
#include "ctx.h"
#include "datacenter.h"
#include "detect.h"
#include "power.h"
#include "rng.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int gm_api_version(void)
{
	return GREENMIG_API_VERSION;
}

/* ---- The run ---- */

const gm_datacenter *gm_ctx_datacenter(const gm_ctx *ctx)
{
	return gm_dc_of(ctx->dc);
}

double gm_ctx_param(const gm_ctx *ctx, int i)
{
	return i >= 0 && i < ctx->n_params ? ctx->param[i] : NAN;
}

int gm_ctx_param_count(const gm_ctx *ctx)
{
	return ctx->n_params;
}

void *gm_ctx_state(const gm_ctx *ctx)
{
	return ctx->state;
}

double gm_ctx_now(const gm_ctx *ctx)
{
	return ctx->now;
}

double gm_ctx_interval(const gm_ctx *ctx)
{
	return ctx->interval_s;
}

double gm_ctx_random(gm_ctx *ctx)
{
	return rng_uniform(ctx->rng);
}

int gm_ctx_setting(const gm_ctx *ctx, const char *section_key, char *buf, size_t n)
{
	return config_get(ctx->e, section_key, buf, n);
}

double gm_ctx_setting_number(const gm_ctx *ctx, const char *section_key)
{
	char buf[CONFIG_PATH_LEN];
	if (config_get(ctx->e, section_key, buf, sizeof buf) != 0 || buf[0] == '\0')
		return NAN;
	char *end;
	double x = strtod(buf, &end);
	return *end == '\0' ? x : NAN;
}

void gm_ctx_fail(gm_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ctx_vfail(ctx, fmt, ap);
	va_end(ap);
}

const char *gm_ctx_error(const gm_ctx *ctx)
{
	return ctx->error;
}

bool gm_host_is_held_off(const gm_ctx *ctx, int host)
{
	return ctx->held_off != NULL && host >= 0 && host < ctx->dc->n_hosts && ctx->held_off[host];
}

/* ---- The datacenter ---- */

int gm_dc_host_count(const gm_datacenter *dc)
{
	return ctx_dc(dc)->n_hosts;
}

int gm_dc_vm_count(const gm_datacenter *dc)
{
	return ctx_dc(dc)->n_vms;
}

const gm_host *gm_dc_host(const gm_datacenter *dc, int id)
{
	const struct datacenter *d = ctx_dc(dc);
	return id >= 0 && id < d->n_hosts ? gm_host_of(&d->hosts[id]) : NULL;
}

const gm_vm *gm_dc_vm(const gm_datacenter *dc, int id)
{
	const struct datacenter *d = ctx_dc(dc);
	return id >= 0 && id < d->n_vms ? gm_vm_of(&d->vms[id]) : NULL;
}

/* ---- Hosts ---- */

int gm_host_id(const gm_host *h)
{
	return ctx_host(h)->id;
}

int gm_host_pes(const gm_host *h)
{
	return ctx_host(h)->pes;
}

double gm_host_pe_mips(const gm_host *h)
{
	return ctx_host(h)->pe_mips;
}

double gm_host_total_mips(const gm_host *h)
{
	return ctx_host(h)->total_mips;
}

long gm_host_ram_mb(const gm_host *h)
{
	return ctx_host(h)->ram_mb;
}

long gm_host_ram_free_mb(const gm_host *h)
{
	return ctx_host(h)->ram_free;
}

long gm_host_bw(const gm_host *h)
{
	return ctx_host(h)->bw;
}

double gm_host_available_mips(const gm_host *h)
{
	return ctx_host(h)->available_mips;
}

double gm_host_utilization(const gm_host *h)
{
	return host_utilization(ctx_host(h));
}

double gm_host_utilization_mips(const gm_host *h)
{
	return ctx_host(h)->utilization_mips;
}

double gm_host_requested_mips(const gm_datacenter *dc, const gm_host *h)
{
	const struct datacenter *d = ctx_dc(dc);
	const struct host *host = ctx_host(h);
	double total = 0; /* list order: the detectors' sum, to the bit */
	for (int i = 0; i < host->n_slots; i++)
		total += vm_req_total(&d->vms[host->slots[i].vm]);
	return total;
}

int gm_host_history(const gm_datacenter *dc, const gm_host *h, double out[GM_HISTORY_LEN])
{
	return (int)detect_host_history(ctx_dc(dc), ctx_host(h), out);
}

double gm_host_power(const gm_host *h, double utilization)
{
	if (!(utilization >= 0) || utilization > 1)
		return NAN;
	return power_watts(&ctx_host(h)->power, utilization);
}

int gm_host_vm_count(const gm_host *h)
{
	return ctx_host(h)->n_slots;
}

const gm_vm *gm_host_vm(const gm_datacenter *dc, const gm_host *h, int i)
{
	const struct host *host = ctx_host(h);
	if (i < 0 || i >= host->n_slots)
		return NULL;
	return gm_vm_of(&ctx_dc(dc)->vms[host->slots[i].vm]);
}

int gm_host_migrating_in(const gm_host *h)
{
	return ctx_host(h)->vms_migrating_in.n;
}

bool gm_host_is_suitable(const gm_datacenter *dc, const gm_host *h, const gm_vm *vm)
{
	return host_is_suitable(ctx_dc(dc), ctx_host(h), ctx_vm(vm));
}

/* ---- VMs ---- */

int gm_vm_id(const gm_vm *vm)
{
	return ctx_vm(vm)->id;
}

int gm_vm_host(const gm_vm *vm)
{
	return ctx_vm(vm)->host;
}

double gm_vm_mips(const gm_vm *vm)
{
	return ctx_vm(vm)->mips;
}

int gm_vm_pes(const gm_vm *vm)
{
	return ctx_vm(vm)->pes;
}

long gm_vm_ram_mb(const gm_vm *vm)
{
	return ctx_vm(vm)->ram_mb;
}

long gm_vm_bw(const gm_vm *vm)
{
	return ctx_vm(vm)->bw;
}

double gm_vm_requested_mips(const gm_vm *vm)
{
	return vm_req_total(ctx_vm(vm));
}

double gm_vm_allocated_mips(const gm_datacenter *dc, const gm_vm *vm)
{
	const struct vm *v = ctx_vm(vm);
	if (v->host < 0)
		return 0;
	const struct host *h = &ctx_dc(dc)->hosts[v->host];
	return host_alloc_total(h, host_find_slot(h, v->id));
}

const double *gm_vm_history(const gm_vm *vm, int *n)
{
	const struct vm *v = ctx_vm(vm);
	if (n != NULL)
		*n = v->history_len;
	return vm_history(v);
}

bool gm_vm_migrating(const gm_vm *vm)
{
	return ctx_vm(vm)->in_migration;
}

double gm_vm_utilization_at(const gm_vm *vm, double t)
{
	const struct vm *v = ctx_vm(vm);
	/* a run over several days holds only some days' samples (doc/memory.md#runs-over-several-days) */
	if (v->util_rows != 0 && v->util_rows < v->n_util && t >= 0 && v->interval_s > 0 &&
	    (!vm_sample_held(v, (size_t)floor(t / v->interval_s)) ||
	     !vm_sample_held(v, (size_t)ceil(t / v->interval_s))))
		return NAN;
	return vm_utilization(v, t);
}

int gm_vm_trace_length(const gm_vm *vm)
{
	/* the engine keeps one more: a copy of the last sample, which CloudSim's in-memory
	 * utilization model appends for the interpolation at the end of the run */
	return (int)ctx_vm(vm)->n_util - 1;
}

double gm_vm_trace_interval(const gm_vm *vm)
{
	return ctx_vm(vm)->interval_s;
}

double gm_vm_trace_sample(const gm_vm *vm, int k)
{
	const struct vm *v = ctx_vm(vm);
	if (k < 0 || (size_t)k + 1 >= v->n_util || !vm_sample_held(v, (size_t)k))
		return NAN;
	return *vm_sample(v, (size_t)k);
}

bool gm_vm_placed(const gm_vm *vm)
{
	const struct vm *v = ctx_vm(vm);
	return v->placed && !v->removed;
}
