/*
 * reproduce_power: the power-states section of `greenmig reproduce --power-states` (part of the
 * reproduce module, reproduce_internal.h). What switching a host off costs when it takes time
 * and energy, and what powering down unused sub-systems saves: ST, MM, DRR, LR-MMT and the two
 * controllers on two setups (the paper's 100 hosts, CloudSim's 800 PlanetLab hosts, both with
 * the documented example set of doc/power-states.md#example-set) over every shipped day, under
 * five models:
 *   cloudsim    CloudSim 3.0.3: an empty host is off at once and draws nothing
 *   off         [power] states: boots, shutdowns and off power; empty hosts go off
 *   sleep       the same, empty hosts suspend to RAM instead
 *   parts       sub-system power with every unused part powered down (doc/power-parts.md)
 *   off+parts   off and parts together
 * It writes runs-power-paper.csv and runs-power-planetlab.csv (every run), power-states.csv
 * (per setup, policy and model: means over the days with 95 % intervals), power-states-plot.csv
 * (the data of plots/power-states.gp) and a section of table1.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reproduce_internal.h"

static const struct reproduce_setup setups[POWER_SETUPS] = {
	{ "paper-states.ini", "runs-power-paper.csv", "paper", "The paper's setup (100 hosts, 290 VMs)" },
	{ "planetlab-states.ini", "runs-power-planetlab.csv", "planetlab",
	  "CloudSim's PlanetLab setup (800 hosts, one VM per trace)" },
};

static const struct reproduce_case policies[] = {
	{ "st", "0.5", "ST 50 %" },
	{ "mm", "0.4,0.8", "MM 40-80 %" },
	{ "drr", "60", "DRR 60 s" },
	{ "lr", "1.2", "LR-MMT 1.2" },
	{ "placement", "", "Placement (GA)" },
	{ "fuzzy", "", "Fuzzy" },
};
#define N_POLICIES (int)(sizeof policies / sizeof policies[0])

#define DOWN_ALL "power.power_down_unused_memory=yes power.power_down_unused_disk=yes power.power_down_unused_nic=yes"
static const struct reproduce_variant models[] = {
	{ "cloudsim", "power.states=no power.parts=no" },
	{ "off", "power.states=yes power.idle_state=off power.parts=no" },
	{ "sleep", "power.states=yes power.idle_state=sleep power.parts=no" },
	{ "parts", "power.states=no power.parts=yes " DOWN_ALL },
	{ "off+parts", "power.states=yes power.idle_state=off power.parts=yes " DOWN_ALL },
};
#define N_MODELS (int)(sizeof models / sizeof models[0])

const char *const reproduce_power_outputs[] = { "runs-power-paper.csv", "runs-power-planetlab.csv",
						"power-states.csv", "power-states-plot.csv", NULL };

long reproduce_grid_run(const struct reproduce_options *o, const struct reproduce_setup *runs_on,
			const struct reproduce_case *cases, int n_policies,
			const struct reproduce_variant *variants, int n_variants, struct reproduce_power *p,
			struct diag *d)
{
	memset(p, 0, sizeof *p);
	p->n = n_policies * n_variants;
	p->g = calloc((size_t)p->n, sizeof *p->g);
	struct experiment *e = malloc(sizeof *e);
	long failed = -1;
	if (p->g == NULL || e == NULL) {
		diag_add(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	for (int k = 0; k < n_policies; k++)
		for (int m = 0; m < n_variants; m++) {
			struct grid_row *g = &p->g[k * n_variants + m];
			g->policy = cases[k].policy;
			snprintf(g->param, sizeof g->param, "%s", cases[k].param);
			snprintf(g->set, sizeof g->set, "%s", variants[m].set);
			snprintf(g->label, sizeof g->label, "%s", cases[k].label);
			snprintf(g->short_label, sizeof g->short_label, "%s", variants[m].name);
			g->lower = g->upper = NAN;
			g->fam = FAM_OTHER;
		}
	failed = 0;
	for (int s = 0; s < POWER_SETUPS && failed >= 0; s++) {
		long f = -1;
		if (reproduce_load_planetlab_setup(o, runs_on[s].ini, e, p->sets[s], sizeof p->sets[s], d) == 0)
			f = reproduce_sweep(o, e, p->g, p->n, "day=all", runs_on[s].runs_file, &p->a[s], d);
		failed = f < 0 ? -1 : failed + f;
	}
	p->on = failed >= 0;
out:
	free(e);
	return failed;
}

long reproduce_power_run(const struct reproduce_options *o, struct reproduce_power *p, struct diag *d)
{
	return reproduce_grid_run(o, setups, policies, N_POLICIES, models, N_MODELS, p, d);
}

void reproduce_power_free(struct reproduce_power *p)
{
	for (int s = 0; s < POWER_SETUPS; s++)
		agg_free(p->a[s], p->n);
	free(p->g);
	memset(p, 0, sizeof *p);
}

/* The aggregate of policy k under model m on setup s. */
static const struct agg *at(const struct reproduce_power *p, int s, int k, int m)
{
	return &p->a[s][k * N_MODELS + m];
}

/* Mean of the sum of two metrics over the runs (NaN where the model has neither). */
static double mean2(const struct agg *a, enum metric x, enum metric y)
{
	return rp_mean(a, x) + rp_mean(a, y);
}

/* Energy of model m against CloudSim's (model 0), per cent. */
static double vs_cloudsim(const struct reproduce_power *p, int s, int k, int m)
{
	return rp_energy_vs(at(p, s, k, m), at(p, s, k, 0));
}

static void write_csv(FILE *f, const struct reproduce_power *p)
{
	fputs("setup,policy,model,runs,energy_kwh,energy_kwh_ci95,energy_vs_cloudsim_pct,slav,slav_ci95,migrations,"
	      "boots,wakes,wait_h,off_asleep_kwh,parts_saved_kwh\n",
	      f);
	for (int s = 0; s < POWER_SETUPS; s++)
		for (int k = 0; k < N_POLICIES; k++)
			for (int m = 0; m < N_MODELS; m++) {
				const struct agg *a = at(p, s, k, m);
				rp_grid_row_head(f, setups[s].name, policies[k].label, models[m].name, a,
						 vs_cloudsim(p, s, k, m));
				fputc(',', f);
				rp_num(f, 1, rp_mean(a, M_BOOTS));
				fputc(',', f);
				rp_num(f, 1, rp_mean(a, M_WAKES));
				fputc(',', f);
				rp_num(f, 2, mean2(a, M_VM_WAIT, M_MIG_WAIT) / 3600);
				fputc(',', f);
				rp_num(f, 2, mean2(a, M_OFF_KWH, M_ASLEEP_KWH));
				fputc(',', f);
				rp_num(f, 2, rp_mean(a, M_SAVED_KWH));
				fputc('\n', f);
			}
}

/* The plot's data: a block per setup (gnuplot's index 0 and 1), a row per policy: the energy
 * change against CloudSim of off, sleep, parts and off+parts (%), then the SLAV of the five
 * models (NaN for 0: the log scale has no place for it). */
static void write_plot(FILE *f, const struct reproduce_power *p)
{
	for (int s = 0; s < POWER_SETUPS; s++) {
		fprintf(f, "%s# %s\npolicy", s > 0 ? "\n\n" : "", setups[s].title);
		for (int m = 1; m < N_MODELS; m++)
			fprintf(f, ",energy_%s_pct", models[m].name);
		for (int m = 0; m < N_MODELS; m++)
			fprintf(f, ",slav_%s", models[m].name);
		fputc('\n', f);
		for (int k = 0; k < N_POLICIES; k++) {
			fputs(policies[k].label, f);
			for (int m = 1; m < N_MODELS; m++) {
				fputc(',', f);
				rp_num(f, 2, vs_cloudsim(p, s, k, m));
			}
			for (int m = 0; m < N_MODELS; m++) {
				double v = rp_mean(at(p, s, k, m), M_SLAV);
				fprintf(f, v > 0 ? ",%.4g" : ",NaN", v);
			}
			fputc('\n', f);
		}
	}
}

int reproduce_power_write(const struct reproduce_power *p, const char *dir, struct diag *d)
{
	return rp_save_grid(p, dir, "power-states.csv", write_csv, "power-states-plot.csv", write_plot, d);
}

/* The range over the policies of model m's energy against model base's, per cent. */
static void range(const struct reproduce_power *p, int s, int m, int base, double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (int k = 0; k < N_POLICIES; k++) {
		double v = rp_energy_vs(at(p, s, k, m), at(p, s, k, base));
		if (v < *lo)
			*lo = v;
		if (v > *hi)
			*hi = v;
	}
}

void reproduce_power_md(FILE *f, const struct reproduce_power *p)
{
	fputs("\n## What a switched-off host costs: power states and sub-system power\n\n"
	      "CloudSim switches an empty host off at once and counts it at 0 W. Here the same policies "
	      "run with the documented example set of power states (doc/power-states.md#example-set: "
	      "boot 150 s at 120 W, shutdown 7 s at 110 W, 10 W off, 9.75 W asleep, wake 10 s) and with "
	      "sub-system power (doc/power-parts.md), every unused part powered down. Models: `cloudsim` "
	      "(CloudSim 3.0.3), `off` (empty hosts shut down), `sleep` (empty hosts suspend to RAM), "
	      "`parts` (sub-system power-down alone), `off+parts` (both). Means over the shipped days "
	      "with 95 % intervals; *waits* are the hours VMs and migrations waited for a host to come "
	      "on, *standby* the energy of hosts off or asleep, *saved* what the powered-down parts "
	      "saved.\n",
	      f);
	for (int s = 0; s < POWER_SETUPS; s++) {
		fprintf(f, "\n### %s\n\n", setups[s].title);
		if (p->sets[s][0] != '\0')
			fprintf(f, "Run with %s.\n\n", p->sets[s]);
		fputs("| Policy | Model | Energy (kWh) | vs CloudSim | SLAV | Migrations | Boots + wakes | Waits (h) | "
		      "Standby (kWh) | Saved by parts (kWh) |\n|---|---|---|---|---|---|---|---|---|---|\n",
		      f);
		for (int k = 0; k < N_POLICIES; k++)
			for (int m = 0; m < N_MODELS; m++) {
				const struct agg *a = at(p, s, k, m);
				char e[64], vs[32], mig[32], bw[32], w[32], sb[32], sv[32];
				rp_fmt_ci(e, sizeof e, 2, a, M_ENERGY);
				double v = vs_cloudsim(p, s, k, m);
				if (m == 0)
					snprintf(vs, sizeof vs, "-");
				else
					snprintf(vs, sizeof vs, "%+.1f %%", v);
				rp_fmt(mig, sizeof mig, 0, "", rp_mean(a, M_MIGRATIONS));
				rp_fmt(bw, sizeof bw, 0, "", mean2(a, M_BOOTS, M_WAKES));
				rp_fmt(w, sizeof w, 1, "", mean2(a, M_VM_WAIT, M_MIG_WAIT) / 3600);
				rp_fmt(sb, sizeof sb, 1, "", mean2(a, M_OFF_KWH, M_ASLEEP_KWH));
				rp_fmt(sv, sizeof sv, 1, "", rp_mean(a, M_SAVED_KWH));
				fprintf(f, "| %s | %s | %s | %s | %.3g | %s | %s | %s | %s | %s |\n",
					m == 0 ? policies[k].label : "", models[m].name, e, vs, rp_mean(a, M_SLAV), mig,
					bw, w, sb, sv);
			}
		double lo, hi, lo2, hi2, lo3, hi3;
		range(p, s, 1, 0, &lo, &hi);
		range(p, s, 3, 0, &lo2, &hi2);
		range(p, s, 4, 1, &lo3, &hi3);
		fprintf(f,
			"\nOver these policies, power states (`off`) change the energy by %+.1f to %+.1f %% against "
			"CloudSim's count; sub-system power-down alone (`parts`) by %+.1f to %+.1f %%, and on top of "
			"power states (`off+parts` against `off`) by %+.1f to %+.1f %%.\n",
			lo, hi, lo2, hi2, lo3, hi3);
	}
}

/* --- the main setups' optional columns (facility, carbon, cost, ... with --set) --- */

unsigned reproduce_models_present(const struct reproduce_data *r)
{
	unsigned present = 0;
	for (int m = M_FIRST_OPTIONAL; m < N_METRICS; m++)
		for (int s = 0; s < 2; s++) {
			const struct agg *a = s == 0 ? r->a10 : r->apl;
			for (int k = 0; k < (s == 0 ? r->n10 : r->npl); k++)
				for (int i = 0; i < a[k].runs; i++)
					if (!isnan(a[k].v[m][i]))
						present |= 1u << (m - M_FIRST_OPTIONAL);
		}
	return present;
}

void reproduce_models_csv_header(FILE *f, unsigned present)
{
	for (int m = M_FIRST_OPTIONAL; m < N_METRICS; m++)
		if (present & 1u << (m - M_FIRST_OPTIONAL))
			fprintf(f, ",%s_mean,%s_ci95", reproduce_metric_column(m), reproduce_metric_column(m));
}

void reproduce_models_csv_row(FILE *f, const struct agg *a, unsigned present)
{
	for (int m = M_FIRST_OPTIONAL; m < N_METRICS; m++)
		if (present & 1u << (m - M_FIRST_OPTIONAL)) {
			double mean, half;
			agg_stat(a, m, &mean, &half);
			fputc(',', f);
			rp_num(f, 6, mean);
			fputc(',', f);
			rp_num(f, 6, half);
		}
}

/* [network] (issue 22, doc/network.md): migration time, SLA violation and the switches' energy. */
static void network_md(FILE *f, const struct reproduce_data *r)
{
	if (!(r->models_present & (1u << (M_NET_MIG_MEAN - M_FIRST_OPTIONAL))))
		return;
	fputs("\n## Live migration over the network, PlanetLab paper setup\n\n"
	      "With the network model on (doc/network.md): migrations share the links; means over the days "
	      "with 95 % intervals. Migration time: from the policy's request to the VM's landing.\n\n"
	      "| Row | Energy (kWh) | SLA violation (%) | Mean migration (s) | Queued (s) | Switches (kWh) |\n"
	      "|---|---|---|---|---|---|\n",
	      f);
	for (int k = 0; k < r->npl; k++) {
		char e[64], sl[64], mt[64], q[64], sw[64];
		rp_fmt_ci(e, sizeof e, 2, &r->apl[k], M_ENERGY);
		rp_fmt_ci(sl, sizeof sl, 4, &r->apl[k], M_OVERALL);
		rp_fmt_ci(mt, sizeof mt, 2, &r->apl[k], M_NET_MIG_MEAN);
		rp_fmt_ci(q, sizeof q, 0, &r->apl[k], M_NET_QUEUED);
		rp_fmt_ci(sw, sizeof sw, 2, &r->apl[k], M_NET_SWITCH_KWH);
		fprintf(f, "| %s | %s | %s | %s | %s | %s |\n", r->gpl[k].label, e, sl, mt, q, sw);
	}
}

void reproduce_models_md(FILE *f, const struct reproduce_data *r)
{
	unsigned fac = 1u << (M_FACILITY_KWH - M_FIRST_OPTIONAL);
	network_md(f, r);
	if (!(r->models_present & fac))
		return;
	fputs("\n## Facility energy, emissions and cost of the PlanetLab paper setup\n\n"
	      "With the facility model on (doc/facility.md), means over the days with 95 % intervals.\n\n"
	      "| Row | IT energy (kWh) | Facility energy (kWh) | kg CO2 | Cost |\n|---|---|---|---|---|\n",
	      f);
	for (int k = 0; k < r->npl; k++) {
		char it[64], fa[64], co[64], cost[64];
		rp_fmt_ci(it, sizeof it, 2, &r->apl[k], M_ENERGY);
		rp_fmt_ci(fa, sizeof fa, 2, &r->apl[k], M_FACILITY_KWH);
		rp_fmt_ci(co, sizeof co, 2, &r->apl[k], M_CO2);
		rp_fmt_ci(cost, sizeof cost, 2, &r->apl[k], M_COST);
		fprintf(f, "| %s | %s | %s | %s | %s |\n", r->gpl[k].label, it, fa, co, cost);
	}
}
