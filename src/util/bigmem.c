/*
 * bigmem: see bigmem.h. madvise and MADV_HUGEPAGE are Linux's (glibc declares them with
 * _DEFAULT_SOURCE); where MADV_HUGEPAGE is not defined the arrays are only aligned. The advice
 * failing (a kernel without THP: EINVAL) changes nothing: the pages stay small.
 */
#define _DEFAULT_SOURCE
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

void *bigmem_alloc(size_t n, size_t size, bool zero)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	size_t bytes = n * size;
	size_t align = bytes >= BIGMEM_HUGE ? BIGMEM_HUGE : BIGMEM_LINE;
	if (bytes > SIZE_MAX - (align - 1))
		return NULL;
	/* (aligned_alloc takes a multiple of the alignment) */
	size_t whole = bytes == 0 ? align : (bytes + align - 1) / align * align;
	void *p = aligned_alloc(align, whole);
	if (p == NULL)
		return NULL;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	if (align == BIGMEM_HUGE)
		(void)madvise(p, whole, MADV_HUGEPAGE); /* before the first touch: faults fill 2 MiB */
#endif
	if (zero)
		memset(p, 0, whole);
	return p;
}
