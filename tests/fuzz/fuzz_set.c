/*
 * fuzz_set: --set. Each line of the input is one "section.key=value" given to config_set (in
 * order, as several --set options are), then the experiment is checked by config_validate. An
 * embedded NUL ends its assignment early, as it would on a command line.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct experiment e;
	static struct diag d;
	char *text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	config_defaults(&e, "");
	int failed = 0;
	char *line = text, *end = text + size;
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		if (nl != NULL)
			*nl = '\0';
		diag_init(&d);
		int rc = config_set(&e, line, &d);
		if ((rc == 0) != (diag_errors(&d) == 0))
			abort(); /* a failure must say why, a success must not complain */
		failed |= rc != 0;
		line = nl != NULL ? nl + 1 : end;
	}
	if (!failed) {
		diag_init(&d);
		config_validate(&e, &d);
	}
	free(text);
	return 0;
}
