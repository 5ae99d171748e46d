// SPDX-License-Identifier: GPL-2.0
/*
 * Error paths seen from user space: sizes, bad ioctl arguments, O_NONBLOCK,
 * poll, a second open, a read buffer smaller than the message.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#include "rpmsg-test.h"

/* An ioctl number of the rpmsg type that no node knows. */
#define RT_BAD_IOCTL	_IOW(0xb5, 0x7f, struct rpmsg_endpoint_info)

static const char *rt_res(long r)
{
	return r < 0 ? strerror(errno) : "success";
}

static void rt_expect_errno(struct rt_ctx *ctx, const char *name, long r,
			    int want)
{
	int err = errno;

	rt_check(ctx, r < 0 && err == want, name, "got %ld (%s), expected %s",
		 r, rt_res(r), strerror(want));
}

static void rt_errors_node(struct rt_ctx *ctx, int fd)
{
	uint8_t buf[RT_MTU + 16];
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };
	char why[256];
	long r;
	int fl;

	memset(buf, 0x5a, sizeof(buf));
	r = write(fd, buf, ctx->mtu + 1);
	rt_expect_errno(ctx, "rpmsg-echo: errors: write of MTU+1 bytes", r,
			EMSGSIZE);
	r = write(fd, buf, RT_MTU + 16);
	rt_expect_errno(ctx, "rpmsg-echo: errors: write of MTU+16 bytes", r,
			EMSGSIZE);
	r = write(fd, buf, 0);
	rt_check(ctx, r == 0, "rpmsg-echo: errors: write of 0 bytes returns 0",
		 "got %ld (%s)", r, rt_res(r));
	/* It sends an empty message (as Linux 6.1 does); the echo reads as 0. */
	p.events = POLLIN;
	r = poll(&p, 1, ctx->timeout_ms);
	if (r == 1 && (p.revents & POLLIN))
		r = read(fd, buf, sizeof(buf));
	else
		r = -2;
	rt_check(ctx, r == 0, "rpmsg-echo: errors: empty message echoed",
		 "got %ld (%s)", r, r == -2 ? "no echo" : rt_res(r));
	p.events = POLLIN | POLLOUT;

	r = ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
	rt_expect_errno(ctx, "rpmsg-echo: errors: DESTROY_EPT on a channel node",
			r, EINVAL);
	r = ioctl(fd, RT_BAD_IOCTL, buf);
	rt_expect_errno(ctx, "rpmsg-echo: errors: unknown ioctl on a node", r,
			EINVAL);

	r = open(ctx->raw, O_RDWR);
	rt_expect_errno(ctx, "rpmsg-echo: errors: second open gets EBUSY", r,
			EBUSY);
	if (r >= 0)
		close((int)r);

	r = poll(&p, 1, 0);
	rt_check(ctx, r == 1 && (p.revents & POLLOUT) &&
		 !(p.revents & (POLLIN | POLLERR | POLLHUP)),
		 "rpmsg-echo: errors: idle node polls writable only",
		 "poll %ld revents 0x%x", r, p.revents);

	fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	r = read(fd, buf, sizeof(buf));
	rt_expect_errno(ctx, "rpmsg-echo: errors: O_NONBLOCK read on empty queue",
			r, EAGAIN);
	r = write(fd, buf, 32);
	rt_check(ctx, r == 32, "rpmsg-echo: errors: O_NONBLOCK write",
		 "got %ld (%s)", r, rt_res(r));
	if (r == 32) {
		r = rt_recv(fd, buf, sizeof(buf), ctx->timeout_ms);
		rt_check(ctx, r == 32, "rpmsg-echo: errors: O_NONBLOCK echo",
			 "got %ld", r);
	}

	/* One message per read: the rest of a truncated one is gone. */
	rt_fill(buf, 100, 7);
	r = write(fd, buf, 100);
	p.events = POLLIN;
	p.revents = 0;
	if (r == 100 && poll(&p, 1, ctx->timeout_ms) == 1) {
		uint8_t small[10], want[10];

		rt_fill(want, sizeof(want), 7);
		r = read(fd, small, sizeof(small));
		rt_check(ctx, r == 10 && !memcmp(small, want, 10),
			 "rpmsg-echo: errors: short read returns the head",
			 "got %ld", r);
		r = read(fd, buf, sizeof(buf));
		rt_expect_errno(ctx,
				"rpmsg-echo: errors: truncated message not read twice",
				r, EAGAIN);
	} else {
		rt_not_ok(ctx, "rpmsg-echo: errors: short read returns the head",
			  "no echo of 100 bytes");
	}
	fcntl(fd, F_SETFL, fl);

	/* The node still works after all that. */
	rt_check(ctx, rt_echo(ctx, fd, RT_MTU, 1, why, sizeof(why)) == 0,
		 "rpmsg-echo: errors: node still echoes", "%s", why);
}

static void rt_errors_ctrl(struct rt_ctx *ctx, int cfd)
{
	struct rpmsg_endpoint_info info = {
		.src = RPMSG_ADDR_ANY,
		.dst = ctx->raw_dst,
	};
	char cut[sizeof(info.name)], dev[RT_DEV_LEN];
	long r;
	int fd;

	/*
	 * A name that fills all 32 bytes without a NUL loses its last byte,
	 * as in Linux 6.1: the endpoint and the channel get 31 characters.
	 */
	memset(info.name, 'x', sizeof(info.name));
	memset(cut, 'x', sizeof(cut) - 1);
	cut[sizeof(cut) - 1] = '\0';
	r = ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, &info);
	rt_check(ctx, r == 0, "rpmsg-echo: errors: CREATE_EPT unterminated name",
		 "%s", rt_res(r));
	if (r == 0) {
		r = rt_find_node(cut, dev, sizeof(dev));
		rt_check(ctx, r == 0,
			 "rpmsg-echo: errors: unterminated name cut to 31",
			 "no node named %s", cut);
		fd = r ? -1 : open(dev, O_RDWR);
		if (fd >= 0) {
			r = ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
			rt_check(ctx, r == 0,
				 "rpmsg-echo: errors: its endpoint destroyed",
				 "%s", rt_res(r));
			close(fd);
		}
	}
	r = ioctl(cfd, RPMSG_CREATE_DEV_IOCTL, &info);
	rt_check(ctx, r == 0, "rpmsg-echo: errors: CREATE_DEV unterminated name",
		 "%s", rt_res(r));
	r = ioctl(cfd, RPMSG_RELEASE_DEV_IOCTL, &info);
	rt_check(ctx, r == 0, "rpmsg-echo: errors: RELEASE_DEV unterminated name",
		 "%s", rt_res(r));
	r = ioctl(cfd, RPMSG_RELEASE_DEV_IOCTL, &info);
	rt_expect_errno(ctx, "rpmsg-echo: errors: RELEASE_DEV of it again", r,
			EINVAL);

	r = ioctl(cfd, RT_BAD_IOCTL, &info);
	rt_expect_errno(ctx, "rpmsg-echo: errors: unknown ioctl on control node",
			r, EINVAL);
	r = ioctl(cfd, RPMSG_DESTROY_EPT_IOCTL, &info);
	rt_expect_errno(ctx, "rpmsg-echo: errors: DESTROY_EPT on control node",
			r, EINVAL);
	/* The argument is read first, as in Linux 6.1, even for those. */
	r = ioctl(cfd, RT_BAD_IOCTL, NULL);
	rt_expect_errno(ctx,
			"rpmsg-echo: errors: unknown ioctl, bad pointer, on control node",
			r, EFAULT);

	r = ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, (void *)8);
	rt_expect_errno(ctx, "rpmsg-echo: errors: CREATE_EPT bad pointer", r,
			EFAULT);

	snprintf(info.name, sizeof(info.name), "rt-no-such-channel");
	info.src = 0x7fff0000;
	r = ioctl(cfd, RPMSG_RELEASE_DEV_IOCTL, &info);
	rt_expect_errno(ctx, "rpmsg-echo: errors: RELEASE_DEV of no channel", r,
			EINVAL);
}

static void rt_errors_ept(struct rt_ctx *ctx, int cfd)
{
	uint8_t buf[RT_MTU + 1] = { 0 };
	char dev[RT_DEV_LEN], name[32];
	long r;
	int fd;

	snprintf(name, sizeof(name), "rt-err-%d", (int)getpid());
	r = rt_create_ept(ctx, cfd, name, RPMSG_ADDR_ANY, ctx->raw_dst, dev,
			  sizeof(dev));
	if (!rt_check(ctx, r == 0, "rpmsg-echo: errors: endpoint for checks",
		      "%s", strerror((int)-r)))
		return;
	fd = open(dev, O_RDWR);
	if (fd >= 0) {
		r = write(fd, buf, ctx->mtu + 1);
		rt_expect_errno(ctx,
				"rpmsg-echo: errors: endpoint write of MTU+1 bytes",
				r, EMSGSIZE);
		r = ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
		rt_check(ctx, r == 0, "rpmsg-echo: errors: endpoint destroyed",
			 "%s", rt_res(r));
		close(fd);
	} else {
		rt_not_ok(ctx, "rpmsg-echo: errors: endpoint open", "%s: %s",
			  dev, strerror(errno));
	}
}

void rt_test_errors(struct rt_ctx *ctx)
{
	int fd, cfd;

	fd = open(ctx->raw, O_RDWR);
	if (rt_check(ctx, fd >= 0, "rpmsg-echo: errors: open raw node",
		     "%s: %s", ctx->raw, strerror(errno))) {
		rt_errors_node(ctx, fd);
		close(fd);
	}

	cfd = open(ctx->ctrl, O_RDWR);
	if (rt_check(ctx, cfd >= 0, "rpmsg-echo: errors: open control node",
		     "%s: %s", ctx->ctrl, strerror(errno))) {
		rt_errors_ctrl(ctx, cfd);
		rt_errors_ept(ctx, cfd);
		close(cfd);
	}
}
