/*
 * Sweep axes (sweep.h): lists, ';' lists, exact decimal ranges, the shorthands, errors, and the
 * order of the combinations.
 */
#include <check.h>
#include <string.h>

#include "suites.h"
#include "sweep.h"

static void expect_values(const struct sweep_axis *a, const char *const *want, int n)
{
	ck_assert_int_eq(a->n, n);
	for (int i = 0; i < n; i++)
		ck_assert_str_eq(a->values[i], want[i]);
}

START_TEST(test_sweep_axis_lists_and_ranges)
{
	struct sweep_axis a;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(sweep_axis_parse("policy=thr,iqr,lr", &a, &d), 0);
	ck_assert_str_eq(a.part_key[0], "policy.name");
	const char *w1[] = { "thr", "iqr", "lr" };
	expect_values(&a, w1, 3);
	sweep_axis_free(&a);
	ck_assert_int_eq(sweep_axis_parse("param=0.3,0.7;0.4,0.8", &a, &d), 0);
	ck_assert_str_eq(a.part_key[0], "policy.param");
	const char *w2[] = { "0.3,0.7", "0.4,0.8" };
	expect_values(&a, w2, 2);
	sweep_axis_free(&a);
	/* exact decimals: 0.1 + 0.2 is never 0.30000000000000004 */
	ck_assert_int_eq(sweep_axis_parse("param=0.1:0.3:0.1", &a, &d), 0);
	const char *w3[] = { "0.1", "0.2", "0.3" };
	expect_values(&a, w3, 3);
	sweep_axis_free(&a);
	ck_assert_int_eq(sweep_axis_parse("hosts.count=100:250:50", &a, &d), 0);
	ck_assert_str_eq(a.part_key[0], "hosts.count");
	const char *w4[] = { "100", "150", "200", "250" };
	expect_values(&a, w4, 4);
	sweep_axis_free(&a);
	/* the finest step sets the decimals; the end is kept only if a step lands on it */
	ck_assert_int_eq(sweep_axis_parse("x.y=-0.5:0.6:0.25", &a, &d), 0);
	const char *w5[] = { "-0.50", "-0.25", "0.00", "0.25", "0.50" };
	expect_values(&a, w5, 5);
	sweep_axis_free(&a);
	ck_assert_int_eq(d.count, 0);
}
END_TEST

START_TEST(test_sweep_axis_errors)
{
	const char *bad[] = { "policy", "=thr", "policy=", "colour=red", "param=0.9:0.5:0.1",
			      "param=0.1:0.2:0", "param=a:b:c", "param=0.1:0.2", "policy=thr,,lr",
			      "policy=thr,thr", "param=0.1:1e3:1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct sweep_axis a;
		struct diag d;
		diag_init(&d);
		ck_assert_msg(sweep_axis_parse(bad[i], &a, &d) == -1, "%s accepted", bad[i]);
		ck_assert_msg(d.count == 1 && strstr(d.msg[0], "--vary") != NULL, "%s: %s", bad[i], d.msg[0]);
	}
}
END_TEST

START_TEST(test_sweep_combination_order)
{
	struct sweep_axis a[3];
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(sweep_axis_parse("policy=thr,lr", &a[0], &d), 0);
	ck_assert_int_eq(sweep_axis_parse("param=1,2,3", &a[1], &d), 0);
	ck_assert_int_eq(sweep_axis_parse("seed=7,8", &a[2], &d), 0);
	ck_assert_int_eq(sweep_count(a, 3), 12);
	int pick[3];
	sweep_combination(a, 3, 0, pick);
	ck_assert(pick[0] == 0 && pick[1] == 0 && pick[2] == 0);
	sweep_combination(a, 3, 1, pick); /* the last axis varies fastest */
	ck_assert(pick[0] == 0 && pick[1] == 0 && pick[2] == 1);
	sweep_combination(a, 3, 7, pick); /* 7 = 1 x 6 + 0 x 2 + 1 */
	ck_assert(pick[0] == 1 && pick[1] == 0 && pick[2] == 1);
	sweep_combination(a, 3, 11, pick);
	ck_assert(pick[0] == 1 && pick[1] == 2 && pick[2] == 1);
	for (int k = 0; k < 3; k++)
		sweep_axis_free(&a[k]);
}
END_TEST

Suite *sweep_suite(void)
{
	Suite *s = suite_create("sweep");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_sweep_axis_lists_and_ranges);
	tcase_add_test(core, test_sweep_axis_errors);
	tcase_add_test(core, test_sweep_combination_order);
	suite_add_tcase(s, core);
	return s;
}
