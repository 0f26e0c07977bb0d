/*
 * fuzz_config: the experiment file. The input is written as an INI file and read by config_load
 * on top of the defaults, then checked by config_validate, as `greenmig run FILE` does. Whatever
 * the input, the library must return (0 or -1 with messages), never crash or leak.
 */
#include <stdlib.h>

#include "config.h"
#include "diag.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct experiment e;
	static struct diag d;
	char path[4200];
	fuzz_path(path, sizeof path, "exp.ini");
	fuzz_write(path, data, size);
	diag_init(&d);
	config_defaults(&e, "");
	if (config_load(&e, path, &d) == 0) {
		if (diag_errors(&d) != 0)
			abort(); /* success with error messages */
		config_validate(&e, &d);
	} else if (diag_errors(&d) == 0) {
		abort(); /* a failure must say why */
	}
	return 0;
}
