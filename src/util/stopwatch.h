/*
 * stopwatch: the monotonic clock, in seconds, for a run's phase timings (sim_timings). Nothing
 * that computes a result reads it: the times differ from run to run, the results never do.
 */
#ifndef GREENMIG_STOPWATCH_H
#define GREENMIG_STOPWATCH_H

/* Seconds since an arbitrary fixed instant (CLOCK_MONOTONIC); 0 where the clock cannot be read. */
double stopwatch_now(void);

#endif
