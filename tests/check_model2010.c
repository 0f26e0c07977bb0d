/*
 * The 2010 model (model2010.h) and its policies on small hand-made scenarios.
 */
#include <check.h>

#include "model2010.h"
#include "suites.h"

Suite *model2010_suite(void)
{
	Suite *s = suite_create("model2010");
	TCase *core = tcase_create("core");
	suite_add_tcase(s, core);
	return s;
}
