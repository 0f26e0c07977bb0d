/*
 * power: CloudSim 3.0.3 power models (org.cloudbus.cloudsim.power.models).
 *
 *   PowerModelLinear   P(u) = static + c * u * 100,        c = (max - static) / 100
 *   PowerModelSquare   P(u) = static + c * (u * 100)^2,    c = (max - static) / 100^2
 *   PowerModelCubic    P(u) = static + c * (u * 100)^3,    c = (max - static) / 100^3
 *   PowerModelSqrt     P(u) = static + c * sqrt(u * 100),  c = (max - static) / sqrt(100)
 * with P(0) = 0 for all four (CloudSim's quirk: an idle host of an analytic model is "off").
 *   PowerModelSpecPower*: the SPECpower_ssj2008 table below, linear between its 10 % points;
 * the table entry itself is used when fmod(u, 0.1) == 0 exactly (PowerModelSpecPower.getPower).
 * Every expression is evaluated in CloudSim's order so that results agree to the last bit.
 */
#include "power.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

const struct power_type power_types[] = {
	{ "linear", POWER_LINEAR, "PowerModelLinear", { 0 } },
	{ "square", POWER_SQUARE, "PowerModelSquare", { 0 } },
	{ "cubic", POWER_CUBIC, "PowerModelCubic", { 0 } },
	{ "sqrt", POWER_SQRT, "PowerModelSqrt", { 0 } },
	{ "hp_ml110_g3", POWER_TABLE, "PowerModelSpecPowerHpProLiantMl110G3PentiumD930",
	  { 105, 112, 118, 125, 131, 137, 147, 153, 157, 164, 169 } },
	{ "hp_ml110_g4", POWER_TABLE, "PowerModelSpecPowerHpProLiantMl110G4Xeon3040",
	  { 86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117 } },
	{ "hp_ml110_g5", POWER_TABLE, "PowerModelSpecPowerHpProLiantMl110G5Xeon3075",
	  { 93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135 } },
	{ "ibm_x3250_x3470", POWER_TABLE, "PowerModelSpecPowerIbmX3250XeonX3470",
	  { 41.6, 46.7, 52.3, 57.9, 65.4, 73, 80.7, 89.5, 99.6, 105, 113 } },
	{ "ibm_x3250_x3480", POWER_TABLE, "PowerModelSpecPowerIbmX3250XeonX3480",
	  { 42.3, 46.7, 49.7, 55.4, 61.8, 69.3, 76.1, 87, 96.1, 106, 113 } },
	{ "ibm_x3550_x5670", POWER_TABLE, "PowerModelSpecPowerIbmX3550XeonX5670",
	  { 66, 107, 120, 131, 143, 156, 173, 191, 211, 229, 247 } },
	{ "ibm_x3550_x5675", POWER_TABLE, "PowerModelSpecPowerIbmX3550XeonX5675",
	  { 58.4, 98, 109, 118, 128, 140, 153, 170, 189, 205, 222 } },
	{ NULL, POWER_LINEAR, NULL, { 0 } },
};

/* (double)i / 10, i = 0..10, as CloudSim's (double) index1 / 10 */
const double power_tenths[11] = { 0.0 / 10, 1.0 / 10, 2.0 / 10, 3.0 / 10, 4.0 / 10, 5.0 / 10,
				  6.0 / 10, 7.0 / 10, 8.0 / 10, 9.0 / 10, 10.0 / 10 };

const struct power_type *power_find(const char *name)
{
	for (const struct power_type *t = power_types; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

const char *power_names(void)
{
	return "linear, square, cubic, sqrt, hp_ml110_g3, hp_ml110_g4, hp_ml110_g5, "
	       "ibm_x3250_x3470, ibm_x3250_x3480, ibm_x3550_x5670, ibm_x3550_x5675";
}

int power_model_init(struct power_model *m, const struct power_type *t, double max_w,
		     double static_share)
{
	m->type = t;
	m->max_w = 0;
	m->static_w = 0;
	m->constant = 0;
	for (int i = 0; i < 10; i++)
		m->delta[i] = t->kind == POWER_TABLE ? (t->table[i + 1] - t->table[i]) / 10 : 0;
	if (t->kind == POWER_TABLE)
		return 0;
	if (!(max_w > 0) || !isfinite(max_w) || !(static_share >= 0 && static_share <= 1))
		return -1;
	m->max_w = max_w;
	m->static_w = static_share * max_w;
	switch (t->kind) {
	case POWER_LINEAR:
		m->constant = (max_w - m->static_w) / 100;
		break;
	case POWER_SQUARE:
		m->constant = (max_w - m->static_w) / pow(100, 2);
		break;
	case POWER_CUBIC:
		m->constant = (max_w - m->static_w) / pow(100, 3);
		break;
	case POWER_SQRT:
		m->constant = (max_w - m->static_w) / sqrt(100);
		break;
	case POWER_TABLE:
		break;
	}
	return 0;
}

double power_energy(const struct power_model *m, double u_from, double u_to, double time_s)
{
	/* PowerHost.getEnergyLinearInterpolation: a host idle at the start consumes nothing. */
	if (u_from == 0)
		return 0;
	double pf = power_watts(m, u_from);
	double pt = power_watts(m, u_to);
	return (pf + (pt - pf) / 2) * time_s;
}

/* --- sub-system power (power.h) --- */

const char *power_part_name(enum power_part k)
{
	static const char *const names[PART_N] = { "cpu", "memory", "disk", "nic", "platform", "psu",
						   "standby" };
	return k < PART_N ? names[k] : "?";
}

double power_parts_fixed_w(const struct power_parts_params *pp, double mem_gb)
{
	return mem_gb * pp->mem_w_per_gb + pp->disks * pp->disk_idle_w + pp->nic_ports * pp->nic_w +
	       pp->platform_w;
}

double power_parts_saving(const struct power_parts_params *pp, double mem_gb, const struct power_parts_use *u,
			  bool down_memory, bool down_disk, bool down_nic, double out_saving[PART_N])
{
	for (int k = 0; k < PART_N; k++)
		out_saving[k] = 0;
	if (down_memory) {
		double active = ceil((pp->mem_os_gb + u->ram_used_gb) / pp->mem_rank_gb) * pp->mem_rank_gb;
		if (active > mem_gb)
			active = mem_gb;
		out_saving[PART_MEMORY] = (mem_gb - active) * (pp->mem_w_per_gb - pp->mem_sr_w_per_gb);
	}
	if (down_disk && !u->has_vms)
		out_saving[PART_DISK] = pp->disks * (pp->disk_idle_w - pp->disk_standby_w);
	if (down_nic && !u->has_vms && !u->migrating)
		out_saving[PART_NIC] = pp->nic_ports * (pp->nic_w - pp->nic_lpi_w);
	return out_saving[PART_MEMORY] + out_saving[PART_DISK] + out_saving[PART_NIC];
}

void power_parts_split(const struct power_parts_params *pp, double mem_gb, double p_wall,
		       const double saving[PART_N], double out[PART_N])
{
	for (int k = 0; k < PART_N; k++)
		out[k] = 0;
	if (p_wall == 0)
		return;
	out[PART_MEMORY] = mem_gb * pp->mem_w_per_gb - saving[PART_MEMORY];
	out[PART_DISK] = pp->disks * pp->disk_idle_w - saving[PART_DISK];
	out[PART_NIC] = pp->nic_ports * pp->nic_w - saving[PART_NIC];
	out[PART_PLATFORM] = pp->platform_w;
	out[PART_PSU] = p_wall * (1 - pp->psu_efficiency);
	out[PART_CPU] = p_wall - out[PART_PSU] - out[PART_MEMORY] - out[PART_DISK] - out[PART_NIC] -
			out[PART_PLATFORM];
}
