// SPDX-License-Identifier: GPL-2.0
/*
 * Many threads on many endpoints at once (-t): each thread owns one endpoint
 * made through the control node and keeps up to ctx->window messages in
 * flight.  Every echo must come back complete and in order: per endpoint,
 * nothing lost and nothing reordered.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#include "rpmsg-test.h"

#define RT_HDR	8	/* thread number and sequence number */

struct rt_worker {
	const struct rt_ctx *ctx;
	unsigned int id;
	char dev[RT_DEV_LEN];
	pthread_t thread;
	/* results */
	bool ok;
	unsigned int sent, received;
	char why[256];
};

static size_t rt_msg_len(const struct rt_ctx *ctx, unsigned int id,
			 unsigned int seq)
{
	return RT_HDR + (seq * 37u + id * 11u) % (ctx->mtu - RT_HDR + 1);
}

static void rt_msg_make(const struct rt_ctx *ctx, uint8_t *buf,
			unsigned int id, unsigned int seq, size_t *len)
{
	uint32_t hdr[2] = { id, seq };

	*len = rt_msg_len(ctx, id, seq);
	memcpy(buf, hdr, RT_HDR);
	rt_fill(buf + RT_HDR, *len - RT_HDR, id << 20 ^ seq);
}

static int rt_worker_send(struct rt_worker *w, int fd)
{
	uint8_t buf[RT_MTU];
	size_t len;

	rt_msg_make(w->ctx, buf, w->id, w->sent, &len);
	if (write(fd, buf, len) != (ssize_t)len) {
		snprintf(w->why, sizeof(w->why), "endpoint %u: write #%u: %s",
			 w->id, w->sent, strerror(errno));
		return -1;
	}
	w->sent++;
	return 0;
}

static int rt_worker_recv(struct rt_worker *w, int fd)
{
	uint8_t buf[RT_MTU + 16], want[RT_MTU];
	uint32_t hdr[2] = { 0 };
	size_t len;
	int r;

	r = rt_recv(fd, buf, sizeof(buf), w->ctx->timeout_ms);
	if (r <= 0) {
		snprintf(w->why, sizeof(w->why),
			 "endpoint %u: echo #%u of %u sent: %s", w->id,
			 w->received, w->sent, r ? strerror(-r) : "timeout (lost)");
		return -1;
	}
	rt_msg_make(w->ctx, want, w->id, w->received, &len);
	memcpy(hdr, buf, r >= RT_HDR ? RT_HDR : 0);
	if (r < RT_HDR || hdr[0] != w->id) {
		snprintf(w->why, sizeof(w->why),
			 "endpoint %u: echo #%u: not ours (%d bytes)", w->id,
			 w->received, r);
		return -1;
	}
	if (hdr[1] != w->received) {
		snprintf(w->why, sizeof(w->why),
			 "endpoint %u: expected echo #%u, got #%u (%s)", w->id,
			 w->received, hdr[1],
			 hdr[1] > w->received ? "lost" : "reordered");
		return -1;
	}
	if ((size_t)r != len || memcmp(buf, want, len)) {
		snprintf(w->why, sizeof(w->why),
			 "endpoint %u: echo #%u: %d bytes, expected %zu%s",
			 w->id, w->received, r, len,
			 (size_t)r == len ? ", contents differ" : "");
		return -1;
	}
	w->received++;
	return 0;
}

static void *rt_worker_run(void *arg)
{
	struct rt_worker *w = arg;
	unsigned int total = w->ctx->per_thread;
	int fd;

	fd = open(w->dev, O_RDWR);
	if (fd < 0) {
		snprintf(w->why, sizeof(w->why), "%s: %s", w->dev,
			 strerror(errno));
		return NULL;
	}
	while (w->received < total) {
		while (w->sent < total && w->sent - w->received < w->ctx->window)
			if (rt_worker_send(w, fd))
				goto out;
		if (rt_worker_recv(w, fd))
			goto out;
	}
	w->ok = true;
out:
	ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
	close(fd);
	return NULL;
}

void rt_test_threads(struct rt_ctx *ctx)
{
	unsigned int n = ctx->threads, made = 0, started = 0, good = 0;
	unsigned long long msgs = 0;
	struct rt_worker *ws;
	char name[32], tname[128];
	double t0, t;
	int cfd, r = 0;

	snprintf(tname, sizeof(tname),
		 "rpmsg-echo: threads: %u endpoints x %u messages, %u in flight",
		 n, ctx->per_thread, ctx->window);
	ws = calloc(n, sizeof(*ws));
	cfd = open(ctx->ctrl, O_RDWR);
	if (!ws || cfd < 0) {
		rt_not_ok(ctx, tname, "%s: %s", ctx->ctrl, strerror(errno));
		goto out;
	}
	for (made = 0; made < n; made++) {
		ws[made].ctx = ctx;
		ws[made].id = made;
		snprintf(name, sizeof(name), "rt-t%u-%d", made, (int)getpid());
		r = rt_create_ept(ctx, cfd, name, RPMSG_ADDR_ANY, ctx->raw_dst,
				  ws[made].dev, sizeof(ws[made].dev));
		if (r)
			break;
	}
	if (r) {
		rt_not_ok(ctx, tname, "creating endpoint %u: %s", made,
			  strerror(-r));
		goto out_destroy;
	}

	t0 = rt_now_us();
	for (started = 0; started < n; started++)
		if (pthread_create(&ws[started].thread, NULL, rt_worker_run,
				   &ws[started]))
			break;
	for (unsigned int i = 0; i < started; i++)
		pthread_join(ws[i].thread, NULL);
	t = rt_now_us() - t0;

	for (unsigned int i = 0; i < n; i++) {
		msgs += ws[i].received;
		if (ws[i].ok)
			good++;
	}
	rt_info("threads: %llu messages echoed in %.1f ms (%.0f msg/s)", msgs,
		t / 1000, t > 0 ? msgs * 1e6 / t : 0.0);
	if (good == n) {
		rt_ok(ctx, tname);
	} else {
		for (unsigned int i = 0; i < n; i++)
			if (!ws[i].ok)
				rt_info("threads: %s", i < started ?
					ws[i].why : "thread not started");
		rt_not_ok(ctx, tname, "%u of %u endpoints failed", n - good, n);
	}

out_destroy:
	/* The workers destroyed theirs; nodes never opened go here. */
	for (unsigned int i = started; i < made; i++) {
		int fd = open(ws[i].dev, O_RDWR);

		if (fd >= 0) {
			ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
			close(fd);
		}
	}
out:
	if (cfd >= 0)
		close(cfd);
	free(ws);
}
