/*
 * Power models: every model at 0, 10, ..., 100 % and between table points, hand-computed
 * from CloudSim 3.0.3's formulas, and the energy of one interval.
 */
#include <check.h>
#include <math.h>

#include "power.h"
#include "suites.h"

static struct power_model model(const char *name, double max_w, double static_share)
{
	struct power_model m;
	const struct power_type *t = power_find(name);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(power_model_init(&m, t, max_w, static_share), 0);
	return m;
}

START_TEST(test_power_linear_points)
{
	/* PowerModelLinear(250, 0.7): static 175 W, 0.75 W per %; P(0) = 0 (CloudSim's quirk). */
	struct power_model m = model("linear", 250, 0.7);
	const double want[11] = { 0, 182.5, 190, 197.5, 205, 212.5, 220, 227.5, 235, 242.5, 250 };
	for (int k = 0; k <= 10; k++)
		ck_assert_double_eq_tol(power_watts(&m, k / 10.0), want[k], 1e-9);
	ck_assert_double_eq_tol(power_watts(&m, 0.385), 175 + 0.75 * 38.5, 1e-9);
	ck_assert_double_eq_tol(power_watts(&m, 1e-9), 175 + 0.75 * 1e-7, 1e-9);
}
END_TEST

START_TEST(test_power_square_cubic_sqrt_points)
{
	/* max 200 W, static share 0.5: static 100 W. */
	struct power_model sq = model("square", 200, 0.5); /* c = 100 / 100^2 = 0.01 */
	struct power_model cu = model("cubic", 200, 0.5);  /* c = 100 / 100^3 = 1e-4 */
	struct power_model sr = model("sqrt", 200, 0.5);   /* c = 100 / sqrt(100) = 10 */
	for (int k = 1; k <= 10; k++) {
		double pct = 10.0 * k;
		ck_assert_double_eq_tol(power_watts(&sq, k / 10.0), 100 + 0.01 * pct * pct, 1e-9);
		ck_assert_double_eq_tol(power_watts(&cu, k / 10.0), 100 + 1e-4 * pct * pct * pct, 1e-9);
		ck_assert_double_eq_tol(power_watts(&sr, k / 10.0), 100 + 10 * sqrt(pct), 1e-9);
	}
	ck_assert_double_eq(power_watts(&sq, 0), 0);
	ck_assert_double_eq(power_watts(&cu, 0), 0);
	ck_assert_double_eq(power_watts(&sr, 0), 0);
	ck_assert_double_eq_tol(power_watts(&sq, 0.3), 109, 1e-9);
	ck_assert_double_eq_tol(power_watts(&cu, 0.3), 102.7, 1e-9);
	ck_assert_double_eq_tol(power_watts(&sr, 0.25), 150, 1e-9);
	ck_assert_double_eq_tol(power_watts(&sq, 0.385), 100 + 0.01 * 38.5 * 38.5, 1e-9);
}
END_TEST

/* The SPECpower tables, as CloudSim's classes hold them (W at 0, 10, ..., 100 %). */
static const struct {
	const char *name;
	double w[11];
} tables[] = {
	{ "hp_ml110_g3", { 105, 112, 118, 125, 131, 137, 147, 153, 157, 164, 169 } },
	{ "hp_ml110_g4", { 86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117 } },
	{ "hp_ml110_g5", { 93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135 } },
	{ "ibm_x3250_x3470", { 41.6, 46.7, 52.3, 57.9, 65.4, 73, 80.7, 89.5, 99.6, 105, 113 } },
	{ "ibm_x3250_x3480", { 42.3, 46.7, 49.7, 55.4, 61.8, 69.3, 76.1, 87, 96.1, 106, 113 } },
	{ "ibm_x3550_x5670", { 66, 107, 120, 131, 143, 156, 173, 191, 211, 229, 247 } },
	{ "ibm_x3550_x5675", { 58.4, 98, 109, 118, 128, 140, 153, 170, 189, 205, 222 } },
};

START_TEST(test_power_table_points)
{
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		struct power_model m = model(tables[i].name, 0, 0);
		for (int k = 0; k <= 10; k++)
			ck_assert_double_eq_tol(power_watts(&m, k / 10.0), tables[i].w[k], 1e-9);
		/* Half-way between two table points: the mean of both. */
		for (int k = 0; k < 10; k++)
			ck_assert_double_eq_tol(power_watts(&m, k / 10.0 + 0.05),
						(tables[i].w[k] + tables[i].w[k + 1]) / 2, 1e-9);
	}
}
END_TEST

START_TEST(test_power_table_between_points)
{
	/* G4 at 35 %: 96 + (99.5 - 96) / 10 * 5 = 97.75; at 7 %: 86 + 3.4 / 10 * 7 = 88.38;
	   at 99 %: 114 + 0.3 * 9 = 116.7. */
	struct power_model g4 = model("hp_ml110_g4", 0, 0);
	ck_assert_double_eq_tol(power_watts(&g4, 0.35), 97.75, 1e-9);
	ck_assert_double_eq_tol(power_watts(&g4, 0.07), 88.38, 1e-9);
	ck_assert_double_eq_tol(power_watts(&g4, 0.99), 116.7, 1e-9);
	/* G5 at 62.5 %: 121 + (125 - 121) / 10 * 2.5 = 122. */
	struct power_model g5 = model("hp_ml110_g5", 0, 0);
	ck_assert_double_eq_tol(power_watts(&g5, 0.625), 122, 1e-9);
}
END_TEST

START_TEST(test_power_energy_interval)
{
	struct power_model m = model("linear", 250, 0.7);
	/* From 50 % (212.5 W) to 80 % (235 W) over 300 s: (212.5 + 22.5 / 2) * 300 = 67125 W*s. */
	ck_assert_double_eq_tol(power_energy(&m, 0.5, 0.8, 300), 67125, 1e-6);
	/* An interval that starts idle costs nothing, even if the host becomes busy. */
	ck_assert_double_eq(power_energy(&m, 0, 0.9, 300), 0);
	/* One that ends idle uses P(0) = 0 W for the linear model: 205 / 2 * 100. */
	ck_assert_double_eq_tol(power_energy(&m, 0.4, 0, 100), 10250, 1e-6);
	/* ... and the idle table value for SPECpower: (99.5 + (86 - 99.5) / 2) * 100. */
	struct power_model g4 = model("hp_ml110_g4", 0, 0);
	ck_assert_double_eq_tol(power_energy(&g4, 0.4, 0, 100), 9275, 1e-6);
}
END_TEST

START_TEST(test_power_errors)
{
	ck_assert_ptr_null(power_find("linaer"));
	struct power_model m;
	ck_assert_int_eq(power_model_init(&m, power_find("linear"), 0, 0.7), -1);
	ck_assert_int_eq(power_model_init(&m, power_find("linear"), 250, 1.5), -1);
	ck_assert_int_eq(power_model_init(&m, power_find("linear"), 250, 0.7), 0);
	ck_assert(isnan(power_watts(&m, 1.2)));
	ck_assert(isnan(power_watts(&m, -0.1)));
}
END_TEST

Suite *power_suite(void)
{
	Suite *s = suite_create("power");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_power_linear_points);
	tcase_add_test(core, test_power_square_cubic_sqrt_points);
	tcase_add_test(core, test_power_table_points);
	tcase_add_test(core, test_power_table_between_points);
	tcase_add_test(core, test_power_energy_interval);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_power_errors);
	suite_add_tcase(s, errors);
	return s;
}
