/*
 * controllers2010: the placement and fuzzy controllers of the seed paper (spec algorithms.md 7, 8)
 * in the 2010 model: the same search (placement.h) and the same reactive controller (fuzzy.h) as
 * on CloudSim 3.0.3's engine, fed from the model's state: demands are the drawn ones (the
 * placement window holds the last window_s of them), a host's CPU in use is its allocation, its
 * memory the RAM its VMs hold; there is no scheduler admission (first-come sharing absorbs
 * over-commitment). Moves go out with model2010_emit.
 */
#ifndef GREENMIG_CONTROLLERS2010_H
#define GREENMIG_CONTROLLERS2010_H

#include "model2010.h"

/* The placement controller, at its interval. 0, or -1 (out of memory). */
int controllers2010_placement(struct model2010 *m);

/* The fuzzy reactive controller, every tick. 0, or -1 (out of memory). */
int controllers2010_fuzzy(struct model2010 *m);

#endif
