/*
 * diag: collection of error messages with their input location (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_init(struct diag *d)
{
	d->count = 0;
	d->dropped = 0;
}

int diag_add(struct diag *d, const char *file, long line, long col, const char *fmt, ...)
{
	if (d == NULL)
		return -1;
	if (d->count >= DIAG_MAX) {
		d->dropped++;
		return -1;
	}
	char *out = d->msg[d->count++];
	size_t cap = DIAG_MSG_LEN;
	int n = 0;
	if (file != NULL && line > 0 && col > 0)
		n = snprintf(out, cap, "%s:%ld:%ld: ", file, line, col);
	else if (file != NULL && line > 0)
		n = snprintf(out, cap, "%s:%ld: ", file, line);
	else if (file != NULL)
		n = snprintf(out, cap, "%s: ", file);
	if (n < 0 || (size_t)n >= cap)
		n = (int)strlen(out);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out + n, cap - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

int diag_errors(const struct diag *d)
{
	return d->count + d->dropped;
}
