/* The Check suites of greenmig, one per module (tests/check_<module>.c). */
#ifndef GREENMIG_TEST_SUITES_H
#define GREENMIG_TEST_SUITES_H

#include <check.h>

Suite *power_suite(void);
Suite *trace_suite(void);
Suite *synth_suite(void);
Suite *config_suite(void);
Suite *sim_suite(void);
Suite *model2010_suite(void);
Suite *workload_suite(void);
Suite *sweep_suite(void);
Suite *precopy_suite(void);
Suite *pagemig_suite(void);
Suite *placement_suite(void);
Suite *controllers_suite(void);
Suite *consolidation_suite(void);
Suite *bestfit_suite(void);
Suite *parity_suite(void);
Suite *workers_suite(void);
Suite *bigmem_suite(void);
Suite *step_suite(void);
Suite *firstfit_suite(void);
Suite *api_suite(void);
Suite *api_sim_suite(void);
Suite *outfile_suite(void);
Suite *pstate_suite(void);
Suite *parts_suite(void);
Suite *facility_suite(void);
Suite *plot_suite(void);
Suite *tracefmt_suite(void);
Suite *network_suite(void);
Suite *memory_suite(void);

/* Path of a file under the source tree (GREENMIG_SRCDIR, set by make check); static storage. */
const char *test_srcpath(const char *rel);

#endif
