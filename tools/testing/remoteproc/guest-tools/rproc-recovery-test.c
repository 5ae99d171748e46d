// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-recovery-test: crash the remote again and again while holding its
 * rpmsg-raw node open, and check that traffic comes back each time.
 *
 *   rproc-recovery-test <cycles> <crash-how> <debugfs crash file>
 *
 * <crash-how> is "firmware" (the firmware's rpmsg-test-ctrl service is
 * told "crash": it faults for real) or "debugfs" (a crash report through
 * the remote's debugfs "crash" file), or "alternate".
 *
 * Each cycle: find the rpmsg-raw node, open it, echo one message, crash
 * the remote, check that the held descriptor fails (error or hang-up, not a
 * hang) within the timeout, close it, wait for the node to come back and
 * echo through it.  The time from the crash to that first echo is the
 * recovery time; min/median/max are printed.  Before each crash the remote
 * has been up for at least MIN_UP_MS, so that the core does not take the
 * test for a firmware that crashes at start.
 *
 * Exit status 0 when every cycle passed, 1 otherwise.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#define MTU		496
#define NODE_WAIT_MS	30000
#define STALE_WAIT_MS	10000
#define MIN_UP_MS	400

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void sleep_ms(double ms)
{
	struct timespec ts = { .tv_sec = (time_t)(ms / 1e3),
			       .tv_nsec = (long)((ms - (time_t)(ms / 1e3) * 1e3) * 1e6) };

	nanosleep(&ts, NULL);
}

/* Reads the first line of a small sysfs file; 0 on success. */
static int read_attr(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	if (!fgets(buf, (int)len, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* /dev/rpmsgN of the endpoint device whose name is @name, or -1. */
static int find_node(const char *name, char *dev, size_t len)
{
	DIR *d = opendir("/sys/class/rpmsg");
	struct dirent *e;
	char path[300], val[64];
	int found = -1;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "rpmsg", 5) || !strncmp(e->d_name, "rpmsg_ctrl", 10))
			continue;
		snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/name", e->d_name);
		if (read_attr(path, val, sizeof(val)) || strcmp(val, name))
			continue;
		snprintf(dev, len, "/dev/%s", e->d_name);
		if (access(dev, R_OK | W_OK) == 0) {
			found = 0;
			break;
		}
	}
	closedir(d);
	return found;
}

/* The destination address of the channel named @name, or -1. */
static long channel_dst(const char *name)
{
	DIR *d = opendir("/sys/bus/rpmsg/devices");
	struct dirent *e;
	char path[300], val[64];
	long dst = -1;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
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
	closedir(d);
	return dst;
}

/* One echo on @fd within @timeout_ms; 0 when it came back intact. */
static int echo_once(int fd, int seq, int timeout_ms)
{
	char out[64], in[MTU + 1];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int len = snprintf(out, sizeof(out), "recovery-test %d", seq);
	ssize_t n;

	if (write(fd, out, len) != len)
		return -1;
	if (poll(&p, 1, timeout_ms) != 1 || !(p.revents & POLLIN))
		return -1;
	n = read(fd, in, sizeof(in));
	return n == len && !memcmp(in, out, len) ? 0 : -1;
}

/* Opens the rpmsg-raw node once it exists and echoes; the fd or -1. */
static int open_raw(int seq)
{
	double end = now_ms() + NODE_WAIT_MS;
	char dev[300];

	while (now_ms() < end) {
		int fd;

		if (find_node("rpmsg-raw", dev, sizeof(dev))) {
			sleep_ms(20);
			continue;
		}
		fd = open(dev, O_RDWR);
		if (fd < 0) {
			sleep_ms(20);
			continue;
		}
		if (!echo_once(fd, seq, 2000))
			return fd;
		close(fd);
		sleep_ms(20);
	}
	return -1;
}

static const char *debugfs_crash;

static int crash_debugfs(void)
{
	int fd = open(debugfs_crash, O_WRONLY);
	int ok;

	if (fd < 0) {
		perror(debugfs_crash);
		return -1;
	}
	ok = write(fd, "fatal-error", 11) == 11;
	close(fd);
	return ok ? 0 : -1;
}

/* Tells the firmware's control service to crash; it replies first. */
static int crash_firmware(void)
{
	struct rpmsg_endpoint_info info = { .name = "rpmsg-test-ctrl",
					    .src = RPMSG_ADDR_ANY };
	long dst = channel_dst("rpmsg-test-ctrl");
	char ept[300], buf[MTU + 1];
	int ctrl, fd = -1, ret = -1;
	DIR *d;
	struct dirent *e;

	if (dst < 0)
		return -1;
	info.dst = (unsigned int)dst;
	/* The lowest control node */
	for (int i = 0; i < 64; i++) {
		snprintf(ept, sizeof(ept), "/dev/rpmsg_ctrl%d", i);
		ctrl = open(ept, O_RDWR);
		if (ctrl >= 0)
			break;
	}
	if (ctrl < 0)
		return -1;

	/* The new endpoint is the node that appears; find it by its name */
	if (ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, &info) < 0)
		goto out_ctrl;
	for (int i = 0; i < 100 && fd < 0; i++) {
		d = opendir("/sys/class/rpmsg");
		while (d && (e = readdir(d))) {
			char path[300], val[64], dstv[32];

			if (strncmp(e->d_name, "rpmsg", 5) ||
			    !strncmp(e->d_name, "rpmsg_ctrl", 10))
				continue;
			snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/name", e->d_name);
			if (read_attr(path, val, sizeof(val)) || strcmp(val, "rpmsg-test-ctrl"))
				continue;
			snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/dst", e->d_name);
			if (read_attr(path, dstv, sizeof(dstv)) ||
			    strtol(dstv, NULL, 0) != dst)
				continue;
			snprintf(ept, sizeof(ept), "/dev/%s", e->d_name);
			fd = open(ept, O_RDWR);
			if (fd >= 0)
				break;
		}
		if (d)
			closedir(d);
		if (fd < 0)
			sleep_ms(10);
	}
	if (fd < 0)
		goto out_ctrl;
	if (write(fd, "crash", 5) == 5) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		/* The reply, if it makes it before the fault; not required */
		if (poll(&p, 1, 2000) == 1 && (p.revents & POLLIN))
			(void)!read(fd, buf, sizeof(buf));
		ret = 0;
	}
	/* The channel is gone after the crash; the ioctl may fail then */
	ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
	close(fd);
out_ctrl:
	close(ctrl);
	return ret;
}

/* The held descriptor must fail, not hang: 0 when it did. */
static int stale_fails(int fd)
{
	double end = now_ms() + STALE_WAIT_MS;

	while (now_ms() < end) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };

		if (write(fd, "x", 1) < 0)
			return 0;
		if (poll(&p, 1, 50) == 1 && (p.revents & (POLLERR | POLLHUP)))
			return 0;
		sleep_ms(20);
	}
	return -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int cycles = argc > 3 ? atoi(argv[1]) : 0;
	const char *how = argc > 3 ? argv[2] : "";
	double *times, up_at;
	int fd, failed = 0;

	if (cycles <= 0 || (strcmp(how, "firmware") && strcmp(how, "debugfs") &&
			    strcmp(how, "alternate"))) {
		fprintf(stderr, "usage: %s <cycles> firmware|debugfs|alternate <debugfs crash file>\n",
			argv[0]);
		return 1;
	}
	debugfs_crash = argv[3];
	times = calloc(cycles, sizeof(*times));
	if (!times)
		return 1;

	fd = open_raw(0);
	if (fd < 0) {
		fprintf(stderr, "no working rpmsg-raw node to start with\n");
		return 1;
	}
	up_at = now_ms();
	for (int c = 0; c < cycles; c++) {
		int by_fw = !strcmp(how, "firmware") ||
			    (!strcmp(how, "alternate") && (c & 1));
		double t0;

		if (now_ms() - up_at < MIN_UP_MS)
			sleep_ms(MIN_UP_MS - (now_ms() - up_at));
		t0 = now_ms();
		if ((by_fw ? crash_firmware() : crash_debugfs())) {
			fprintf(stderr, "cycle %d: cannot crash the remote (%s)\n",
				c, by_fw ? "firmware" : "debugfs");
			failed = 1;
			break;
		}
		if (stale_fails(fd)) {
			fprintf(stderr, "cycle %d: the held node still works %d ms after the crash\n",
				c, STALE_WAIT_MS);
			failed = 1;
			break;
		}
		close(fd);
		fd = open_raw(c + 1);
		if (fd < 0) {
			fprintf(stderr, "cycle %d: no traffic within %d ms of the crash\n",
				c, NODE_WAIT_MS);
			failed = 1;
			break;
		}
		up_at = now_ms();
		times[c] = up_at - t0;
	}
	if (fd >= 0)
		close(fd);
	if (!failed) {
		qsort(times, cycles, sizeof(*times), cmp_double);
		printf("recovery: %d cycles; crash to first echo: min %.1f ms, median %.1f ms, max %.1f ms\n",
		       cycles, times[0], times[cycles / 2], times[cycles - 1]);
	}
	free(times);
	return failed;
}
