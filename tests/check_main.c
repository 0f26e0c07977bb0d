/*
 * The greenmig test runner: every module's Check suite in one SRunner.
 * Run by "make check" with GREENMIG_SRCDIR set to the source tree (fixtures and shipped traces).
 */
#include <stdio.h>
#include <stdlib.h>

#include "suites.h"

const char *test_srcpath(const char *rel)
{
	static char buf[8][4096];
	static int next;
	const char *top = getenv("GREENMIG_SRCDIR");
	char *out = buf[next];
	next = (next + 1) % 8;
	snprintf(out, sizeof buf[0], "%s/%s", top != NULL ? top : ".", rel);
	return out;
}

int main(void)
{
	SRunner *sr = srunner_create(power_suite());
	srunner_add_suite(sr, trace_suite());
	srunner_add_suite(sr, synth_suite());
	srunner_add_suite(sr, config_suite());
	srunner_add_suite(sr, sim_suite());
	srunner_add_suite(sr, model2010_suite());
	srunner_add_suite(sr, workload_suite());
	srunner_add_suite(sr, sweep_suite());
	srunner_add_suite(sr, precopy_suite());
	srunner_add_suite(sr, pagemig_suite());
	srunner_add_suite(sr, placement_suite());
	srunner_add_suite(sr, controllers_suite());
	srunner_add_suite(sr, consolidation_suite());
	srunner_add_suite(sr, bestfit_suite());
	srunner_add_suite(sr, parity_suite());
	srunner_add_suite(sr, workers_suite());
	srunner_add_suite(sr, bigmem_suite());
	srunner_add_suite(sr, step_suite());
	srunner_add_suite(sr, firstfit_suite());
	srunner_add_suite(sr, api_suite());
	srunner_add_suite(sr, api_sim_suite());
	srunner_add_suite(sr, outfile_suite());
	srunner_add_suite(sr, pstate_suite());
	srunner_add_suite(sr, parts_suite());
	srunner_add_suite(sr, facility_suite());
	srunner_add_suite(sr, plot_suite());
	srunner_add_suite(sr, tracefmt_suite());
	srunner_add_suite(sr, network_suite());
	srunner_add_suite(sr, memory_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
