"""Builds greenmig's Python extension (cffi, API mode): greenmig/_greenmig*.so over libgreenmig.so.

Run by `make` (and `make install`) with the interpreter configure found:

    python3 build_ffi.py --include SRCDIR/include --libdir BUILDDIR/src/.libs \
        --rpath DIR --out PKGDIR --tmp TMPDIR

It writes only under --tmp (the generated C file and objects) and --out (the module), so a
read-only source tree builds (make distcheck). --rpath is where the module finds
libgreenmig.so at run time: the build tree's src/.libs, or the installed libdir.
"""
import argparse
import glob
import os
import shutil
import sys

import cffi

# The public API (include/greenmig/*.h) as cffi reads it: no preprocessor, no attributes.
CDEF = r"""
typedef struct gm_ctx gm_ctx;
typedef struct gm_datacenter gm_datacenter;
typedef struct gm_host gm_host;
typedef struct gm_vm gm_vm;
typedef struct gm_model2010 gm_model2010;
enum gm_energy { GM_ENERGY_UTILIZATION, GM_ENERGY_MAX_POWER };
#define GM_ENGINE_CLOUDSIM3 1
#define GM_MAX_PARAMS 4
#define GM_HISTORY_LEN 30
#define GREENMIG_API_VERSION ...
struct gm_counts {
    long hosts_retired, hosts_evacuated, hosts_drained;
    long placement_invocations;
    double placement_hosts_sum;
    long placement_planned, placement_done, placement_infeasible;
};
struct gm_policy {
    int api_version;
    const char *name;
    const char *summary;
    const char *reproduces;
    int n_params;
    double param_min, param_max;
    bool params_increasing;
    const char *param_help;
    const char *default_param;
    unsigned engines;
    enum gm_energy energy;
    bool migrations;
    void *(*create)(gm_ctx *ctx);
    void (*destroy)(void *state);
    int (*place)(gm_ctx *ctx, const gm_vm *vm);
    bool (*overloaded)(const gm_ctx *ctx, const gm_host *h, double *metric);
    int (*overloaded_bound)(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm);
    int (*select)(gm_ctx *ctx, const gm_host *h);
    int (*target)(gm_ctx *ctx, const gm_vm *vm, const unsigned char *excluded);
    int (*optimize)(gm_ctx *ctx);
    void (*vm_left)(gm_ctx *ctx, int host);
    void (*counts)(const gm_ctx *ctx, struct gm_counts *out);
    int (*place2010)(gm_model2010 *m, int vm);
    int (*optimize2010)(gm_model2010 *m);
};
const gm_datacenter *gm_ctx_datacenter(const gm_ctx *ctx);
double gm_ctx_param(const gm_ctx *ctx, int i);
int gm_ctx_param_count(const gm_ctx *ctx);
void *gm_ctx_state(const gm_ctx *ctx);
double gm_ctx_now(const gm_ctx *ctx);
double gm_ctx_interval(const gm_ctx *ctx);
double gm_ctx_random(gm_ctx *ctx);
int gm_ctx_setting(const gm_ctx *ctx, const char *section_key, char *buf, size_t n);
double gm_ctx_setting_number(const gm_ctx *ctx, const char *section_key);
void gm_ctx_fail(gm_ctx *ctx, const char *fmt, ...);
int gm_dc_host_count(const gm_datacenter *dc);
int gm_dc_vm_count(const gm_datacenter *dc);
const gm_host *gm_dc_host(const gm_datacenter *dc, int id);
const gm_vm *gm_dc_vm(const gm_datacenter *dc, int id);
int gm_host_id(const gm_host *h);
int gm_host_pes(const gm_host *h);
double gm_host_pe_mips(const gm_host *h);
double gm_host_total_mips(const gm_host *h);
long gm_host_ram_mb(const gm_host *h);
long gm_host_ram_free_mb(const gm_host *h);
long gm_host_bw(const gm_host *h);
double gm_host_available_mips(const gm_host *h);
double gm_host_utilization(const gm_host *h);
double gm_host_utilization_mips(const gm_host *h);
double gm_host_requested_mips(const gm_datacenter *dc, const gm_host *h);
int gm_host_history(const gm_datacenter *dc, const gm_host *h, double out[30]);
double gm_host_power(const gm_host *h, double utilization);
int gm_host_vm_count(const gm_host *h);
const gm_vm *gm_host_vm(const gm_datacenter *dc, const gm_host *h, int i);
int gm_host_migrating_in(const gm_host *h);
bool gm_host_is_suitable(const gm_datacenter *dc, const gm_host *h, const gm_vm *vm);
bool gm_host_is_held_off(const gm_ctx *ctx, int host);
int gm_vm_id(const gm_vm *vm);
int gm_vm_host(const gm_vm *vm);
double gm_vm_mips(const gm_vm *vm);
int gm_vm_pes(const gm_vm *vm);
long gm_vm_ram_mb(const gm_vm *vm);
long gm_vm_bw(const gm_vm *vm);
double gm_vm_requested_mips(const gm_vm *vm);
double gm_vm_allocated_mips(const gm_datacenter *dc, const gm_vm *vm);
const double *gm_vm_history(const gm_vm *vm, int *n);
bool gm_vm_migrating(const gm_vm *vm);
double gm_vm_utilization_at(const gm_vm *vm, double t);
int gm_vm_trace_length(const gm_vm *vm);
double gm_vm_trace_interval(const gm_vm *vm);
double gm_vm_trace_sample(const gm_vm *vm, int k);
bool gm_vm_placed(const gm_vm *vm);
int gm_migrate(gm_ctx *ctx, int vm, int host);
int gm_move_tentatively(gm_ctx *ctx, int vm, int host);
int gm_best_fit(gm_ctx *ctx, const gm_vm *vm, const unsigned char *excluded);
int gm_first_fit(gm_ctx *ctx, const gm_vm *vm);
int gm_switch_off(gm_ctx *ctx, int host);
int gm_switch_on(gm_ctx *ctx, int host);
const char *gm_ctx_error(const gm_ctx *ctx);

typedef struct gm_experiment gm_experiment;
typedef struct gm_result gm_result;
gm_experiment *gm_experiment_load(const char *path, char *err, size_t n);
int gm_experiment_set(gm_experiment *e, const char *name, const char *value, char *err, size_t n);
void gm_experiment_free(gm_experiment *e);
gm_result *gm_run(const gm_experiment *e, char *err, size_t n);
int gm_result_columns(const gm_result *r);
const char *gm_result_column(const gm_result *r, int i);
const char *gm_result_text(const gm_result *r, const char *column);
double gm_result_value(const gm_result *r, const char *column);
struct gm_timeline_row {
    double t_s;
    int active_hosts;
    double power_w;
    int overloaded_hosts;
    int migrations_started;
    double energy_kwh;
};
int gm_result_timeline_rows(const gm_result *r);
int gm_result_timeline(const gm_result *r, int i, struct gm_timeline_row *out);
void gm_result_free(gm_result *r);
char *gm_sweep(const char *path, const char *const *sets, int n_sets, const char *const *vary, int n_vary,
               int jobs, void (*progress)(void *ctx, long done, long total), void *ctx, char *err, size_t n);
int gm_policy_load(const char *path, char *err, size_t n);
int gm_policy_register(const struct gm_policy *p, char *err, size_t n);
void free(void *p);

typedef struct gm_simulation gm_simulation;
gm_simulation *gm_sim_create(const gm_experiment *e, const char *policy, char *err, size_t n);
int gm_sim_step(gm_simulation *s, char *err, size_t n);
double gm_sim_time(const gm_simulation *s);
bool gm_sim_done(const gm_simulation *s);
int gm_sim_host_count(const gm_simulation *s);
int gm_sim_vm_count(const gm_simulation *s);
long gm_sim_steps(const gm_simulation *s);
struct gm_sim_hosts {
    int *state;
    double *utilization;
    double *requested_mips;
    double *allocated_mips;
    double *power_w;
    long *ram_used_mb;
};
void gm_sim_hosts_observe(const gm_simulation *s, const struct gm_sim_hosts *out);
struct gm_sim_vms {
    int *host;
    double *requested_mips;
    double *allocated_mips;
    long *ram_mb;
    unsigned char *migrating;
};
void gm_sim_vms_observe(const gm_simulation *s, const struct gm_sim_vms *out);
struct gm_sim_step_info {
    double t_s;
    double energy_kwh;
    double energy_total_kwh;
    double requested_mips;
    double unmet_mips;
    int saturated_hosts;
    int active_hosts;
    long migrations_started;
    long migrations_total;
};
void gm_sim_info(const gm_simulation *s, struct gm_sim_step_info *out);
int gm_sim_migrate(gm_simulation *s, int vm, int host, char *err, size_t n);
int gm_sim_switch_off(gm_simulation *s, int host, char *err, size_t n);
int gm_sim_switch_on(gm_simulation *s, int host, char *err, size_t n);
gm_result *gm_sim_finish(gm_simulation *s, char *err, size_t n);
void gm_sim_free(gm_simulation *s);

/* Python policies (greenmig.Policy): the hooks call back into Python. */
#define GMPY_SLOTS 32
typedef void *(*gmpy_create_fn)(gm_ctx *ctx);
gmpy_create_fn gmpy_create_for(int slot);
extern "Python" void *gmpy_create(int slot, gm_ctx *ctx);
extern "Python" void gmpy_destroy(void *state);
extern "Python" int gmpy_place(gm_ctx *ctx, const gm_vm *vm);
extern "Python" bool gmpy_overloaded(const gm_ctx *ctx, const gm_host *h, double *metric);
extern "Python" int gmpy_overloaded_bound(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm);
extern "Python" int gmpy_select(gm_ctx *ctx, const gm_host *h);
extern "Python" int gmpy_target(gm_ctx *ctx, const gm_vm *vm, const unsigned char *excluded);
extern "Python" int gmpy_optimize(gm_ctx *ctx);
extern "Python" void gmpy_vm_left(gm_ctx *ctx, int host);
extern "Python" void gmpy_counts(const gm_ctx *ctx, struct gm_counts *out);
extern "Python" void gmpy_progress(void *ctx, long done, long total);
"""

SOURCE = r"""
#include <stdlib.h>
#include <greenmig/greenmig.h>

#define GMPY_SLOTS 32
typedef void *(*gmpy_create_fn)(gm_ctx *ctx);
static void *gmpy_create(int slot, gm_ctx *ctx);
#define GMPY_T(k) static void *gmpy_create_##k(gm_ctx *c) { return gmpy_create(k, c); }
GMPY_T(0) GMPY_T(1) GMPY_T(2) GMPY_T(3) GMPY_T(4) GMPY_T(5) GMPY_T(6) GMPY_T(7)
GMPY_T(8) GMPY_T(9) GMPY_T(10) GMPY_T(11) GMPY_T(12) GMPY_T(13) GMPY_T(14) GMPY_T(15)
GMPY_T(16) GMPY_T(17) GMPY_T(18) GMPY_T(19) GMPY_T(20) GMPY_T(21) GMPY_T(22) GMPY_T(23)
GMPY_T(24) GMPY_T(25) GMPY_T(26) GMPY_T(27) GMPY_T(28) GMPY_T(29) GMPY_T(30) GMPY_T(31)
static const gmpy_create_fn gmpy_creates[GMPY_SLOTS] = {
    gmpy_create_0, gmpy_create_1, gmpy_create_2, gmpy_create_3, gmpy_create_4, gmpy_create_5,
    gmpy_create_6, gmpy_create_7, gmpy_create_8, gmpy_create_9, gmpy_create_10, gmpy_create_11,
    gmpy_create_12, gmpy_create_13, gmpy_create_14, gmpy_create_15, gmpy_create_16,
    gmpy_create_17, gmpy_create_18, gmpy_create_19, gmpy_create_20, gmpy_create_21,
    gmpy_create_22, gmpy_create_23, gmpy_create_24, gmpy_create_25, gmpy_create_26,
    gmpy_create_27, gmpy_create_28, gmpy_create_29, gmpy_create_30, gmpy_create_31,
};
static gmpy_create_fn gmpy_create_for(int slot)
{
    return slot >= 0 && slot < GMPY_SLOTS ? gmpy_creates[slot] : NULL;
}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--include", required=True, help="the folder holding greenmig/*.h")
    ap.add_argument("--libdir", required=True, help="the folder holding libgreenmig.so")
    ap.add_argument("--rpath", required=True, help="where the module finds libgreenmig.so")
    ap.add_argument("--out", required=True, help="the package folder the module goes into")
    ap.add_argument("--tmp", required=True, help="a scratch folder for the C file and objects")
    a = ap.parse_args()
    ffi = cffi.FFI()
    ffi.cdef(CDEF)
    ffi.set_source("greenmig._greenmig", SOURCE, include_dirs=[os.path.abspath(a.include)],
                   library_dirs=[os.path.abspath(a.libdir)],
                   libraries=["greenmig"], extra_link_args=["-Wl,-rpath," + a.rpath])
    os.makedirs(a.tmp, exist_ok=True)
    so = ffi.compile(tmpdir=os.path.abspath(a.tmp), verbose=False)
    os.makedirs(a.out, exist_ok=True)
    for old in glob.glob(os.path.join(a.out, "_greenmig*.so")):
        os.remove(old)
    shutil.copy2(so, os.path.join(a.out, os.path.basename(so)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
