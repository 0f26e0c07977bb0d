/*
 * power: host power models, P(u) in watts for CPU utilization u in [0, 1].
 *
 * The analytic models (linear, square, cubic, sqrt) and the SPECpower tables are CloudSim
 * 3.0.3's org.cloudbus.cloudsim.power.models classes, with their quirks kept for parity:
 * the analytic models give P(0) = 0 W (not the static power), the tables give P(0) = idle.
 */
#ifndef GREENMIG_POWER_H
#define GREENMIG_POWER_H

#include <math.h>
#include <stdbool.h>

enum power_kind { POWER_LINEAR, POWER_SQUARE, POWER_CUBIC, POWER_SQRT, POWER_TABLE };

struct power_type {
	const char *name;        /* name used in experiment files */
	enum power_kind kind;
	const char *cloudsim;    /* CloudSim class it mirrors */
	double table[11];        /* POWER_TABLE: W at 0 %, 10 %, ..., 100 % */
};

/* A configured model: a type plus, for analytic models, its maximum and static share. */
struct power_model {
	const struct power_type *type;
	double max_w;            /* analytic: W at 100 % */
	double static_w;         /* analytic: static_share * max_w */
	double constant;         /* analytic: CloudSim's "constant" (per % or per %^k) */
	double delta[10];        /* tables: (table[i + 1] - table[i]) / 10, as getPower computes it */
};

/* The table of known models, terminated by a NULL name. */
extern const struct power_type power_types[];

/* The type called name, or NULL. */
const struct power_type *power_find(const char *name);

/* Comma-separated list of the known names, for error messages (static storage). */
const char *power_names(void);

/*
 * Sets up m for type t. max_w and static_share matter only for analytic models
 * (static_share in [0, 1]). Returns 0, or -1 if the values are out of range.
 */
int power_model_init(struct power_model *m, const struct power_type *t, double max_w,
		     double static_share);

extern const double power_tenths[11]; /* (double)i / 10, as CloudSim's (double) index1 / 10 */

/*
 * P(u) in W. u must be in [0, 1] (CloudSim throws, and exits, otherwise): callers guarantee it;
 * an out-of-range u returns NaN so that a bug cannot go unnoticed. Inline: the best fit asks it
 * for every candidate host (the arithmetic is the same wherever it is compiled: no contraction).
 */
static inline double power_watts(const struct power_model *m, double u)
{
	if (!(u >= 0 && u <= 1))
		return NAN;
	const struct power_type *t = m->type;
	if (t->kind != POWER_TABLE && u == 0)
		return 0;
	switch (t->kind) {
	case POWER_LINEAR:
		return m->static_w + m->constant * u * 100;
	case POWER_SQUARE:
		return m->static_w + m->constant * pow(u * 100, 2);
	case POWER_CUBIC:
		return m->static_w + m->constant * pow(u * 100, 3);
	case POWER_SQRT:
		return m->static_w + m->constant * sqrt(u * 100);
	case POWER_TABLE:
		break;
	}
	/* PowerModelSpecPower.getPower: exact table point when fmod(u, 0.1) == 0. That needs u * 10
	 * within rounding of an integer, so the (slow) fmod is only asked when it can be 0. */
	if (u == 0)
		return t->table[0]; /* fmod(0, 0.1) == 0: the table's first point (idle hosts: most) */
	double tenth = u * 10;
	int i1 = (int)tenth; /* floor(u * 10): u >= 0 */
	double frac = tenth - i1;
	if ((frac < 1e-6 || frac > 1 - 1e-6) && fmod(u, 0.1) == 0)
		return t->table[(int)(u * 10)];
	int i2 = frac > 0 ? i1 + 1 : i1; /* ceil(u * 10) */
	/* delta = (table[i2] - table[i1]) / 10 and i1 / 10 as CloudSim computes them, taken from
	 * tables of the same values made once (0 when i1 == i2) */
	double delta = i2 == i1 ? 0.0 : m->delta[i1];
	return t->table[i1] + delta * (u - power_tenths[i1]) * 100;
}

/* The host's power at 0 % when it is on (the table's first point, or the analytic models' static
 * power: their P(0) = 0 W is CloudSim's "no load means off"). For [power] states = yes. */
static inline double power_idle_watts(const struct power_model *m)
{
	return m->type->kind == POWER_TABLE ? m->type->table[0] : m->static_w;
}

/* P(u) of a host that is on: power_watts, with power_idle_watts at u = 0. */
static inline double power_on_watts(const struct power_model *m, double u)
{
	return u == 0 ? power_idle_watts(m) : power_watts(m, u);
}

/*
 * Energy in W*s over `time_s` seconds while utilization goes from u_from to u_to, as CloudSim's
 * PowerHost.getEnergyLinearInterpolation: 0 if u_from == 0, else the trapezoid.
 */
double power_energy(const struct power_model *m, double u_from, double u_to, double time_s);

/*
 * Sub-system power ([power] parts = yes, doc/power-parts.md). The host model's P(u) stays the
 * host's wall power; it is split into parts, and the parts a host's VMs do not need may be
 * powered down ([power] power_down_unused_*), which lowers P(u) by their saving through the
 * power supply: P_host(u) = P(u) - (saved DC watts) / psu_efficiency. So the CPU is never
 * counted twice: it is the residual, P_host x psu_efficiency - the other DC parts. A host at
 * P(u) = 0 (CloudSim's "no load means off") has every part at 0.
 *
 * Defaults: a 2010-era 1U server of HP ProLiant ML110 G5 class (93.7 W idle, 135 W busy),
 * DC side unless said:
 *
 *   key               default  source
 *   psu_efficiency    0.80     80 PLUS minimum (80 % at 20, 50, 100 % load, 115 V), 2004 program
 *   platform_w        35       motherboard 25 W + fans 10 W: Fan, Weber, Barroso, "Power
 *                              provisioning for a warehouse-sized computer", ISCA 2007, as
 *                              reproduced by Grudenic and Bogunovic (fan 10 W not verified)
 *   mem_gb            RAM      the host's ram_mb / 1024 (populated DRAM)
 *   mem_w_per_gb      1.275    DDR2 at 2.1 W/GB loaded (60 nm 1 Gb DDR2, 1.8 V: 102 W for 48 GB,
 *                              Samsung via computerwoche.de 2011) x 0.6 for idle-active
 *                              background power: reconstruction
 *   mem_sr_w_per_gb   0.1275   self-refresh (or rank power-down) at 0.1 x idle per GB:
 *                              reconstruction after Micron TN-41-01's method, not verified
 *   mem_rank_gb       1        granularity of powering memory down (one rank)
 *   mem_os_gb         0.5      memory the host's OS and hypervisor keep active
 *   disks             1        one local disk (VM images on shared storage, as CloudSim assumes)
 *   disk_idle_w       7.5      Seagate Barracuda 7200.7 SATA manual: idle 7.5 W
 *   disk_standby_w    1.0      same manual: standby / sleep 1.0 W
 *   nic_ports         1        one 1 GbE port on board
 *   nic_w             0.535    1000BASE-T with EEE at full load, 535 mW: Reviriego et al., IEEE
 *                              Comm. Letters 15(5), 2011, as OpenDC's network model cites it
 *   nic_lpi_w         0.152    same, low-power idle (LPI), 152 mW
 */
struct power_parts_params {
	double psu_efficiency;    /* DC watts / wall watts, (0, 1] */
	double platform_w;        /* board, chipset, fans: always on while the host is on */
	double mem_gb;            /* populated DRAM (< 0: the host's RAM) */
	double mem_w_per_gb;      /* active or idle DRAM */
	double mem_sr_w_per_gb;   /* DRAM in self-refresh */
	double mem_rank_gb;       /* memory is powered down in whole ranks */
	double mem_os_gb;         /* kept active for the OS and hypervisor */
	int disks;
	double disk_idle_w, disk_standby_w;
	int nic_ports;
	double nic_w, nic_lpi_w;
};

enum power_part {
	PART_CPU,      /* the residual: the processors and what follows utilization */
	PART_MEMORY,
	PART_DISK,
	PART_NIC,
	PART_PLATFORM,
	PART_PSU,      /* power supply loss: wall - DC */
	PART_STANDBY,  /* [power] states: every state but on (off, booting, asleep, ...) */
	PART_N
};

/* "cpu", "memory", ... */
const char *power_part_name(enum power_part k);

/* What a host's VMs leave unused during an interval (power_parts_saving's input). */
struct power_parts_use {
	double ram_used_gb;       /* RAM held by its VMs, those migrating in included */
	bool has_vms;             /* a VM placed or migrating in */
	bool migrating;           /* a VM migrating in or out (its NIC carries the transfer) */
};

/* The DC watts that powering down unused memory, disks and NICs saves (each only if its
 * power_down flag is set): memory above the active ranks (mem_os_gb + RAM used, rounded up to
 * whole ranks) in self-refresh; the disks in standby and the NIC ports in low-power idle when
 * the host has no VM (the NIC also stays up during a migration). */
double power_parts_saving(const struct power_parts_params *pp, double mem_gb, const struct power_parts_use *u,
			  bool down_memory, bool down_disk, bool down_nic, double out_saving[PART_N]);

/*
 * Splits the wall power p_wall (P(u) - saving / psu_efficiency, or 0) of an on host into parts
 * (out[PART_STANDBY] = 0): the memory, disk, NIC and platform at their DC power less their
 * saving, the PSU loss p_wall x (1 - psu_efficiency), the CPU the rest. p_wall 0: all 0.
 */
void power_parts_split(const struct power_parts_params *pp, double mem_gb, double p_wall,
		       const double saving[PART_N], double out[PART_N]);

/* The DC power of the parts other than the CPU, none powered down (validation: it must not
 * exceed the idle power x psu_efficiency). */
double power_parts_fixed_w(const struct power_parts_params *pp, double mem_gb);

#endif
