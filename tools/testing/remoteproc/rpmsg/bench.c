// SPDX-License-Identifier: GPL-2.0
/*
 * --bench: echo round-trip time on the "rpmsg-raw" node (median and 99th
 * percentile, one message in flight) and messages per second, both one at
 * a time and with ctx->window messages in flight.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rpmsg-test.h"

static int rt_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Round trips one at a time: fills @us; 0 or -1 with @why. */
static int rt_bench_rtt(struct rt_ctx *ctx, int fd, size_t size, double *us,
			unsigned int count, char *why, size_t why_len)
{
	for (unsigned int i = 0; i < count; i++) {
		double t0 = rt_now_us();

		if (rt_echo(ctx, fd, size, i, why, why_len))
			return -1;
		us[i] = rt_now_us() - t0;
	}
	return 0;
}

/* @count messages with up to @window in flight: messages per second. */
static double rt_bench_pipelined(struct rt_ctx *ctx, int fd, size_t size,
				 unsigned int count, unsigned int window,
				 char *why, size_t why_len)
{
	uint8_t out[RT_MTU], in[RT_MTU + 16];
	unsigned int sent = 0, got = 0;
	double t0 = rt_now_us();
	int r;

	rt_fill(out, size, 42);
	while (got < count) {
		while (sent < count && sent - got < window) {
			if (write(fd, out, size) != (ssize_t)size) {
				snprintf(why, why_len, "write: %s",
					 strerror(errno));
				return -1;
			}
			sent++;
		}
		r = rt_recv(fd, in, sizeof(in), ctx->timeout_ms);
		if (r != (int)size || memcmp(in, out, size)) {
			snprintf(why, why_len, "echo %u of %u: %s", got, count,
				 r < 0 ? strerror(-r) : r ? "wrong" : "timeout");
			return -1;
		}
		got++;
	}
	return count * 1e6 / (rt_now_us() - t0);
}

static void rt_bench_size(struct rt_ctx *ctx, int fd, size_t size)
{
	unsigned int n = ctx->bench_count;
	double *us = calloc(n, sizeof(*us)), total = 0, rate;
	char name[128], why[256];

	snprintf(name, sizeof(name), "rpmsg-echo: bench: %zu bytes", size);
	if (!us) {
		rt_not_ok(ctx, name, "out of memory");
		return;
	}
	/* Warm up: caches, first buffers, the remote's first schedule. */
	if (rt_bench_rtt(ctx, fd, size, us, n < 50 ? n : 50, why, sizeof(why)) ||
	    rt_bench_rtt(ctx, fd, size, us, n, why, sizeof(why))) {
		rt_not_ok(ctx, name, "%s", why);
		free(us);
		return;
	}
	for (unsigned int i = 0; i < n; i++)
		total += us[i];
	qsort(us, n, sizeof(*us), rt_cmp_double);
	rt_info("bench: %zu bytes: round trip median %.0f us, p99 %.0f us, min %.0f us, max %.0f us (%u round trips)",
		size, us[n / 2], us[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
		us[0], us[n - 1], n);
	rt_info("bench: %zu bytes: %.0f msg/s one at a time", size,
		n * 1e6 / total);
	rate = rt_bench_pipelined(ctx, fd, size, n, ctx->window, why,
				  sizeof(why));
	if (rate < 0) {
		rt_not_ok(ctx, name, "pipelined: %s", why);
	} else {
		rt_info("bench: %zu bytes: %.0f msg/s with %u in flight", size,
			rate, ctx->window);
		rt_ok(ctx, name);
	}
	free(us);
}

void rt_bench(struct rt_ctx *ctx)
{
	static const size_t sizes[] = { 16, 256, RT_MTU };
	int fd = open(ctx->raw, O_RDWR);

	if (!rt_check(ctx, fd >= 0, "rpmsg-echo: bench: open", "%s: %s",
		      ctx->raw, strerror(errno)))
		return;
	if (ctx->bench_size) {
		rt_bench_size(ctx, fd, ctx->bench_size);
	} else {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
			rt_bench_size(ctx, fd, sizes[i] < ctx->mtu ? sizes[i] : ctx->mtu);
	}
	close(fd);
}
