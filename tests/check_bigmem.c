/*
 * bigmem: arrays from 2 MiB up start on a 2 MiB boundary and carry the kernel's huge-page advice
 * (their mapping's VmFlags show "hg" in /proc/self/smaps, where the kernel has transparent huge
 * pages); smaller ones start on a cache line; zeroed when asked, whole; sizes that overflow give
 * NULL.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "suites.h"

/* Whether the kernel offers transparent huge pages at all (not "[never]"). */
static bool thp_offered(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	if (f == NULL)
		return false;
	char line[256] = "";
	bool ok = fgets(line, sizeof line, f) != NULL && strstr(line, "[never]") == NULL;
	fclose(f);
	return ok;
}

/* The VmFlags line of the mapping that holds address p (1), none found (0), no smaps (-1). */
static int smaps_flags(const void *p, char *flags, size_t size)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (f == NULL)
		return -1;
	char line[512];
	bool inside = false;
	int found = 0;
	uintptr_t a = (uintptr_t)p;
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, ':') != NULL &&
		    line[strspn(line, "0123456789abcdef")] == '-') {
			inside = a >= lo && a < hi;
			continue;
		}
		if (inside && strncmp(line, "VmFlags:", 8) == 0) {
			snprintf(flags, size, "%s", line + 8);
			found = 1;
			break;
		}
	}
	fclose(f);
	return found;
}

START_TEST(test_bigmem_alignment_and_zero)
{
	size_t n = (3u << 20) / sizeof(double) + 5; /* 3 MiB and a bit: huge */
	double *big = bigmem_alloc(n, sizeof *big, true);
	ck_assert_ptr_nonnull(big);
	ck_assert_uint_eq((uintptr_t)big % BIGMEM_HUGE, 0);
	for (size_t i = 0; i < n; i++)
		ck_assert(big[i] == 0.0);
	big[n - 1] = 1.5; /* the last element is inside the block */
	if (thp_offered()) {
		char flags[512];
		int r = smaps_flags(big, flags, sizeof flags);
		ck_assert_msg(r != 0, "no mapping in /proc/self/smaps holds the array");
		if (r == 1)
			ck_assert_msg(strstr(flags, " hg") != NULL, "no huge-page advice on the array: %s", flags);
	}
	free(big);

	unsigned char *small = bigmem_alloc(1000, 3, true); /* under 2 MiB: a cache line */
	ck_assert_ptr_nonnull(small);
	ck_assert_uint_eq((uintptr_t)small % BIGMEM_LINE, 0);
	for (size_t i = 0; i < 3000; i++)
		ck_assert_uint_eq(small[i], 0);
	free(small);

	int *raw = bigmem_alloc(BIGMEM_HUGE / sizeof(int), sizeof(int), false); /* exactly 2 MiB */
	ck_assert_ptr_nonnull(raw);
	ck_assert_uint_eq((uintptr_t)raw % BIGMEM_HUGE, 0);
	raw[BIGMEM_HUGE / sizeof(int) - 1] = 7;
	free(raw);

	void *none = bigmem_alloc(0, 8, true); /* no elements: still a block */
	ck_assert_ptr_nonnull(none);
	ck_assert_uint_eq((uintptr_t)none % BIGMEM_LINE, 0);
	free(none);
}
END_TEST

START_TEST(test_bigmem_overflow)
{
	ck_assert_ptr_null(bigmem_alloc(SIZE_MAX / 2, 4, false)); /* n * size overflows */
	ck_assert_ptr_null(bigmem_alloc(SIZE_MAX - 8, 1, false)); /* rounding up overflows */
}
END_TEST

Suite *bigmem_suite(void)
{
	Suite *s = suite_create("bigmem");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_bigmem_alignment_and_zero);
	tcase_add_test(core, test_bigmem_overflow);
	suite_add_tcase(s, core);
	return s;
}
