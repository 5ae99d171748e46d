// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg-echo-test: user-space test of rpmsg_char and rpmsg_ctrl against the
 * remote's "rpmsg-raw" echo service.  See usage() below.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rpmsg-test.h"

enum { OPT_BENCH = 256, OPT_STOP, OPT_NO_CHANNEL, OPT_ALL, OPT_FLOOD };

static void usage(FILE *f)
{
	fputs(
"usage: rpmsg-echo-test [options]\n"
"\n"
"Without a mode: echo every size 1..MTU (-n times each, contents checked) on\n"
"the rpmsg-raw node and on an endpoint made with RPMSG_CREATE_EPT_IOCTL, the\n"
"error cases (EMSGSIZE, EINVAL, EAGAIN, EBUSY, EPIPE after destroy, ...), and\n"
"a channel made with RPMSG_CREATE_DEV_IOCTL / RPMSG_RELEASE_DEV_IOCTL.\n"
"\n"
"modes:\n"
"  -t, --threads N     N threads, one endpoint each, -m messages with -W in\n"
"                      flight; checks per-endpoint order and no loss\n"
"      --bench         round-trip time (median, p99) and messages per second\n"
"      --flood         ask the remote's rpmsg-test-ctrl service for -F\n"
"                      messages without reading: the node keeps exactly\n"
"                      rx_queue_max of them, in order, and still works\n"
"      --remote-stop   stop the remote with nodes open, check the errors,\n"
"                      restart it and check the nodes come back\n"
"      --all           the default tests, -t (default 8), --flood,\n"
"                      --remote-stop\n"
"\n"
"options:\n"
"  -c, --ctrl PATH     control node (default: the lowest\n"
"                      /dev/rpmsg_ctrlN)\n"
"  -d, --node PATH     rpmsg-raw node (default: found by name in sysfs)\n"
"  -p, --remote PATH   remote's sysfs dir (default\n"
"                      /sys/class/remoteproc/remoteproc0)\n"
"  -n, --per-size N    messages per size (default 4)\n"
"  -m, --messages N    messages per thread (default 2000)\n"
"  -W, --window N      messages in flight per endpoint (default 8)\n"
"  -b, --count N       round trips per size for --bench (default 1000)\n"
"  -s, --size N        payload size for --bench (default: 16, 256, 496)\n"
"  -M, --mtu N         expected MTU (default 496)\n"
"  -F, --flood-count N messages for --flood (default 2000)\n"
"  -w, --timeout MS    longest wait for one reply (default 10000)\n"
"      --no-channel    skip the RPMSG_CREATE_DEV_IOCTL test\n"
"  -R, --results FILE  append the TEST: lines to FILE as well\n"
"  -v, --verbose\n"
"  -h, --help\n"
"\n"
"Prints one 'TEST: ok <name>' or 'TEST: not ok <name>: <reason>' line per\n"
"check, '#' lines for information; exits 1 if any check failed, 2 on a\n"
"usage error.\n", f);
}

static int parse_uint(const char *s, unsigned int min, unsigned int max,
		      unsigned int *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

struct rt_modes {
	bool threads, bench, stop, flood, channel, functional;
};

static int parse(int argc, char **argv, struct rt_ctx *ctx,
		 struct rt_modes *m)
{
	static const struct option opts[] = {
		{ "ctrl", required_argument, NULL, 'c' },
		{ "node", required_argument, NULL, 'd' },
		{ "remote", required_argument, NULL, 'p' },
		{ "per-size", required_argument, NULL, 'n' },
		{ "threads", required_argument, NULL, 't' },
		{ "messages", required_argument, NULL, 'm' },
		{ "window", required_argument, NULL, 'W' },
		{ "count", required_argument, NULL, 'b' },
		{ "size", required_argument, NULL, 's' },
		{ "mtu", required_argument, NULL, 'M' },
		{ "flood-count", required_argument, NULL, 'F' },
		{ "flood", no_argument, NULL, OPT_FLOOD },
		{ "timeout", required_argument, NULL, 'w' },
		{ "results", required_argument, NULL, 'R' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "bench", no_argument, NULL, OPT_BENCH },
		{ "remote-stop", no_argument, NULL, OPT_STOP },
		{ "no-channel", no_argument, NULL, OPT_NO_CHANNEL },
		{ "all", no_argument, NULL, OPT_ALL },
		{ NULL, 0, NULL, 0 }
	};
	unsigned int to;
	bool mode = false;
	int c, bad = 0;

	while ((c = getopt_long(argc, argv, "c:d:p:n:t:m:W:b:s:M:F:w:R:vh", opts,
				NULL)) != -1) {
		switch (c) {
		case 'c': ctx->ctrl_opt = optarg; break;
		case 'd': ctx->raw_opt = optarg; break;
		case 'p': ctx->remote = optarg; break;
		case 'n': bad |= parse_uint(optarg, 1, 1000000, &ctx->per_size); break;
		case 't':
			bad |= parse_uint(optarg, 1, 256, &ctx->threads);
			m->threads = mode = true;
			break;
		case 'm': bad |= parse_uint(optarg, 1, 100000000, &ctx->per_thread); break;
		case 'W': bad |= parse_uint(optarg, 1, 256, &ctx->window); break;
		case 'b': bad |= parse_uint(optarg, 1, 10000000, &ctx->bench_count); break;
		case 's': bad |= parse_uint(optarg, 1, RT_MTU, &ctx->bench_size); break;
		case 'M': bad |= parse_uint(optarg, 8, RT_MTU, &ctx->mtu); break;
		case 'F': bad |= parse_uint(optarg, 1, 1000000, &ctx->flood); break;
		case 'w':
			bad |= parse_uint(optarg, 1, 3600000, &to);
			ctx->timeout_ms = (int)to;
			break;
		case 'R':
			ctx->results = fopen(optarg, "a");
			if (!ctx->results) {
				fprintf(stderr, "%s: %s\n", optarg, strerror(errno));
				bad = 1;
			}
			break;
		case 'v': ctx->verbose = true; break;
		case 'h': usage(stdout); exit(0);
		case OPT_BENCH: m->bench = mode = true; break;
		case OPT_STOP: m->stop = mode = true; break;
		case OPT_FLOOD: m->flood = mode = true; break;
		case OPT_NO_CHANNEL: m->channel = false; break;
		case OPT_ALL:
			m->functional = m->threads = m->flood = true;
			m->stop = mode = true;
			break;
		default: bad = 1; break;
		}
	}
	if (bad || optind != argc) {
		usage(stderr);
		return -1;
	}
	if (!mode)
		m->functional = true;
	if (ctx->bench_size > ctx->mtu)
		ctx->bench_size = ctx->mtu;
	return 0;
}

/* The control node and the rpmsg-raw node, waiting for them a little. */
static int find_nodes(struct rt_ctx *ctx)
{
	int r = -ENOENT;

	for (int t = 0; t <= 2 * ctx->timeout_ms; t += 50) {
		if (ctx->raw_opt) {
			snprintf(ctx->raw, sizeof(ctx->raw), "%s", ctx->raw_opt);
			r = rt_node_exists(ctx->raw) ? 0 : -ENOENT;
		} else {
			r = rt_find_node("rpmsg-raw", ctx->raw, sizeof(ctx->raw));
		}
		if (!r && rt_node_exists(ctx->raw) &&
		    !rt_find_ctrl(ctx, ctx->ctrl, sizeof(ctx->ctrl)))
			break;
		r = -ENOENT;
		usleep(50000);
	}
	if (!rt_check(ctx, r == 0, "rpmsg-echo: nodes present",
		      "no rpmsg-raw node or no control node"))
		return -1;
	r = rt_node_attr_u32(ctx->raw, "dst", &ctx->raw_dst);
	if (!rt_check(ctx, r == 0, "rpmsg-echo: raw node sysfs dst",
		      "%s: %s", ctx->raw, strerror(-r)))
		return -1;
	rt_info("raw node %s, remote address %u, control node %s", ctx->raw,
		ctx->raw_dst, ctx->ctrl);
	return 0;
}

int main(int argc, char **argv)
{
	struct rt_ctx ctx = {
		.remote = "/sys/class/remoteproc/remoteproc0",
		.per_size = 4,
		.threads = 8,
		.per_thread = 2000,
		.window = 8,
		.bench_count = 1000,
		.mtu = RT_MTU,
		.flood = 2000,
		.timeout_ms = 10000,
	};
	struct rt_modes m = { .channel = true };

	if (parse(argc, argv, &ctx, &m))
		return 2;

	if (!find_nodes(&ctx)) {
		if (m.functional) {
			rt_test_raw_echo(&ctx);
			rt_test_ept_echo(&ctx);
			rt_test_errors(&ctx);
			if (m.channel)
				rt_test_channel(&ctx);
		}
		if (m.threads)
			rt_test_threads(&ctx);
		if (m.flood)
			rt_test_flood(&ctx);
		if (m.bench)
			rt_bench(&ctx);
		if (m.stop)
			rt_test_remote_stop(&ctx);
	}

	rt_info("rpmsg-echo-test: %u passed, %u failed, %u skipped",
		ctx.passed, ctx.failed, ctx.skipped);
	if (ctx.results)
		fclose(ctx.results);
	return ctx.failed ? 1 : 0;
}
