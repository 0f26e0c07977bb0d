/*
 * fuzzy: the fuzzy inference of the reactive migration controller (Gmach et al. 2009;
 * ../shared/spec/algorithms.md 8.2, a reconstruction): how suitable a workload is to leave an
 * overloaded server, from the server's CPU and memory utilization and the workload's CPU and
 * memory shares of the server, all in [0, 1].
 *
 * Terms of every input and of the output (trapezoids a, b, c, d):
 *   | term   | a   | b   | c   | d   |
 *   | low    | 0   | 0   | 0.3 | 0.5 |
 *   | medium | 0.3 | 0.5 | 0.6 | 0.8 |
 *   | high   | 0.6 | 0.8 | 1   | 1   |
 * Rules (Mamdani: AND = min, NOT = 1 - x, aggregation = max, centroid defuzzification):
 *   1. server CPU high AND workload CPU high            -> suitability high
 *   2. server memory high AND workload memory high      -> high
 *   3. workload CPU medium AND workload memory low      -> medium
 *   4. workload CPU low AND workload memory low         -> low
 *   5. workload memory high AND NOT server memory high  -> low
 */
#ifndef GREENMIG_FUZZY_H
#define GREENMIG_FUZZY_H

enum fuzzy_term { FUZZY_LOW, FUZZY_MEDIUM, FUZZY_HIGH };

/* Membership of x in a term. */
double fuzzy_membership(enum fuzzy_term t, double x);

/* The migration suitability in [0, 1] (0 when no rule fires). */
double fuzzy_suitability(double server_cpu, double server_mem, double vm_cpu, double vm_mem);

#endif
