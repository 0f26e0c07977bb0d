/*
 * bigmem: the allocation of the run's largest arrays (the host and VM records, the metrics' per
 * host and per VM records, the trace samples), which the simulation reads at random by host and
 * VM id. From BIGMEM_HUGE bytes up an array is aligned to 2 MiB and the kernel is asked to back
 * it with transparent huge pages (Linux, madvise MADV_HUGEPAGE: THP set to "madvise" or
 * "always"): one TLB entry then covers 2 MiB instead of 4 KiB, and one page fault fills 2 MiB.
 * Smaller arrays, other systems, or a kernel that declines: plain pages, the same memory. Only
 * where the memory sits changes, never a value. Freed with free().
 */
#ifndef GREENMIG_BIGMEM_H
#define GREENMIG_BIGMEM_H

#include <stdbool.h>
#include <stddef.h>

#define BIGMEM_HUGE ((size_t)2 << 20) /* 2 MiB: x86-64's and arm64's (4 KiB pages) huge page */
#define BIGMEM_LINE 64                /* smaller arrays: aligned to a cache line */

/* n elements of size bytes (zeroed if zero), aligned as above; NULL if out of memory or if
 * n * size overflows. n = 0 gives a valid one-line block. */
void *bigmem_alloc(size_t n, size_t size, bool zero);

#endif
