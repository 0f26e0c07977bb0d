/*
 * ctx: the run's error reporting to and from the policy (ctx.h).
 */
#include "ctx.h"

#include <stdarg.h>
#include <stdio.h>

void ctx_vfail(struct gm_ctx *c, const char *fmt, va_list ap)
{
	if (c->failed)
		return; /* the first failure is the one reported */
	vsnprintf(c->fail_msg, sizeof c->fail_msg, fmt, ap);
	c->failed = true;
}

void ctx_fail(struct gm_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ctx_vfail(c, fmt, ap);
	va_end(ap);
}

int ctx_refuse(struct gm_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->error, sizeof c->error, fmt, ap);
	va_end(ap);
	return -1;
}
