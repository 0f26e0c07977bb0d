/*
 * trace_oracle: pack and reread. What trace_read accepted, trace_write_packed must write and
 * trace_read must give back unchanged: the same VMs, names, sample counts and values. Any
 * difference, or a write refused, is a finding: abort() after printing why.
 */
#ifndef GREENMIG_FUZZ_TRACE_ORACLE_H
#define GREENMIG_FUZZ_TRACE_ORACLE_H

#include "trace.h"

void trace_oracle(const struct trace_set *t);

#endif
