/*
 * mm_pick: MM's choice of the VM to shed in the 2010 model (policy_mm.c), shared with drr2010
 * (policy_drr2010.c), which runs MM's loop under DRR's retirement rules.
 */
#ifndef GREENMIG_MM_PICK_H
#define GREENMIG_MM_PICK_H

#include "model2010.h"

/*
 * Of the n candidates cand[] (host list order) whose demand exceeds `excess` MIPS, the one with
 * the least demand - excess; if none does, the largest demand (the first on ties). An index
 * into cand, or -1 if n = 0 (a threshold2010_pick).
 */
int mm_pick2010(struct model2010 *m, const int *cand, int n, double excess);

#endif
