/*
 * compare: the difference secure migration makes, between the two runs of `run
 * --compare-security` (run.h runs them, with [security] off and on). The arithmetic is here;
 * report.h writes it.
 */
#ifndef GREENMIG_COMPARE_H
#define GREENMIG_COMPARE_H

#include "report.h"

/* The difference of r[1] (with security) and r[0] (without). */
void compare_security_diff(const struct run_result r[2], struct security_diff *out);

#endif
