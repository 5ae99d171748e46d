// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg-attach: a client that stays attached to the remote across crashes
 * and recoveries, until a stop file appears.
 *
 *   rpmsg-attach ept <service> <stopfile> [stuck-seconds]
 *	an endpoint made through /dev/rpmsg_ctrlN (RPMSG_CREATE_EPT_IOCTL),
 *	named "attach-<service>", towards the address of the channel
 *	<service>; the echo services echo, rpmsg-test-ctrl answers "counters"
 *   rpmsg-attach node <name> <stopfile> [stuck-seconds]
 *	the channel's own node /dev/rpmsgN whose endpoint is named <name>
 *   rpmsg-attach tty - <stopfile> [stuck-seconds]
 *	the first /dev/ttyRPMSGN (raw mode), whose remote echoes
 *
 * It exchanges one message after another: a write, then a blocking read of
 * the answer, checked.  When the remote goes away the read or the write
 * fails (EPIPE, EIO, ...): that is a detach; the client closes everything
 * and attaches again, to the new control node, channel or tty, as soon as
 * they are there (a reattach; the time it took is recorded).  A read or
 * write still blocked after stuck-seconds (default 30) is a hang:
 * reported, interrupted, counted.
 *
 * When the stop file exists, one last exchange must succeed (waiting up
 * to stuck-seconds for the remote to be back), then the endpoint is
 * destroyed and one line of counts printed.  Exit status 0 unless an answer
 * was wrong, a read hung or the last exchange failed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#define MTU		496
#define MAX_SAMPLES	4096

enum mode { M_EPT, M_NODE, M_TTY };

struct client {
	enum mode mode;
	const char *target;	/* service or endpoint name */
	const char *stopfile;
	int stuck_s;
	char ept_name[32];
	int ctrl, fd;
	char node[300];
	unsigned long seq;
	/* counts */
	unsigned long exchanges, mismatches, detaches, reattaches, stuck;
	double detached_at, samples[MAX_SAMPLES];
	int nsamples;
	/* the read in progress, for the watchdog */
	volatile double blocked_since;
	pthread_t main_thread;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int stop_requested(const struct client *c)
{
	return access(c->stopfile, F_OK) == 0;
}

static int read_attr(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -1;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* The remote address of the channel named @name, or -1. */
static long channel_dst(const char *name)
{
	DIR *d = opendir("/sys/bus/rpmsg/devices");
	struct dirent *e;
	char path[600], val[64];
	long dst = -1;

	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/rpmsg/devices/%s/name", e->d_name);
		if (read_attr(path, val, sizeof(val)) || strcmp(val, name))
			continue;
		snprintf(path, sizeof(path), "/sys/bus/rpmsg/devices/%s/dst", e->d_name);
		if (!read_attr(path, val, sizeof(val)))
			dst = strtol(val, NULL, 0);
		break;
	}
	if (d)
		closedir(d);
	return dst;
}

/* The endpoint node named @name (and with remote address @dst unless < 0). */
static int find_node(const char *name, long dst, char *dev, size_t len)
{
	DIR *d = opendir("/sys/class/rpmsg");
	struct dirent *e;
	char path[600], val[64];
	int found = -1;

	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "rpmsg", 5) || !strncmp(e->d_name, "rpmsg_ctrl", 10))
			continue;
		snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/name", e->d_name);
		if (read_attr(path, val, sizeof(val)) || strcmp(val, name))
			continue;
		snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/dst", e->d_name);
		if (dst >= 0 && (read_attr(path, val, sizeof(val)) ||
				 strtol(val, NULL, 0) != dst))
			continue;
		snprintf(dev, len, "/dev/%s", e->d_name);
		found = 0;
		break;
	}
	if (d)
		closedir(d);
	return found;
}

static void detach(struct client *c)
{
	if (c->fd >= 0) {
		if (c->mode == M_EPT)
			ioctl(c->fd, RPMSG_DESTROY_EPT_IOCTL);
		close(c->fd);
	}
	if (c->ctrl >= 0)
		close(c->ctrl);
	c->fd = c->ctrl = -1;
}

static int attach_ept(struct client *c)
{
	struct rpmsg_endpoint_info info = { .src = RPMSG_ADDR_ANY };
	long dst = channel_dst(c->target);
	char path[64];

	if (dst < 0)
		return -1;
	for (int i = 0; i < 64 && c->ctrl < 0; i++) {
		snprintf(path, sizeof(path), "/dev/rpmsg_ctrl%d", i);
		c->ctrl = open(path, O_RDWR | O_CLOEXEC);
	}
	if (c->ctrl < 0)
		return -1;
	snprintf(info.name, sizeof(info.name), "%s", c->ept_name);
	info.dst = (__u32)dst;
	if (ioctl(c->ctrl, RPMSG_CREATE_EPT_IOCTL, &info) < 0)
		return -1;
	for (int i = 0; i < 200; i++) {
		if (!find_node(c->ept_name, dst, c->node, sizeof(c->node))) {
			c->fd = open(c->node, O_RDWR | O_CLOEXEC);
			if (c->fd >= 0)
				return 0;
		}
		sleep_ms(10);
	}
	return -1;
}

static int attach_node(struct client *c)
{
	if (find_node(c->target, -1, c->node, sizeof(c->node)))
		return -1;
	c->fd = open(c->node, O_RDWR | O_CLOEXEC);
	return c->fd < 0 ? -1 : 0;
}

static int attach_tty(struct client *c)
{
	struct termios t;

	for (int i = 0; i < 16 && c->fd < 0; i++) {
		snprintf(c->node, sizeof(c->node), "/dev/ttyRPMSG%d", i);
		c->fd = open(c->node, O_RDWR | O_NOCTTY | O_CLOEXEC);
	}
	if (c->fd < 0)
		return -1;
	if (tcgetattr(c->fd, &t) == 0) {
		cfmakeraw(&t);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		tcsetattr(c->fd, TCSANOW, &t);
	}
	tcflush(c->fd, TCIOFLUSH);
	return 0;
}

static int attach(struct client *c)
{
	int ret;

	switch (c->mode) {
	case M_EPT:
		ret = attach_ept(c);
		break;
	case M_NODE:
		ret = attach_node(c);
		break;
	default:
		ret = attach_tty(c);
		break;
	}
	if (ret)
		detach(c);
	return ret;
}

/* A read or write that the watchdog may interrupt. */
static ssize_t watched_read(struct client *c, void *buf, size_t len)
{
	ssize_t n;

	c->blocked_since = now_s();
	n = read(c->fd, buf, len);
	c->blocked_since = 0;
	return n;
}

static ssize_t watched_write(struct client *c, const void *buf, size_t len)
{
	ssize_t n;

	c->blocked_since = now_s();
	n = write(c->fd, buf, len);
	c->blocked_since = 0;
	return n;
}

/* One exchange: 0 done, -1 the remote went away, -2 a wrong answer. */
static int exchange(struct client *c)
{
	char out[MTU], in[MTU + 1];
	size_t len, got = 0;
	ssize_t n;

	if (c->mode == M_EPT && !strcmp(c->target, "rpmsg-test-ctrl"))
		len = (size_t)snprintf(out, sizeof(out), "counters");
	else
		len = (size_t)snprintf(out, sizeof(out), "attach %s %lu %s",
				       c->target, c->seq,
				       "0123456789abcdefghijklmnopqrstuvwxyz" + c->seq % 36);
	c->seq++;
	if (watched_write(c, out, len) != (ssize_t)len)
		return -1;
	if (c->mode == M_TTY) {
		/* a byte stream: collect as many bytes as were written */
		while (got < len) {
			n = watched_read(c, in + got, len - got);
			if (n <= 0)
				return -1;
			got += (size_t)n;
		}
	} else {
		n = watched_read(c, in, sizeof(in));
		if (n < 0)
			return -1;
		got = (size_t)n;
	}
	in[got] = '\0';
	if (c->mode == M_EPT && !strcmp(c->target, "rpmsg-test-ctrl")) {
		if (strncmp(in, "ok counters", 11)) {
			fprintf(stderr, "rpmsg-attach: %s: answer '%.40s'\n", c->node, in);
			return -2;
		}
	} else if (got != len || memcmp(in, out, len)) {
		fprintf(stderr, "rpmsg-attach: %s: sent '%.*s', got %zu bytes '%.*s'\n",
			c->node, (int)len, out, got, (int)got, in);
		return -2;
	}
	c->exchanges++;
	return 0;
}

static void *watchdog(void *arg)
{
	struct client *c = arg;

	for (;;) {
		double since = c->blocked_since;

		sleep_ms(100);
		if (since && since == c->blocked_since && now_s() - since > c->stuck_s) {
			fprintf(stderr, "rpmsg-attach: STUCK: a read or write on %s blocked for %d s\n",
				c->node, c->stuck_s);
			c->stuck++;
			c->blocked_since = 0;
			pthread_kill(c->main_thread, SIGUSR1);
		}
	}
	return NULL;
}

static void on_signal(int sig)
{
	(void)sig;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Attach within @secs (0: try once); 0 when attached. */
static int attach_within(struct client *c, double secs)
{
	double end = now_s() + secs;

	do {
		if (!attach(c) && !exchange(c))
			return 0;
		detach(c);
		sleep_ms(20);
	} while (now_s() < end && (secs > 0 || !stop_requested(c)));
	return -1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART */
	struct client c = { .ctrl = -1, .fd = -1, .stuck_s = 30 };
	int attached = 0, final_ok, ret;
	pthread_t wd;

	if (argc < 4 || argc > 5)
		goto usage;
	if (!strcmp(argv[1], "ept"))
		c.mode = M_EPT;
	else if (!strcmp(argv[1], "node"))
		c.mode = M_NODE;
	else if (!strcmp(argv[1], "tty"))
		c.mode = M_TTY;
	else
		goto usage;
	c.target = argv[2];
	c.stopfile = argv[3];
	if (argc == 5)
		c.stuck_s = atoi(argv[4]);
	if (c.stuck_s < 1)
		goto usage;
	snprintf(c.ept_name, sizeof(c.ept_name), "attach-%s", c.target);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	c.main_thread = pthread_self();
	if (pthread_create(&wd, NULL, watchdog, &c))
		return 1;

	while (!stop_requested(&c)) {
		if (!attached) {
			if (attach_within(&c, 0)) {
				sleep_ms(20);
				continue;
			}
			attached = 1;
			if (c.detached_at) {
				c.reattaches++;
				if (c.nsamples < MAX_SAMPLES)
					c.samples[c.nsamples++] = now_s() - c.detached_at;
			}
		}
		ret = exchange(&c);
		if (ret == -2)
			c.mismatches++;
		if (ret) {
			c.detaches++;
			c.detached_at = now_s();
			detach(&c);
			attached = 0;
			continue;
		}
		sleep_ms(20);
	}

	/* The last exchange, the remote being back within stuck-seconds. */
	final_ok = attached && !exchange(&c);
	if (!final_ok) {
		detach(&c);
		final_ok = !attach_within(&c, c.stuck_s);
	}
	detach(&c);

	qsort(c.samples, (size_t)c.nsamples, sizeof(c.samples[0]), cmp_double);
	printf("rpmsg-attach %s%s%s: %lu exchanges, %lu wrong, %lu detaches, %lu reattaches",
	       argv[1], c.mode == M_TTY ? "" : " ", c.mode == M_TTY ? "" : c.target,
	       c.exchanges, c.mismatches, c.detaches, c.reattaches);
	if (c.nsamples)
		printf(" (%.2f/%.2f/%.2f s min/median/max)", c.samples[0],
		       c.samples[c.nsamples / 2], c.samples[c.nsamples - 1]);
	printf(", %lu hung, last exchange %s\n", c.stuck, final_ok ? "ok" : "FAILED");
	return c.mismatches || c.stuck || !final_ok;

usage:
	fprintf(stderr, "usage: rpmsg-attach ept|node|tty <service|name|-> <stopfile> [stuck-seconds]\n");
	return 2;
}
