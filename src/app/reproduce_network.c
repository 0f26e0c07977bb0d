/*
 * reproduce_network: the network section of `greenmig reproduce --network` (part of the reproduce
 * module, reproduce_internal.h; issue 22, doc/network.md#results). What sharing the network does
 * to consolidation: ST, MM, LR-MMT and DRR on two setups (the paper's 100 hosts, CloudSim's 800
 * PlanetLab hosts) over every shipped day, under three network models:
 *   off        CloudSim 3.0.3: every migration alone on the network (RAM over half the bandwidth)
 *   nonblock   a tree of racks of 40 hosts under one aggregation switch, 1:1 (non-blocking)
 *   over4      the same with every rack's uplink oversubscribed 4:1
 * It writes runs-network-paper.csv and runs-network-planetlab.csv (every run), network.csv (per
 * setup, policy and model: means over the days with 95 % intervals), network-plot.csv (the data
 * of plots/network.gp) and a section of table1.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reproduce_internal.h"

static const struct reproduce_setup setups[POWER_SETUPS] = {
	{ "paper.ini", "runs-network-paper.csv", "paper", "The paper's setup (100 hosts, 290 VMs)" },
	{ "cloudsim-planetlab.ini", "runs-network-planetlab.csv", "planetlab",
	  "CloudSim's PlanetLab setup (800 hosts, one VM per trace)" },
};

static const struct reproduce_case policies[] = {
	{ "st", "0.5", "ST 50 %" },
	{ "mm", "0.4,0.8", "MM 40-80 %" },
	{ "lr", "1.2", "LR-MMT 1.2" },
	{ "drr", "60", "DRR 60 s" },
};
#define N_POLICIES (int)(sizeof policies / sizeof policies[0])

#define TREE "network.topology=tree network.hosts_per_rack=40 network.racks_per_pod=0"
static const struct reproduce_variant models[] = {
	{ "off", "network.topology=none" },
	{ "nonblock", TREE " network.oversubscription=1" },
	{ "over4", TREE " network.oversubscription=4" },
};
#define N_MODELS (int)(sizeof models / sizeof models[0])

const char *const reproduce_network_outputs[] = { "runs-network-paper.csv", "runs-network-planetlab.csv",
						  "network.csv", "network-plot.csv", NULL };

long reproduce_network_run(const struct reproduce_options *o, struct reproduce_power *p, struct diag *d)
{
	return reproduce_grid_run(o, setups, policies, N_POLICIES, models, N_MODELS, p, d);
}

/* The aggregate of policy k under model m on setup s. */
static const struct agg *at(const struct reproduce_power *p, int s, int k, int m)
{
	return &p->a[s][k * N_MODELS + m];
}

/* The mean migration time (s): over the days, each day's mean, the network's own (request to
 * landing) where the model is on, else CloudSim's delays over the migrations started. (Not the
 * mean over every migration of every day: a busy day counts once, as in the other columns.) */
static double mig_mean(const struct agg *a)
{
	double sum = 0;
	int n = 0;
	for (int i = 0; i < a->runs; i++) {
		double v = a->v[M_NET_MIG_MEAN][i];
		if (isnan(v) && a->v[M_MIGRATIONS][i] > 0)
			v = a->v[M_MTIME][i] / a->v[M_MIGRATIONS][i];
		if (!isnan(v)) {
			sum += v;
			n++;
		}
	}
	return n > 0 ? sum / n : NAN;
}

/* Energy of model m against the network off (model 0), per cent. */
static double vs_off(const struct reproduce_power *p, int s, int k, int m)
{
	return rp_energy_vs(at(p, s, k, m), at(p, s, k, 0));
}

static void write_csv(FILE *f, const struct reproduce_power *p)
{
	fputs("setup,policy,model,runs,energy_kwh,energy_kwh_ci95,energy_vs_off_pct,slav,slav_ci95,migrations,"
	      "migration_mean_s,switch_kwh\n",
	      f);
	for (int s = 0; s < POWER_SETUPS; s++)
		for (int k = 0; k < N_POLICIES; k++)
			for (int m = 0; m < N_MODELS; m++) {
				const struct agg *a = at(p, s, k, m);
				rp_grid_row_head(f, setups[s].name, policies[k].label, models[m].name, a,
						 vs_off(p, s, k, m));
				fputc(',', f);
				rp_num(f, 2, mig_mean(a));
				fputc(',', f);
				rp_num(f, 2, rp_mean(a, M_NET_SWITCH_KWH));
				fputc('\n', f);
			}
}

/* The plot's data: a block per setup (gnuplot's index 0 and 1), a row per policy: the mean
 * migration time of the three models, their SLAV (NaN for 0: the log scale has no place for
 * it), then the energy change of nonblock and over4 against off (%). */
static void write_plot(FILE *f, const struct reproduce_power *p)
{
	for (int s = 0; s < POWER_SETUPS; s++) {
		fprintf(f, "%s# %s\npolicy", s > 0 ? "\n\n" : "", setups[s].title);
		for (int m = 0; m < N_MODELS; m++)
			fprintf(f, ",migration_%s_s", models[m].name);
		for (int m = 0; m < N_MODELS; m++)
			fprintf(f, ",slav_%s", models[m].name);
		for (int m = 1; m < N_MODELS; m++)
			fprintf(f, ",energy_%s_pct", models[m].name);
		fputc('\n', f);
		for (int k = 0; k < N_POLICIES; k++) {
			fputs(policies[k].label, f);
			for (int m = 0; m < N_MODELS; m++) {
				fputc(',', f);
				rp_num(f, 2, mig_mean(at(p, s, k, m)));
			}
			for (int m = 0; m < N_MODELS; m++) {
				double v = rp_mean(at(p, s, k, m), M_SLAV);
				fprintf(f, v > 0 ? ",%.4g" : ",NaN", v);
			}
			for (int m = 1; m < N_MODELS; m++) {
				fputc(',', f);
				rp_num(f, 2, vs_off(p, s, k, m));
			}
			fputc('\n', f);
		}
	}
}

int reproduce_network_write(const struct reproduce_power *p, const char *dir, struct diag *d)
{
	return rp_save_grid(p, dir, "network.csv", write_csv, "network-plot.csv", write_plot, d);
}

void reproduce_network_md(FILE *f, const struct reproduce_power *p)
{
	fputs("\n## Live migration over a shared network\n\n"
	      "CloudSim gives every migration the VM's RAM over half the target's bandwidth, as if it had "
	      "the network to itself. Here the migrations are flows over a datacenter network "
	      "(doc/network.md): racks of 40 hosts under one aggregation switch, migrations using half of "
	      "every link and sharing it max-min fairly. Models: `off` (CloudSim's rule), `nonblock` "
	      "(1:1), `over4` (every rack's uplink oversubscribed 4:1). Means over the shipped days with "
	      "95 % intervals; *migration* is the mean time from the policy's request to the VM's "
	      "landing, *switches* their energy (not in the hosts' energy).\n",
	      f);
	for (int s = 0; s < POWER_SETUPS; s++) {
		fprintf(f, "\n### %s\n\n", setups[s].title);
		if (p->sets[s][0] != '\0')
			fprintf(f, "Run with %s.\n\n", p->sets[s]);
		fputs("| Policy | Network | Energy (kWh) | vs off | SLAV | Migrations | Migration (s) | Switches (kWh) |\n"
		      "|---|---|---|---|---|---|---|---|\n",
		      f);
		for (int k = 0; k < N_POLICIES; k++)
			for (int m = 0; m < N_MODELS; m++) {
				const struct agg *a = at(p, s, k, m);
				char e[64], vs[32], mig[32], mt[32], sw[32];
				rp_fmt_ci(e, sizeof e, 2, a, M_ENERGY);
				if (m == 0)
					snprintf(vs, sizeof vs, "-");
				else
					snprintf(vs, sizeof vs, "%+.1f %%", vs_off(p, s, k, m));
				rp_fmt(mig, sizeof mig, 0, "", rp_mean(a, M_MIGRATIONS));
				rp_fmt(mt, sizeof mt, 1, "", mig_mean(a));
				rp_fmt(sw, sizeof sw, 1, "", rp_mean(a, M_NET_SWITCH_KWH));
				fprintf(f, "| %s | %s | %s | %s | %.3g | %s | %s | %s |\n",
					m == 0 ? policies[k].label : "", models[m].name, e, vs, rp_mean(a, M_SLAV), mig,
					mt, sw);
			}
	}
}
