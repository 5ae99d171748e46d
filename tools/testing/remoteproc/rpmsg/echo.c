// SPDX-License-Identifier: GPL-2.0
/*
 * Echo tests: every size from 1 to the MTU, contents compared, on the
 * "rpmsg-raw" channel's node, on an endpoint made through the control node,
 * and on a channel made through the control node.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#include "rpmsg-test.h"

/* A pattern that differs with the seed and with the position. */
void rt_fill(uint8_t *buf, size_t len, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 0x9e3779b9u;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (uint8_t)x;
	}
}

/*
 * One message into @buf: its length, 0 after @timeout_ms without one, or a
 * negative errno (-EPIPE also for POLLERR/POLLHUP without data).
 */
int rt_recv(int fd, void *buf, size_t len, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int r;

	do {
		r = poll(&p, 1, timeout_ms);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	if (r == 0)
		return 0;
	if (!(p.revents & POLLIN))
		return -EPIPE;
	n = read(fd, buf, len);
	if (n < 0)
		return -errno;
	return (int)n;
}

/*
 * Send @len bytes of pattern @seed and check the echo.  0, or -1 with the
 * reason in @why.
 */
int rt_echo(struct rt_ctx *ctx, int fd, size_t len, uint32_t seed, char *why,
	    size_t why_len)
{
	uint8_t out[RT_MTU + 16], in[RT_MTU + 16];
	ssize_t n;
	int r;

	rt_fill(out, len, seed);
	n = write(fd, out, len);
	if (n != (ssize_t)len) {
		snprintf(why, why_len, "write of %zu bytes: %s", len,
			 n < 0 ? strerror(errno) : "short");
		return -1;
	}
	r = rt_recv(fd, in, sizeof(in), ctx->timeout_ms);
	if (r <= 0) {
		snprintf(why, why_len, "no echo of %zu bytes: %s", len,
			 r ? strerror(-r) : "timeout");
		return -1;
	}
	if ((size_t)r != len || memcmp(in, out, len)) {
		snprintf(why, why_len, "echo of %zu bytes came back as %d bytes%s",
			 len, r, (size_t)r == len ? " with other contents" : "");
		return -1;
	}
	return 0;
}

/* Every size 1..MTU, ctx->per_size times each: one result. */
void rt_test_echo_sizes(struct rt_ctx *ctx, const char *tag, int fd)
{
	char name[128], why[256];
	unsigned int count = 0;
	double t0 = rt_now_us();

	snprintf(name, sizeof(name), "rpmsg-echo: %s: every size 1..%u x %u",
		 tag, ctx->mtu, ctx->per_size);
	for (unsigned int round = 0; round < ctx->per_size; round++) {
		for (unsigned int len = 1; len <= ctx->mtu; len++) {
			if (rt_echo(ctx, fd, len, round * 1000 + len, why,
				    sizeof(why))) {
				rt_not_ok(ctx, name, "after %u echoes: %s",
					  count, why);
				return;
			}
			count++;
		}
	}
	rt_info("%s: %u messages echoed and verified in %.1f ms", tag, count,
		(rt_now_us() - t0) / 1000);
	rt_ok(ctx, name);
}

void rt_test_raw_echo(struct rt_ctx *ctx)
{
	int fd = open(ctx->raw, O_RDWR);

	if (!rt_check(ctx, fd >= 0, "rpmsg-echo: raw: open", "%s: %s",
		      ctx->raw, strerror(errno)))
		return;
	rt_test_echo_sizes(ctx, "raw", fd);
	close(fd);
}

/* An endpoint node from RPMSG_CREATE_EPT_IOCTL, echoed through, destroyed. */
void rt_test_ept_echo(struct rt_ctx *ctx)
{
	char ename[32], dev[RT_DEV_LEN], buf[64];
	uint32_t dst = 0;
	int cfd, fd, r;

	cfd = open(ctx->ctrl, O_RDWR);
	if (!rt_check(ctx, cfd >= 0, "rpmsg-echo: ept: open control node",
		      "%s: %s", ctx->ctrl, strerror(errno)))
		return;
	snprintf(ename, sizeof(ename), "rt-ept-%d", (int)getpid());
	r = rt_create_ept(ctx, cfd, ename, RPMSG_ADDR_ANY, ctx->raw_dst, dev,
			  sizeof(dev));
	close(cfd);
	if (!rt_check(ctx, r == 0, "rpmsg-echo: ept: RPMSG_CREATE_EPT_IOCTL",
		      "%s", strerror(-r)))
		return;

	r = rt_node_attr(dev, "name", buf, sizeof(buf));
	rt_check(ctx, !r && !strcmp(buf, ename) &&
		 !rt_node_attr_u32(dev, "dst", &dst) && dst == ctx->raw_dst,
		 "rpmsg-echo: ept: sysfs name and dst",
		 "name '%s' dst %u, expected '%s' %u", r ? "?" : buf, dst,
		 ename, ctx->raw_dst);

	fd = open(dev, O_RDWR);
	if (!rt_check(ctx, fd >= 0, "rpmsg-echo: ept: open", "%s: %s", dev,
		      strerror(errno)))
		return;
	rt_test_echo_sizes(ctx, "ept", fd);

	r = ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
	rt_check(ctx, r == 0, "rpmsg-echo: ept: RPMSG_DESTROY_EPT_IOCTL", "%s",
		 strerror(errno));
	r = write(fd, buf, 1);
	rt_check(ctx, r < 0 && errno == EPIPE,
		 "rpmsg-echo: ept: write after destroy gets EPIPE", "got %d (%s)",
		 r, r < 0 ? strerror(errno) : "success");
	r = read(fd, buf, sizeof(buf));
	rt_check(ctx, r < 0 && errno == EPIPE,
		 "rpmsg-echo: ept: read after destroy gets EPIPE", "got %d (%s)",
		 r, r < 0 ? strerror(errno) : "success");
	r = ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
	rt_check(ctx, r == 0, "rpmsg-echo: ept: second destroy is harmless",
		 "%s", strerror(errno));
	rt_check(ctx, rt_wait_gone(dev, 2000) == 0,
		 "rpmsg-echo: ept: node gone after destroy", "%s still there",
		 dev);
	close(fd);
}

/*
 * A channel from RPMSG_CREATE_DEV_IOCTL named "rpmsg-raw": rpmsg_char binds
 * to it, so it gets a node with the chosen local address; echo through it,
 * then RPMSG_RELEASE_DEV_IOCTL takes channel and node away.
 */
void rt_test_channel(struct rt_ctx *ctx)
{
	struct rpmsg_endpoint_info info = { .name = "rpmsg-raw" };
	char dev[RT_DEV_LEN] = "", why[256], node[RT_DEV_LEN];
	uint32_t src = 0;
	int cfd, fd, r;

	/* A fixed local address above the dynamic ones we are likely to see. */
	info.src = 0x7000 + (uint32_t)(getpid() % 0x1000);
	info.dst = ctx->raw_dst;

	cfd = open(ctx->ctrl, O_RDWR);
	if (!rt_check(ctx, cfd >= 0, "rpmsg-echo: channel: open control node",
		      "%s: %s", ctx->ctrl, strerror(errno)))
		return;
	r = ioctl(cfd, RPMSG_CREATE_DEV_IOCTL, &info);
	if (!rt_check(ctx, r == 0, "rpmsg-echo: channel: RPMSG_CREATE_DEV_IOCTL",
		      "%s", strerror(errno))) {
		close(cfd);
		return;
	}

	/* Its node: named rpmsg-raw with our source address. */
	for (int tries = 0; tries < 200 && !dev[0]; tries++) {
		for (unsigned int n = 0; n < 256; n++) {
			snprintf(node, sizeof(node), "/dev/rpmsg%u", n);
			if (!rt_node_attr_u32(node, "src", &src) &&
			    src == info.src && rt_node_exists(node)) {
				snprintf(dev, sizeof(dev), "%s", node);
				break;
			}
		}
		if (!dev[0])
			usleep(10000);
	}
	if (rt_check(ctx, dev[0], "rpmsg-echo: channel: node appears",
		     "no node with src %u", info.src)) {
		fd = open(dev, O_RDWR);
		if (rt_check(ctx, fd >= 0, "rpmsg-echo: channel: open",
			     "%s: %s", dev, strerror(errno))) {
			r = 0;
			for (unsigned int len = 1; len <= ctx->mtu && !r; len++)
				r = rt_echo(ctx, fd, len, len, why, sizeof(why));
			rt_check(ctx, !r, "rpmsg-echo: channel: echo 1..MTU",
				 "%s", why);
			close(fd);
		}
	}

	r = ioctl(cfd, RPMSG_RELEASE_DEV_IOCTL, &info);
	rt_check(ctx, r == 0, "rpmsg-echo: channel: RPMSG_RELEASE_DEV_IOCTL",
		 "%s", strerror(errno));
	if (dev[0])
		rt_check(ctx, rt_wait_gone(dev, 2000) == 0,
			 "rpmsg-echo: channel: node gone after release",
			 "%s still there", dev);
	r = ioctl(cfd, RPMSG_RELEASE_DEV_IOCTL, &info);
	rt_check(ctx, r < 0 && errno == EINVAL,
		 "rpmsg-echo: channel: releasing it again gets EINVAL",
		 "got %d (%s)", r, r < 0 ? strerror(errno) : "success");
	close(cfd);
}
