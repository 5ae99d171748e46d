// SPDX-License-Identifier: GPL-2.0
/*
 * Results in the guest library's format (tools/testing/remoteproc/guest/
 * lib.sh): one "TEST: ok <name>" or "TEST: not ok <name>: <reason>" line per
 * check on stdout, and a copy in the results file when one was given.
 */
#include <stdarg.h>
#include <time.h>

#include "rpmsg-test.h"

static void rt_line(struct rt_ctx *ctx, const char *line)
{
	fputs(line, stdout);
	fflush(stdout);
	if (ctx->results) {
		fputs(line, ctx->results);
		fflush(ctx->results);
	}
}

void rt_ok(struct rt_ctx *ctx, const char *name)
{
	char line[512];

	snprintf(line, sizeof(line), "TEST: ok %s\n", name);
	rt_line(ctx, line);
	ctx->passed++;
}

static void rt_vnot_ok(struct rt_ctx *ctx, const char *name, const char *fmt,
		       va_list ap)
{
	char why[384], line[512];

	vsnprintf(why, sizeof(why), fmt, ap);
	snprintf(line, sizeof(line), "TEST: not ok %s: %s\n", name, why);
	rt_line(ctx, line);
	ctx->failed++;
}

void rt_not_ok(struct rt_ctx *ctx, const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rt_vnot_ok(ctx, name, fmt, ap);
	va_end(ap);
}

void rt_skip(struct rt_ctx *ctx, const char *name, const char *why)
{
	char line[512];

	snprintf(line, sizeof(line), "TEST: skip %s: %s\n", name, why);
	rt_line(ctx, line);
	ctx->skipped++;
}

/* ok if @cond, else not ok with the formatted reason; returns @cond. */
bool rt_check(struct rt_ctx *ctx, bool cond, const char *name,
	      const char *fmt, ...)
{
	va_list ap;

	if (cond) {
		rt_ok(ctx, name);
		return true;
	}
	va_start(ap, fmt);
	rt_vnot_ok(ctx, name, fmt, ap);
	va_end(ap);
	return false;
}

/* A comment line, which no result counter mistakes for a result. */
void rt_info(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

double rt_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}
