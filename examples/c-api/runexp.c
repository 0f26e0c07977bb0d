/*
 * runexp: greenmig as a library. Loads an experiment file, sets the policy, runs it and prints
 * a few result columns and the busiest step of the timeline.
 *
 *     make && ./runexp /usr/local/share/greenmig/examples/paper.ini lr
 */
#include <greenmig/greenmig.h>

#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: runexp EXPERIMENT.ini POLICY\n");
		return 2;
	}
	char err[2048];
	gm_experiment *e = gm_experiment_load(argv[1], err, sizeof err);
	if (e == NULL || gm_experiment_set(e, "policy", argv[2], err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		gm_experiment_free(e);
		return 2;
	}
	gm_result *r = gm_run(e, err, sizeof err);
	if (r == NULL) {
		fprintf(stderr, "%s\n", err);
		gm_experiment_free(e);
		return 1;
	}
	/* the energy exactly as the stats CSV writes it, then the rest rounded */
	printf("policy %s\n", gm_result_text(r, "policy"));
	printf("energy_kwh %s\n", gm_result_text(r, "energy_kwh"));
	printf("migrations %.0f\n", gm_result_value(r, "migrations"));
	printf("slav %.3g\n", gm_result_value(r, "slav"));
	int best = -1;
	struct gm_timeline_row row, top = { 0 };
	for (int i = 0; i < gm_result_timeline_rows(r); i++)
		if (gm_result_timeline(r, i, &row) == 0 && (best < 0 || row.migrations_started > top.migrations_started)) {
			best = i;
			top = row;
		}
	if (best >= 0)
		printf("most migrations at t = %.1f s: %d\n", top.t_s, top.migrations_started);
	gm_result_free(r);
	gm_experiment_free(e);
	return 0;
}
