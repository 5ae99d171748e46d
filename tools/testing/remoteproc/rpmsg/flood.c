// SPDX-License-Identifier: GPL-2.0
/*
 * --flood: the receive queue of a node is bounded.  An endpoint asks the
 * remote's control service ("rpmsg-test-ctrl") for more messages than the
 * queue holds and reads none for a while: the node keeps exactly the first
 * rx_queue_max of them (the kernel drops and counts the rest), in order,
 * and works normally afterwards.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#include "rpmsg-test.h"

#define RT_BUS_DEVICES	"/sys/bus/rpmsg/devices"
#define RT_QUEUE_PARAM	"/sys/module/rpmsg_char/parameters/rx_queue_max"
#define RT_FLOOD_SIZE	64

/* The remote address of the channel named @name, from the rpmsg bus. */
static int rt_channel_dst(const char *name, uint32_t *dst)
{
	char path[PATH_MAX], buf[64];
	struct dirent *de;
	int ret = -ENOENT;
	DIR *d;

	d = opendir(RT_BUS_DEVICES);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), RT_BUS_DEVICES "/%s/name",
			 de->d_name);
		if (rt_sysfs_read(path, buf, sizeof(buf)) || strcmp(buf, name))
			continue;
		snprintf(path, sizeof(path), RT_BUS_DEVICES "/%s/dst",
			 de->d_name);
		if (!rt_sysfs_read(path, buf, sizeof(buf))) {
			*dst = (uint32_t)strtoul(buf, NULL, 0);
			ret = 0;
			break;
		}
	}
	closedir(d);
	return ret;
}

static bool rt_flood_msg_ok(const uint8_t *buf, int len, unsigned int seq)
{
	if (len != RT_FLOOD_SIZE)
		return false;
	for (int i = 0; i < len; i++)
		if (buf[i] != (uint8_t)(seq + i))
			return false;
	return true;
}

/* Read everything queued without blocking; checks order and contents. */
static int rt_drain(int fd, unsigned int *count, char *why, size_t why_len)
{
	uint8_t buf[RT_MTU + 16];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0)
			return errno == EAGAIN ? 0 : -errno;
		/* The first message is the service's "ok flood" reply. */
		if (*count == 0 ? strncmp((char *)buf, "ok flood", 8) :
		    !rt_flood_msg_ok(buf, (int)n, *count - 1)) {
			snprintf(why, why_len, "message %u out of order or wrong",
				 *count);
			return -EPROTO;
		}
		(*count)++;
	}
}

static void rt_flood_run(struct rt_ctx *ctx, int fd, unsigned int limit)
{
	unsigned int n = ctx->flood, count = 0, want;
	char cmd[64], why[256] = "", buf[RT_MTU + 1];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r, fl;

	snprintf(cmd, sizeof(cmd), "flood %u %u", n, RT_FLOOD_SIZE);
	r = (int)write(fd, cmd, strlen(cmd));
	if (!rt_check(ctx, r == (int)strlen(cmd), "rpmsg-echo: flood: request",
		      "%s", strerror(errno)))
		return;

	/* Let the queue fill without reading: the first message, then time. */
	poll(&p, 1, ctx->timeout_ms);
	sleep(3);

	fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	r = rt_drain(fd, &count, why, sizeof(why));
	want = n + 1 < limit ? n + 1 : limit;
	rt_check(ctx, r == 0 && count == want,
		 "rpmsg-echo: flood: queue keeps the first rx_queue_max messages",
		 "read %u messages, expected %u (queue limit %u)%s%s", count,
		 want, limit, why[0] ? ": " : "", why);

	/* Late flood messages may still come; then the node must work. */
	sleep(1);
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	fcntl(fd, F_SETFL, fl);
	r = (int)write(fd, "counters", 8);
	for (int i = 0; r == 8 && i < 100000; i++) {
		r = rt_recv(fd, buf, sizeof(buf) - 1, ctx->timeout_ms);
		if (r <= 0)
			break;
		buf[r] = '\0';
		if (!strncmp(buf, "ok counters", 11)) {
			rt_info("flood: remote %s", buf);
			r = 8;
			break;
		}
		r = 8;
	}
	rt_check(ctx, r == 8, "rpmsg-echo: flood: node works afterwards",
		 "no counters reply: %s", r < 0 ? strerror(-r) : "timeout");
}

void rt_test_flood(struct rt_ctx *ctx)
{
	char dev[RT_DEV_LEN], name[32], buf[32];
	unsigned int limit = 1024;
	uint32_t dst;
	int cfd, fd, r;

	if (rt_channel_dst("rpmsg-test-ctrl", &dst)) {
		rt_skip(ctx, "rpmsg-echo: flood", "no rpmsg-test-ctrl channel");
		return;
	}
	if (!rt_sysfs_read(RT_QUEUE_PARAM, buf, sizeof(buf)))
		limit = (unsigned int)strtoul(buf, NULL, 0);

	cfd = open(ctx->ctrl, O_RDWR);
	if (!rt_check(ctx, cfd >= 0, "rpmsg-echo: flood: open control node",
		      "%s: %s", ctx->ctrl, strerror(errno)))
		return;
	snprintf(name, sizeof(name), "rt-flood-%d", (int)getpid());
	r = rt_create_ept(ctx, cfd, name, RPMSG_ADDR_ANY, dst, dev, sizeof(dev));
	close(cfd);
	if (!rt_check(ctx, r == 0, "rpmsg-echo: flood: endpoint", "%s",
		      strerror(-r)))
		return;
	fd = open(dev, O_RDWR);
	if (rt_check(ctx, fd >= 0, "rpmsg-echo: flood: open", "%s: %s", dev,
		     strerror(errno))) {
		rt_flood_run(ctx, fd, limit);
		ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
		close(fd);
	}
}
