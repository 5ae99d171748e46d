// SPDX-License-Identifier: GPL-2.0
/*
 * --remote-stop: the remote processor stops while nodes are open.  Blocked
 * readers wake with EPIPE, reads and writes fail with EPIPE, poll reports
 * POLLERR|POLLHUP (also to an epoll instance that watched the node since
 * before the stop and is closed only after the restart), the control
 * node's ioctls fail, the nodes leave /dev;
 * after a restart the "rpmsg-raw" node and the control node come back and
 * echo again.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#include "rpmsg-test.h"

struct rt_reader {
	int fd;
	long ret;
	int err;
};

static void *rt_reader_run(void *arg)
{
	struct rt_reader *rd = arg;
	char buf[RT_MTU];

	rd->ret = read(rd->fd, buf, sizeof(buf));
	rd->err = errno;
	return NULL;
}

/* Write @val to the remote's state attribute; 0 or a negative errno. */
static int rt_remote_state(struct rt_ctx *ctx, const char *val)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/state", ctx->remote);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	close(fd);
	return n < 0 ? -errno : 0;
}

static bool rt_remote_wait(struct rt_ctx *ctx, const char *want, int ms)
{
	char path[PATH_MAX], buf[32];

	snprintf(path, sizeof(path), "%s/state", ctx->remote);
	for (int t = 0; t <= ms; t += 50) {
		if (!rt_sysfs_read(path, buf, sizeof(buf)) && !strcmp(buf, want))
			return true;
		usleep(50000);
	}
	return false;
}

/* After the stop: every operation on @fd fails cleanly. */
static void rt_dead_node(struct rt_ctx *ctx, const char *tag, int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };
	char name[128], buf[16] = "x";
	long r;

	snprintf(name, sizeof(name), "rpmsg-echo: stop: %s: write gets EPIPE",
		 tag);
	r = write(fd, buf, 1);
	rt_check(ctx, r < 0 && errno == EPIPE, name, "got %ld (%s)", r,
		 r < 0 ? strerror(errno) : "success");
	snprintf(name, sizeof(name), "rpmsg-echo: stop: %s: read gets EPIPE",
		 tag);
	r = read(fd, buf, sizeof(buf));
	rt_check(ctx, r < 0 && errno == EPIPE, name, "got %ld (%s)", r,
		 r < 0 ? strerror(errno) : "success");
	snprintf(name, sizeof(name),
		 "rpmsg-echo: stop: %s: poll reports POLLERR|POLLHUP", tag);
	r = poll(&p, 1, 1000);
	rt_check(ctx, r == 1 && (p.revents & POLLERR) && (p.revents & POLLHUP),
		 name, "poll %ld revents 0x%x", r, p.revents);
}

/* The epoll instance watching the raw node reports the hang-up. */
static void rt_dead_epoll(struct rt_ctx *ctx, int epfd)
{
	struct epoll_event ev = { 0 };
	int r;

	r = epoll_wait(epfd, &ev, 1, 1000);
	rt_check(ctx, r == 1 && (ev.events & EPOLLERR) && (ev.events & EPOLLHUP),
		 "rpmsg-echo: stop: epoll reports EPOLLERR|EPOLLHUP",
		 "epoll_wait %d events 0x%x", r, ev.events);
}

static void rt_stop_checks(struct rt_ctx *ctx, int raw_fd, int ept_fd,
			   const char *ept_dev, int cfd, int epfd)
{
	struct rpmsg_endpoint_info info = {
		.name = "rt-after-stop",
		.src = RPMSG_ADDR_ANY,
		.dst = ctx->raw_dst,
	};
	struct rt_reader rd = { .fd = raw_fd };
	struct timespec ts;
	pthread_t th;
	bool joined;
	long r;

	if (pthread_create(&th, NULL, rt_reader_run, &rd)) {
		rt_not_ok(ctx, "rpmsg-echo: stop: blocked reader", "no thread");
		return;
	}
	usleep(200000);	/* let it block in read() */

	r = rt_remote_state(ctx, "stop");
	if (!rt_check(ctx, r == 0 && rt_remote_wait(ctx, "offline", 30000),
		      "rpmsg-echo: stop: remote stopped", "state stop: %s",
		      r ? strerror((int)-r) : "not offline")) {
		pthread_cancel(th);
		pthread_join(th, NULL);
		return;
	}

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	joined = pthread_timedjoin_np(th, NULL, &ts) == 0;
	if (!joined) {
		pthread_cancel(th);
		pthread_join(th, NULL);
	}
	rt_check(ctx, joined && rd.ret < 0 && rd.err == EPIPE,
		 "rpmsg-echo: stop: blocked reader wakes with EPIPE",
		 "%s", joined ? strerror(rd.err) : "still blocked after 5 s");

	rt_dead_node(ctx, "raw", raw_fd);
	if (epfd >= 0)
		rt_dead_epoll(ctx, epfd);
	if (ept_fd >= 0)
		rt_dead_node(ctx, "ept", ept_fd);

	r = ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, &info);
	rt_check(ctx, r < 0, "rpmsg-echo: stop: control node ioctl fails",
		 "CREATE_EPT succeeded");

	rt_check(ctx, rt_wait_gone(ctx->raw, 5000) == 0,
		 "rpmsg-echo: stop: raw node gone", "%s still there", ctx->raw);
	if (ept_fd >= 0)
		rt_check(ctx, rt_wait_gone(ept_dev, 5000) == 0,
			 "rpmsg-echo: stop: endpoint node gone",
			 "%s still there", ept_dev);
}

static void rt_restart_checks(struct rt_ctx *ctx)
{
	char why[256] = "", dev[RT_DEV_LEN];
	int r, fd = -1;

	r = rt_remote_state(ctx, "start");
	if (!rt_check(ctx, r == 0 && rt_remote_wait(ctx, "running", 30000),
		      "rpmsg-echo: stop: remote restarted", "state start: %s",
		      r ? strerror(-r) : "not running"))
		return;

	for (int t = 0; t < 3 * ctx->timeout_ms; t += 50) {
		if (!rt_find_node("rpmsg-raw", dev, sizeof(dev)) &&
		    rt_node_exists(dev) &&
		    !rt_find_ctrl(ctx, ctx->ctrl, sizeof(ctx->ctrl)))
			break;
		dev[0] = '\0';
		usleep(50000);
	}
	if (!rt_check(ctx, dev[0], "rpmsg-echo: stop: nodes come back",
		      "no rpmsg-raw node or control node after restart"))
		return;
	snprintf(ctx->raw, sizeof(ctx->raw), "%s", dev);
	rt_node_attr_u32(dev, "dst", &ctx->raw_dst);

	fd = open(dev, O_RDWR);
	r = fd < 0 ? -1 : rt_echo(ctx, fd, RT_MTU, 3, why, sizeof(why));
	rt_check(ctx, r == 0, "rpmsg-echo: stop: echo after restart", "%s: %s",
		 dev, fd < 0 ? strerror(errno) : why);
	if (fd >= 0)
		close(fd);
}

void rt_test_remote_stop(struct rt_ctx *ctx)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT };
	char ept_dev[RT_DEV_LEN] = "", name[32];
	int raw_fd, cfd, ept_fd = -1, epfd = -1, r;

	raw_fd = open(ctx->raw, O_RDWR);
	cfd = open(ctx->ctrl, O_RDWR);
	if (!rt_check(ctx, raw_fd >= 0 && cfd >= 0,
		      "rpmsg-echo: stop: open nodes", "%s", strerror(errno)))
		goto out;

	snprintf(name, sizeof(name), "rt-stop-%d", (int)getpid());
	r = rt_create_ept(ctx, cfd, name, RPMSG_ADDR_ANY, ctx->raw_dst,
			  ept_dev, sizeof(ept_dev));
	if (rt_check(ctx, r == 0, "rpmsg-echo: stop: endpoint node",
		     "%s", strerror(-r)))
		ept_fd = open(ept_dev, O_RDWR);

	/* Armed now, closed only after the restart. */
	epfd = epoll_create1(0);
	if (epfd >= 0 && epoll_ctl(epfd, EPOLL_CTL_ADD, raw_fd, &ev)) {
		close(epfd);
		epfd = -1;
	}
	if (epfd >= 0)
		epoll_wait(epfd, &ev, 1, 0);

	rt_stop_checks(ctx, raw_fd, ept_fd, ept_dev, cfd, epfd);

out:
	/* Closing files whose nodes are gone must be harmless too. */
	if (ept_fd >= 0)
		close(ept_fd);
	if (raw_fd >= 0)
		close(raw_fd);
	if (cfd >= 0)
		close(cfd);
	rt_restart_checks(ctx);
	if (epfd >= 0)
		close(epfd);
}
