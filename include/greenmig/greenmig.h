/*
 * greenmig/greenmig.h: the whole public API of libgreenmig: its version (version.h), running
 * experiments from C (experiment.h), stepping a simulation (simulation.h) and writing
 * policies (policy.h). doc/policy-api.md is the
 * guide and the reference.
 */
#ifndef GREENMIG_GREENMIG_H
#define GREENMIG_GREENMIG_H

#include <greenmig/version.h>
#include <greenmig/policy.h>
#include <greenmig/experiment.h>
#include <greenmig/simulation.h>

#endif
